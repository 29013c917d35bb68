"""Every write on a dossier. Each service locks the row, computes the action's effects (deadlines, outcome,
pauses) and hands them to `workflow.apply`, which checks the move against workflow.TABLE and logs the event.

Deadlines: `due_at` is computed at receipt from the procedure's working days (lib/workdays.py) and is moved
only by a logged pause (supplement, fee wait); an apology's new appointment goes to `extended_due_at`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import access
from cchc.accounts.models import Membership, Role
from cchc.lib.workdays import WorkCalendar, calendar
from cchc.procedures.models import ComponentDocument

from . import workflow
from .codes import DossierCodeError, next_dossier_code
from .models import (
    Apology,
    Channel,
    DocumentKind,
    Dossier,
    DossierComponent,
    DossierDocument,
    DossierEvent,
    DossierPause,
    Outcome,
    PauseKind,
)
from .regimes import regime_for, rules_for
from .workflow import Action, TransitionError

APPLICANT_FIELDS = {
    "name": "applicant_name",
    "id_number": "applicant_id_number",
    "phone": "applicant_phone",
    "address": "applicant_address",
    "email": "applicant_email",
}
PAPER_CHANNELS = (Channel.DIRECT, Channel.POSTAL)


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _lock(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "receiving_unit", "processing_unit")
        .get(pk=dossier.pk)
    )


def _sync(target: Dossier, source: Dossier) -> Dossier:
    """Copy the saved state onto the caller's instance so it does not go stale."""
    if target is not source:
        for f in Dossier._meta.concrete_fields:
            setattr(target, f.attname, getattr(source, f.attname))
        target._state.fields_cache = dict(source._state.fields_cache)
    return source


def _apply(dossier: Dossier, action: str, *, by, at=None, note="", data=None, changes=None) -> DossierEvent:
    return workflow.apply(
        dossier,
        action,
        roles=access.roles_for(by, dossier),
        actor=by,
        at=at,
        note=note,
        data=data,
        changes=changes,
    )


def _cutoff_for(procedure) -> dt.time:
    if procedure.cutoff_time:
        return procedure.cutoff_time
    hours, minutes = str(settings.CCHC_DEFAULT_PAPER_CUTOFF).split(":")[:2]
    return dt.time(int(hours), int(minutes))


def clock_start_for(*, channel: str, procedure, at: dt.datetime, cal: WorkCalendar | None = None) -> dt.datetime:
    """When the time limit starts for a dossier (or its supplement) accepted at `at` through `channel`.

    Paper (direct, postal): after the procedure's cut-off the clock starts at the next working day's opening.
    Online: outside office hours the clock starts at the next session (after closing: the next working day).
    """
    cal = cal or calendar()
    cutoff = _cutoff_for(procedure) if channel in PAPER_CHANNELS else None
    return cal.clock_start(at, cutoff)


def _check_not_future(at: dt.datetime, now: dt.datetime) -> None:
    if at > now + dt.timedelta(minutes=5):
        raise TransitionError(_("The time of an action cannot be in the future."))


# --- receipt ---


def _submitted_components(procedure, components: Iterable[ComponentDocument]) -> list[ComponentDocument]:
    """The ticked documents, once each, in the catalogue's order; refuses any of another procedure."""
    unique = {c.pk: c for c in components}
    foreign = sorted(c.name for c in unique.values() if c.procedure_id != procedure.pk)
    if foreign:
        raise TransitionError(
            _("These documents do not belong to the procedure %(code)s: %(names)s.")
            % {"code": procedure.code, "names": "; ".join(foreign)}
        )
    return sorted(unique.values(), key=lambda c: (c.order, c.pk))


