"""The leaders' satisfaction tables: the evaluation forms of a period per unit and per officer, with the
dossier-based indices of Circular 01/2018 Art. 13 they give.

Which forms: those submitted in the period (`submitted_at`), of dossiers received in the unit or the units below
(as the `evaluations` figure counts them, cchc.reports.figures). Everything is aggregated in the database: one
query per table, whatever the number of forms.

Definitions (the page's note says the same):
- satisfaction rate (IMPLEMENTATION, Thanh Hoá's report): the share of forms "satisfied" or "very satisfied" among
  all forms, in per cent rounded half-up to 2 decimals (figures.definitions.percent). It counts forms, not points:
  domain.md quotes "total satisfaction points / number of forms × 100 %" without saying how many points each
  level is worth.
- each index (Art. 13, 0–2 points a dossier) is averaged over the forms that give it (Art. 15(2)), rounded half-up
  to 1 decimal; a table cell with no form giving it is "insufficient data" and left out of the total
  (Art. 15(4)(b)):
  - index 1, the resolution time against the legal limit, from the dossier itself: resolved early 2, on time 1,
    late 0, with the very conditions of the figures `resolved_early` / `resolved_on_time` / `resolved_late`;
    a dossier not finished gives nothing;
  - index 3, the applicant's contacts with the desk to complete the dossier (`contacts`): none 2, once 1, more 0
    (the form does not ask whose fault the contacts were, so "unless the applicant's fault" is not applied);
  - index 4, the agencies contacted (`agencies`): none 2, only the one-stop desk 1, more than one 0;
  - index 7, the officers' attitude: the law gives 0 for a substantiated complaint of harassment or wrongdoing,
    and CCHC cannot tell a substantiated complaint (a "conduct" feedback records no finding). So a form that
    rates the attitude "not satisfied" stands for a complaint (0); otherwise early 2, on time 1, late 0 as for
    index 1; a form that did not ask about the attitude gives nothing;
  - index 2 (each agency's time against its allotted share) has no data in CCHC: always left out.
- officer total (Art. 15(2)): the sum of the officer's indices 1, 3, 4 and 7 that have data (max 8 without
  index 2), classified as Art. 15(3) says: ≥ 5 completed 100 % of duties, 3.5 to < 5 from 70 % to < 100 %,
  < 3.5 below 70 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from cchc.accounts.models import User
from cchc.dossiers import deadlines
from cchc.dossiers.models import Dossier, Outcome
from cchc.lib.periods import Period
from cchc.reports.figures.definitions import percent

# The figures' own conditions of "early" and "on time" (cchc.reports.figures.dossiers), so that index 1 can
# never disagree with the figures resolved_early / resolved_on_time / resolved_late.
from cchc.reports.figures.dossiers import _finished_before_due_day, _finished_on_due_day, _not_late
from cchc.units.models import Unit, UnitLevel

from .models import Satisfaction

ONE_DECIMAL = Decimal("0.1")
INDICES = ("index1", "index3", "index4", "index7")
# Art. 15(3): an officer's total from 5 up, from 3.5 up, below 3.5.
COMPLETED_ALL, COMPLETED_MOST, COMPLETED_LESS = "100", "70", "below70"
CLASSIFICATION_LABELS = {
    COMPLETED_ALL: _("Completed 100 % of duties"),
    COMPLETED_MOST: _("Completed 70 % to under 100 % of duties"),
    COMPLETED_LESS: _("Completed under 70 % of duties"),
}


def _early() -> Q:
    return Q(outcome=Outcome.RESOLVED) & _not_late() & _finished_before_due_day()


def _on_time() -> Q:
    return (
        Q(outcome=Outcome.RESOLVED)
        & _not_late()
        & (Q(due_at__isnull=True) | (_finished_on_due_day() & Q(finished_at__lte=F("due_at"))))
    )


def _late() -> Q:
    return Q(outcome=Outcome.RESOLVED) & deadlines.finished_late()


def _timeliness_points() -> list[When]:
    return [When(_early(), then=Value(2)), When(_on_time(), then=Value(1)), When(_late(), then=Value(0))]


def _index_expressions() -> dict[str, Any]:
    """Each index's points for one (dossier, form) row; NULL where the row gives no data."""
    index1 = Case(*_timeliness_points(), default=None, output_field=IntegerField())
    index3 = Case(
        When(evaluations__contacts__isnull=True, then=None),
        default=Value(2) - F("evaluations__contacts"),
        output_field=IntegerField(),
    )
    index4 = Case(
        When(evaluations__agencies__isnull=True, then=None),
        default=Value(2) - F("evaluations__agencies"),
        output_field=IntegerField(),
    )
    index7 = Case(
        When(evaluations__attitude="", then=None),
        When(evaluations__attitude=Satisfaction.UNSATISFIED, then=Value(0)),
        *_timeliness_points(),
        default=None,
        output_field=IntegerField(),
    )
    return {"index1": index1, "index3": index3, "index4": index4, "index7": index7}


def _aggregates() -> dict[str, Any]:
    out: dict[str, Any] = {
        "forms": Count("evaluations"),
        "unsatisfied": Count("evaluations", filter=Q(evaluations__satisfaction=Satisfaction.UNSATISFIED)),
        "satisfied": Count("evaluations", filter=Q(evaluations__satisfaction=Satisfaction.SATISFIED)),
        "very_satisfied": Count("evaluations", filter=Q(evaluations__satisfaction=Satisfaction.VERY_SATISFIED)),
    }
    for key, expression in _index_expressions().items():
        out[f"{key}_sum"] = Sum(expression)
        out[f"{key}_n"] = Count(expression)
    return out


