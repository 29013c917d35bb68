"""Officers' work for leaders (issue 11 point 4): per officer and per unit, the dossiers handled, the average
processing time, the late dossiers and their causes, the supplements asked and the applicants' satisfaction.

Which dossiers: those received in the unit or the units below (as the `tree` figures count them), each counted
for the officer it is assigned to (`Dossier.assigned_to`) and for its desk unit (a district's specialist offices
count with the district, as in the figures). Every count is a named condition of the figures module
(`DOSSIER_FILTERS`), so the officers' table adds up to the report's figures; the causes and the supplements are
narrower conditions (`DETAILS`) the drill-down applies on top of a figure, so each number opens its dossiers.

Everything is aggregated in the database, grouped by (desk unit, officer): a bounded number of queries whatever
the number of officers or dossiers (see `officer_work`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cchc.accounts.models import Membership, User
from cchc.dossiers.models import Apology, Dossier, DossierEvent, DossierPause, PauseKind
from cchc.dossiers.states import Status
from cchc.feedback import evaluations_selectors as satisfaction_tables
from cchc.lib.periods import Period
from cchc.units.models import Unit, UnitLevel

from .figures.definitions import CENT, percent
from .figures.dossiers import DOSSIER_FILTERS, _between, _total_parts

# The figures counted per officer and per unit (metrics.md keys), in the table's order.
COUNTS = ("total", "resolved", "resolved_early", "resolved_on_time", "resolved_late", "pending_overdue")

# Where a late dossier stood when its deadline passed (the status of its last event before the deadline, or
# before the deadline it had already missed when it began to wait): which step of the procedure missed it.
STAGES: dict[str, Any] = {
    Status.RECEIVED: _("At the desk, not yet assigned"),
    Status.IN_PROCESS: _("With the handler"),
    Status.AWAITING_APPROVAL: _("Awaiting the leader's approval"),
    Status.APPROVED: _("Approved, result not yet issued"),
}
NO_STAGE = "other"  # imported without history, or another status


def _supplement_asked(p: Period) -> Q:
    """A supplement (Mẫu 02) was requested in the period (the wait it opened began then)."""
    waits = DossierPause.objects.filter(dossier=OuterRef("pk"), kind=PauseKind.SUPPLEMENT)
    return Q(Exists(waits.filter(_between("started_at", p))))


def _with_apology(p: Period) -> Q:
    # As the figure `late_with_apology`: a letter issued by the period's end.
    return Q(Exists(Apology.objects.filter(dossier=OuterRef("pk"), issued_at__lt=p.end_at)))


def _had_supplement(p: Period) -> Q:
    return Q(Exists(DossierPause.objects.filter(dossier=OuterRef("pk"), kind=PauseKind.SUPPLEMENT)))


def _missed_before_wait(p: Period) -> Q:
    return Q(missed_due_at__isnull=False)


def stage_annotation() -> Subquery:
    """The status a dossier was in at its (first missed) deadline, from its events."""
    deadline = Coalesce(OuterRef("missed_due_at"), OuterRef("due_at"))
    last = DossierEvent.objects.filter(dossier=OuterRef("pk"), at__lte=deadline).order_by("-at", "-pk")
    return Subquery(last.values("to_status")[:1])


def _stage_filter(stage: str) -> Callable[[QuerySet, Period], QuerySet]:
    def narrow(qs: QuerySet, p: Period) -> QuerySet:
        qs = qs.annotate(deadline_stage=stage_annotation())
        if stage == NO_STAGE:
            return qs.filter(Q(deadline_stage__isnull=True) | ~Q(deadline_stage__in=list(STAGES)))
        return qs.filter(deadline_stage=stage)

    return narrow


def _condition(condition: Callable[[Period], Q]) -> Callable[[QuerySet, Period], QuerySet]:
    return lambda qs, p: qs.filter(condition(p))


# Narrower conditions the drill-down applies on top of a figure (`detail=` in its address).
DETAILS: dict[str, Callable[[QuerySet, Period], QuerySet]] = {
    "supplement_asked": _condition(_supplement_asked),
    "with_apology": _condition(_with_apology),
    "missed_before_wait": _condition(_missed_before_wait),
    "had_supplement": _condition(_had_supplement),
    **{f"stage_{stage}": _stage_filter(stage) for stage in [*STAGES, NO_STAGE]},
}
DETAIL_LABELS: dict[str, Any] = {
    "supplement_asked": _("supplement requested in the period"),
    "with_apology": _("with an apology letter"),
    "missed_before_wait": _("deadline missed before a wait for the applicant"),
    "had_supplement": _("a supplement was requested"),
    **{f"stage_{stage}": label for stage, label in STAGES.items()},
    f"stage_{NO_STAGE}": _("Step not recorded"),
}
CAUSES = ("with_apology", "missed_before_wait", "had_supplement")
REASONS_SHOWN = 3


def narrow(qs: QuerySet, detail: str, period: Period) -> QuerySet:
    """`qs` (a figure's dossiers) narrowed by the detail condition `detail` (KeyError if unknown)."""
    return DETAILS[detail](qs, period)


def handler_q(handler: str) -> Q:
    """Dossiers assigned to the user with this id, or to nobody for "none"; ValueError for anything else."""
    if handler == "none":
        return Q(assigned_to__isnull=True)
    return Q(assigned_to_id=int(handler))


@dataclass
class WorkRow:
    """One officer's or one unit's line; the numbers add up across rows (averages are taken at the end)."""

    key: int | None
    label: str
    units: str = ""
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    processing_sum: Decimal = Decimal(0)
    processing_n: int = 0
    supplements: int = 0
    causes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CAUSES, 0))
    stages: dict[str, int] = field(default_factory=lambda: dict.fromkeys([*STAGES, NO_STAGE], 0))
    reasons: Counter = field(default_factory=Counter)
    satisfaction: satisfaction_tables.SatisfactionRow | None = None

    @property
    def on_time(self) -> int:
        return self.counts["resolved_early"] + self.counts["resolved_on_time"]

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.counts["resolved"])

    @property
    def late(self) -> int:
        return self.counts["resolved_late"]

    @property
    def processing_avg(self) -> Decimal | None:
        """Mean working days from receipt to result, less the applicant's waits, over the resolved dossiers (as
        the figure `processing_working_days_avg`), rounded half-up to 2 decimals."""
        if not self.processing_n:
            return None
        return (self.processing_sum / self.processing_n).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def top_reasons(self) -> list[tuple[str, int]]:
        return self.reasons.most_common(REASONS_SHOWN)

    def is_empty(self) -> bool:
        return not (any(self.counts.values()) or self.supplements or (self.satisfaction and self.satisfaction.forms))


