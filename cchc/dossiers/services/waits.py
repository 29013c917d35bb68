"""Waiting for the applicant: a supplement (Mẫu 02) or fees. The applicant holds the clock while the dossier waits.

Decree 61/2018 Art. 19(4): a dossier found insufficient is returned with a written request to supplement
"within 3 working days from receipt", listing everything missing at once, and "the time limit is counted again
from the start once the complete dossier is received". The regime's rules (regimes.py) carry the window, how many
requests a dossier may get and whether the clock restarts. A wait that begins after the deadline has passed
records the missed deadline (`missed_due_at`): the dossier is late, whatever deadline the wait's end sets.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cchc.accounts import access
from cchc.accounts.models import Membership, Role
from cchc.lib.workdays import WorkCalendar, calendar

from .. import workflow
from ..models import Dossier, DossierEvent, DossierPause, PauseKind
from ..regimes import rules_for
from ..workflow import Action, TransitionError
from ._common import act, check_not_future, clock_start_for, iso, lock, shown, sync


def open_pause(dossier: Dossier, kind: str) -> DossierPause | None:
    return dossier.pauses.filter(kind=kind, ended_at__isnull=True).order_by("-started_at").first()


def close_pause(pause: DossierPause, at: dt.datetime, cal: WorkCalendar) -> int:
    """End the pause at `at`; returns the working seconds it lasted."""
    seconds = cal.working_seconds_between(pause.started_at, at)
    pause.ended_at = at
    pause.working_days = (Decimal(seconds) / Decimal(cal.day_seconds)).quantize(Decimal("0.01"))
    pause.save(update_fields=["ended_at", "working_days"])
    return seconds


def waiting_days(dossier: Dossier) -> Decimal:
    total = sum((p.working_days or Decimal(0) for p in dossier.pauses.filter(ended_at__isnull=False)), Decimal(0))
    return Decimal(total).quantize(Decimal("0.01"))


def _ending_pause(
    dossier: Dossier, kind: str, at: dt.datetime | None, *, none: str, early: str
) -> tuple[dt.datetime, DossierPause]:
    """The time the wait ends (default now, never in the future) and the open pause of `kind` it ends.
    `none` and `early` are the messages when no such wait is open, or when it would end before it began."""
    now = timezone.now()
    at = at or now
    check_not_future(at, now)
    pause = open_pause(dossier, kind)
    if pause is None:
        raise TransitionError(none)
    if at < pause.started_at:
        raise TransitionError(early)
    return at, pause


def _missed(dossier: Dossier, at: dt.datetime) -> dict[str, Any]:
    """The change that keeps a dossier late when its wait begins after its deadline (none otherwise)."""
    if dossier.missed_due_at is None and dossier.due_at is not None and at > dossier.due_at:
        return {"missed_due_at": dossier.due_at}
    return {}


def check_supplement_request(dossier: Dossier, at: dt.datetime, cal: WorkCalendar) -> None:
    """Refuse a supplement request the regime does not allow: past the window after receipt, or one too many."""
    rules = rules_for(dossier.regime)
    asked = dossier.events.filter(action=Action.REQUEST_SUPPLEMENT).count()
    if asked >= rules.supplement_requests_max:
        raise TransitionError(
            ngettext(
                "A supplement was already requested for this dossier: the applicant must be told everything missing "
                "in one request (Decree %(decree)s).",
                "%(count)d supplement requests were already made for this dossier, the most this province allows "
                "(Decree %(decree)s).",
                asked,
            )
            % {"count": asked, "decree": rules.decree}
        )
    window = rules.supplement_window_working_days
    if window is None:
        return
    last = cal.add_working_days(dossier.clock_start_at, window)
    if at > last:
        raise TransitionError(
            _(
                "A supplement can be requested only within %(days)s working days of receipt (Decree %(decree)s), "
                "that is by %(last)s."
            )
            % {
                "days": f"{window.normalize():f}",
                "decree": rules.decree,
                "last": shown(last),
            }
        )


@transaction.atomic
def dossier_request_supplement(
    *, dossier: Dossier, by: Any, reason: str, items: list[str] | None = None, at: dt.datetime | None = None
) -> Dossier:
    """Ask the applicant to complete the dossier (Mẫu 02), listing everything missing at once.

    Allowed once per dossier (settings.CCHC_SUPPLEMENT_REQUESTS_MAX) and within the regime's window after receipt
    (2018: 3 working days, Decree 61/2018 Art. 19(4)). Opens a supplement pause; the clock waits until
    `dossier_supplement`.
    """
    if not (reason or "").strip():
        raise TransitionError(_("Say why the dossier must be supplemented."))
    locked = lock(dossier)
    now = timezone.now()
    at = at or now
    check_not_future(at, now)
    workflow.check(locked, Action.REQUEST_SUPPLEMENT, access.roles_for(by, locked))
    check_supplement_request(locked, at, calendar(locked.receiving_unit))
    data = {"reason": reason, "items": list(items or []), "old_due_at": iso(locked.due_at), "new_due_at": None}
    act(locked, Action.REQUEST_SUPPLEMENT, by=by, at=at, note=reason, data=data, changes=_missed(locked, at))
    DossierPause.objects.create(dossier=locked, kind=PauseKind.SUPPLEMENT, started_at=at, reason=reason)
    return sync(dossier, locked)


def _returning_handler(dossier: Dossier) -> Any:
    """The handler a supplemented dossier returns to: the one assigned before the request, while still an active
    specialist or leader of the unit processing it; else None (the desk's list)."""
    handler = dossier.assigned_to
    if handler is None or not handler.is_active:
        return None
    unit_id = dossier.processing_unit_id or dossier.receiving_unit_id
    holds = Membership.objects.filter(user=handler, unit_id=unit_id, role__in=[Role.SPECIALIST, Role.LEADER])
    return handler if holds.exists() else None


@transaction.atomic
def dossier_supplement(*, dossier: Dossier, by: Any, at: dt.datetime | None = None, note: str = "") -> Dossier:
    """The applicant has completed the dossier (brought to the desk): end the supplement pause, set the new deadline."""
    locked = lock(dossier)
    supplement_received(locked, by=by, roles=access.roles_for(by, locked), at=at, note=note)
    return sync(dossier, locked)


def supplement_received(
    locked: Dossier,
    *,
    by: Any,
    roles: set[str] | frozenset[str],
    at: dt.datetime | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    """End the supplement pause of the locked dossier and set its new deadline, acting with `roles` (the desk's or
    the specialist's, or {workflow.APPLICANT} for a supplement sent on the portal); `data` adds to the event's.

    Where the regime restarts the clock (2018: Decree 61/2018 Art. 19(4)), the full time limit runs again from the
    clock start at the supplement's time; otherwise the deadline moves by the working time paused. The caller runs
    inside a transaction and holds the row (`lock`).
    """
    at, pause = _ending_pause(
        locked,
        PauseKind.SUPPLEMENT,
        at,
        none=_("No supplement was requested for this dossier."),
        early=_("The supplement cannot arrive before it was requested."),
    )
    cal = calendar(locked.receiving_unit)
    rules = rules_for(locked.regime)
    old_due = locked.due_at
    paused_seconds = cal.working_seconds_between(pause.started_at, at)
    restart = None
    if old_due is None or locked.processing_days is None:
        # No legal time limit (or an imported deadline with none to restart from): the deadline stays as it is.
        new_due, rule = old_due, "no_time_limit"
    elif rules.supplement_restarts_clock:
        restart = clock_start_for(channel=locked.channel, procedure=locked.procedure, at=at, cal=cal)
        new_due = cal.add_working_days(restart, locked.processing_days)
        rule = "restart"
    else:
        new_due = cal.add_working_seconds(old_due, paused_seconds)
        rule = "extend"
    # Check the move before touching the pause, so a refused action leaves no trace.
    workflow.check(locked, Action.SUPPLEMENT, roles)
    close_pause(pause, at, cal)
    handler = _returning_handler(locked)
    data = {
        **(data or {}),
        "old_due_at": iso(old_due),
        "new_due_at": iso(new_due),
        "rule": rule,
        "clock_restarted_at": iso(restart),
        "paused_working_days": str(pause.working_days),
        # Back to the specialist who handled it before the request; none: to the desk (the request was made at
        # reception, or the handler no longer works there).
        "returned_to": handler.pk if handler is not None else None,
        "returned_to_name": str(handler) if handler is not None else None,
    }
    changes = {"due_at": new_due, "waiting_working_days": waiting_days(locked), "assigned_to": handler}
    act(locked, Action.SUPPLEMENT, by=by, roles=roles, at=at, note=note, data=data, changes=changes)


def _amount(value: Decimal | int | str | None, *, what: str) -> Decimal | None:
    """An amount of đồng: a whole, non-negative number (`what` names it in the message)."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise TransitionError(_("%(what)s is not a number of đồng.") % {"what": what}) from None
    if not amount.is_finite() or amount != amount.to_integral_value():
        raise TransitionError(_("%(what)s must be a whole number of đồng.") % {"what": what})
    if amount < 0:
        raise TransitionError(_("%(what)s cannot be negative.") % {"what": what})
    return amount


def fee_request(dossier: Dossier) -> DossierEvent | None:
    """The latest fee request of the dossier (its amount in `data["amount"]`)."""
    return dossier.events.filter(action=Action.REQUEST_FEE).order_by("-at", "-pk").first()


@transaction.atomic
def dossier_request_fee(
    *,
    dossier: Dossier,
    by: Any,
    amount: Decimal | int | str | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """Ask the applicant to pay the fees or taxes due (Decree 61/2018 Art. 22): `amount` in đồng, by default the
    procedure's fee; opens a fee pause."""
    checked = _amount(amount, what=_("The fee amount"))
    locked = lock(dossier)
    now = timezone.now()
    at = at or now
    check_not_future(at, now)
    checked = checked if checked is not None else locked.procedure.fee
    data = {"amount": str(checked) if checked is not None else None, "old_due_at": iso(locked.due_at)}
    act(locked, Action.REQUEST_FEE, by=by, at=at, note=note, data=data, changes=_missed(locked, at))
    DossierPause.objects.create(dossier=locked, kind=PauseKind.FEE, started_at=at, reason=note)
    return sync(dossier, locked)


@transaction.atomic
def dossier_fee_paid(
    *,
    dossier: Dossier,
    by: Any,
    receipt_number: str = "",
    receipt_date: dt.date | None = None,
    amount: Decimal | int | str | None = None,
    at: dt.datetime | None = None,
    note: str = "",
) -> Dossier:
    """The fees are paid: record the amount paid (default: the amount requested) and the fee receipt (biên lai: its
    number and date, default the day of this action; proof of payment travels with the dossier, Decree 61/2018
    Art. 22), and end the fee pause; where the regime pauses the clock for fees, the deadline moves by the working
    time paused."""
    receipt_number = (receipt_number or "").strip()
    if not receipt_number:
        raise TransitionError(_("Give the number of the fee receipt."))
    paid = _amount(amount, what=_("The amount paid"))
    locked = lock(dossier)
    at, pause = _ending_pause(
        locked,
        PauseKind.FEE,
        at,
        none=_("No fee was requested for this dossier."),
        early=_("The fee cannot be paid before it was requested."),
    )
    receipt_date = receipt_date or timezone.localtime(at).date()
    if receipt_date > timezone.localtime(at).date():
        raise TransitionError(_("The fee receipt cannot be dated after the payment is recorded."))
    if receipt_date < timezone.localtime(pause.started_at).date():
        raise TransitionError(
            _("The fee receipt cannot be dated before the fee was requested (%(day)s).")
            % {"day": timezone.localtime(pause.started_at).strftime("%d/%m/%Y")}
        )
    if paid is None:
        request = fee_request(locked)
        requested = (request.data or {}).get("amount") if request is not None else None
        paid = Decimal(str(requested)) if requested not in (None, "") else None
    workflow.check(locked, Action.FEE_PAID, access.roles_for(by, locked))
    cal = calendar(locked.receiving_unit)
    old_due = locked.due_at
    if rules_for(locked.regime).fee_wait_pauses_clock:
        seconds = close_pause(pause, at, cal)
        new_due = cal.add_working_seconds(old_due, seconds) if old_due is not None else None
    else:
        # The wait is not the applicant's time under this rule: keep it out of the waiting total.
        pause.ended_at = at
        pause.working_days = Decimal("0")
        pause.save(update_fields=["ended_at", "working_days"])
        new_due = old_due
    data = {
        "old_due_at": iso(old_due),
        "new_due_at": iso(new_due),
        "paused_working_days": str(pause.working_days),
        "amount": str(paid) if paid is not None else None,
        "receipt_number": receipt_number,
        "receipt_date": receipt_date.isoformat(),
    }
    changes = {"due_at": new_due, "waiting_working_days": waiting_days(locked)}
    act(locked, Action.FEE_PAID, by=by, at=at, note=note, data=data, changes=changes)
    return sync(dossier, locked)
