"""Feedback: recorded as given, answered once, by the unit addressed (evaluations: test_evaluation.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.feedback.services import feedback_answer, feedback_receive
from cchc.testing.factories import local


def test_feedback_is_answered_once_by_the_unit_addressed(cast):
    feedback = feedback_receive(
        unit=cast.commune_a, content="Queue too long", sender_name="Lê B", received_at=local(2023, 7, 3, 9)
    )
    with pytest.raises(PermissionDenied):
        feedback_answer(feedback=feedback, by=cast.desk_b, answer="No")
    with pytest.raises(ValidationError):
        feedback_answer(feedback=feedback, by=cast.leader_a, answer=" ")
    feedback_answer(feedback=feedback, by=cast.leader_a, answer="A second desk opens", at=local(2023, 7, 4, 9))
    feedback.refresh_from_db()
    assert (feedback.answered_by, feedback.answered_at) == (cast.leader_a, local(2023, 7, 4, 9))
    with pytest.raises(ValidationError):
        feedback_answer(feedback=feedback, by=cast.leader_a, answer="Again")
    with pytest.raises(ValidationError):
        feedback_receive(unit=cast.commune_a, content="")
