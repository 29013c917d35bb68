"""One meaning of "pending", "paused", "overdue", "due soon" and "late", as database conditions.

The work lists, the dossier page, the reminders, the printed forms and the figures of the report all build on
these, so a dossier cannot be "overdue" in the report and "waiting for the applicant" on the work list.

- pending at a moment: received before it and not finished before it.
- paused at a moment: a wait for the applicant (a supplement or fees, `DossierPause`) had begun and not ended.
  The applicant holds the clock then, so a paused dossier is never overdue and never "due soon".
- overdue at a moment: pending, and either its legal deadline (`due_at`) has passed while it is not paused, or it
  had already missed its deadline when it began to wait (`missed_due_at`): lateness is judged against the
  deadline in force when the supplement or fee was asked, and a later, restarted deadline never cures it.
- due soon: pending, not paused, not overdue, deadline before a given limit (settings.CCHC_DUE_SOON_WORKING_DAYS
  working days from now, `due_soon_limit`).
- finished late: finished after `due_at`, or after missing a deadline before a wait.
A dossier with no due date (a procedure with no legal time limit) is never overdue, due soon or late.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone


def pending_at(at: dt.datetime) -> Q:
    """Received before `at` and not finished before it."""
    return Q(received_at__lt=at) & (Q(finished_at__isnull=True) | Q(finished_at__gte=at))


def paused_at(at: dt.datetime) -> Q:
    """Waiting for the applicant at `at`: a pause had started by then and had not ended."""
    from .models import DossierPause

    waits = DossierPause.objects.filter(dossier=OuterRef("pk"), started_at__lte=at).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=at)
    )
    return Q(Exists(waits))


def past_deadline_at(at: dt.datetime) -> Q:
    """The deadline counts as missed at `at` (the dossier being pending then is the caller's condition).

    The pause check comes last: databases evaluate it only for the few rows whose deadline has passed.
    """
    return Q(missed_due_at__lt=at) | (Q(due_at__lt=at) & ~paused_at(at))


def overdue_at(at: dt.datetime) -> Q:
    """Pending at `at` with its deadline missed."""
    return pending_at(at) & past_deadline_at(at)


def due_soon_limit(now: dt.datetime | None = None, unit=None) -> dt.datetime:
    """The moment settings.CCHC_DUE_SOON_WORKING_DAYS working days from `now`: deadlines before it fall due soon."""
    from cchc.lib.workdays import calendar

    now = now or timezone.now()
    return calendar().add_working_days(now, settings.CCHC_DUE_SOON_WORKING_DAYS)


def due_soon_at(at: dt.datetime, limit: dt.datetime) -> Q:
    """Pending at `at`, not overdue and not paused, with its deadline before `limit`."""
    return pending_at(at) & Q(missed_due_at__isnull=True, due_at__gte=at, due_at__lt=limit) & ~paused_at(at)


def finished_late() -> Q:
    """Finished after its deadline, or after missing it before a wait for the applicant."""
    return Q(finished_at__gt=F("due_at")) | Q(missed_due_at__isnull=False)


def finishes_late(dossier, at: dt.datetime) -> bool:
    """Whether finishing `dossier` at `at` is late (the row-level twin of `finished_late`)."""
    if dossier.missed_due_at is not None:
        return True
    return dossier.due_at is not None and at > dossier.due_at


def apology_cutoff(due_at: dt.datetime, days_before: int) -> dt.datetime:
    """The first moment too late for an apology letter: midnight ending the day `days_before` days before the
    deadline's local day (Decree 61/2018 Art. 19(9): "no later than 1 day before the deadline")."""
    due_day = timezone.localtime(due_at).date()
    last_day = due_day - dt.timedelta(days=days_before)
    return dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), tzinfo=timezone.get_current_timezone())


def apology_in_time(dossier, issued_at: dt.datetime) -> bool:
    """Whether a letter issued at `issued_at` was in time for `dossier`'s deadline (its regime's rule)."""
    from .regimes import rules_for

    if dossier.due_at is None:
        return False
    return issued_at < apology_cutoff(dossier.due_at, rules_for(dossier.regime).apology_days_before_deadline)