def average(total: int | None, count: int) -> Decimal | None:
    """Art. 15(2): the points over the dossiers that give them, rounded half-up to 1 decimal; None without data."""
    if not count:
        return None
    return (Decimal(total or 0) / Decimal(count)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SatisfactionRow:
    """One line of a table: a unit, an officer or the total."""

    key: int | None
    label: str
    forms: int
    unsatisfied: int
    satisfied: int
    very_satisfied: int
    index1: Decimal | None
    index3: Decimal | None
    index4: Decimal | None
    index7: Decimal | None

    @property
    def rate(self) -> Decimal | None:
        """The share of forms satisfied or very satisfied, in per cent (see the module's note)."""
        return percent(self.satisfied + self.very_satisfied, self.forms)

    @property
    def officer_total(self) -> Decimal | None:
        """Art. 15(2): indices 1 (+2) + 3 + 4 + 7, those without data left out (Art. 15(4)(b)); None: none has."""
        values = [v for v in (self.index1, self.index3, self.index4, self.index7) if v is not None]
        return sum(values, Decimal(0)) if values else None

    @property
    def classification(self) -> str | None:
        """Art. 15(3) for an officer: COMPLETED_ALL (≥ 5), COMPLETED_MOST (3.5 to < 5), COMPLETED_LESS (< 3.5)."""
        total = self.officer_total
        if total is None:
            return None
        if total >= 5:
            return COMPLETED_ALL
        return COMPLETED_MOST if total >= Decimal("3.5") else COMPLETED_LESS

    @property
    def classification_label(self) -> str:
        return str(CLASSIFICATION_LABELS[self.classification]) if self.classification else ""


def _row(key: int | None, label: str, values: dict[str, Any]) -> SatisfactionRow:
    indices = {k: average(values[f"{k}_sum"], values[f"{k}_n"]) for k in INDICES}
    return SatisfactionRow(
        key=key,
        label=label,
        forms=values["forms"] or 0,
        unsatisfied=values["unsatisfied"] or 0,
        satisfied=values["satisfied"] or 0,
        very_satisfied=values["very_satisfied"] or 0,
        **indices,
    )


def evaluated_dossiers(unit: Unit, period: Period) -> QuerySet[Dossier]:
    """Dossiers of `unit` and the units below with their forms submitted in `period` joined (one row a form)."""
    return Dossier.objects.filter(
        receiving_unit__path__startswith=unit.path,
        evaluations__submitted_at__gte=period.start_at,
        evaluations__submitted_at__lt=period.end_at,
    )


def satisfaction_total(unit: Unit, period: Period) -> SatisfactionRow:
    values = evaluated_dossiers(unit, period).aggregate(**_aggregates())
    return _row(unit.pk, str(unit.display_name), values)


def satisfaction_by_unit(unit: Unit, period: Period) -> list[SatisfactionRow]:
    """One row per desk unit of the subtree (a district's specialist offices count with the district, as in the
    figures), in the tree's order: those that existed during the period, and any other that has forms."""
    desk = Case(
        When(receiving_unit__level=UnitLevel.OFFICE, then=F("receiving_unit__parent_id")),
        default=F("receiving_unit_id"),
        output_field=IntegerField(),
    )
    grouped = {
        row["desk"]: row
        for row in evaluated_dossiers(unit, period).values(desk=desk).order_by("desk").annotate(**_aggregates())
    }
    existed = Q(valid_from__isnull=True) | Q(valid_from__lte=period.end)
    existed &= Q(valid_to__isnull=True) | Q(valid_to__gte=period.start)
    units = (
        Unit.objects.filter(path__startswith=unit.path)
        .exclude(level=UnitLevel.OFFICE)
        .filter(existed | Q(pk__in=list(grouped)))
        .order_by("path")
    )
    empty: dict[str, int | None] = {key: 0 for key in ("forms", "unsatisfied", "satisfied", "very_satisfied")}
    empty |= {f"{k}_{part}": 0 if part == "n" else None for k in INDICES for part in ("sum", "n")}
    return [_row(u.pk, str(u.display_name), grouped.get(u.pk, empty)) for u in units]


def _by_officer(unit: Unit, period: Period, field: str, nobody: str) -> list[SatisfactionRow]:
    rows = list(evaluated_dossiers(unit, period).values(field).order_by(field).annotate(**_aggregates()))
    users = User.objects.in_bulk([r[field] for r in rows if r[field] is not None])
    out = [_row(r[field], str(users[r[field]]) if r[field] in users else nobody, r) for r in rows]
    return sorted(out, key=lambda r: (r.key is None, r.label.casefold()))


def satisfaction_by_receiving_officer(unit: Unit, period: Period) -> list[SatisfactionRow]:
    """Per desk officer who received the dossiers (Dossier.received_by)."""
    return _by_officer(unit, period, "received_by", str(_("Not recorded (imported or on paper)")))


def satisfaction_by_handler(unit: Unit, period: Period) -> list[SatisfactionRow]:
    """Per officer the dossiers were assigned to (Dossier.assigned_to)."""
    return _by_officer(unit, period, "assigned_to", str(_("Not assigned")))
