"""Finishing a dossier: the result or a written refusal (resolved), delivery, withdrawal and return."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import access
from cchc.lib.workdays import WorkCalendar, calendar

from .. import deadlines, workflow
from ..models import DocumentKind, Dossier, DossierEvent, Outcome
from ..workflow import Action, TransitionError
from ._common import act, check_not_future, iso, lock, sync
from .waits import close_pause, waiting_days


def _finish_changes(dossier: Dossier, at: dt.datetime, outcome: str, cal: WorkCalendar) -> dict[str, Any]:
    """Close any open pause and compute the outcome fields and the working-time totals."""
    for pause in dossier.pauses.filter(ended_at__isnull=True):
        close_pause(pause, at, cal)
    waiting = waiting_days(dossier)
    elapsed = cal.working_time_between(dossier.clock_start_at, at)
    return {
        "finished_at": at,
        "outcome": outcome,
        "waiting_working_days": waiting,
        "processing_working_days": max(elapsed - waiting, Decimal("0.00")),
    }


def _finish(
    dossier: Dossier,
    action: str,
    outcome: str,
    *,
    by: Any,
    note: str,
    data: dict[str, Any],
    at: dt.datetime | None = None,
    extra: dict[str, Any] | None = None,
) -> DossierEvent:
    now = timezone.now()
    at = at or now
    check_not_future(at, now)
    if at < dossier.received_at:
        raise TransitionError(_("A dossier cannot finish before it was received."))
    workflow.check(dossier, action, access.roles_for(by, dossier))
    changes = _finish_changes(dossier, at, outcome, calendar(dossier.receiving_unit))
    changes.update(extra or {})
    data = {**data, "due_at": iso(dossier.due_at), "late": deadlines.finishes_late(dossier, at)}
    return act(dossier, action, by=by, at=at, note=note, data=data, changes=changes)


@transaction.atomic
def dossier_refuse(*, dossier: Dossier, by: Any, reasons: str | list[str], at: dt.datetime | None = None) -> Dossier:
    """Refuse the dossier on the merits, in writing with reasons (Mẫu 03). Its outcome is `resolved`."""
    reason_list = [reasons] if isinstance(reasons, str) else list(reasons)
    reason_list = [r.strip() for r in reason_list if r and r.strip()]
    if not reason_list:
        raise TransitionError(_("A refusal must give its reasons."))
    locked = lock(dossier)
    _finish(
        locked,
        Action.REFUSE,
        Outcome.RESOLVED,
        by=by,
        at=at,
        note="\n".join(reason_list),
        data={"reasons": reason_list},
    )
    return sync(dossier, locked)


@transaction.atomic
def dossier_issue_result(
    *,
    dossier: Dossier,
    by: Any,
    result_digitized: bool = False,
    e_certified: bool = False,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """The result is ready: the dossier is resolved and its processing time is fixed."""
    locked = lock(dossier)
    has_result_file = locked.documents.filter(kind=DocumentKind.RESULT).exclude(file="").exists()
    digitized = bool(result_digitized or has_result_file or locked.result_digitized)
    _finish(
        locked,
        Action.ISSUE_RESULT,
        Outcome.RESOLVED,
        by=by,
        at=at,
        note=note,
        data={"result_digitized": digitized, "e_certified": bool(e_certified)},
        extra={"result_digitized": digitized, "e_certified": bool(e_certified)},
    )
    return sync(dossier, locked)


@transaction.atomic
def dossier_deliver(*, dossier: Dossier, by: Any, note: str = "", at: dt.datetime | None = None) -> Dossier:
    """The desk hands the result (or the written refusal) to the applicant."""
    locked = lock(dossier)
    now = timezone.now()
    at = at or now
    check_not_future(at, now)
    act(locked, Action.DELIVER, by=by, at=at, note=note, changes={"delivered_at": at})
    return sync(dossier, locked)


def _finish_with_reason(
    dossier: Dossier, action: str, outcome: str, *, by: Any, reason: str, at: dt.datetime | None, missing: str
) -> Dossier:
    """Finish the dossier with a reason the officer must give (`missing` is the message when it is empty)."""
    if not (reason or "").strip():
        raise TransitionError(missing)
    locked = lock(dossier)
    _finish(locked, action, outcome, by=by, at=at, note=reason, data={"reason": reason})
    return sync(dossier, locked)


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, by: Any, reason: str, at: dt.datetime | None = None) -> Dossier:
    """The applicant withdraws the dossier before a result exists (Decree 118/2025 Art. 21)."""
    missing = _("Record the applicant's request to withdraw.")
    return _finish_with_reason(
        dossier, Action.WITHDRAW, Outcome.WITHDRAWN, by=by, reason=reason, at=at, missing=missing
    )


@transaction.atomic
def dossier_return(*, dossier: Dossier, by: Any, reason: str, at: dt.datetime | None = None) -> Dossier:
    """Hand the dossier back unprocessed (e.g. not supplemented, or not this authority's competence)."""
    missing = _("Say why the dossier is returned.")
    return _finish_with_reason(dossier, Action.RETURN, Outcome.RETURNED, by=by, reason=reason, at=at, missing=missing)
