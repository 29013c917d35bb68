"""Writes for citizens' feedback and petitions (phản ánh, kiến nghị, PAKN; domain.md §2.11): received from the
portal or entered by staff, routed to one unit, answered once by a member of that unit, the answer published on
the portal without the sender's personal data. cchc.feedback.services re-exports these functions.

- The reference code: `PAKN-<YYMMDD>-<NNNN>`, one sequence for the whole installation per local day, taken from
  the same atomic counter as the dossier codes (cchc/dossiers/codes.py), so two simultaneous posts never get the
  same code; the key "PAKN" cannot be an agency code (those are digits and dots: "000.21.27.H45").
- The answer is due CCHC_FEEDBACK_ANSWER_WORKING_DAYS working days after receipt, counted on the unit's calendar
  from the next office session when received outside office hours (cchc.lib.workdays.calendar(unit)).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.accounts.models import Membership, User
from cchc.dossiers.codes import _next_number
from cchc.lib import workdays
from cchc.lib.text import TextError, clean_text
from cchc.units.models import Unit

from .models import Feedback, FeedbackChannel, FeedbackKind

if TYPE_CHECKING:
    from cchc.dossiers.models import Dossier
    from cchc.procedures.models import Procedure

CODE_PREFIX = "PAKN"
# Lengths a sender may type (the model's own limits for the short fields; the content is free text, but a
# petition is read by a person: 5,000 characters is about two printed pages).
SUBJECT_MAX = 300
CONTENT_MAX = 5000
ANSWER_MAX = 10000
NAME_MAX = 200
ADDRESS_MAX = 300
PHONE_PATTERN = re.compile(r"^\+?[0-9 .()-]{9,20}$")

LABELS = {
    "subject": gettext_lazy("Subject"),
    "content": gettext_lazy("Content"),
    "sender_name": gettext_lazy("Full name"),
    "sender_phone": gettext_lazy("Phone"),
    "sender_email": gettext_lazy("E-mail"),
    "sender_address": gettext_lazy("Address"),
    "answer": gettext_lazy("Answer"),
    "public_subject": gettext_lazy("Subject as published"),
    "public_content": gettext_lazy("Content as published"),
}


def next_feedback_code(received_at: dt.datetime) -> str:
    """Take the next public reference for a feedback received at `received_at` (call it inside the transaction
    that creates the row: a rolled-back receipt rolls its number back with it)."""
    day = received_at.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    return f"{CODE_PREFIX}-{day:%y%m%d}-{_next_number(CODE_PREFIX, day):04d}"


def answer_due_at(unit: Unit, received_at: dt.datetime) -> dt.datetime:
    """The moment the answer falls due: CCHC_FEEDBACK_ANSWER_WORKING_DAYS working days of office time after the
    receipt (moved into office time first), on the calendar of the unit addressed."""
    return workdays.calendar(unit).add_working_days(received_at, settings.CCHC_FEEDBACK_ANSWER_WORKING_DAYS)


def _text(errors: dict[str, list[str]], field: str, value: str, limit: int, *, required: bool = False) -> str:
    """`value` cleaned (clean_text) and stripped; an error on `field` when it is empty but required, too long, or
    holds a control character."""
    try:
        text = clean_text(value or "", LABELS[field]).strip()
    except TextError as exc:
        errors.setdefault(field, []).append(str(exc))
        return ""
    if required and not text:
        errors.setdefault(field, []).append(_("%(field)s is required.") % {"field": LABELS[field]})
    elif len(text) > limit:
        errors.setdefault(field, []).append(
            _("%(field)s is too long: at most %(limit)d characters (it has %(length)d).")
            % {"field": LABELS[field], "limit": limit, "length": len(text)}
        )
    return text


def desk_unit_of(dossier: Dossier) -> Unit:
    """The unit whose desk holds the dossier now (its receiving unit's successor once that unit stopped existing)."""
    return dossier.current_desk_unit or dossier.receiving_unit


@transaction.atomic
def feedback_receive(
    *,
    unit: Unit | None = None,
    content: str,
    subject: str = "",
    kind: str = FeedbackKind.REGULATION,
    channel: str = FeedbackChannel.OTHER,
    sender_name: str = "",
    sender_phone: str = "",
    sender_email: str = "",
    sender_address: str = "",
    dossier: Dossier | None = None,
    procedure: Procedure | None = None,
    received_at: dt.datetime | None = None,
) -> Feedback:
    """Record a citizen's feedback or petition addressed to `unit`, with its public reference and answer due date.

    A feedback about a `dossier` goes to the unit whose desk holds it, whatever `unit` says (the caller passes a
    dossier only when the sender proved to hold it). Sent through the portal it needs the sender's name and a phone
    number or an e-mail address, where the answer goes. Raises ValidationError (a message per field) and writes
    nothing when something is wrong.
    """
    errors: dict[str, list[str]] = {}
    received_at = received_at or timezone.now()
    if dossier is not None:
        unit = desk_unit_of(dossier)
    if unit is None:
        errors.setdefault("unit", []).append(_("Choose the unit the feedback is addressed to."))
    elif not unit.in_force_on(timezone.localtime(received_at).date()):
        errors.setdefault("unit", []).append(
            _("%(unit)s no longer exists: address the feedback to the unit that took over its tasks.")
            % {"unit": unit.name}
        )
    if kind not in FeedbackKind.values:
        errors.setdefault("kind", []).append(_("Unknown kind of feedback: %(value)s.") % {"value": kind})
    if channel not in FeedbackChannel.values:
        errors.setdefault("channel", []).append(_("Unknown channel: %(value)s.") % {"value": channel})
    subject = _text(errors, "subject", subject, SUBJECT_MAX)
    content = _text(errors, "content", content, CONTENT_MAX)
    if not content and "content" not in errors:
        errors["content"] = [_("The feedback has no content.")]
    name = _text(errors, "sender_name", sender_name, NAME_MAX)
    phone = _text(errors, "sender_phone", sender_phone, 32)
    email = _text(errors, "sender_email", sender_email, 254)
    address = _text(errors, "sender_address", sender_address, ADDRESS_MAX)
    if phone and not PHONE_PATTERN.fullmatch(phone):
        errors.setdefault("sender_phone", []).append(
            _("Enter a phone number of 9 to 20 digits (spaces, dots and dashes allowed).")
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("sender_email", []).append(_("Enter a valid e-mail address."))
    if channel == FeedbackChannel.PORTAL:
        if not name and "sender_name" not in errors:
            errors["sender_name"] = [_("Give your name: the answer is addressed to you.")]
        if not (phone or email) and not ({"sender_phone", "sender_email"} & errors.keys()):
            errors["sender_phone"] = [_("Give a phone number or an e-mail address where the answer can reach you.")]
    if errors:
        raise ValidationError(errors)
    assert unit is not None
    return Feedback.objects.create(
        unit=unit,
        dossier=dossier,
        procedure=procedure,
        kind=kind,
        channel=channel,
        code=next_feedback_code(received_at),
        subject=subject,
        content=content,
        sender_name=name,
        sender_phone=phone,
        sender_email=email,
        sender_address=address,
        received_at=received_at,
        due_at=answer_due_at(unit, received_at),
    )


def can_answer(user: User, feedback: Feedback) -> bool:
    """Only the unit the feedback was sent to answers it: a member of that unit (any role), or a superuser."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return bool(user.is_superuser or Membership.objects.filter(user=user, unit_id=feedback.unit_id).exists())


@transaction.atomic
def feedback_answer(
    *,
    feedback: Feedback,
    by: User,
    answer: str,
    publish: bool = False,
    public_subject: str | None = None,
    public_content: str | None = None,
    at: dt.datetime | None = None,
) -> Feedback:
    """Answer a feedback once, as a member of the unit it was addressed to; with `publish` the answer is published
    on the portal at once, under the unit's name (never the officer's), with the subject and content as
    `public_subject` / `public_content` give them (the officer takes out the personal data the sender typed; by
    default the sender's own words). The sender's name and contacts are never published."""
    locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if not can_answer(by, locked):
        raise PermissionDenied(_("Only the unit the feedback was sent to can answer it."))
    if locked.answered_at is not None:
        raise ValidationError(_("This feedback was already answered."))
    errors: dict[str, list[str]] = {}
    text = _text(errors, "answer", answer, ANSWER_MAX)
    if not text and "answer" not in errors:
        errors["answer"] = [_("The answer is empty.")]
    shown_subject = shown_content = ""
    if publish:
        shown_subject = _text(
            errors, "public_subject", locked.subject if public_subject is None else public_subject, SUBJECT_MAX
        )
        shown_content = _text(
            errors,
            "public_content",
            locked.content if public_content is None else public_content,
            CONTENT_MAX,
            required=True,
        )
    at = at or timezone.now()
    if at < locked.received_at:
        errors.setdefault("answer", []).append(_("An answer cannot come before the feedback."))
    if errors:
        raise ValidationError(errors)
    locked.answer, locked.answered_at, locked.answered_by = text, at, by
    fields = ["answer", "answered_at", "answered_by"]
    if publish:
        locked.published_at, locked.public_subject, locked.public_content = at, shown_subject, shown_content
        fields += ["published_at", "public_subject", "public_content"]
    locked.save(update_fields=fields)
    for name in fields:
        setattr(feedback, name, getattr(locked, name))
    return locked