@dataclass(frozen=True)
class OfficerWork:
    unit: Unit
    period: Period
    officers: list[WorkRow]
    units: list[tuple[Unit, WorkRow]]
    total: WorkRow


def _aggregates(period: Period) -> dict[str, Any]:
    out: dict[str, Any] = {key: Count("pk", filter=DOSSIER_FILTERS[key](period)) for key in COUNTS}
    resolved = DOSSIER_FILTERS["resolved"](period)
    out["processing_sum"] = Sum(
        "processing_working_days", filter=resolved, output_field=DecimalField(max_digits=20, decimal_places=2)
    )
    out["processing_n"] = Count("processing_working_days", filter=resolved)
    out["supplements"] = Count("pk", filter=_supplement_asked(period))
    return out


def officer_work(unit: Unit, period: Period) -> OfficerWork:
    """The tables of the page for `unit` and the units below, for `period`.

    Queries: the subtree's units (1); the figures' counts grouped by (receiving unit, officer), one per disjoint
    part of `total` (3); the late dossiers' causes grouped by (unit, officer, step) (1); their apology reasons (1); the
    satisfaction tables per handler and per unit (cchc.feedback.evaluations_selectors, 2 + 1); the officers and
    their units (2). None per officer or per dossier.
    """
    period = period.as_of()
    # The subtree by id, as the figures scope it (the dossiers' unit index, no join); a specialist office's
    # dossiers go to its district's desk.
    subtree = {u.pk: u for u in Unit.objects.filter(path__startswith=unit.path)}
    desk_of = {
        pk: (u.parent_id if u.level == UnitLevel.OFFICE and u.parent_id in subtree else pk) for pk, u in subtree.items()
    }
    scope = Q(receiving_unit__in=list(subtree))
    by_officer: dict[int | None, WorkRow] = {}
    by_desk: dict[int, WorkRow] = {}
    total = WorkRow(unit.pk, str(unit.display_name))

    def rows_for(receiving_unit: int, officer: int | None) -> list[WorkRow]:
        desk = desk_of[receiving_unit]
        return [
            by_officer.setdefault(officer, WorkRow(officer, "")),
            by_desk.setdefault(desk, WorkRow(desk, "")),
            total,
        ]

    aggregates = _aggregates(period)
    for part in _total_parts(period):
        grouped = (
            Dossier.objects.filter(scope & part)
            .values("assigned_to", "receiving_unit")
            .order_by()
            .annotate(**aggregates)
        )
        for values in grouped:
            for row in rows_for(values["receiving_unit"], values["assigned_to"]):
                for key in COUNTS:
                    row.counts[key] += values[key] or 0
                row.processing_sum += values["processing_sum"] or Decimal(0)
                row.processing_n += values["processing_n"] or 0
                row.supplements += values["supplements"] or 0

    late = Dossier.objects.filter(scope & DOSSIER_FILTERS["resolved_late"](period))
    causes = (
        late.annotate(deadline_stage=stage_annotation())
        .values("assigned_to", "deadline_stage", "receiving_unit")
        .order_by()
        .annotate(
            n=Count("pk"),
            **{cause: Count("pk", filter=DETAILS_Q[cause](period)) for cause in CAUSES},
        )
    )
    for values in causes:
        stage = values["deadline_stage"] if values["deadline_stage"] in STAGES else NO_STAGE
        for row in rows_for(values["receiving_unit"], values["assigned_to"]):
            row.stages[stage] += values["n"]
            for cause in CAUSES:
                row.causes[cause] += values[cause]

    reasons = (
        Apology.objects.filter(dossier__in=late.values("pk"), issued_at__lt=period.end_at)
        .exclude(reason="")
        .values("reason", "dossier__assigned_to", "dossier__receiving_unit")
        .order_by()
        .annotate(n=Count("pk"))
    )
    for values in reasons:
        for row in rows_for(values["dossier__receiving_unit"], values["dossier__assigned_to"]):
            row.reasons[values["reason"].strip()] += values["n"]

    for sat in satisfaction_tables.satisfaction_by_handler(unit, period):
        by_officer.setdefault(sat.key, WorkRow(sat.key, "")).satisfaction = sat
    units = []
    for sat in satisfaction_tables.satisfaction_by_unit(unit, period):
        row = by_desk.setdefault(sat.key or 0, WorkRow(sat.key, ""))
        row.satisfaction = sat
        row.label = sat.label
    total.satisfaction = satisfaction_tables.satisfaction_total(unit, period)

    desks = {pk: subtree[pk] for pk in by_desk if pk in subtree}
    for desk_id, row in by_desk.items():
        if desk_id in desks:
            row.label = row.label or str(desks[desk_id].display_name)
            units.append((desks[desk_id], row))
    units.sort(key=lambda pair: pair[0].path)

    users = User.objects.in_bulk([k for k in by_officer if k is not None])
    memberships: dict[int, list[str]] = {}
    for user_id, name in (
        Membership.objects.filter(user__in=list(users), unit__path__startswith=unit.path)
        .values_list("user_id", "unit__name")
        .distinct()
        .order_by("unit__path")
    ):
        if name not in memberships.setdefault(user_id, []):
            memberships[user_id].append(name)
    for officer_id, row in by_officer.items():
        if officer_id is None:
            row.label = str(_("Not assigned"))
        else:
            row.label = str(users[officer_id]) if officer_id in users else str(officer_id)
            row.units = ", ".join(memberships.get(officer_id, []))
    officers = sorted(by_officer.values(), key=lambda r: (r.key is None, r.label.casefold()))
    return OfficerWork(unit, period, officers, units, total)


DETAILS_Q: dict[str, Callable[[Period], Q]] = {
    "with_apology": _with_apology,
    "missed_before_wait": _missed_before_wait,
    "had_supplement": _had_supplement,
}


def narrowed_label(handler: str, detail: str) -> str:
    """What the drill-down's narrowing means, for its heading: "Handler: Nguyễn Văn A · with an apology letter"."""
    parts = []
    if handler == "none":
        parts.append(str(_("Not assigned")))
    elif handler:
        user = User.objects.filter(pk=int(handler)).first()
        parts.append(str(_("Handler: %(name)s")) % {"name": user if user is not None else handler})
    if detail:
        parts.append(str(DETAIL_LABELS[detail]))
    return " · ".join(parts)
