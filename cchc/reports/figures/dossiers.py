"""The dossier figures of shared/spec/metrics.md: one definition for reports, dashboards, the API and the CLI.

Every count is a named condition (a `Q`) in `DOSSIER_FILTERS` or `ROW_FIGURES`, evaluated by the database in
aggregate queries (COUNT ... FILTER). `figure_queryset` returns the rows behind a figure with the very condition
that counted them, so "open the list of dossiers behind this number" can never disagree with the number.

Days are local days (settings.TIME_ZONE, Asia/Ho_Chi_Minh): a period's bounds are local midnights
(`Period.start_at`, `Period.end_at`), and "early" compares the local calendar days of `finished_at` and
`due_at` in the database (`LocalDate`, on SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.db.models.lookups import Exact, LessThan
from django.utils.translation import gettext_lazy as _

from cchc.dossiers import deadlines
from cchc.dossiers.models import Apology, Channel, Dossier, Outcome
from cchc.feedback.models import Evaluation, Feedback, Satisfaction
from cchc.lib.periods import Period
from cchc.procedures.models import OnlineService, Procedure
from cchc.units.models import Unit, UnitLevel

# The names of the figures, their rates and rounding live in definitions.py (no database code); they are
# re-exported here, where the figures have always been imported from.
from .definitions import CENT, COUNT_KEYS, DURATION_KEYS, RATE_DEFINITIONS, Rate
from .definitions import json_number as _json_number
from .definitions import percent as percent


class Scope(models.TextChoices):
    SELF = "self", _("own desk")
    CHILDREN = "children", _("units below")
    TREE = "tree", _("whole area")


Condition = Callable[[Period], Q]


# --- building blocks (each a condition on Dossier for a period) ---
def _between(name: str, period: Period) -> Q:
    """`name` falls on a local day of the period: [start_at, end_at)."""
    return Q(**{f"{name}__gte": period.start_at, f"{name}__lt": period.end_at})


def _received(p: Period) -> Q:
    return _between("received_at", p)


def _carried_over(p: Period) -> Q:
    return Q(received_at__lt=p.start_at) & (Q(finished_at__isnull=True) | Q(finished_at__gte=p.start_at))


def _total(p: Period) -> Q:
    # carried_over + received: on the desk at some moment of the period.
    return Q(received_at__lt=p.end_at) & (Q(finished_at__isnull=True) | Q(finished_at__gte=p.start_at))


def _resolved(p: Period) -> Q:
    return Q(outcome=Outcome.RESOLVED) & _between("finished_at", p)


def _resolved_late(p: Period) -> Q:
    # Finished after due_at, or after missing the deadline before a wait for the applicant (dossiers.deadlines).
    return _resolved(p) & deadlines.finished_late()


def _not_late() -> Q:
    # Early and on time never include a dossier that missed its deadline before a wait.
    return Q(missed_due_at__isnull=True)


def _pending(p: Period) -> Q:
    return Q(received_at__lt=p.end_at) & (Q(finished_at__isnull=True) | Q(finished_at__gte=p.end_at))


def _pending_overdue(p: Period) -> Q:
    # Overdue as dossiers.deadlines defines it, read at the period's end, or now for a period not ended yet; a
    # dossier waiting for the applicant then is not overdue.
    return _pending(p) & deadlines.past_deadline_at(p.state_at)


def _late(p: Period) -> Q:
    return _resolved_late(p) | _pending_overdue(p)


def _online_capable(p: Period) -> Q:
    return _received(p) & Q(online_service__in=[OnlineService.PARTIAL, OnlineService.FULL])


def _full_online(p: Period) -> Q:
    return _received(p) & Q(online_service=OnlineService.FULL)


def _has_apology_by_end(p: Period, in_time: bool = False) -> Q:
    # An apology issued after the period did not exist when the period closed; counting it would change a past
    # period's figure after the fact.
    letters = Apology.objects.filter(dossier=OuterRef("pk"), issued_at__lt=p.end_at)
    return Q(Exists(letters.filter(in_time=True) if in_time else letters))


@functools.lru_cache(maxsize=8)
def _fixed_utc_offset(tzname: str) -> int | None:
    """The zone's UTC offset in minutes if it has not changed since 1976 (Vietnam: +420 since 1975), else None."""
    tz = ZoneInfo(tzname)
    offsets = {
        dt.datetime(year, month, 1, tzinfo=dt.UTC).astimezone(tz).utcoffset()
        for year in range(1976, 2101)
        for month in (1, 4, 7, 10)
    }
    offset = offsets.pop() if len(offsets) == 1 else None
    return None if offset is None else int(offset.total_seconds() // 60)


class LocalDate(TruncDate):
    """The local calendar date of a datetime column.

    On SQLite, Django's TruncDate calls a Python function per row; with a fixed-offset zone SQLite's own date()
    gives the same date without leaving the database engine, which a million-row report needs.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        offset = _fixed_utc_offset(self.get_tzname())
        if offset is None:
            return self.as_sql(compiler, connection)
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, %s)", (*params, f"{offset:+d} minutes")


def _local_day(name: str) -> LocalDate:
    return LocalDate(name, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _finished_before_due_day() -> Q:
    return Q(LessThan(_local_day("finished_at"), _local_day("due_at")))


def _finished_on_due_day() -> Q:
    return Q(Exact(_local_day("finished_at"), _local_day("due_at")))


def day_annotations() -> dict[str, Any]:
    """The local calendar days the early / on-time figures compare, for showing beside a figure's rows."""
    return {"finished_day": _local_day("finished_at"), "due_day": _local_day("due_at")}


def _received_handled_on_time(p: Period) -> Q:
    # Decision 766 index 2.1 (service-index.md §2.2): of the dossiers received in P, those finished (any outcome:
    # resolved, refused, withdrawn, returned) by their deadline, or still in process within it at the period's end.
    finished_in_time = (
        Q(finished_at__lt=p.end_at) & _not_late() & (Q(due_at__isnull=True) | Q(finished_at__lte=F("due_at")))
    )
    within = _pending(p) & ~deadlines.past_deadline_at(p.state_at)
    return _received(p) & (finished_in_time | within)


def _with_complaint(p: Period) -> Q:
    # Decision 766 index 5.4: a dossier with a petition about it, or a "not satisfied" evaluation, by the period's end.
    petitions = Feedback.objects.filter(dossier=OuterRef("pk"), received_at__lt=p.end_at)
    dislikes = Evaluation.objects.filter(
        dossier=OuterRef("pk"), submitted_at__lt=p.end_at, satisfaction=Satisfaction.UNSATISFIED
    )
    return Q(Exists(petitions)) | Q(Exists(dislikes))


def _paper_result() -> Q:
    # A procedure that issues a result document (an IN over the procedures, not a join of every dossier row).
    return Q(procedure__in=Procedure.objects.filter(has_result_document=True).values("pk"))


# Counts over Dossier rows, in the order of metrics.md.
DOSSIER_FILTERS: dict[str, Condition] = {
    "received_online": lambda p: _received(p) & Q(channel=Channel.ONLINE),
    "received_direct": lambda p: _received(p) & Q(channel=Channel.DIRECT),
    "received_postal": lambda p: _received(p) & Q(channel=Channel.POSTAL),
    "received": _received,
    "carried_over": _carried_over,
    "total": _total,
    "resolved": _resolved,
    "resolved_early": lambda p: _resolved(p) & _not_late() & _finished_before_due_day(),
    # A dossier with no due date (no legal time limit) is on time: never late, never early (metrics.md).
    "resolved_on_time": lambda p: (
        _resolved(p)
        & _not_late()
        & (Q(due_at__isnull=True) | (_finished_on_due_day() & Q(finished_at__lte=F("due_at"))))
    ),
    "resolved_late": _resolved_late,
    "withdrawn_or_returned": lambda p: (
        Q(outcome__in=[Outcome.WITHDRAWN, Outcome.RETURNED]) & _between("finished_at", p)
    ),
    "pending": _pending,
    "pending_overdue": _pending_overdue,
    "pending_within_deadline": lambda p: _pending(p) & ~deadlines.past_deadline_at(p.state_at),
    "due": lambda p: _resolved(p) | _pending_overdue(p),
    "late": _late,
    "late_with_apology": lambda p: _late(p) & _has_apology_by_end(p),
    # Decree 61/2018 Art. 19(9): the letter is due no later than 1 day before the deadline; only those count here.
    "late_with_apology_in_time": lambda p: _late(p) & _has_apology_by_end(p, in_time=True),
    "late_kept_new_date": lambda p: _resolved_late(p) & Q(finished_at__lte=F("extended_due_at")),
    "e_certifications": lambda p: _resolved(p) & Q(e_certified=True),
    "digitized_components": lambda p: _received(p) & Q(components_digitized=True),
    "digitized_results": lambda p: _resolved(p) & Q(result_digitized=True),
    "online_capable_received": _online_capable,
    "online_capable_received_online": lambda p: _online_capable(p) & Q(channel=Channel.ONLINE),
    "full_online_received": _full_online,
    "full_online_received_online": lambda p: _full_online(p) & Q(channel=Channel.ONLINE),
    "no_time_limit_received": lambda p: _received(p) & Q(due_at__isnull=True),
    "no_time_limit_resolved": lambda p: _resolved(p) & Q(due_at__isnull=True),
    "received_handled_on_time": _received_handled_on_time,
    "received_with_complaint": lambda p: _received(p) & _with_complaint(p),
    "received_paper_result": lambda p: _received(p) & _paper_result(),
    "received_paper_result_digitized": lambda p: _received(p) & _paper_result() & Q(result_digitized=True),
    # Decision 766 index 4.2: every component held as a file, and the e-result where the procedure issues one.
    "received_digitized_fully": lambda p: (
        _received(p) & Q(components_digitized=True) & (~_paper_result() | Q(result_digitized=True))
    ),
    "received_fee_bearing": lambda p: _received(p) & Q(procedure__in=Procedure.objects.filter(fee__gt=0).values("pk")),
}


@dataclass(frozen=True)
class RowFigure:
    """A count of rows of another model (apology letters, evaluations, feedback), scoped through `unit_field`."""

    model: type[models.Model]
    unit_field: str
    condition: Condition


ROW_FIGURES: dict[str, RowFigure] = {
    "apologies": RowFigure(Apology, "dossier__receiving_unit", lambda p: _between("issued_at", p)),
    "evaluations": RowFigure(Evaluation, "dossier__receiving_unit", lambda p: _between("submitted_at", p)),
    # Of those, the applicant answered "satisfied" or "very satisfied" (the public board's satisfaction).
    "evaluations_satisfied": RowFigure(
        Evaluation,
        "dossier__receiving_unit",
        lambda p: (
            _between("submitted_at", p) & Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.VERY_SATISFIED])
        ),
    ),
    "feedback_received": RowFigure(Feedback, "unit", lambda p: _between("received_at", p)),
    "feedback_resolved": RowFigure(Feedback, "unit", lambda p: _between("answered_at", p)),
    # Circular 01/2018 Art. 13 index 8: feedback answered on time. Without a due date (rows entered before the
    # portal set one) nothing was missed, as for a dossier without a time limit.
    "feedback_answered_on_time": RowFigure(
        Feedback,
        "unit",
        lambda p: _between("answered_at", p) & (Q(due_at__isnull=True) | Q(answered_at__lte=F("due_at"))),
    ),
    # Decision 766 index 5.3: received in P and answered after its due moment, or unanswered past it (period's end).
    "feedback_received_late": RowFigure(
        Feedback,
        "unit",
        lambda p: (
            _between("received_at", p)
            & Q(due_at__isnull=False)
            & (Q(answered_at__gt=F("due_at")) | (Q(answered_at__isnull=True) & Q(due_at__lt=p.state_at)))
        ),
    ),
    # Unanswered at the period's end (or now) with its due moment passed then, like `pending_overdue`.
    "feedback_overdue": RowFigure(
        Feedback,
        "unit",
        lambda p: (
            Q(received_at__lt=p.end_at, due_at__lt=p.state_at)
            & (Q(answered_at__isnull=True) | Q(answered_at__gte=p.state_at))
        ),
    ),
}

