"""Reads of report data shared by the staff pages, the import and the report generator."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from cchc.units.models import Unit, UnitLevel

from .models import (
    SECTION_MODELS,
    Correction,
    DirectiveDocument,
    LawDissemination,
    LegalDocumentReview,
    PeriodStatus,
    ProcedureReview,
    ReportPeriod,
    SectionRow,
    StaffingAction,
    StaffingKind,
    Training,
)


def period_find(*, unit: Unit, year: int, quarter: int) -> ReportPeriod | None:
    """The unit's period for the quarter, or None when nothing has been entered yet."""
    return ReportPeriod.objects.filter(unit=unit, year=year, quarter=quarter).first()


def section_rows(period: ReportPeriod | None, kind: str) -> QuerySet[SectionRow]:
    """The rows of one section of a period, in the officer's order."""
    model = SECTION_MODELS[kind]
    if period is None:
        return model._default_manager.none()
    if model is Training:
        return Training.objects.filter(period=period).prefetch_related("units")
    return model._default_manager.filter(period=period)


def period_sections(period: ReportPeriod | None) -> list[tuple[str, type[SectionRow], list[SectionRow]]]:
    """Every section of a period in report order: (key, model, rows)."""
    return [(key, model, list(section_rows(period, key))) for key, model in SECTION_MODELS.items()]


def period_corrections(period: ReportPeriod | None) -> QuerySet[Correction]:
    """The corrections made to a submitted period, oldest first."""
    if period is None:
        return Correction.objects.none()
    return Correction.objects.filter(period=period).select_related("by")


@dataclass
class Totals:
    """Counts that add up across units: what the district's report sums over its communes."""

    documents: int = 0
    trainings: int = 0
    training_sessions: int = 0
    training_participants: int = 0
    documents_handed_out: int = 0
    legal_reviewed: int = 0
    legal_to_handle: int = 0
    legal_handled: int = 0
    dissemination_count: int = 0
    recruited: int = 0
    appointed: int = 0
    seconded: int = 0
    staff_reduced: int = 0
    procedures_reviewed: int = 0
    procedures_proposed: int = 0
    procedures_simplified: int = 0

    def __add__(self, other: Totals) -> Totals:
        return Totals(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


# Totals field -> (model, aggregate expression) ; each runs as one grouped query over all periods asked for.
_STAFF = {
    "recruited": StaffingKind.RECRUITMENT,
    "appointed": StaffingKind.APPOINTMENT,
    "seconded": StaffingKind.SECONDMENT,
    "staff_reduced": StaffingKind.STAFF_REDUCTION,
}
_AGGREGATES: list[tuple[type[SectionRow], dict[str, Any]]] = [
    (DirectiveDocument, {"documents": Count("pk")}),
    (
        Training,
        {
            "trainings": Count("pk"),
            "training_sessions": Sum("sessions"),
            "training_participants": Sum("participants"),
            "documents_handed_out": Sum("documents_handed_out"),
        },
    ),
    (
        LegalDocumentReview,
        {"legal_reviewed": Sum("reviewed"), "legal_to_handle": Sum("to_handle"), "legal_handled": Sum("handled")},
    ),
    (LawDissemination, {"dissemination_count": Sum("count")}),
    (StaffingAction, {name: Sum("count", filter=Q(kind=kind)) for name, kind in _STAFF.items()}),
    (
        ProcedureReview,
        {
            "procedures_reviewed": Sum("reviewed"),
            "procedures_proposed": Sum("proposed"),
            "procedures_simplified": Sum("simplified"),
        },
    ),
]


def totals_by_period(period_ids: Iterable[int]) -> dict[int, Totals]:
    """Totals of each period, in one grouped query per section (not one per period)."""
    ids = list(period_ids)
    out = {pk: Totals() for pk in ids}
    for model, aggregates in _AGGREGATES:
        grouped = model._default_manager.filter(period_id__in=ids).values("period_id").annotate(**aggregates)
        for row in grouped.order_by():
            totals = out[row["period_id"]]
            for name in aggregates:
                setattr(totals, name, row[name] or 0)
    return out


@dataclass
class CommuneStatus:
    unit: Unit
    period: ReportPeriod | None
    totals: Totals

    @property
    def status(self) -> str:
        """missing (nothing entered), draft, or submitted."""
        return self.period.status if self.period else "missing"


@dataclass
class RollUp:
    """A district's view of a quarter: who has submitted, who is missing, and the sums."""

    district: Unit
    year: int
    quarter: int
    district_period: ReportPeriod | None
    district_totals: Totals
    communes: list[CommuneStatus] = field(default_factory=list)

    @property
    def submitted(self) -> list[CommuneStatus]:
        return [c for c in self.communes if c.status == PeriodStatus.SUBMITTED]

    @property
    def not_submitted(self) -> list[CommuneStatus]:
        return [c for c in self.communes if c.status != PeriodStatus.SUBMITTED]

    @property
    def communes_totals(self) -> Totals:
        """The sum over the communes that have submitted (a draft is not yet the commune's word)."""
        total = Totals()
        for commune in self.submitted:
            total = total + commune.totals
        return total

    @property
    def grand_totals(self) -> Totals:
        """The district's own data plus its submitted communes': the figures of the district's report."""
        return self.district_totals + self.communes_totals


def district_communes(district: Unit, year: int, quarter: int) -> QuerySet[Unit]:
    """The communes under the district that existed at the end of the quarter."""
    end = ReportPeriod(unit=district, year=year, quarter=quarter).dates().end
    return Unit.objects.valid_on(end).filter(parent=district, level=UnitLevel.COMMUNE).order_by("name")


def district_rollup(*, district: Unit, year: int, quarter: int) -> RollUp:
    """Submission status of every commune of the district for the quarter, and the totals they add up to."""
    communes = list(district_communes(district, year, quarter))
    periods = {
        p.unit_id: p
        for p in ReportPeriod.objects.filter(unit__in=[*communes, district], year=year, quarter=quarter).select_related(
            "unit"
        )
    }
    totals = totals_by_period(p.pk for p in periods.values())
    own = periods.get(district.pk)
    rollup = RollUp(
        district=district,
        year=year,
        quarter=quarter,
        district_period=own,
        district_totals=totals[own.pk] if own else Totals(),
    )
    for unit in communes:
        period = periods.get(unit.pk)
        rollup.communes.append(
            CommuneStatus(unit=unit, period=period, totals=totals[period.pk] if period else Totals())
        )
    return rollup
