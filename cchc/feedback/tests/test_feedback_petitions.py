"""Feedback and petitions (phản ánh, kiến nghị): received with a unique reference and a due date counted by the
rule, routed to the unit addressed (or the desk of the dossier named), answered once, published without the
sender's personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.dossiers.models import DossierCodeCounter
from cchc.feedback.models import Feedback, FeedbackChannel, FeedbackKind
from cchc.feedback.petitions import feedback_answer, feedback_receive
from cchc.testing.factories import local, received_dossier
from cchc.units.models import CalendarDay, CalendarDayKind

PORTAL = {"channel": FeedbackChannel.PORTAL, "sender_name": "Trần Văn Nam", "sender_phone": "0912 345 678"}


def test_a_portal_feedback_gets_a_reference_and_its_due_date_by_the_rule(cast, settings):
    settings.CCHC_FEEDBACK_ANSWER_WORKING_DAYS = 10
    # Monday 3 July 2023, 09:00, within the morning session. 10 working days of office time later, Monday to Friday
    # with no holiday in between (3-7, 10-14 July): Monday 17 July 09:00.
    first = feedback_receive(unit=cast.commune_a, content=" Xếp hàng lâu ", received_at=local(2023, 7, 3, 9), **PORTAL)
    second = feedback_receive(unit=cast.commune_b, content="Thiếu ghế", received_at=local(2023, 7, 3, 10), **PORTAL)
    assert (first.code, second.code) == ("PAKN-230703-0001", "PAKN-230703-0002")
    assert first.content == "Xếp hàng lâu"
    assert first.due_at == local(2023, 7, 17, 9)
    # The next day the sequence starts again.
    assert feedback_receive(unit=cast.commune_a, content="x", received_at=local(2023, 7, 4, 9), **PORTAL).code == (
        "PAKN-230704-0001"
    )


def test_the_due_date_follows_the_units_calendar(cast, settings):
    settings.CCHC_FEEDBACK_ANSWER_WORKING_DAYS = 10
    # A swapped day off on Wednesday 12 July 2023 takes one working day out: 10 working days after Monday 3 July
    # 09:00 are then 3-7, 10, 11, 13, 14, 17 July, due Tuesday 18 July 09:00. Received on Saturday 1 July, the
    # count starts at the next session, Monday 3 July 07:00, and ten whole working days end with the tenth one's
    # office time (cchc.lib.workdays: a deadline at a session's end is that end): Monday 17 July 17:00.
    CalendarDay.objects.create(date=dt.date(2023, 7, 12), kind=CalendarDayKind.DAY_OFF)
    on_monday = feedback_receive(unit=cast.commune_a, content="a", received_at=local(2023, 7, 3, 9), **PORTAL)
    on_saturday = feedback_receive(unit=cast.commune_a, content="b", received_at=local(2023, 7, 1, 20), **PORTAL)
    assert on_monday.due_at == local(2023, 7, 18, 9)
    assert on_saturday.due_at == local(2023, 7, 17, 17)


def test_the_portal_needs_a_name_and_a_way_to_answer(cast):
    with pytest.raises(ValidationError) as caught:
        feedback_receive(unit=cast.commune_a, content="a", channel=FeedbackChannel.PORTAL)
    assert set(caught.value.message_dict) == {"sender_name", "sender_phone"}
    with pytest.raises(ValidationError) as caught:
        feedback_receive(
            unit=cast.commune_a,
            content="a" * 5001,
            subject="s",
            channel=FeedbackChannel.PORTAL,
            sender_name="A",
            sender_phone="12",
            sender_email="not-an-address",
        )
    assert set(caught.value.message_dict) == {"content", "sender_phone", "sender_email"}
    with pytest.raises(ValidationError) as caught:
        feedback_receive(unit=cast.commune_a, content="a\x00b", **PORTAL)
    assert "U+0000" in caught.value.message_dict["content"][0]
    with pytest.raises(ValidationError):
        feedback_receive(unit=None, content="a", **PORTAL)
    # An e-mail address alone is enough to answer.
    feedback_receive(
        unit=cast.commune_a, content="a", channel=FeedbackChannel.PORTAL, sender_name="A", sender_email="a@b.vn"
    )
    assert Feedback.objects.count() == 1


def test_a_retired_unit_is_refused(cast):
    cast.commune_b.valid_to = dt.date(2025, 6, 30)
    cast.commune_b.save()
    with pytest.raises(ValidationError) as caught:
        feedback_receive(unit=cast.commune_b, content="a", received_at=local(2025, 7, 2, 9), **PORTAL)
    assert "unit" in caught.value.message_dict
    assert not Feedback.objects.exists()


def test_a_feedback_on_a_dossier_goes_to_its_desk(cast):
    dossier = received_dossier(cast.commune_a)
    feedback = feedback_receive(
        unit=cast.commune_b, dossier=dossier, kind=FeedbackKind.CONDUCT, content="Bị hẹn lại nhiều lần", **PORTAL
    )
    assert (feedback.unit, feedback.dossier, feedback.kind) == (cast.commune_a, dossier, FeedbackKind.CONDUCT)


def test_answered_once_by_the_unit_addressed_and_published_without_personal_data(cast):
    feedback = feedback_receive(
        unit=cast.commune_a,
        subject="Thái độ cán bộ",
        content="Tôi là Trần Văn Nam, số 0912345678, bị gắt gỏng.",
        received_at=local(2023, 7, 3, 9),
        **PORTAL,
    )
    with pytest.raises(PermissionDenied):
        feedback_answer(feedback=feedback, by=cast.desk_b, answer="Không")
    with pytest.raises(PermissionDenied):  # a district reform officer reads the communes' feedback, never answers
        feedback_answer(feedback=feedback, by=cast.reform_officer, answer="Không")
    with pytest.raises(ValidationError):
        feedback_answer(feedback=feedback, by=cast.leader_a, answer=" ")
    with pytest.raises(ValidationError):  # publishing needs something to publish
        feedback_answer(feedback=feedback, by=cast.leader_a, answer="Đã nhắc nhở", publish=True, public_content=" ")
    feedback.refresh_from_db()
    assert feedback.answered_at is None
    feedback_answer(
        feedback=feedback,
        by=cast.leader_a,
        answer="Đã nhắc nhở cán bộ.",
        publish=True,
        public_content="Công dân phản ánh bị cán bộ gắt gỏng.",
        at=local(2023, 7, 4, 9),
    )
    feedback.refresh_from_db()
    assert (feedback.answered_by, feedback.answered_at, feedback.published_at) == (
        cast.leader_a,
        local(2023, 7, 4, 9),
        local(2023, 7, 4, 9),
    )
    assert (feedback.public_subject, feedback.public_content) == (
        "Thái độ cán bộ",
        "Công dân phản ánh bị cán bộ gắt gỏng.",
    )
    with pytest.raises(ValidationError):
        feedback_answer(feedback=feedback, by=cast.leader_a, answer="Lần nữa")


def test_an_answer_not_published_stays_off_the_portal(cast):
    feedback = feedback_receive(unit=cast.commune_a, content="Riêng tư", **PORTAL)
    feedback_answer(feedback=feedback, by=cast.desk_a, answer="Đã xử lý")
    feedback.refresh_from_db()
    assert feedback.answered_at is not None and feedback.published_at is None and feedback.public_content == ""


def test_the_reference_comes_from_the_dossier_codes_atomic_counter(cast):
    """The same upsert as the dossier codes (their concurrency test: cchc/dossiers/tests/test_codes.py), under a key
    no agency code can be; a refused feedback takes no number."""
    with pytest.raises(ValidationError):
        feedback_receive(unit=cast.commune_a, content="", received_at=local(2023, 7, 3, 9), **PORTAL)
    feedback_receive(unit=cast.commune_a, content="x", received_at=local(2023, 7, 3, 9), **PORTAL)
    assert DossierCodeCounter.objects.get(agency_code="PAKN", day=dt.date(2023, 7, 3)).last == 1