# duration key -> the Dossier field averaged over `resolved`
DURATION_FIELDS: dict[str, str] = dict(
    zip(DURATION_KEYS, ("processing_working_days", "waiting_working_days"), strict=True)
)


@dataclass(frozen=True)
class DossierFigures:
    """The figures of one unit, scope and period. Plain numbers; nothing is formatted here."""

    unit: Unit
    scope: Scope
    period: Period
    counts: dict[str, int]
    durations: dict[str, Decimal | None]
    rates: dict[str, Rate]

    def to_json(self) -> dict[str, Any]:
        """The shape `cchc stats --json` prints (metrics.md, "Output"), ready for json.dumps."""
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name},
            "scope": str(Scope(self.scope).value),
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "counts": dict(self.counts),
            "durations": {key: _json_number(value) for key, value in self.durations.items()},
            "rates": {key: rate.to_json() for key, rate in self.rates.items()},
        }


# --- scoping ---
def _unit_ids(unit: Unit, scope: Scope) -> QuerySet[Unit, dict[str, Any]]:
    # A dossier received at a district's specialist office counts at the district level, never under the communes
    # (issue 6 rule 5): the office has no desk of its own (Unit.desk_unit), so it is part of the unit's own desk.
    own = Unit.objects.filter(Q(pk=unit.pk) | Q(parent=unit, level=UnitLevel.OFFICE)).values("pk")
    if scope == Scope.SELF:
        return own
    subtree = Unit.objects.filter(path__startswith=unit.path)
    if scope == Scope.CHILDREN:
        subtree = subtree.exclude(pk__in=own)
    return subtree.values("pk")