@transaction.atomic
def dossier_receive(
    *,
    by,
    unit,
    procedure,
    channel: str,
    applicant: dict[str, str],
    received_at: dt.datetime | None = None,
    components_digitized: bool = False,
    sets: int = 1,
    note: str = "",
    components: Iterable[ComponentDocument] = (),
) -> Dossier:
    """Accept a complete dossier at `unit`'s desk: number it, start the clock and set the legal deadline.

    Only a desk officer of `unit` may receive. The procedure's time limit and online service are copied onto the
    dossier, so a later catalogue change never rewrites it. `components` are the documents actually submitted
    (the ticked checklist); each must belong to `procedure`, and its name, form and quantity are stored with the
    dossier for the receipt. Logs a `receive` event.
    """
    now = timezone.now()
    received_at = received_at or now
    _check_not_future(received_at, now)
    if channel not in Channel.values:
        raise TransitionError(_("Unknown channel: %(channel)s.") % {"channel": channel})
    unknown = set(applicant) - set(APPLICANT_FIELDS)
    if unknown:
        raise TransitionError(_("Unknown applicant fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if not (applicant.get("name") or "").strip():
        raise TransitionError(_("The applicant's name is required."))
    if not procedure.is_active:
        raise TransitionError(_("The procedure %(code)s is no longer in the catalogue.") % {"code": procedure.code})
    if sets < 1:
        raise TransitionError(_("A dossier has at least one set."))
    submitted = _submitted_components(procedure, components)
    roles = set(Membership.objects.filter(user=by, unit=unit, role=Role.DESK_OFFICER).values_list("role", flat=True))
    if not roles:
        raise TransitionError(_("Only a desk officer of %(unit)s can receive dossiers there.") % {"unit": unit})
    cal = calendar()
    clock_start = clock_start_for(channel=channel, procedure=procedure, at=received_at, cal=cal)
    due_at = cal.add_working_days(clock_start, procedure.processing_days)
    try:
        code = next_dossier_code(unit=unit, received_at=received_at)
    except DossierCodeError as exc:
        raise TransitionError(
            _("The unit %(unit)s has no agency code, so no dossier code can be made.") % {"unit": unit}
        ) from exc
    dossier = Dossier(
        code=code,
        procedure=procedure,
        receiving_unit=unit,
        processing_unit=unit,
        channel=channel,
        regime=regime_for(received_at),
        processing_days=procedure.processing_days,
        online_service=procedure.online_service,
        sets=sets,
        note=note,
        received_at=received_at,
        clock_start_at=clock_start,
        due_at=due_at,
        components_digitized=components_digitized,
        received_by=by,
        **{APPLICANT_FIELDS[k]: (v or "").strip() for k, v in applicant.items()},
    )
    workflow.apply(
        dossier,
        Action.RECEIVE,
        roles=roles,
        actor=by,
        at=received_at,
        note=note,
        data={
            "clock_start_at": _iso(clock_start),
            "due_at": _iso(due_at),
            "regime": str(dossier.regime),
            "components": [c.pk for c in submitted],
        },
    )
    DossierComponent.objects.bulk_create(
        DossierComponent(dossier=dossier, component=c, name=c.name, form=c.form, quantity=c.quantity, order=position)
        for position, c in enumerate(submitted, start=1)
    )
    return dossier


# --- processing ---


@transaction.atomic
def dossier_assign(*, dossier: Dossier, by, to, processing_unit=None, note: str = "") -> Dossier:
    """Hand the dossier to a handler (`to`, a specialist or leader of the processing unit).

    `processing_unit` moves it to another unit's specialists (a commune dossier decided at the district office).
    """
    locked = _lock(dossier)
    unit = processing_unit or locked.processing_unit or locked.receiving_unit
    if not Membership.objects.filter(user=to, unit=unit, role__in=[Role.SPECIALIST, Role.LEADER]).exists():
        raise TransitionError(_("%(user)s is not a specialist or leader of %(unit)s.") % {"user": to, "unit": unit})
    data = {
        "assigned_to": to.pk,
        "assigned_to_name": str(to),
        "from_processing_unit": locked.processing_unit.code if locked.processing_unit_id else None,
        "processing_unit": unit.code,
    }
    _apply(locked, Action.ASSIGN, by=by, note=note, data=data, changes={"assigned_to": to, "processing_unit": unit})
    return _sync(dossier, locked)


def _open_pause(dossier: Dossier, kind: str) -> DossierPause | None:
    return dossier.pauses.filter(kind=kind, ended_at__isnull=True).order_by("-started_at").first()


def _close_pause(pause: DossierPause, at: dt.datetime, cal: WorkCalendar) -> int:
    """End the pause at `at`; returns the working seconds it lasted."""
    seconds = cal.working_seconds_between(pause.started_at, at)
    pause.ended_at = at
    pause.working_days = (Decimal(seconds) / Decimal(cal.day_seconds)).quantize(Decimal("0.01"))
    pause.save(update_fields=["ended_at", "working_days"])
    return seconds


def _waiting_days(dossier: Dossier) -> Decimal:
    total = sum((p.working_days or Decimal(0) for p in dossier.pauses.filter(ended_at__isnull=False)), Decimal(0))
    return Decimal(total).quantize(Decimal("0.01"))


@transaction.atomic
def dossier_request_supplement(
    *, dossier: Dossier, by, reason: str, items: list[str] | None = None, at: dt.datetime | None = None
) -> Dossier:
    """Ask the applicant to complete the dossier (Mẫu 02), listing everything missing at once.

    Opens a supplement pause; the clock waits until `dossier_supplement`.
    """
    if not (reason or "").strip():
        raise TransitionError(_("Say why the dossier must be supplemented."))
    locked = _lock(dossier)
    at = at or timezone.now()
    data = {"reason": reason, "items": list(items or []), "old_due_at": _iso(locked.due_at), "new_due_at": None}
    _apply(locked, Action.REQUEST_SUPPLEMENT, by=by, at=at, note=reason, data=data)
    DossierPause.objects.create(dossier=locked, kind=PauseKind.SUPPLEMENT, started_at=at, reason=reason)
    return _sync(dossier, locked)


@transaction.atomic
def dossier_supplement(*, dossier: Dossier, by, at: dt.datetime | None = None, note: str = "") -> Dossier:
    """The applicant has completed the dossier: end the supplement pause and set the new deadline.

    Where the regime restarts the clock (2018: Decree 61/2018 Art. 19(4)), the full time limit runs again from the
    clock start at the supplement's time; otherwise the deadline moves by the working time paused.
    """
    locked = _lock(dossier)
    now = timezone.now()
    at = at or now
    _check_not_future(at, now)
    pause = _open_pause(locked, PauseKind.SUPPLEMENT)
    if pause is None:
        raise TransitionError(_("No supplement was requested for this dossier."))
    if at < pause.started_at:
        raise TransitionError(_("The supplement cannot arrive before it was requested."))
    cal = calendar()
    rules = rules_for(locked.regime)
    old_due = locked.due_at
    paused_seconds = cal.working_seconds_between(pause.started_at, at)
    if rules.supplement_restarts_clock:
        restart = clock_start_for(channel=locked.channel, procedure=locked.procedure, at=at, cal=cal)
        new_due = cal.add_working_days(restart, locked.processing_days)
        rule = "restart"
    else:
        restart = None
        new_due = cal.add_working_seconds(old_due, paused_seconds)
        rule = "extend"
    # Check the move before touching the pause, so a refused action leaves no trace.
    workflow.check(locked, Action.SUPPLEMENT, access.roles_for(by, locked))
    _close_pause(pause, at, cal)
    waiting = _waiting_days(locked)
    data = {
        "old_due_at": _iso(old_due),
        "new_due_at": _iso(new_due),
        "rule": rule,
        "clock_restarted_at": _iso(restart),
        "paused_working_days": str(pause.working_days),
    }
    _apply(
        locked,
        Action.SUPPLEMENT,
        by=by,
        at=at,
        note=note,
        data=data,
        changes={"due_at": new_due, "waiting_working_days": waiting},
    )
    return _sync(dossier, locked)


@transaction.atomic
def dossier_request_fee(
    *, dossier: Dossier, by, amount: Decimal | int | None = None, note: str = "", at: dt.datetime | None = None
) -> Dossier:
    """Ask the applicant to pay the fees or taxes due; opens a fee pause."""
    locked = _lock(dossier)
    at = at or timezone.now()
    amount = amount if amount is not None else locked.procedure.fee
    data = {"amount": str(amount) if amount is not None else None, "old_due_at": _iso(locked.due_at)}
    _apply(locked, Action.REQUEST_FEE, by=by, at=at, note=note, data=data)
    DossierPause.objects.create(dossier=locked, kind=PauseKind.FEE, started_at=at, reason=note)
    return _sync(dossier, locked)


@transaction.atomic
def dossier_fee_paid(*, dossier: Dossier, by, at: dt.datetime | None = None, note: str = "") -> Dossier:
    """The fees are paid: end the fee pause; the deadline moves by the working time paused
    (settings.CCHC_FEE_WAIT_PAUSES_CLOCK)."""
    locked = _lock(dossier)
    now = timezone.now()
    at = at or now
    _check_not_future(at, now)
    pause = _open_pause(locked, PauseKind.FEE)
    if pause is None:
        raise TransitionError(_("No fee was requested for this dossier."))
    if at < pause.started_at:
        raise TransitionError(_("The fee cannot be paid before it was requested."))
    workflow.check(locked, Action.FEE_PAID, access.roles_for(by, locked))
    cal = calendar()
    old_due = locked.due_at
    if settings.CCHC_FEE_WAIT_PAUSES_CLOCK:
        seconds = _close_pause(pause, at, cal)
        new_due = cal.add_working_seconds(old_due, seconds)
    else:
        # The wait is not the applicant's time under this setting: keep it out of the waiting total.
        pause.ended_at = at
        pause.working_days = Decimal("0")
        pause.save(update_fields=["ended_at", "working_days"])
        new_due = old_due
    data = {"old_due_at": _iso(old_due), "new_due_at": _iso(new_due), "paused_working_days": str(pause.working_days)}
    _apply(
        locked,
        Action.FEE_PAID,
        by=by,
        at=at,
        note=note,
        data=data,
        changes={"due_at": new_due, "waiting_working_days": _waiting_days(locked)},
    )
    return _sync(dossier, locked)


@transaction.atomic
def dossier_submit(*, dossier: Dossier, by, note: str = "") -> Dossier:
    """The handler submits the appraised dossier to the leader for approval."""
    locked = _lock(dossier)
    _apply(locked, Action.SUBMIT, by=by, note=note)
    return _sync(dossier, locked)


@transaction.atomic
def dossier_send_back(*, dossier: Dossier, by, note: str = "") -> Dossier:
    """The leader sends the dossier back to the handler for rework."""
    locked = _lock(dossier)
    _apply(locked, Action.SEND_BACK, by=by, note=note)
    return _sync(dossier, locked)


@transaction.atomic
def dossier_approve(*, dossier: Dossier, by, note: str = "") -> Dossier:
    """The leader approves the result."""
    locked = _lock(dossier)
    _apply(locked, Action.APPROVE, by=by, note=note)
    return _sync(dossier, locked)


# --- finishing ---


def _finish_changes(dossier: Dossier, at: dt.datetime, outcome: str, cal: WorkCalendar) -> dict[str, Any]:
    """Close any open pause and compute the outcome fields and the working-time totals."""
    for pause in dossier.pauses.filter(ended_at__isnull=True):
        _close_pause(pause, at, cal)
    waiting = _waiting_days(dossier)
    elapsed = cal.working_time_between(dossier.clock_start_at, at)
    return {
        "finished_at": at,
        "outcome": outcome,
        "waiting_working_days": waiting,
        "processing_working_days": max(elapsed - waiting, Decimal("0.00")),
    }


def _finish(
    dossier: Dossier, action: str, outcome: str, *, by, note: str, data: dict, at=None, extra=None
) -> DossierEvent:
    now = timezone.now()
    at = at or now
    _check_not_future(at, now)
    if at < dossier.received_at:
        raise TransitionError(_("A dossier cannot finish before it was received."))
    workflow.check(dossier, action, access.roles_for(by, dossier))
    changes = _finish_changes(dossier, at, outcome, calendar())
    changes.update(extra or {})
    data = {**data, "due_at": _iso(dossier.due_at), "late": at > dossier.due_at}
    return _apply(dossier, action, by=by, at=at, note=note, data=data, changes=changes)


@transaction.atomic
def dossier_refuse(*, dossier: Dossier, by, reasons: str | list[str], at: dt.datetime | None = None) -> Dossier:
    """Refuse the dossier on the merits, in writing with reasons (Mẫu 03). Its outcome is `resolved`."""
    reason_list = [reasons] if isinstance(reasons, str) else list(reasons)
    reason_list = [r.strip() for r in reason_list if r and r.strip()]
    if not reason_list:
        raise TransitionError(_("A refusal must give its reasons."))
    locked = _lock(dossier)
    _finish(
        locked,
        Action.REFUSE,
        Outcome.RESOLVED,
        by=by,
        at=at,
        note="\n".join(reason_list),
        data={"reasons": reason_list},
    )
    return _sync(dossier, locked)


@transaction.atomic
def dossier_issue_result(
    *,
    dossier: Dossier,
    by,
    result_digitized: bool = False,
    e_certified: bool = False,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """The result is ready: the dossier is resolved and its processing time is fixed."""
    locked = _lock(dossier)
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
    return _sync(dossier, locked)


@transaction.atomic
def dossier_deliver(*, dossier: Dossier, by, note: str = "", at: dt.datetime | None = None) -> Dossier:
    """The desk hands the result (or the written refusal) to the applicant."""
    locked = _lock(dossier)
    now = timezone.now()
    at = at or now
    _check_not_future(at, now)
    _apply(locked, Action.DELIVER, by=by, at=at, note=note, changes={"delivered_at": at})
    return _sync(dossier, locked)


def _finish_with_reason(
    dossier: Dossier, action: str, outcome: str, *, by, reason: str, at: dt.datetime | None, missing: str
) -> Dossier:
    """Finish the dossier with a reason the officer must give (`missing` is the message when it is empty)."""
    if not (reason or "").strip():
        raise TransitionError(missing)
    locked = _lock(dossier)
    _finish(locked, action, outcome, by=by, at=at, note=reason, data={"reason": reason})
    return _sync(dossier, locked)


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, by, reason: str, at: dt.datetime | None = None) -> Dossier:
    """The applicant withdraws the dossier before a result exists (Decree 118/2025 Art. 21)."""
    missing = _("Record the applicant's request to withdraw.")
    return _finish_with_reason(
        dossier, Action.WITHDRAW, Outcome.WITHDRAWN, by=by, reason=reason, at=at, missing=missing
    )


@transaction.atomic
def dossier_return(*, dossier: Dossier, by, reason: str, at: dt.datetime | None = None) -> Dossier:
    """Hand the dossier back unprocessed (e.g. not supplemented, or not this authority's competence)."""
    missing = _("Say why the dossier is returned.")
    return _finish_with_reason(dossier, Action.RETURN, Outcome.RETURNED, by=by, reason=reason, at=at, missing=missing)


@transaction.atomic
def dossier_apologize(
    *, dossier: Dossier, by, reason: str, new_due_at: dt.datetime, at: dt.datetime | None = None
) -> Dossier:
    """Issue the apology letter with a new appointment (Mẫu 04; Decree 61/2018 Art. 19(9)).

    Only once per dossier. The new date goes to `extended_due_at`; `due_at` never moves, so a dossier finished
    by the new date still counts as late.
    """
    if not (reason or "").strip():
        raise TransitionError(_("An apology letter must give the reason for the delay."))
    locked = _lock(dossier)
    if Apology.objects.filter(dossier=locked).exists():
        raise TransitionError(_("An apology letter was already issued; the date can be re-scheduled only once."))
    if new_due_at is None or new_due_at <= locked.due_at:
        raise TransitionError(_("The new appointment must be after the legal deadline."))
    at = at or timezone.now()
    data = {"reason": reason, "due_at": _iso(locked.due_at), "new_due_at": _iso(new_due_at)}
    _apply(locked, Action.APOLOGIZE, by=by, at=at, note=reason, data=data, changes={"extended_due_at": new_due_at})
    Apology.objects.create(dossier=locked, issued_at=at, reason=reason, new_due_at=new_due_at, issued_by=by)
    return _sync(dossier, locked)


ACTION_SERVICES = {
    Action.ASSIGN: dossier_assign,
    Action.REQUEST_SUPPLEMENT: dossier_request_supplement,
    Action.SUPPLEMENT: dossier_supplement,
    Action.REQUEST_FEE: dossier_request_fee,
    Action.FEE_PAID: dossier_fee_paid,
    Action.SUBMIT: dossier_submit,
    Action.SEND_BACK: dossier_send_back,
    Action.APPROVE: dossier_approve,
    Action.REFUSE: dossier_refuse,
    Action.ISSUE_RESULT: dossier_issue_result,
    Action.DELIVER: dossier_deliver,
    Action.WITHDRAW: dossier_withdraw,
    Action.RETURN: dossier_return,
    Action.APOLOGIZE: dossier_apologize,
}


def dossier_act(*, dossier: Dossier, by, action: str, **kwargs) -> Dossier:
    """Run the service of `action` (an Action value) on `dossier`, for views that post the action's name."""
    service = ACTION_SERVICES.get(action)
    if service is None:
        raise TransitionError(_("Unknown action: %(action)s") % {"action": action})
    return service(dossier=dossier, by=by, **kwargs)


# --- documents ---


def _components_digitized(dossier: Dossier) -> bool:
    held = dossier.documents.filter(kind=DocumentKind.COMPONENT).exclude(file="")
    required = list(dossier.procedure.components.filter(required=True).values_list("pk", flat=True))
    if not required:
        return held.exists()
    held_ids = set(held.filter(component_id__in=required).values_list("component_id", flat=True))
    return held_ids >= set(required)


@transaction.atomic
def dossier_attach_document(
    *, dossier: Dossier, by, kind: str, file, name: str, component=None, at: dt.datetime | None = None
) -> DossierDocument:
    """Store a scanned component or the result file, and recompute the dossier's digitization flags."""
    locked = _lock(dossier)
    if not access.roles_for(by, locked):
        raise TransitionError(_("Only those who handle this dossier can attach documents to it."))
    if kind not in DocumentKind.values:
        raise TransitionError(_("Unknown document kind: %(kind)s.") % {"kind": kind})
    if component is not None and (kind != DocumentKind.COMPONENT or component.procedure_id != locked.procedure_id):
        raise TransitionError(_("That component document does not belong to this dossier's procedure."))
    if not file:
        raise TransitionError(_("Choose a file to attach."))
    document = DossierDocument(
        dossier=locked,
        kind=kind,
        component=component,
        name=name or getattr(file, "name", "") or str(kind),
        uploaded_at=at or timezone.now(),
        uploaded_by=by,
    )
    document.file.save(getattr(file, "name", None) or name, file, save=False)
    document.save()
    locked.components_digitized = locked.components_digitized or _components_digitized(locked)
    if kind == DocumentKind.RESULT:
        locked.result_digitized = True
    locked.save(update_fields=["components_digitized", "result_digitized"])
    _sync(dossier, locked)
    return document
