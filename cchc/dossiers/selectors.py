"""Reads of dossiers that views, commands and reports share. Every list is scoped by accounts.access."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from cchc.accounts import access
from cchc.accounts.models import Membership, Role
from cchc.lib.periods import Period

from . import search
from .deadlines import due_soon_at, due_soon_limit, overdue_at, paused_at, pending_at
from .leaders import sent_to_me_first
from .models import Channel, Dossier, DossierQuerySet
from .states import OPEN, Status

if TYPE_CHECKING:
    from cchc.accounts.models import User
    from cchc.units.models import Unit


def annotate_deadlines(qs: QuerySet[Dossier], now: dt.datetime | None = None) -> QuerySet[Dossier]:
    """Annotate `is_overdue` and `is_due_soon` as deadlines.py defines them (a dossier waiting for the applicant
    is neither)."""
    return cast(DossierQuerySet, qs).with_deadline_flags(now)


def online_to_check_q() -> Q:
    """Sent online and not yet checked by the desk (received, nobody assigned): Decree 61/2018 Art. 17(2)."""
    return Q(channel=Channel.ONLINE, status=Status.RECEIVED, assigned_to__isnull=True)


def worklist_for_user(
    user: User,
    *,
    unit: Unit | None = None,
    mine: bool = False,
    online_to_check: bool = False,
    now: dt.datetime | None = None,
) -> QuerySet[Dossier]:
    """Open dossiers `user` may see, soonest deadline first, flagged overdue or due soon.

    `unit` narrows to dossiers received, processed, held at the desk or decided there; `mine` to those assigned to
    the user (or received by the user and not yet assigned, and for a desk officer the online dossiers of the desk
    that nobody received by hand); `online_to_check` to the online dossiers the desk has still to check.
    """
    qs = cast(DossierQuerySet, access.dossiers_visible_to(user)).open()
    if unit is not None:
        qs = qs.filter(
            Q(receiving_unit=unit) | Q(processing_unit=unit) | Q(current_desk_unit=unit) | Q(competent_unit=unit)
        )
    if mine:
        desks = Membership.objects.filter(user=user, role=Role.DESK_OFFICER).values("unit")
        at_my_desk = Q(current_desk_unit__in=desks) | Q(current_desk_unit__isnull=True, receiving_unit__in=desks)
        qs = qs.filter(
            Q(assigned_to=user)
            | Q(assigned_to__isnull=True, received_by=user)
            | (online_to_check_q() & Q(received_by__isnull=True) & at_my_desk)
        )
    if online_to_check:
        qs = qs.filter(online_to_check_q())
    qs = qs.select_related("procedure", "receiving_unit", "processing_unit", "assigned_to")
    # Dossiers with no deadline (no legal time limit) come last, on every database.
    return annotate_deadlines(qs, now).order_by(F("due_at").asc(nulls_last=True), "pk")


def dossier_search(user: User, q: str, **filters: Any) -> QuerySet[Dossier]:
    """Visible dossiers matching every word of `q` by code (or part of it), procedure code or name, or (only
    among the dossiers the user handles) by applicant name, ID number or phone; diacritics and case ignored;
    newest first. `filters`: status, period, unit (search.py)."""
    return search.search(user, q, **filters)


def tracking_book(unit: Unit, period: Period) -> QuerySet[Dossier]:
    """The tracking book (Sổ theo dõi hồ sơ, Mẫu 06 of 2018): dossiers received at `unit`'s desk in `period`,
    in receipt order."""
    from .models import DossierEvent
    from .states import Action

    # The hand-over's facts (who received the result and how: delivery.py) for the columns "Phương thức nhận kết
    # quả" and "Ký nhận", read in the same query.
    delivery = DossierEvent.objects.filter(dossier=OuterRef("pk"), action=Action.DELIVER).order_by("-at", "-pk")
    return (
        Dossier.objects.filter(receiving_unit=unit)
        .received_in(period)
        .select_related("procedure", "processing_unit", "received_by")
        .annotate(delivery_data=Subquery(delivery.values("data")[:1], output_field=JSONField()))
        .order_by("received_at", "pk")
    )


def due_soon_and_overdue_by_officer(now: dt.datetime | None = None) -> dict[User, tuple[list[Dossier], list[Dossier]]]:
    """For each officer: (dossiers falling due soon, dossiers overdue), each sorted by deadline.

    The officer is the handler the dossier is assigned to, or the desk officer who received it while nobody is
    assigned. Dossiers waiting for the applicant are left out (their clock is stopped).
    """
    now = now or timezone.now()
    qs = annotate_deadlines(Dossier.objects.open(), now)
    qs = qs.filter(Q(is_overdue=True) | Q(is_due_soon=True)).filter(
        Q(assigned_to__isnull=False) | Q(received_by__isnull=False)
    )
    qs = qs.select_related("assigned_to", "received_by", "procedure", "receiving_unit").order_by("due_at", "pk")
    result: dict[User, tuple[list[Dossier], list[Dossier]]] = defaultdict(lambda: ([], []))
    for dossier in qs:
        officer = dossier.assigned_to or dossier.received_by
        if officer is None or not officer.is_active:
            continue
        due_soon, overdue = result[officer]
        (overdue if getattr(dossier, "is_overdue", False) else due_soon).append(dossier)
    return dict(result)


# The work lists: one queue for each job waiting for a person (issue 9). A queue is a filter on the dossiers the
# user may see; the tabs, their counts and their rows all come from the same filters.

APPROVE = "approve"  # leader: dossiers awaiting approval
# leader: open, overdue or due within a working day, no apology letter yet (Decree 61/2018 Art. 19(9))
APOLOGY = "apology"
ASSIGNED = "assigned"  # specialist: the dossiers assigned to the user
CHECK = "check"  # desk: received and not passed on (incl. online ones the desk has still to check)
GUIDE = "guide"  # desk: incomplete, waiting for the applicant's supplement (the desk guides, takes it in)
SUPPLEMENTED = "supplemented"  # desk: the supplement came in and nobody has moved the dossier since
HANDOVER = "handover"  # desk: a result or a refusal ready to hand over
MINE = "mine"  # everyone: the open dossiers assigned to or received by the user
UNIT = "unit"  # everyone: the open dossiers of the user's units

QUEUE_ROLES: dict[str, str] = {
    APPROVE: Role.LEADER,
    APOLOGY: Role.LEADER,
    ASSIGNED: Role.SPECIALIST,
    CHECK: Role.DESK_OFFICER,
    GUIDE: Role.DESK_OFFICER,
    SUPPLEMENTED: Role.DESK_OFFICER,
    HANDOVER: Role.DESK_OFFICER,
}
JOB_QUEUES = (APPROVE, APOLOGY, ASSIGNED, CHECK, GUIDE, SUPPLEMENTED, HANDOVER)
QUEUES = (*JOB_QUEUES, MINE, UNIT)
READY_TO_HAND_OVER = (Status.RESULT_ISSUED, Status.REFUSED)
WORK_STATUSES = (*OPEN, *READY_TO_HAND_OVER)

OVERDUE = "overdue"
DUE_SOON = "soon"
WAITING = "waiting"  # waiting for the applicant (the clock paused)
ONLINE_TO_CHECK = "online"
FLAGS = (OVERDUE, DUE_SOON, WAITING, ONLINE_TO_CHECK)

SORTS = {
    "due": (F("due_at").asc(nulls_last=True), "pk"),
    "received": (F("received_at").asc(), "pk"),
    "-received": (F("received_at").desc(), "-pk"),
}


def deadline_flags(dossier: Dossier, now: dt.datetime | None = None) -> dict[str, bool]:
    """Whether `dossier` is overdue or due within a working day now, as the work list flags it."""
    qs = Dossier.objects.filter(pk=dossier.pk).with_deadline_flags(now)
    row = qs.values_list("is_overdue", "is_due_soon").first()
    return {"overdue": bool(row and row[0]), "due_soon": bool(row and row[1])}


def worklist_queues(user: User) -> list[str]:
    """The tabs `user` gets: a job queue for each role the user holds, in the order of the day's work, then the
    user's own and the units' open dossiers."""
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    return [q for q in JOB_QUEUES if QUEUE_ROLES[q] in roles] + [MINE, UNIT]


def _units_as(user: User, role: str) -> QuerySet:
    return Membership.objects.filter(user=user, role=role).values("unit")


def _at_desk(units: QuerySet) -> Q:
    return Q(current_desk_unit__in=units) | Q(current_desk_unit__isnull=True, receiving_unit__in=units)


def _at_unit(units: QuerySet) -> Q:
    return _at_desk(units) | Q(processing_unit__in=units) | Q(competent_unit__in=units)


def _supplement_not_moved_since() -> Exists:
    """A supplement came in and nothing has moved the dossier into "in process" since (for `in_process` rows)."""
    from .models import DossierEvent
    from .states import Action

    later_move = DossierEvent.objects.filter(
        dossier=OuterRef("dossier"), at__gt=OuterRef("at"), to_status=Status.IN_PROCESS
    )
    supplements = DossierEvent.objects.filter(dossier=OuterRef("pk"), action=Action.SUPPLEMENT).exclude(
        Exists(later_move)
    )
    return Exists(supplements)


def _supplement_arrived() -> Q:
    """In process since a supplement came in: the last move into "in process" was the supplement."""
    return Q(status=Status.IN_PROCESS) & Q(_supplement_not_moved_since())


def _flag_supplement_arrived() -> Case:
    return Case(When(_supplement_arrived(), then=Value(True)), default=Value(False), output_field=BooleanField())


def queue_q(user: User, queue: str, now: dt.datetime, limit: dt.datetime) -> Q:
    """The filter of one work-list queue for `user` (on top of the dossiers the user may see)."""
    open_ = Q(finished_at__isnull=True)
    if queue == APPROVE:
        return Q(status=Status.AWAITING_APPROVAL) & _at_unit(_units_as(user, Role.LEADER))
    if queue == APOLOGY:
        late = overdue_at(now) | due_soon_at(now, limit)
        return open_ & Q(apology__isnull=True) & late & _at_unit(_units_as(user, Role.LEADER))
    if queue == ASSIGNED:
        return open_ & Q(assigned_to=user)
    desk = _units_as(user, Role.DESK_OFFICER)
    if queue == CHECK:
        return Q(status=Status.RECEIVED, assigned_to__isnull=True) & _at_desk(desk)
    if queue == GUIDE:
        return Q(status=Status.AWAITING_SUPPLEMENT) & _at_desk(desk)
    if queue == SUPPLEMENTED:
        # Only those nobody handles (asked at reception): the others went back to their handler's list.
        return _supplement_arrived() & Q(assigned_to__isnull=True) & _at_desk(desk)
    if queue == HANDOVER:
        return Q(status__in=READY_TO_HAND_OVER) & _at_desk(desk)
    if queue == MINE:
        return open_ & (
            Q(assigned_to=user)
            | Q(assigned_to__isnull=True, received_by=user)
            | (online_to_check_q() & Q(received_by__isnull=True) & _at_desk(desk))
        )
    if queue == UNIT:
        return open_
    raise ValueError(queue)


def flag_q(flag: str, now: dt.datetime, limit: dt.datetime) -> Q:
    """The deadline filters of the work list, as deadlines.py defines them."""
    if flag == OVERDUE:
        return overdue_at(now)
    if flag == DUE_SOON:
        return due_soon_at(now, limit)
    if flag == WAITING:
        return pending_at(now) & paused_at(now)
    if flag == ONLINE_TO_CHECK:
        return online_to_check_q()
    raise ValueError(flag)


@dataclass(frozen=True)
class Worklist:
    """One page of a work list: the tab's rows (a queryset to slice), the count of every tab under the same
    filters, and the queryset the filters' choices (procedures, handlers) are drawn from."""

    queue: str
    rows: QuerySet[Dossier]
    counts: dict[str, int]
    tab_rows: QuerySet[Dossier]