def _scope_q(unit_field: str, unit: Unit, scope: Scope) -> Q:
    return Q(**{f"{unit_field}__in": _unit_ids(unit, Scope(scope))})


def figure_queryset(key: str, *, unit: Unit, period: Period, scope: Scope | str = Scope.TREE) -> QuerySet:
    """The rows a count is made of, by the same condition that counted them.

    Dossier rows for the dossier counts (annotated with `finished_day` and `due_day`); Apology, Evaluation or
    Feedback rows for `apologies`, `evaluations` and the feedback counts. Raises KeyError for an unknown key.
    """
    scope = Scope(scope)
    period = period.as_of()
    if key in DOSSIER_FILTERS:
        return Dossier.objects.annotate(**day_annotations()).filter(
            _scope_q("receiving_unit", unit, scope) & DOSSIER_FILTERS[key](period)
        )
    figure = ROW_FIGURES[key]
    return figure.model._default_manager.filter(_scope_q(figure.unit_field, unit, scope) & figure.condition(period))


# --- aggregation ---
@dataclass
class _Tally:
    """Counts and duration sums that add up across units (averages are taken only at the end)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    sums: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(DURATION_FIELDS, Decimal(0)))
    sizes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DURATION_FIELDS, 0))

    def add_row(self, row: dict[str, Any]) -> None:
        for key in COUNT_KEYS:
            self.counts[key] += row.get(key) or 0
        for key in DURATION_FIELDS:
            self.sums[key] += row.get(f"{key}__sum") or Decimal(0)
            self.sizes[key] += row.get(f"{key}__n") or 0

    def add(self, other: _Tally) -> None:
        for key in COUNT_KEYS:
            self.counts[key] += other.counts[key]
        for key in DURATION_FIELDS:
            self.sums[key] += other.sums[key]
            self.sizes[key] += other.sizes[key]

    def figures(self, unit: Unit, scope: Scope, period: Period) -> DossierFigures:
        durations: dict[str, Decimal | None] = {
            key: (self.sums[key] / self.sizes[key]).quantize(CENT, rounding=ROUND_HALF_UP) if self.sizes[key] else None
            for key in DURATION_FIELDS
        }
        rates = {
            key: Rate(sum(self.counts[k] for k in numerator), self.counts[denominator])
            for key, (numerator, denominator) in RATE_DEFINITIONS.items()
        }
        return DossierFigures(unit, Scope(scope), period, dict(self.counts), durations, rates)


def _dossier_aggregates(period: Period) -> dict[str, Any]:
    aggregates: dict[str, Any] = {
        key: Count("pk", filter=condition(period)) for key, condition in DOSSIER_FILTERS.items()
    }
    resolved = _resolved(period)
    for key, name in DURATION_FIELDS.items():
        # Wide output field: the sum over many dossiers outgrows the column's 8 digits.
        aggregates[f"{key}__sum"] = Sum(
            name, filter=resolved, output_field=DecimalField(max_digits=20, decimal_places=2)
        )
        aggregates[f"{key}__n"] = Count(name, filter=resolved)
    return aggregates


def _total_parts(p: Period) -> list[Q]:
    """`total` cut into disjoint parts that are each one index range: received in P; received before P and open;
    received before P and finished in or after it. An OR of these ranges would make the database read the table."""
    return [
        _received(p),
        Q(received_at__lt=p.start_at, finished_at__isnull=True),
        Q(received_at__lt=p.start_at, finished_at__gte=p.start_at),
    ]


def _dossier_rows(scope_q: Q, period: Period, group_by: str | None) -> Iterable[tuple[int | None, dict[str, Any]]]:
    # Every dossier count is a subset of `total`, so only those rows need to reach the aggregates; the counts
    # of the disjoint parts add up.
    aggregates = _dossier_aggregates(period)
    rows: list[tuple[int | None, dict[str, Any]]] = []
    for part in _total_parts(period):
        qs = Dossier.objects.filter(scope_q & part)
        if group_by is None:
            rows.append((None, qs.aggregate(**aggregates)))
        else:
            rows += [(row.pop(group_by), row) for row in qs.values(group_by).annotate(**aggregates).order_by()]
    return rows


def _row_figure_rows(
    scope_for: Callable[[str], Q], period: Period, grouped: bool
) -> Iterable[tuple[int | None, dict[str, Any]]]:
    by_model: dict[tuple[type[models.Model], str], dict[str, Any]] = {}
    for key, figure in ROW_FIGURES.items():
        by_model.setdefault((figure.model, figure.unit_field), {})[key] = Count("pk", filter=figure.condition(period))
    rows: list[tuple[int | None, dict[str, Any]]] = []
    for (model, unit_field), aggregates in by_model.items():
        any_of = Q()
        for key in aggregates:
            any_of |= ROW_FIGURES[key].condition(period)
        qs = model._default_manager.filter(scope_for(unit_field) & any_of)
        if grouped:
            rows += [(row.pop(unit_field), row) for row in qs.values(unit_field).annotate(**aggregates).order_by()]
        else:
            rows.append((None, qs.aggregate(**aggregates)))
    return rows


def dossier_figures(*, unit: Unit, period: Period, scope: Scope | str = Scope.TREE) -> DossierFigures:
    """Every figure of metrics.md for `unit`, `scope` and `period`, by aggregate queries (none per dossier)."""
    scope = Scope(scope)
    period = period.as_of()
    tally = _Tally()
    # The units' ids as a list, read once: with `IN (subquery)` PostgreSQL planned the evaluations' count from the
    # unit's dossiers (all 20,306 of a busy unit, 240 ms at 1,000,000 dossiers); with the ids it starts from the
    # period's evaluations by their date (30-60 ms). bench/README.md, "The public board".
    ids = list(_unit_ids(unit, scope).values_list("pk", flat=True))
    for _unit, row in _dossier_rows(Q(receiving_unit__in=ids), period, None):
        tally.add_row(row)
    for _unit, row in _row_figure_rows(lambda name: Q(**{f"{name}__in": ids}), period, grouped=False):
        tally.add_row(row)
    return tally.figures(unit, scope, period)


@dataclass(frozen=True)
class AreaFigures:
    """The figures of a unit's three scopes and of each unit directly below it, from one set of queries."""

    scopes: dict[str, DossierFigures]  # Scope value -> figures of `parent`
    by_unit: dict[str, DossierFigures]  # unit code -> figures, as dossier_figures_by_unit returns them


