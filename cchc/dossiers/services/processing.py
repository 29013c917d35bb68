"""Processing a dossier: assigning it, submitting, sending back and approving, and the apology for a delay."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts.models import Membership, Role
from cchc.units.models import Unit
from cchc.units.services import UnitNotInForce, check_unit_in_force

from .. import deadlines
from ..leaders import approving_unit, leader_data, pick_leader, unit_leaders
from ..models import Apology, Dossier
from ..regimes import rules_for
from ..workflow import Action, TransitionError
from ._common import act, iso, lock, shown, sync


@transaction.atomic
def dossier_assign(
    *, dossier: Dossier, by: Any, to: Any, processing_unit: Unit | None = None, note: str = ""
) -> Dossier:
    """Hand the dossier to a handler (`to`, a specialist or leader of the processing unit).

    `processing_unit` moves it to another unit's specialists (a commune dossier decided at the district office).
    The processing unit must be in force today (units.services.check_unit_in_force: a unit that stopped existing
    takes no new work; its pending dossiers went to its successor).
    """
    locked = lock(dossier)
    unit = processing_unit or locked.processing_unit or locked.receiving_unit
    try:
        check_unit_in_force(unit, timezone.localdate())
    except UnitNotInForce as exc:
        raise TransitionError(str(exc)) from exc
    if not Membership.objects.filter(user=to, unit=unit, role__in=[Role.SPECIALIST, Role.LEADER]).exists():
        raise TransitionError(_("%(user)s is not a specialist or leader of %(unit)s.") % {"user": to, "unit": unit})
    data = {
        "assigned_to": to.pk,
        "assigned_to_name": str(to),
        "from_processing_unit": locked.processing_unit.code if locked.processing_unit is not None else None,
        "processing_unit": unit.code,
    }
    act(locked, Action.ASSIGN, by=by, note=note, data=data, changes={"assigned_to": to, "processing_unit": unit})
    return sync(dossier, locked)


@transaction.atomic
def dossier_submit(*, dossier: Dossier, by: Any, note: str = "", leader: Any = None) -> Dossier:
    """The handler submits the appraised dossier to a leader for approval: `leader`, chosen among the leaders of
    the approving unit (leaders.approving_unit), or by default its first. The choice is kept in the event's data
    (`leader`, `leader_name`) for the leader's work list and the control sheet; any leader there may still act."""
    locked = lock(dossier)
    chosen = pick_leader(approving_unit(locked), leader)
    act(locked, Action.SUBMIT, by=by, note=note, data=leader_data(chosen))
    return sync(dossier, locked)


@transaction.atomic
def dossier_send_back(*, dossier: Dossier, by: Any, note: str = "") -> Dossier:
    """The leader sends the dossier back to the handler for rework."""
    locked = lock(dossier)
    act(locked, Action.SEND_BACK, by=by, note=note)
    return sync(dossier, locked)


@transaction.atomic
def dossier_approve(*, dossier: Dossier, by: Any, note: str = "") -> Dossier:
    """The leader approves the result."""
    locked = lock(dossier)
    act(locked, Action.APPROVE, by=by, note=note)
    return sync(dossier, locked)


@transaction.atomic
def dossier_apologize(
    *,
    dossier: Dossier,
    by: Any,
    reason: str,
    new_due_at: dt.datetime,
    at: dt.datetime | None = None,
    signer: Any = None,
) -> Dossier:
    """Issue the apology letter with a new appointment (2018: Mẫu 04; Decree 61/2018 Art. 19(9)).

    The law: for a dossier that will be late, the competent authority sends the apology with the reason and the
    new return time "no later than 1 day before the deadline", and the date may be re-scheduled "only once". So:
    once per dossier; dated at least one day before the deadline's day (settings.CCHC_APOLOGY_LATE_ALLOWED lets a
    late letter be recorded: it then does not count as in time); the new date after today and after the deadline.
    The new date goes to `extended_due_at`; `due_at` never moves, so a dossier finished by the new date still
    counts as late. A refused letter writes nothing.

    The letter is signed by the head of the competent authority (the processing unit): `signer`, chosen among its
    leaders, else the acting leader when one of them, else its first leader; kept in the event's data (`signer`).
    """
    if not (reason or "").strip():
        raise TransitionError(_("An apology letter must give the reason for the delay."))
    locked = lock(dossier)
    now = timezone.now()
    at = at or now
    if locked.due_at is None:
        raise TransitionError(_("This dossier's procedure has no legal time limit, so it cannot be late."))
    if Apology.objects.filter(dossier=locked).exists():
        raise TransitionError(_("An apology letter was already issued; the date can be re-scheduled only once."))
    rules = rules_for(locked.regime)
    last = deadlines.apology_cutoff(locked.due_at, rules.apology_days_before_deadline)
    if at >= last and not rules.apology_late_allowed:
        raise TransitionError(
            _(
                "The apology letter must be issued no later than %(days)d day(s) before the deadline (Decree "
                "%(decree)s), that is by %(last)s; the deadline is %(due)s."
            )
            % {
                "days": rules.apology_days_before_deadline,
                "decree": rules.decree,
                "last": timezone.localtime(last - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
                "due": shown(locked.due_at),
            }
        )
    if new_due_at is None or new_due_at <= locked.due_at:
        raise TransitionError(
            _("The new appointment must be after the legal deadline (%(due)s).") % {"due": shown(locked.due_at)}
        )
    if timezone.localtime(new_due_at).date() <= timezone.localtime(at).date():
        raise TransitionError(_("The new appointment must be a day after the letter's date (today)."))
    agency = locked.processing_unit or locked.receiving_unit
    if signer is None and by in unit_leaders(agency):
        signer = by
    data = {
        "reason": reason,
        "due_at": iso(locked.due_at),
        "new_due_at": iso(new_due_at),
        "in_time": at < last,
        **leader_data(pick_leader(agency, signer), "signer"),
    }
    act(locked, Action.APOLOGIZE, by=by, at=at, note=reason, data=data, changes={"extended_due_at": new_due_at})
    Apology.objects.create(
        dossier=locked, issued_at=at, reason=reason, new_due_at=new_due_at, issued_by=by, in_time=at < last
    )
    return sync(dossier, locked)
