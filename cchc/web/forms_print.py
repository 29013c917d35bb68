"""Printable A5 desk forms of a dossier, filled from its records: the supplement request, the refusal, the apology
and the process control sheet (Circular 01/2018/TT-VPCP Mẫu 02-05; Circular 03/2025/TT-VPCP Appendix I).

Each form exists only once its fact does (the event or the apology row); otherwise the page is a 404. Like the
receipt, the forms carry personal data, so only those who handle the dossier open them. The paper part is the
circular's own Vietnamese wording whatever the interface language (see templates/web/print/form.html).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from cchc.accounts import access
from cchc.accounts.models import Membership, Role, User
from cchc.accounts.services import personal_data_viewed
from cchc.dossiers.delivery import DeliveryMethod, delivery_from
from cchc.dossiers.models import Apology, Dossier, DossierEvent
from cchc.dossiers.regimes import FormKind, FormSpec, rules_for
from cchc.dossiers.workflow import TABLE, Action
from cchc.reports.figures.definitions import Timeliness, timeliness
from cchc.units.models import Unit
from cchc.web.http import acting_user, page_name

from .permissions import staff_required

# The "Số: …/<type code>" symbols of the desk forms (the 2025 reproduction's codes; the 2018 ones are a local
# choice, and these serve there too).
TYPE_CODES = {
    FormKind.SUPPLEMENT_REQUEST: "PBS",
    FormKind.REFUSAL: "PTC",
    FormKind.APOLOGY: "PXL",
    FormKind.CONTROL_SHEET: "PKS",
    # Not among the codes of the 2025 reproduction (domain.md §2.5: the stop notice's fields are UNVERIFIED): a
    # local choice, "Thông báo dừng giải quyết".
    FormKind.STOP_NOTICE: "TBDGQ",
}
REFUSING = (Action.REFUSE, Action.RETURN)
# The timeline events where the dossier passes from one person or unit to another (one control-sheet row each).
HANDOVERS = (
    Action.ASSIGN,
    Action.SUBMIT,
    Action.SEND_BACK,
    Action.APPROVE,
    Action.ISSUE_RESULT,
    Action.DELIVER,
)
# The events that set the legal deadline in force from then on, and the key of the new deadline in their data.
DEADLINE_KEYS: dict[str, str] = {
    Action.RECEIVE: "due_at",
    Action.SUPPLEMENT: "new_due_at",
    Action.FEE_PAID: "new_due_at",
}
DESK = "Bộ phận tiếp nhận và trả kết quả"
URL_NAMES = {
    FormKind.SUPPLEMENT_REQUEST: "web:print_supplement_request",
    FormKind.REFUSAL: "web:print_refusal",
    FormKind.APOLOGY: "web:print_apology",
    FormKind.CONTROL_SHEET: "web:print_control_sheet",
    FormKind.STOP_NOTICE: "web:print_stop_notice",
}


class StepResult:
    """A hand-over's result against the legal deadline, as the control sheet prints it."""

    EARLY = "Trước hạn"
    ON_TIME = "Đúng hạn"
    LATE = "Quá hạn"


STEP_RESULTS = {
    Timeliness.EARLY: StepResult.EARLY,
    Timeliness.ON_TIME: StepResult.ON_TIME,
    Timeliness.LATE: StepResult.LATE,
}


def step_result(at: dt.datetime, due_at: dt.datetime | None) -> str:
    """Early, on time or late by the one rule of the figures (metrics.md's resolved_early / resolved_on_time /
    resolved_late, in local days); on time when there is no deadline (no legal time limit)."""
    return STEP_RESULTS[timeliness(at, due_at)]


@dataclass(frozen=True)
class Handover:
    """One row of the control sheet: who handed the dossier to whom, when, and how it stood against the deadline."""

    at: dt.datetime
    action: str
    giver: str
    giver_unit: str
    receiver: str
    receiver_unit: str
    due_at: dt.datetime | None
    result: str
    note: str


