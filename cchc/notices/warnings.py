"""Warnings before a deadline (issue 11, point 5): one working day before a dossier's legal deadline its handler and
its unit's leaders are told, on their work list and by e-mail through the task queue, so that an apology letter
(Mẫu 05, Decree 61/2018 Art. 19(9): "no later than 1 day before the deadline") can still go out in time.

`warn_due(now)` is what `cchc warn` runs every 15 minutes (deploy/systemd/cchc-warn.timer). A dossier is warned when
it is open, not waiting for the applicant (the clock is stopped then), its deadline not yet passed and at most one
working day away by the project's calendar (`cchc.lib.workdays`: a Friday 16:00 deadline is warned from Thursday
16:00; one after a holiday from the working day before the holiday), and no apology letter was issued since its
clock (re)started. Once per dossier and deadline (DeadlineWarning): a re-run warns no one again, a new deadline
after a supplement warns again.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cchc.dossiers.deadlines import paused_at
from cchc.dossiers.leaders import approving_unit, unit_leaders
from cchc.dossiers.models import Apology, Dossier
from cchc.lib.workdays import calendar

from .models import DeadlineWarning

if TYPE_CHECKING:
    from cchc.accounts.models import User

logger = logging.getLogger("cchc.notices")

# How far ahead a deadline is warned, in working days.
WARN_WORKING_DAYS = 1


def warn_limit(now: dt.datetime) -> dt.datetime:
    """Deadlines up to this moment are warned at `now`: one working day after it by the calendar."""
    return calendar().add_working_days(now, WARN_WORKING_DAYS)


def to_warn(now: dt.datetime) -> QuerySet[Dossier]:
    """The dossiers whose deadline is to be warned at `now` and was not warned yet."""
    warned = DeadlineWarning.objects.filter(dossier=OuterRef("pk"), due_at=OuterRef("due_at"))
    apologised = Apology.objects.filter(dossier=OuterRef("pk"), issued_at__gte=OuterRef("clock_start_at"))
    return (
        Dossier.objects.open()
        .filter(missed_due_at__isnull=True, due_at__gt=now, due_at__lte=warn_limit(now), received_at__lte=now)
        .exclude(paused_at(now))
        .exclude(Exists(warned))
        .exclude(Exists(apologised))
        .select_related("procedure", "assigned_to", "received_by", "receiving_unit", "processing_unit")
        .order_by("due_at", "pk")
    )


def recipients_for(dossier: Dossier) -> list[User]:
    """The handler (the officer it is assigned to, else the desk officer who received it) and the leaders of the
    unit that approves it, each once."""
    people: list[User] = []
    handler = dossier.assigned_to or dossier.received_by
    if handler is not None and handler.is_active:
        people.append(handler)
    for leader in unit_leaders(approving_unit(dossier)):
        if leader not in people:
            people.append(leader)
    return people


def render_warning(dossier: Dossier, user: User) -> tuple[str, str, str]:
    """The e-mail's subject, text and HTML body (no applicant's data: the code, the procedure, the deadline)."""
    assert dossier.due_at is not None  # only dossiers with a deadline are warned (to_warn)
    due = timezone.localtime(dossier.due_at)
    context = {"dossier": dossier, "user": user, "due": due}
    subject = _("Dossier %(code)s falls due on %(due)s: issue an apology in time if it will be late") % {
        "code": dossier.code,
        "due": due.strftime("%H:%M %d/%m/%Y"),
    }
    return (
        subject,
        render_to_string("notices/email/deadline_warning.txt", context),
        render_to_string("notices/email/deadline_warning.html", context),
    )


def _send(subject: str, text: str, html: str, to: str) -> None:
    from cchc.dossiers.tasks import send_email

    send_email.enqueue(subject=subject, text=text, html=html, to=[to])


@dataclass(frozen=True)
class Warned:
    dossier: Dossier
    recipients: list[User]


def warn_one(dossier: Dossier, now: dt.datetime) -> Warned | None:
    """Record the warning of `dossier`'s current deadline and queue its e-mails (after the commit); None when it
    was warned already (by a run at the same time)."""
    people = recipients_for(dossier)
    assert dossier.due_at is not None
    try:
        with transaction.atomic():
            warning = DeadlineWarning.objects.create(dossier=dossier, due_at=dossier.due_at, created_at=now)
            warning.recipients.set(people)
            with translation.override(settings.LANGUAGE_CODE):
                for person in people:
                    if person.email:
                        transaction.on_commit(partial(_send, *render_warning(dossier, person), person.email))
    except IntegrityError:
        return None
    return Warned(dossier, people)


def warn_due(now: dt.datetime | None = None, *, dry_run: bool = False) -> list[Warned]:
    """Warn every dossier due within a working day of `now` not warned yet (see the module's docstring)."""
    now = now or timezone.now()
    done: list[Warned] = []
    for dossier in to_warn(now):
        if dry_run:
            done.append(Warned(dossier, recipients_for(dossier)))
            continue
        warned = warn_one(dossier, now)
        if warned is not None:
            done.append(warned)
    return done


def warnings_for(user: User, now: dt.datetime | None = None) -> QuerySet[DeadlineWarning]:
    """The warnings `user` was told of whose deadline is still ahead and still the dossier's own (open, not moved
    by a supplement) and with no apology since: the work list's banner."""
    now = now or timezone.now()
    apologised = Apology.objects.filter(dossier=OuterRef("dossier"), issued_at__gte=OuterRef("dossier__clock_start_at"))
    return (
        DeadlineWarning.objects.filter(
            recipients=user, due_at__gt=now, dossier__finished_at__isnull=True, dossier__due_at=F("due_at")
        )
        .exclude(Exists(apologised))
        .filter(~Q(dossier__missed_due_at__isnull=False))
        .select_related("dossier", "dossier__procedure")
        .order_by("due_at", "pk")
    )
