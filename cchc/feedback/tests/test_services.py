"""Evaluations and feedback: recorded as given, answered once, by the unit addressed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.feedback.models import Evaluation, Satisfaction
from cchc.feedback.services import evaluation_submit, feedback_answer, feedback_receive
from cchc.testing.factories import local, received_dossier


def test_evaluation_submit(cast):
    dossier = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9))
    evaluation = evaluation_submit(
        dossier=dossier, satisfaction=Satisfaction.VERY_SATISFIED, submitted_at=local(2023, 7, 5, 9), comment=" ok "
    )
    assert (evaluation.satisfaction, evaluation.comment) == (Satisfaction.VERY_SATISFIED, "ok")
    with pytest.raises(ValidationError):
        evaluation_submit(dossier=dossier, satisfaction="delighted")
    with pytest.raises(ValidationError):
        evaluation_submit(dossier=dossier, satisfaction=Satisfaction.SATISFIED, submitted_at=local(2023, 7, 1))
    assert Evaluation.objects.count() == 1


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
