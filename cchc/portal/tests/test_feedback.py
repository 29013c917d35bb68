"""The portal's feedback form (/phan-anh/): sent with a reference and a due date, throttled per address, a honeypot,
a double post answered with the first feedback, a dossier code that tells a stranger nothing, and pages that never
show the sender's name or contacts, nor the officer who answered."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cchc.feedback.models import Feedback, FeedbackChannel, FeedbackKind
from cchc.feedback.petitions import feedback_answer, feedback_receive
from cchc.portal import access
from cchc.testing.factories import received_dossier

URL = "/phan-anh/"
SENDER = {"sender_name": "Phạm Thị Lụa", "sender_phone": "0987 654 321", "sender_email": "lua.pham@example.vn"}


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()
    yield
    cache.clear()


def _token(client) -> str:
    html = client.get(URL).content.decode()
    found = re.search(r'name="form_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def _post(client, cast, **overrides):
    data = {
        "unit": cast.commune_a.code,
        "kind": FeedbackKind.REGULATION,
        "subject": "Giờ làm việc",
        "content": "Bộ phận một cửa mở cửa muộn.",
        "form_token": _token(client),
        **SENDER,
    }
    data.update(overrides)
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def test_the_urls_are_the_contract():
    assert reverse("portal:feedback") == "/phan-anh/"
    assert reverse("portal:feedback_detail", args=["PAKN-261201-0001"]) == "/phan-anh/PAKN-261201-0001/"


def test_a_citizen_sends_feedback_and_gets_its_reference_and_due_date(client, cast):
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert cast.commune_a.name in html and f'<optgroup label="{cast.district.name}">' in html
    response = _post(client, cast)
    feedback = Feedback.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/phan-anh/{feedback.code}/"
    assert (feedback.channel, feedback.unit, feedback.sender_name) == (
        FeedbackChannel.PORTAL,
        cast.commune_a,
        SENDER["sender_name"],
    )
    followed = client.get(response["Location"]).content.decode()
    assert feedback.code in followed
    assert f"{timezone.localtime(feedback.due_at):%d/%m/%Y}" in followed
    # The sender's browser sees its own words; its contacts appear nowhere.
    assert "Bộ phận một cửa mở cửa muộn." in followed
    for value in SENDER.values():
        assert value not in followed


def test_a_missing_contact_is_refused_with_a_message_and_nothing_is_stored(client, cast):
    response = _post(client, cast, sender_phone="", sender_email="")
    assert response.status_code == 400
    assert "fb-sender_phone" in response.content.decode()
    response = _post(client, cast, unit="no-such-unit", content="")
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_a_double_post_gives_the_first_feedback(client, cast):
    token = _token(client)
    first = _post(client, cast, form_token=token)
    second = _post(client, cast, form_token=token)
    assert first["Location"] == second["Location"]
    assert Feedback.objects.count() == 1


def test_the_honeypot_stores_nothing(client, cast):
    response = _post(client, cast, website="http://spam.example")
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_a_burst_is_refused_with_429_and_nothing_stored(client, cast, settings):
    settings.CCHC_FEEDBACK_PER_ADDRESS_PER_HOUR = 3
    for _ in range(3):
        assert _post(client, cast).status_code == 302
    response = _post(client, cast)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Nothing was recorded" in response.content.decode() or "Không có gì được ghi" in response.content.decode()
    assert Feedback.objects.count() == 3
    # Another address is not held back.
    assert _post(client, cast, **{}).status_code == 429
    other = client.post(URL, {}, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 400


def test_a_stranger_learns_nothing_from_a_dossier_code(client, cast):
    dossier = received_dossier(cast.commune_a)
    # A stranger (wrong phone) naming the dossier: not linked, addressed to the unit chosen, the code kept as text.
    response = _post(client, cast, unit=cast.commune_b.code, dossier_code=dossier.code, kind=FeedbackKind.CONDUCT)
    stranger = Feedback.objects.get()
    assert (stranger.dossier, stranger.unit) == (None, cast.commune_b)
    assert dossier.code in stranger.content
    page = client.get(response["Location"]).content.decode()
    assert dossier.applicant_name not in page and cast.commune_a.name not in page
    # A code that does not exist gives the same answer.
    assert _post(client, cast, unit=cast.commune_b.code, dossier_code="000.21.27.H45-230703-9999").status_code == 302


def test_the_holder_of_the_dossier_gets_it_linked_to_its_desk(client, cast):
    dossier = received_dossier(cast.commune_a)
    _post(client, cast, unit=cast.commune_b.code, dossier_code=dossier.code, sender_phone=dossier.applicant_phone)
    assert Feedback.objects.get().dossier == dossier and Feedback.objects.get().unit == cast.commune_a
    # Or remembered in the browser session (after tracking it).
    other = received_dossier(cast.commune_b)
    session = client.session
    session[access.SESSION_KEY] = [other.code]
    session.save()
    _post(client, cast, unit=cast.commune_a.code, dossier_code=other.code)
    assert Feedback.objects.order_by("-pk").first().dossier == other


def test_published_answers_hide_the_sender_and_the_officer(client, cast):
    feedback = feedback_receive(
        unit=cast.commune_a,
        subject="Phí sao y",
        content="Tôi là Phạm Thị Lụa, bị thu thêm phí.",
        channel=FeedbackChannel.PORTAL,
        **SENDER,
    )
    quiet = feedback_receive(unit=cast.commune_a, content="Chưa công bố", channel=FeedbackChannel.PORTAL, **SENDER)
    feedback_answer(
        feedback=feedback,
        by=cast.leader_a,
        answer="Đã hoàn trả khoản thu sai.",
        publish=True,
        public_content="Công dân phản ánh bị thu thêm phí sao y.",
    )
    feedback_answer(feedback=quiet, by=cast.leader_a, answer="Trả lời riêng")
    officer = cast.leader_a
    pages = [client.get(URL), client.get(URL, {"q": "phi sao y"}), client.get(f"/phan-anh/{feedback.code}/")]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "Đã hoàn trả khoản thu sai." in html and "Công dân phản ánh bị thu thêm phí sao y." in html
        for secret in [*SENDER.values(), "Tôi là Phạm Thị Lụa", officer.username, officer.full_name]:
            assert secret not in html, secret
        assert "Chưa công bố" not in html and "Trả lời riêng" not in html
    # An unpublished one, by its reference, from another browser: its state only.
    html = client.get(f"/phan-anh/{quiet.code}/").content.decode()
    assert "Chưa công bố" not in html and "Trả lời riêng" not in html and quiet.code in html
    assert client.get(URL, {"q": "khong co"}).status_code == 200
    assert client.get("/phan-anh/PAKN-000000-0000/").status_code == 404