def _parse(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _next_actor(events: list[DossierEvent], start: int, actions: tuple[str, ...]) -> str:
    """The person of the first later event among `actions` (who took the dossier over), or ""."""
    for event in events[start + 1 :]:
        if event.action in actions and event.actor_id:
            return str(event.actor)
    return ""


def delivered_to(dossier: Dossier, event: DossierEvent) -> tuple[str, str]:
    """The control sheet's receiver of the hand-over (DELIVER): the person who received the result and in what
    capacity and way (cchc.dossiers.delivery)."""
    facts = delivery_from(event.data)
    name = facts.name or dossier.applicant_name
    who = "Người nộp hồ sơ" if facts.applicant else "Người nhận thay người nộp hồ sơ"
    if not facts.applicant and facts.id_number:
        who += f", số định danh {facts.id_number}"
    if not facts.applicant and facts.authorisation:
        who += f", {facts.authorisation}"
    if facts.method == DeliveryMethod.POST:
        who += " - qua dịch vụ bưu chính" + (f", số hiệu {facts.postal_reference}" if facts.postal_reference else "")
    elif facts.method == DeliveryMethod.ONLINE:
        who += " - nhận trực tuyến"
    return name, who


def handover_rows(dossier: Dossier, events: list[DossierEvent]) -> list[Handover]:
    """The control sheet's rows from the dossier's timeline (events in order), each judged against the deadline
    in force when it happened (a completed supplement or paid fee moves it; an apology never does)."""
    codes = {e.data.get("processing_unit") for e in events if e.action == Action.ASSIGN}
    units = {u.code: u.name for u in Unit.objects.filter(code__in=codes - {None})}
    desk_unit = dossier.receiving_unit.name
    processing = desk_unit
    handler = ""
    due = None
    rows = []
    for i, event in enumerate(events):
        if event.action in DEADLINE_KEYS:
            due = _parse(event.data.get(DEADLINE_KEYS[event.action])) or due
        if event.action not in HANDOVERS:
            continue
        actor = str(event.actor) if event.actor_id else ""
        giver_unit = receiver_unit = processing
        if event.action == Action.ASSIGN:
            giver_unit = DESK if event.from_status == "received" else processing
            processing = units.get(event.data.get("processing_unit"), processing)
            handler = event.data.get("assigned_to_name") or handler
            receiver, receiver_unit = handler, processing
        elif event.action == Action.SUBMIT:
            # The leader who acted next, else the one the dossier was sent to (the submit's chosen leader).
            receiver = (
                _next_actor(events, i, (Action.APPROVE, Action.SEND_BACK, Action.REFUSE))
                or event.data.get("leader_name")
                or "Lãnh đạo"
            )
        elif event.action == Action.SEND_BACK:
            receiver = handler
        elif event.action == Action.APPROVE:
            receiver = _next_actor(events, i, (Action.ISSUE_RESULT,)) or handler
        elif event.action == Action.ISSUE_RESULT:
            receiver, receiver_unit = _next_actor(events, i, (Action.DELIVER,)), DESK
        else:
            giver_unit = DESK
            receiver, receiver_unit = delivered_to(dossier, event)
        if giver_unit == DESK:
            giver_unit = f"{DESK} - {desk_unit}"
        if receiver_unit == DESK:
            receiver_unit = f"{DESK} - {desk_unit}"
        deadline = due or dossier.due_at
        rows.append(
            Handover(
                at=event.at,
                action=event.action,
                giver=actor,
                giver_unit=giver_unit,
                receiver=receiver,
                receiver_unit=receiver_unit,
                due_at=deadline,
                result=step_result(event.at, deadline),
                note=event.note,
            )
        )
    return rows


def _printed_dossier(request: HttpRequest, code: str) -> Dossier:
    """The dossier whose form is printed, for those who handle it only; the personal data it carries is logged as
    shown."""
    dossier = access.get_dossier_for_user(request.user, code, write=True)
    personal_data_viewed(by=acting_user(request), dossiers=[dossier], page=page_name(request))
    return dossier


def _events(dossier: Dossier, actions) -> QuerySet[DossierEvent]:
    return dossier.events.filter(action__in=list(actions)).select_related("actor").order_by("at", "pk")


def _chosen_event(request: HttpRequest, dossier: Dossier, actions) -> DossierEvent:
    """The event `?event=<pk>` names among `actions`, else the latest one; 404 when there is none."""
    events = _events(dossier, actions)
    wanted = request.GET.get("event", "")
    event = events.filter(pk=wanted).first() if wanted.isdigit() else events.last()
    if event is None:
        raise Http404("This dossier has no such record.")
    return event


def _leader_of(unit: Unit | None, preferred=None):
    """The head who signs for `unit`: `preferred` when a leader there, else its first leader."""
    if unit is None:
        return preferred
    leaders = Membership.objects.filter(unit=unit, role=Role.LEADER).select_related("user").order_by("pk")
    users = [m.user for m in leaders]
    if preferred is not None and preferred in users:
        return preferred
    return users[0] if users else preferred


@dataclass(frozen=True)
class Signer:
    """Who signs a form: the person who took its action, and their title (role and unit, in Vietnamese)."""

    user: User | None
    title: str

    def __str__(self) -> str:
        return str(self.user) if self.user is not None else ""


def signer_of(dossier: Dossier, event: DossierEvent) -> Signer:
    """The person who took `event`'s action on `dossier` (never the viewer), titled with the role that let them
    act (workflow.TABLE's roles for the action, leader first) at the unit where they hold it."""
    user = event.actor if event.actor_id else None
    if user is None:
        return Signer(None, "")
    move = TABLE.get(event.action)
    allowed: list[str] = [
        str(r) for r in (Role.LEADER, Role.SPECIALIST, Role.DESK_OFFICER) if move is None or r in move.roles
    ]
    units = [dossier.processing_unit_id, dossier.desk.pk, dossier.receiving_unit_id, dossier.competent_unit_id]
    memberships = list(
        Membership.objects.filter(user=user, role__in=allowed, unit_id__in={u for u in units if u})
        .select_related("unit")
        .order_by("pk")
    )
    memberships.sort(key=lambda m: (allowed.index(m.role), units.index(m.unit_id)))
    if not memberships:
        return Signer(user, "")
    first = memberships[0]
    with translation.override("vi"):
        return Signer(user, f"{first.get_role_display()} - {first.unit.name}")


def _form(dossier: Dossier, kind: str) -> FormSpec:
    spec = rules_for(dossier.regime).form(kind)
    if spec is None:
        raise Http404("This regime has no such form.")
    return spec


def _context(dossier: Dossier, kind: str, *, issuer: Unit, desk: bool, day, **extra) -> dict:
    """The header's facts: the issuing unit and its parent, the form's number and title, the place and date."""
    return {
        "dossier": dossier,
        "form_spec": _form(dossier, kind),
        "type_code": TYPE_CODES[kind],
        "issuer": issuer,
        "parent": issuer.parent,
        "desk": desk,
        "day": day,
        **extra,
    }


def available_forms(dossier: Dossier) -> list[tuple[FormSpec, str]]:
    """The printable forms whose fact exists for `dossier`, as (form, url), in the regime's form order."""
    actions = set(dossier.events.values_list("action", flat=True).distinct())
    present = {
        FormKind.SUPPLEMENT_REQUEST: Action.REQUEST_SUPPLEMENT in actions,
        FormKind.REFUSAL: bool(actions & set(REFUSING)),
        FormKind.APOLOGY: Apology.objects.filter(dossier=dossier).exists(),
        FormKind.CONTROL_SHEET: bool(actions & set(HANDOVERS)),
        FormKind.STOP_NOTICE: Action.WITHDRAW in actions,
    }
    rules = rules_for(dossier.regime)
    found = []
    for kind, spec in rules.forms.items():
        if present.get(kind):
            found.append((spec, reverse(URL_NAMES[kind], args=[dossier.code])))
    return found


@staff_required
@require_GET
def supplement_request(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _printed_dossier(request, code)
    event = _chosen_event(request, dossier, (Action.REQUEST_SUPPLEMENT,))
    context = _context(
        dossier,
        FormKind.SUPPLEMENT_REQUEST,
        issuer=dossier.receiving_unit,
        desk=True,
        day=event.at,
        event=event,
        reason=event.data.get("reason") or event.note,
        items=[item for item in event.data.get("items") or [] if item],
        officer=event.actor,
        signer=signer_of(dossier, event),
    )
    return render(request, "web/print/supplement_request.html", context)


@staff_required
@require_GET
def refusal(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _printed_dossier(request, code)
    event = _chosen_event(request, dossier, REFUSING)
    reasons = event.data.get("reasons") or [event.data.get("reason") or event.note]
    context = _context(
        dossier,
        FormKind.REFUSAL,
        issuer=dossier.receiving_unit,
        desk=True,
        day=event.at,
        event=event,
        reasons=[r for r in reasons if r],
        # The leader who refused on the merits, or the officer who returned the dossier: who acted, not the viewer.
        signer=signer_of(dossier, event),
    )
    return render(request, "web/print/refusal.html", context)


@staff_required
@require_GET
def apology(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _printed_dossier(request, code)
    letter = Apology.objects.filter(dossier=dossier).select_related("issued_by").first()
    if letter is None:
        raise Http404("No apology letter was issued for this dossier.")
    agency = dossier.processing_unit or dossier.receiving_unit
    event = _events(dossier, (Action.APOLOGIZE,)).last()
    original_due = (_parse(event.data.get("due_at")) if event else None) or dossier.due_at
    context = _context(
        dossier,
        FormKind.APOLOGY,
        issuer=agency,
        desk=False,
        day=letter.issued_at,
        letter=letter,
        original_due_at=original_due,
        # The head chosen when the letter was recorded (the event's `signer`), else as before the choice existed.
        signer=_apology_signer(agency, letter, event),
    )
    return render(request, "web/print/apology.html", context)


def _apology_signer(agency: Unit, letter: Apology, event: DossierEvent | None):
    chosen = (event.data or {}).get("signer") if event is not None else None
    if isinstance(chosen, int):
        user = User.objects.filter(pk=chosen).first()
        if user is not None:
            return user
    return _leader_of(agency, letter.issued_by)


@staff_required
@require_GET
def control_sheet(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _printed_dossier(request, code)
    events = list(dossier.events.select_related("actor").order_by("at", "pk"))
    rows = handover_rows(dossier, events)
    if not rows:
        raise Http404("The dossier has not been handed over yet.")
    context = _context(
        dossier,
        FormKind.CONTROL_SHEET,
        issuer=dossier.receiving_unit,
        desk=True,
        day=dossier.received_at,
        rows=rows,
        agency=dossier.processing_unit or dossier.receiving_unit,
    )
    return render(request, "web/print/control_sheet.html", context)


@staff_required
@require_GET
def stop_notice(request: HttpRequest, code: str) -> HttpResponse:
    """The notice that processing stops after the applicant withdrew (Thông báo dừng giải quyết hồ sơ; Decree
    118/2025 Art. 21, Circular 03/2025 Art. 7, domain.md §2.7): the receiving desk issues it when no result exists.

    A form of the 2025 regime only (a 2018 dossier has none: 404). Its fields are UNVERIFIED in domain.md §2.5:
    this one carries the common header and the facts the law names — the dossier code, the applicant, the
    procedure, the date the dossier was received and the date of the request to stop, the statement that
    processing stops, the reason recorded, and the signer (the desk officer who recorded the withdrawal).
    """
    dossier = _printed_dossier(request, code)
    _form(dossier, FormKind.STOP_NOTICE)
    event = _chosen_event(request, dossier, (Action.WITHDRAW,))
    context = _context(
        dossier,
        FormKind.STOP_NOTICE,
        issuer=dossier.desk,
        desk=True,
        day=event.at,
        event=event,
        reason=event.data.get("reason") or event.note,
        officer=event.actor,
        signer=signer_of(dossier, event),
    )
    return render(request, "web/print/stop_notice.html", context)
