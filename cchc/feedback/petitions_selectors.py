"""Reads of feedback and petitions (phản ánh, kiến nghị): what the portal publishes, what the staff read and answer,
and what falls due.

Who reads what (cchc.accounts.access): a member of the unit a feedback was sent to reads it with the sender's
contacts and answers it; the leaders and reform officers of a district or province read the feedback of the units
below theirs, without the contacts, and never answer. The portal shows only published feedback, through
`public_view`, which holds no personal data at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from cchc.accounts import access
from cchc.accounts.models import Membership
from cchc.lib import workdays
from cchc.procedures.selectors import fold
from cchc.units.models import Unit

from .models import Feedback


# --- the portal ---
def published_feedback(q: str = "") -> QuerySet[Feedback]:
    """The published feedback, newest publication first; `q` matches the public subject, content and answer with
    diacritics and letter case ignored (every word must occur), folded in Python as the catalogue search is."""
    qs = Feedback.objects.filter(published_at__isnull=False).select_related("unit").order_by("-published_at", "-pk")
    words = fold(q).split()
    if not words:
        return qs
    rows = qs.values_list("pk", "code", "public_subject", "public_content", "answer")
    matching = [
        pk
        for pk, *texts in rows.iterator(chunk_size=2000)
        if all(word in fold(" ".join(t or "" for t in texts)) for word in words)
    ]
    return qs.filter(pk__in=matching)


@dataclass(frozen=True)
class PublicFeedback:
    """What a portal page may show of one feedback: no sender's name or contacts, no officer, no dossier."""

    code: str
    kind: str
    kind_label: str
    unit_name: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    answered: bool
    answered_at: dt.datetime | None
    published: bool
    published_at: dt.datetime | None
    subject: str
    content: str
    answer: str
    procedure_name: str


def public_view(feedback: Feedback, *, sender: bool = False) -> PublicFeedback:
    """The portal's view of `feedback`. Published: its public subject and content and the answer. Otherwise only
    the state and dates, unless `sender` (this browser sent it): then also the sender's own words and the answer
    (the sender wrote them; still no contacts and no officer)."""
    published = feedback.published_at is not None
    shown = published or sender
    if published:
        subject, content = feedback.public_subject, feedback.public_content
    else:
        subject, content = (feedback.subject, feedback.content) if sender else ("", "")
    return PublicFeedback(
        code=feedback.code or "",
        kind=feedback.kind,
        kind_label=str(feedback.get_kind_display()),
        unit_name=feedback.unit.name,
        received_at=feedback.received_at,
        due_at=feedback.due_at,
        answered=feedback.answered_at is not None,
        answered_at=feedback.answered_at,
        published=published,
        published_at=feedback.published_at,
        subject=subject,
        content=content,
        answer=feedback.answer if shown else "",
        procedure_name=feedback.procedure.name if shown and feedback.procedure is not None else "",
    )


def feedback_by_code(code: str) -> Feedback | None:
    code = (code or "").strip().upper()
    if not code:
        return None
    return Feedback.objects.select_related("unit", "procedure").filter(code=code).first()


def units_to_address(on: dt.date | None = None) -> list[tuple[str, list[Unit]]]:
    """The units in force a feedback may be sent to, grouped under their parent (a district's communes and offices
    under the district; a province and its districts under the province), in tree order."""
    on = on or timezone.localdate()
    units = list(Unit.objects.valid_on(on).select_related("parent").order_by("path"))
    in_force = {u.pk for u in units}

    def group(unit: Unit) -> str:
        if unit.parent_id and unit.parent_id in in_force and unit.parent is not None:
            return unit.parent.name
        return unit.name

    order = {u.name: i for i, u in enumerate(units)}
    keyed = sorted(units, key=lambda u: (order.get(group(u), 0), u.parent_id is not None, u.path))
    return [(name, list(rows)) for name, rows in groupby(keyed, key=group)]


# --- the staff site ---
def feedback_visible_to(user) -> QuerySet[Feedback]:
    """Feedback `user` may read: sent to the user's units or, for overseers, to the units below theirs."""
    return Feedback.objects.filter(unit__in=access.units_for_figures(user))


def member_unit_ids(user) -> set[int]:
    if not (user and user.is_authenticated):
        return set()
    return set(Membership.objects.filter(user=user).values_list("unit_id", flat=True))


def is_member(user, feedback: Feedback) -> bool:
    """Whether `user` belongs to the unit the feedback was sent to: sees the sender's contacts, answers it."""
    return feedback.unit_id in member_unit_ids(user)


def unanswered_q() -> Q:
    return Q(answered_at__isnull=True)


def overdue_q(now: dt.datetime) -> Q:
    """Not answered and its due moment passed."""
    return Q(answered_at__isnull=True, due_at__isnull=False, due_at__lt=now)


def due_soon_q(now: dt.datetime) -> Q:
    """Not answered, not yet overdue, due within CCHC_DUE_SOON_WORKING_DAYS working days (the dossiers' flag)."""
    until = workdays.calendar().add_working_days(now, settings.CCHC_DUE_SOON_WORKING_DAYS)
    return Q(answered_at__isnull=True, due_at__gte=now, due_at__lte=until)


FILTERS = ("unanswered", "overdue", "answered", "all")


def staff_list(user, *, state: str = "unanswered", unit: Unit | None = None, now: dt.datetime | None = None):
    """The feedback list of the staff site: `state` one of FILTERS, oldest due first for the open ones."""
    now = now or timezone.now()
    qs = feedback_visible_to(user).select_related("unit")
    if unit is not None:
        qs = qs.filter(unit=unit)
    if state == "overdue":
        qs = qs.filter(overdue_q(now))
    elif state == "answered":
        qs = qs.filter(answered_at__isnull=False)
    elif state == "unanswered":
        qs = qs.filter(unanswered_q())
    if state in ("overdue", "unanswered"):
        return qs.order_by("due_at", "received_at")
    return qs.order_by("-received_at", "-pk")


@dataclass(frozen=True)
class DueCounts:
    overdue: int
    due_soon: int

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_soon)


def due_counts(user, now: dt.datetime | None = None) -> DueCounts:
    """For the work list: the unanswered feedback of the units where `user` is a member (those who answer), overdue
    and falling due soon."""
    now = now or timezone.now()
    units = member_unit_ids(user)
    if not units:
        return DueCounts(0, 0)
    qs = Feedback.objects.filter(unit_id__in=units)
    return DueCounts(qs.filter(overdue_q(now)).count(), qs.filter(due_soon_q(now)).count())
