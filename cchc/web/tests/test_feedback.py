"""The staff pages of feedback and petitions: the unit's members read the contacts and answer; another unit's
officer gets a 404; a district's overseers read the communes' feedback without the contacts and cannot answer;
the work list flags what is overdue."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from cchc.feedback.models import Feedback, FeedbackChannel
from cchc.feedback.petitions import feedback_answer, feedback_receive
from cchc.testing.factories import local

SENDER = {"sender_name": "Hoàng Văn Sơn", "sender_phone": "0905111222", "sender_email": "son.hoang@example.vn"}


@pytest.fixture
def feedback(cast):
    # Monday 3 July 2023 09:00; 10 working days: due Monday 17 July 09:00.
    return feedback_receive(
        unit=cast.commune_a,
        subject="Thu phí sai",
        content="Tôi, Hoàng Văn Sơn, bị thu 50.000 đồng.",
        channel=FeedbackChannel.PORTAL,
        received_at=local(2023, 7, 3, 9),
        **SENDER,
    )


def _detail(feedback: Feedback) -> str:
    return reverse("web:feedback_detail", args=[feedback.pk])


def test_the_urls(feedback):
    assert reverse("web:feedback_list") == "/can-bo/phan-anh/"
    assert _detail(feedback) == f"/can-bo/phan-anh/{feedback.pk}/"


def test_a_member_of_the_unit_reads_the_contacts_and_answers_and_publishes(client, cast, feedback):
    client.force_login(cast.desk_a)
    listing = client.get(reverse("web:feedback_list")).content.decode()
    assert feedback.code in listing and "Thu phí sai" in listing
    page = client.get(_detail(feedback)).content.decode()
    assert SENDER["sender_phone"] in page and SENDER["sender_email"] in page and 'name="answer"' in page
    response = client.post(
        _detail(feedback),
        {"answer": "Đã hoàn trả.", "publish": "on", "public_subject": "Thu phí sai", "public_content": "Bị thu phí."},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.answer, feedback.answered_by, feedback.public_content) == (
        "Đã hoàn trả.",
        cast.desk_a,
        "Bị thu phí.",
    )
    assert feedback.published_at is not None
    # Answered once: the form is gone, a second post is refused.
    assert 'name="answer"' not in client.get(_detail(feedback)).content.decode()
    assert client.post(_detail(feedback), {"answer": "Lần nữa"}).status_code == 403


def test_an_empty_answer_is_refused_with_a_message(client, cast, feedback):
    client.force_login(cast.leader_a)
    response = client.post(_detail(feedback), {"answer": "  ", "publish": "on", "public_content": ""})
    assert response.status_code == 400
    feedback.refresh_from_db()
    assert feedback.answered_at is None


def test_another_units_officer_gets_404(client, cast, feedback):
    client.force_login(cast.desk_b)
    assert client.get(_detail(feedback)).status_code == 404
    assert client.post(_detail(feedback), {"answer": "Không"}).status_code == 404
    assert feedback.code not in client.get(reverse("web:feedback_list"), {"state": "all"}).content.decode()
    feedback.refresh_from_db()
    assert feedback.answered_at is None


def test_the_districts_overseer_reads_without_contacts_and_cannot_answer(client, cast, feedback):
    client.force_login(cast.reform_officer)
    assert feedback.code in client.get(reverse("web:feedback_list")).content.decode()
    page = client.get(_detail(feedback)).content.decode()
    assert page.count(feedback.code) >= 1
    for value in [*SENDER.values(), "bị thu 50.000 đồng"]:
        assert value not in page
    assert 'name="answer"' not in page
    assert client.post(_detail(feedback), {"answer": "Không"}).status_code == 403
    feedback.refresh_from_db()
    assert feedback.answered_at is None


def test_a_bad_id_is_404(client, cast):
    client.force_login(cast.desk_a)
    assert client.get("/can-bo/phan-anh/" + "9" * 30 + "/").status_code == 404
    assert client.get("/can-bo/phan-anh/abc/").status_code == 404


def test_the_list_filters(client, cast, feedback):
    other = feedback_receive(
        unit=cast.commune_a,
        content="Đã xong",
        channel=FeedbackChannel.PORTAL,
        received_at=local(2023, 7, 3, 10),
        **SENDER,
    )
    feedback_answer(feedback=other, by=cast.leader_a, answer="OK", at=local(2023, 7, 4, 9))
    client.force_login(cast.desk_a)
    url = reverse("web:feedback_list")
    assert client.get(url, {"state": "bogus", "unit": "x"}).status_code == 200
    with time_machine.travel(local(2023, 7, 18, 9), tick=False):
        overdue = client.get(url, {"state": "overdue"}).content.decode()
        answered = client.get(url, {"state": "answered"}).content.decode()
    assert feedback.code in overdue and other.code not in overdue and "flag-overdue" in overdue
    assert other.code in answered and feedback.code not in answered


def _worklist_at(client, user, when) -> str:
    # Logged in at that moment: the session ends after CCHC_SESSION_IDLE_MINUTES without a request.
    with time_machine.travel(when, tick=False):
        client.force_login(user)
        return client.get(reverse("web:worklist")).content.decode()


def test_the_work_list_flags_overdue_and_due_soon_feedback_to_the_unit(client, cast, feedback):
    # Friday 14 July 2023 10:00: due Monday 17 July 09:00, within a working day (CCHC_DUE_SOON_WORKING_DAYS = 1).
    page = _worklist_at(client, cast.desk_a, local(2023, 7, 14, 10))
    assert 'id="feedback-due"' in page and "state=unanswered" in page and "state=overdue" not in page
    # Thursday 13 July 09:00: more than a working day ahead, no banner.
    assert 'id="feedback-due"' not in _worklist_at(client, cast.desk_a, local(2023, 7, 13, 9))
    # Tuesday 18 July: overdue.
    page = _worklist_at(client, cast.desk_a, local(2023, 7, 18, 9))
    assert 'id="feedback-due"' in page and f"{reverse('web:feedback_list')}?state=overdue" in page
    # Not to another commune's officer; not once answered.
    assert 'id="feedback-due"' not in _worklist_at(client, cast.desk_b, local(2023, 7, 18, 9))
    feedback_answer(feedback=feedback, by=cast.leader_a, answer="Đã trả lời", at=local(2023, 7, 18, 10))
    assert 'id="feedback-due"' not in _worklist_at(client, cast.desk_a, local(2023, 7, 18, 11))
