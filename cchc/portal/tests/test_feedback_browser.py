"""In chromium: a citizen sends feedback at phone width, an officer answers and publishes it at desktop width, the
citizen sees it published on /phan-anh/; no serious accessibility issue on the portal's feedback pages."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from cchc.feedback.models import Feedback
from cchc.testing.browser import DESKTOP, assert_accessible, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_feedback_sent_on_a_phone_answered_by_the_unit_and_published(live_server, cast, phone):
    cache.clear()
    # The officer's own desktop browser window (one Playwright per test: a second context of the same chromium).
    officer = phone.context.browser.new_context(viewport=DESKTOP, locale="vi-VN")
    officer.set_default_timeout(15000)
    page = officer.new_page()
    phone.goto(live_server.url + "/phan-anh/")
    assert_accessible(phone)
    shot(phone, "feedback-form-phone")

    # Sent without a contact: refused with a message, nothing stored.
    phone.select_option("#fb-unit", cast.commune_a.code)
    phone.fill("#fb-subject", "Giờ mở cửa")
    phone.fill("#fb-content", "Bộ phận một cửa mở cửa lúc 8 giờ thay vì 7 giờ. Tôi là Lê Thị Hằng.")
    phone.fill("#fb-sender_name", "Lê Thị Hằng")
    phone.get_by_role("button", name=re.compile("Gửi phản ánh")).click()
    phone.wait_for_selector(".p-errors")
    assert not Feedback.objects.exists()
    assert_accessible(phone)
    shot(phone, "feedback-form-errors-phone")

    phone.fill("#fb-sender_phone", "0915 222 333")
    phone.get_by_role("button", name=re.compile("Gửi phản ánh")).click()
    phone.wait_for_url(re.compile(r"/phan-anh/PAKN-\d{6}-\d{4}/$"))
    feedback = Feedback.objects.get()
    assert feedback.code in phone.locator("h1").inner_text()
    assert "0915 222 333" not in phone.content()
    assert_accessible(phone)
    shot(phone, "feedback-sent-phone")

    # The officer of the commune answers and publishes it, without the sender's name.
    page.goto(live_server.url + "/can-bo/dang-nhap/")
    page.fill("#id_username", "leader_a")
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/can-bo/$"))
    page.get_by_role("link", name="Phản ánh, kiến nghị").first.click()
    page.get_by_role("link", name=feedback.code).click()
    page.wait_for_url(re.compile(rf"/can-bo/phan-anh/{feedback.pk}/$"))
    page.wait_for_selector("#id_answer")
    assert "0915 222 333" in page.content()
    shot(page, "feedback-staff-detail-desktop")
    page.fill("#id_answer", "Từ ngày 4/12, Bộ phận một cửa mở cửa đúng 7 giờ.")
    page.check("#id_publish")
    page.fill("#id_public_content", "Bộ phận một cửa mở cửa lúc 8 giờ thay vì 7 giờ.")
    page.get_by_role("button", name="Gửi kết quả trả lời").click()
    page.wait_for_selector(".msg-success")
    shot(page, "feedback-staff-answered-desktop")
    feedback.refresh_from_db()
    assert feedback.published_at is not None

    # The citizen sees it published, without the name.
    phone.goto(live_server.url + "/phan-anh/")
    published = phone.locator(".p-fb-item").first
    assert "đúng 7 giờ" in published.inner_text()
    assert "Lê Thị Hằng" not in phone.content() and "leader_a" not in phone.content()
    assert_accessible(phone)
    shot(phone, "feedback-published-phone")
    page.goto(live_server.url + "/phan-anh/")
    assert_accessible(page)
    shot(page, "feedback-published-desktop")
    phone.goto(live_server.url + f"/phan-anh/{feedback.code}/")
    assert "đúng 7 giờ" in phone.content()
    assert_accessible(phone)
    shot(phone, "feedback-detail-phone")
