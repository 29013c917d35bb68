"""Writes for citizens' evaluations and their feedback and petitions (phản ánh, kiến nghị)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts.models import Membership, User
from cchc.units.models import Unit

from .models import Evaluation, Feedback, Satisfaction

if TYPE_CHECKING:
    from cchc.dossiers.models import Dossier


@transaction.atomic
def evaluation_submit(
    *, dossier: Dossier, satisfaction: str, submitted_at: dt.datetime | None = None, comment: str = ""
) -> Evaluation:
    """Record a satisfaction evaluation of a dossier (desk device, paper form or online). Anonymous by design."""
    if satisfaction not in Satisfaction.values:
        raise ValidationError(_("Unknown satisfaction level: %(value)s.") % {"value": satisfaction})
    submitted_at = submitted_at or timezone.now()
    if submitted_at < dossier.received_at:
        raise ValidationError(_("A dossier cannot be evaluated before it was received."))
    return Evaluation.objects.create(
        dossier=dossier, satisfaction=satisfaction, submitted_at=submitted_at, comment=comment.strip()
    )


@transaction.atomic
def feedback_receive(
    *,
    unit: Unit,
    content: str,
    sender_name: str = "",
    dossier: Dossier | None = None,
    received_at: dt.datetime | None = None,
) -> Feedback:
    """Record a citizen's feedback or petition addressed to `unit`."""
    if not (content or "").strip():
        raise ValidationError(_("The feedback has no content."))
    return Feedback.objects.create(
        unit=unit,
        dossier=dossier,
        content=content.strip(),
        sender_name=sender_name.strip(),
        received_at=received_at or timezone.now(),
    )


@transaction.atomic
def feedback_answer(*, feedback: Feedback, by: User, answer: str, at: dt.datetime | None = None) -> Feedback:
    """Answer a feedback once, as a member of the unit it was addressed to."""
    if not (answer or "").strip():
        raise ValidationError(_("The answer is empty."))
    locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if not (by.is_superuser or Membership.objects.filter(user=by, unit_id=locked.unit_id).exists()):
        raise PermissionDenied(_("Only the unit the feedback was sent to can answer it."))
    if locked.answered_at is not None:
        raise ValidationError(_("This feedback was already answered."))
    at = at or timezone.now()
    if at < locked.received_at:
        raise ValidationError(_("An answer cannot come before the feedback."))
    locked.answer, locked.answered_at, locked.answered_by = answer.strip(), at, by
    locked.save(update_fields=["answer", "answered_at", "answered_by"])
    feedback.answer, feedback.answered_at, feedback.answered_by = locked.answer, locked.answered_at, by
    return locked