def dossier_figures_by_unit(*, parent: Unit, period: Period) -> dict[str, DossierFigures]:
    """The figures of `parent` (scope self) and of each unit directly below it (scope tree), keyed by unit code.

    The same aggregate queries as `dossier_figures`, grouped by receiving unit and summed per child, however
    many units there are. Children are those in force at some time during the period, plus any other child that
    has figures.
    """
    return area_figures(parent=parent, period=period).by_unit


def area_figures(*, parent: Unit, period: Period) -> AreaFigures:
    """`dossier_figures_by_unit` and the three scopes of `parent`, all from the same grouped queries (the report
    page and the report file state both): every count and duration sum adds up across receiving units, so the
    scopes are sums of the per-unit tallies, as `dossier_figures` would count them (own desk: the parent's bucket;
    units below: every other bucket; whole area: all of them)."""
    period = period.as_of()
    subtree = list(Unit.objects.filter(path__startswith=parent.path))
    # The parent's own specialist offices count in the parent's own figures (see _unit_ids), not as children.
    own = {u.pk for u in subtree if u.pk == parent.pk or (u.parent_id == parent.pk and u.level == UnitLevel.OFFICE)}
    children = {u.code: u for u in subtree if u.parent_id == parent.pk and u.pk not in own}
    bucket_of: dict[int | None, str] = {}
    for u in subtree:
        bucket_of[u.pk] = parent.code if u.pk in own else u.path[len(parent.path) :].split("/", 1)[0]

    tallies: dict[str, _Tally] = {}
    scope_q = Q(receiving_unit__in=[u.pk for u in subtree])
    rows = list(_dossier_rows(scope_q, period, "receiving_unit"))
    rows += _row_figure_rows(lambda name: Q(**{f"{name}__in": [u.pk for u in subtree]}), period, grouped=True)
    for unit_id, row in rows:
        tallies.setdefault(bucket_of[unit_id], _Tally()).add_row(row)

    in_force = {
        code
        for code, u in children.items()
        if (u.valid_from is None or u.valid_from <= period.end) and (u.valid_to is None or u.valid_to >= period.start)
    }
    by_unit = {parent.code: tallies.get(parent.code, _Tally()).figures(parent, Scope.SELF, period)}
    for code in sorted(in_force | (tallies.keys() - {parent.code}), key=lambda c: children[c].path):
        by_unit[code] = tallies.get(code, _Tally()).figures(children[code], Scope.TREE, period)

    below, whole = _Tally(), _Tally()
    for code, tally in tallies.items():
        whole.add(tally)
        if code != parent.code:
            below.add(tally)
    scopes = {
        Scope.SELF.value: tallies.get(parent.code, _Tally()).figures(parent, Scope.SELF, period),
        Scope.CHILDREN.value: below.figures(parent, Scope.CHILDREN, period),
        Scope.TREE.value: whole.figures(parent, Scope.TREE, period),
    }
    return AreaFigures(scopes, by_unit)