def worklist(
    user: User,
    queue: str,
    *,
    unit: Unit | None = None,
    procedure_id: int | None = None,
    handler_id: int | None = None,
    status: str = "",
    flags: tuple[str, ...] = (),
    sort: str = "due",
    now: dt.datetime | None = None,
) -> Worklist:
    """The work list of `user` on the tab `queue`, narrowed by the filters; the counts of all the user's tabs in
    one aggregate query."""
    now = now or timezone.now()
    limit = due_soon_limit(now)
    queues = worklist_queues(user)
    # Every tab is open work or a result to hand over: the status index reads those few rows (about 2% of a
    # million) before the visibility and the tabs' conditions are checked on them.
    base = access.dossiers_visible_to(user).filter(status__in=WORK_STATUSES)
    narrow = Q()
    if unit is not None:
        narrow &= Q(receiving_unit=unit) | Q(processing_unit=unit) | Q(current_desk_unit=unit) | Q(competent_unit=unit)
    if status:
        narrow &= Q(status=status)
    for flag in flags:
        narrow &= flag_q(flag, now, limit)
    tab_rows = base.filter(narrow).filter(queue_q(user, queue, now, limit))
    if procedure_id is not None:
        narrow &= Q(procedure_id=procedure_id)
    if handler_id is not None:
        narrow &= Q(assigned_to_id=handler_id)
    filtered = base.filter(narrow)
    counts = filtered.aggregate(**{q: Count("pk", filter=queue_q(user, q, now, limit)) for q in queues})
    rows = filtered.filter(queue_q(user, queue, now, limit))
    rows = rows.select_related("procedure", "receiving_unit", "processing_unit", "assigned_to")
    # The approval tab shows the dossiers sent to this leader first (the submit's chosen leader: leaders.py).
    rows = sent_to_me_first(
        cast(DossierQuerySet, rows).with_deadline_flags(now), user, queue, SORTS.get(sort, SORTS["due"])
    )
    # The handler's flag "supplement arrived" (read for the page's rows only).
    rows = rows.annotate(supplement_arrived=_flag_supplement_arrived())
    return Worklist(queue=queue, rows=rows, counts=counts, tab_rows=tab_rows)
