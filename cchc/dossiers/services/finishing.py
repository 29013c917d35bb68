"""Finishing a dossier: the result or a written refusal (resolved), delivery, withdrawal and return."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import access
from cchc.lib.ids import IdNumberError, clean_id_number
from cchc.lib.workdays import WorkCalendar, calendar

from .. import deadlines, workflow
from ..delivery import DeliveryMethod
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
def dossier_deliver(
    *,
    dossier: Dossier,
    by: Any,
    method: str = DeliveryMethod.DESK,
    recipient_name: str = "",
    recipient_id_number: str = "",
    authorisation: str = "",
    postal_reference: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """The desk hands the result (or the written refusal) over, and records who received it and how.

    `method`: in person at the desk, or by post with the item's postal reference (Decree 61/2018 Art. 16(2), Art.
    20); online hand-overs are the portal's (`applicant.dossier_take_result`). The recipient is the applicant
    unless `recipient_name` names someone else, who then needs an ID number (CCCD, CMND or passport) and, as the
    law wants of a proxy, the authorisation they hold (`authorisation`: its kind, number and date).
    """
    method = str(method or DeliveryMethod.DESK)
    if method == DeliveryMethod.ONLINE:
        raise TransitionError(
            _("An online hand-over is recorded when the applicant downloads the result on the portal.")
        )
    if method not in DeliveryMethod.values:
        raise TransitionError(_("Choose how the result was handed over: at the desk or by post."))
    postal_reference = (postal_reference or "").strip()
    if method == DeliveryMethod.POST and not postal_reference:
        raise TransitionError(_("Give the postal reference of the item sent by post."))
    name = (recipient_name or "").strip()
    locked = lock(dossier)
    proxy = bool(name) and name.casefold() != locked.applicant_name.strip().casefold()
    id_number = ""
    if proxy:
        try:
            id_number = clean_id_number(recipient_id_number or "")
        except IdNumberError as exc:
            raise TransitionError(str(exc)) from exc
        if method == DeliveryMethod.DESK and not id_number:
            raise TransitionError(
                _("Give the ID number of %(name)s, who received the result on the applicant's behalf.") % {"name": name}
            )
        if method == DeliveryMethod.DESK and not (authorisation or "").strip():
            raise TransitionError(
                _("Give the authorisation %(name)s holds to receive the result (its kind, number and date).")
                % {"name": name}
            )
    now = timezone.now()
    at = at or now
    check_not_future(at, now)
    data = {
        "method": method,
        "recipient": {
            "name": name if proxy else locked.applicant_name,
            "applicant": not proxy,
            "id_number": id_number,
            "authorisation": (authorisation or "").strip() if proxy else "",
        },
        "postal_reference": postal_reference if method == DeliveryMethod.POST else "",
    }
    act(locked, Action.DELIVER, by=by, at=at, note=note, data=data, changes={"delivered_at": at})
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
