"""The service index of Decision 766 for a unit and period, from the figures module of the report.

Each dossier-based input is a count of cchc.reports.figures (its key opens the dossiers behind it through
reports:figure_dossiers); the procedure counts of 3.1 and 3.2 are read from the catalogue. What the system does
not hold (publication decisions, national-portal sync, online payments, VNeID, the personal store) is "no data"
and scores 0, never invented. A parent pools its own and its children's numerators and denominators
(service-index.md §4 "Scope"): scope tree of the figures.

Queries: one `area_figures` call (a fixed number of grouped aggregates) plus two catalogue aggregates and one
grouped query of the procedures used online per period, however many units are ranked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from cchc.dossiers.models import Channel, Dossier
from cchc.lib.periods import Period
from cchc.procedures.models import OnlineService, Procedure
from cchc.reports.figures.dossiers import DossierFigures, area_figures
from cchc.units.models import Unit, UnitLevel

from . import rules
from .rules import Band, Group, SubIndicator

ONLINE = [OnlineService.PARTIAL, OnlineService.FULL]
REFORM_DAY = dt.date(2025, 7, 1)  # the two-level local government: no district level from this day


@dataclass(frozen=True)
class SubScore:
    sub: SubIndicator
    numerator: int | None  # None: the system does not hold this input ("no data")
    denominator: int | None
    points: Decimal
    numerator_key: str = ""  # a figure key of cchc.reports.figures: the dossiers behind the number
    denominator_key: str = ""
    rule: str = ""
    note: str = ""

    @property
    def no_data(self) -> bool:
        return self.numerator is None or self.denominator is None

    @property
    def percent(self) -> Decimal | None:
        if self.no_data or not self.denominator:
            return None
        return rules.round_points(Decimal(self.numerator or 0) * 100 / Decimal(self.denominator))


@dataclass(frozen=True)
class GroupScore:
    group: Group
    subs: tuple[SubScore, ...]

    @property
    def score(self) -> Decimal:
        return sum((s.points for s in self.subs), Decimal("0.00"))

    @property
    def no_data_points(self) -> Decimal:
        return sum((s.sub.max for s in self.subs if s.no_data), Decimal(0))


@dataclass
class UnitIndex:
    unit: Unit
    period: Period
    groups: tuple[GroupScore, ...]
    band: str
    rank: int | None = None
    comparable: bool = True  # False for a district: pre-reform, not comparable with the communes' 2025 scores
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum((g.score for g in self.groups), Decimal("0.00"))

    @property
    def max_total(self) -> Decimal:
        return sum((g.group.max for g in self.groups), Decimal(0))

    def to_json(self) -> dict[str, Any]:
        def num(value: Decimal | None) -> float | None:
            return None if value is None else float(value)

        return {
            "unit": {"code": self.unit.code, "name": self.unit.name, "level": self.unit.level},
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "formula_version": rules.load_data()["formula_version"],
            "comparable": self.comparable,
            "total": num(self.total),
            "max": num(self.max_total),
            "classification": self.band,
            "rank": self.rank,
            "groups": [
                {
                    "code": g.group.code,
                    "name": g.group.name,
                    "score": num(g.score),
                    "max": num(g.group.max),
                    "subs": [
                        {
                            "code": s.sub.code,
                            "name": s.sub.name,
                            "score": num(s.points),
                            "max": num(s.sub.max),
                            "rule": s.rule,
                            "numerator": s.numerator,
                            "denominator": s.denominator,
                            "percent": num(s.percent),
                            "no_data": s.no_data,
                            "numerator_figure": s.numerator_key or None,
                            "denominator_figure": s.denominator_key or None,
                            "note": s.note,
                        }
                        for s in g.subs
                    ],
                }
                for g in self.groups
            ],
        }


@dataclass(frozen=True)
class Rules:
    groups: tuple[Group, ...]
    bands: tuple[Band, ...]


def current_rules() -> Rules:
    """The data's rules with the administrator's corrections (two small queries)."""
    from .models import ClassificationBand, SubIndicatorSetting

    overrides = {s.code: (s.max_points, s.threshold_percent) for s in SubIndicatorSetting.objects.all()}
    bands = tuple(Band(b.min_score, b.name) for b in ClassificationBand.objects.all()) or rules.default_bands()
    return Rules(rules.with_overrides(rules.default_groups(), overrides), bands)


def rule_text(sub: SubIndicator) -> str:
    if sub.rule == rules.THRESHOLD:
        return _("threshold %(t)s%%: min(%(max)s; %(max)s × ratio ÷ %(t)s%%)") % {
            "t": f"{sub.threshold:g}".replace(".", ","),
            "max": f"{sub.max:g}".replace(".", ","),
        }
    return _("linear: %(max)s × ratio") % {"max": f"{sub.max:g}".replace(".", ",")}


@dataclass(frozen=True)
class Catalogue:
    """The procedure counts of 3.1 and 3.2 for one level of government."""

    active: int
    online: int


def catalogue_counts() -> dict[str, Catalogue]:
    rows = (
        Procedure.objects.filter(is_active=True)
        .values("level")
        .annotate(active=Count("pk"), online=Count("pk", filter=Q(online_service__in=ONLINE)))
        .order_by()
    )
    return {row["level"]: Catalogue(row["active"], row["online"]) for row in rows}


def _procedure_level(unit: Unit) -> str:
    return (
        unit.level if unit.level in (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE) else UnitLevel.DISTRICT
    )


def area_catalogue(by_level: dict[str, Catalogue], units: list[Unit]) -> Catalogue | None:
    """The procedures in the competence of an area: those of every level of government among `units` (a commune:
    commune-level procedures; a district pooled with its communes: district and commune ones)."""
    levels = {_procedure_level(u) for u in units}
    found = [by_level[level] for level in levels if level in by_level]
    if not found:
        return None
    return Catalogue(sum(c.active for c in found), sum(c.online for c in found))


def score_from_inputs(
    unit: Unit,
    period: Period,
    figures: DossierFigures | None,
    *,
    catalogue: Catalogue | None,
    online_procedures_used: int | None,
    the_rules: Rules,
    given: dict[str, tuple[int, int]] | None = None,
) -> UnitIndex:
    """Every group's sub-scores from the figures (or from `given` code -> (numerator, denominator), which the
    worked example and imported national data use)."""
    counts = figures.counts if figures is not None else {}
    given = given or {}

    def from_figures(sub: SubIndicator) -> tuple[int | None, int | None, str, str, str]:
        c = counts
        match sub.input:
            case "on_time":
                return c["received_handled_on_time"], c["received"], "received_handled_on_time", "received", ""
            case "procedures_online":
                if catalogue is None:
                    return None, None, "", "", _("No procedures of this level in the catalogue.")
                return catalogue.online, catalogue.active, "", "", _("Procedures of the catalogue at this level.")
            case "online_services_used":
                if catalogue is None or online_procedures_used is None:
                    return None, None, "", "", ""
                return (
                    online_procedures_used,
                    catalogue.online,
                    "online_capable_received_online",
                    "",
                    _("Online procedures with at least one dossier received online."),
                )
            case "online_share":
                return c["received_online"], c["received"], "received_online", "received", ""
            case "paid_online":
                return (
                    None,
                    c["received_fee_bearing"],
                    "",
                    "received_fee_bearing",
                    _("Online payment transactions are not recorded by the system."),
                )
            case "petitions_on_time":
                return (
                    c["feedback_answered_on_time"],
                    c["feedback_resolved"],
                    "feedback_answered_on_time",
                    ("feedback_resolved"),
                    _("No petitions: full points."),
                )
            case "petitions_satisfaction":
                received = c["feedback_received"]
                return (
                    received - c["feedback_received_late"],
                    received,
                    "",
                    "feedback_received",
                    _(
                        "Petitions received minus those answered late or overdue; ratings and repeat petitions are "
                        "not recorded. No petitions: full points."
                    ),
                )
            case "dossier_satisfaction":
                # 100 % − (overdue share + share with a petition or a dislike), as a ratio of the received.
                on_time, complaints = c["received_handled_on_time"], c["received_with_complaint"]
                return (
                    max(on_time - complaints, 0),
                    c["received"],
                    "received_with_complaint",
                    "received",
                    _("Received minus overdue minus those with a petition or a 'not satisfied' evaluation."),
                )
            case "e_result":
                return (
                    c["received_paper_result_digitized"],
                    c["received_paper_result"],
                    ("received_paper_result_digitized"),
                    "received_paper_result",
                    "",
                )
            case "digitised":
                return c["received_digitized_fully"], c["received"], "received_digitized_fully", "received", ""
            case "e_copy":
                return 0, 0, "", "", _("No published formula: scored as the portal does (no data = 100 %).")
        return None, None, "", "", _("Not held by the system (national portal data): no data, 0 points.")

    groups = []
    for group in the_rules.groups:
        subs = []
        for sub in group.subs:
            numerator: int | None
            denominator: int | None
            if sub.code in given:
                numerator, denominator = given[sub.code]
                num_key = den_key = note = ""
            elif figures is None:
                numerator = denominator = None
                num_key = den_key = note = ""
            else:
                numerator, denominator, num_key, den_key, note = from_figures(sub)
            subs.append(
                SubScore(
                    sub,
                    numerator,
                    denominator,
                    rules.points(sub, numerator, denominator),
                    num_key,
                    den_key,
                    rule_text(sub),
                    note,
                )
            )
        groups.append(GroupScore(group, tuple(subs)))
    result = UnitIndex(unit, period, tuple(groups), "", comparable=unit.level != UnitLevel.DISTRICT)
    result.band = rules.band_for(result.total, the_rules.bands)
    return result


def _online_procedures_used(units: list[Unit], period: Period, bucket_of: dict[int, str]) -> tuple[dict[str, int], int]:
    """Per bucket (unit code), and over all `units`, the distinct online procedures with at least one dossier
    received online in P (one query)."""
    pairs = (
        Dossier.objects.filter(
            receiving_unit__in=[u.pk for u in units],
            received_at__gte=period.start_at,
            received_at__lt=period.end_at,
            channel=Channel.ONLINE,
            online_service__in=ONLINE,
            procedure__online_service__in=ONLINE,  # counted against the catalogue's online procedures
            procedure__is_active=True,
        )
        .values_list("receiving_unit", "procedure")
        .distinct()
        .order_by()
    )
    seen: dict[str, set[int]] = {}
    every: set[int] = set()
    for unit_id, procedure_id in pairs:
        every.add(procedure_id)
        code = bucket_of.get(unit_id)
        if code is not None:
            seen.setdefault(code, set()).add(procedure_id)
    return {code: len(ids) for code, ids in seen.items()}, len(every)


@dataclass
class AreaIndex:
    """The index of a unit (its whole area, pooled) and of each unit directly below it, ranked."""

    unit: UnitIndex
    ranking: list[UnitIndex]


def in_force(unit: Unit, period: Period) -> bool:
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_to is None or unit.valid_to >= period.start
    )


def area_index(unit: Unit, period: Period, *, the_rules: Rules | None = None) -> AreaIndex:
    """The index of `unit` (scope tree) and the ranking of the units directly below it that were in force in the
    period (a district's communes before 07/2025, the province's communes after it), 1-2-2-4 on ties."""
    period = period.as_of()
    return area_from_inputs(unit, period, area_inputs(unit, period), the_rules=the_rules)


def area_inputs(unit: Unit, period: Period) -> dict[str, Any]:
    """The inputs of `area_index` as plain data: {"main": inputs, "ranking": [{"unit": pk, "inputs": ...}]}
    (inputs as `score_inputs` reads them), whatever the rules."""
    area = area_figures(parent=unit, period=period)
    catalogue = catalogue_counts()
    subtree = list(Unit.objects.filter(path__startswith=unit.path))
    bucket_of: dict[int, str] = {}
    for u in subtree:
        rest = u.path[len(unit.path) :].split("/", 1)[0]
        own = u.pk == unit.pk or (u.parent_id == unit.pk and u.level == UnitLevel.OFFICE)
        bucket_of[u.pk] = unit.code if own else rest
    used, whole = _online_procedures_used(subtree, period, bucket_of)
    in_period = [u for u in subtree if in_force(u, period)]
    main = {
        "counts": dict(area.scopes["tree"].counts),
        "catalogue": _plain_catalogue(area_catalogue(catalogue, in_period)),
        "used": whole,
    }
    ranking = []
    for code, figures in area.by_unit.items():
        child = figures.unit
        if code == unit.code or child.level == UnitLevel.OFFICE or not in_force(child, period):
            continue
        child_units = [u for u in in_period if u.path.startswith(child.path)] or [child]
        inputs = {
            "counts": dict(figures.counts),
            "catalogue": _plain_catalogue(area_catalogue(catalogue, child_units)),
            "used": used.get(code, 0),
        }
        ranking.append({"unit": child.pk, "inputs": inputs})
    return {"main": main, "ranking": ranking}


def area_from_inputs(
    unit: Unit, period: Period, inputs: dict[str, Any], *, the_rules: Rules | None = None
) -> AreaIndex:
    """The area's index and ranking from `area_inputs` (the ranked units read in one query)."""
    the_rules = the_rules or current_rules()
    main = score_inputs(unit, period, inputs["main"], the_rules)
    units = Unit.objects.in_bulk([row["unit"] for row in inputs["ranking"]])
    ranking = [score_inputs(units[row["unit"]], period, row["inputs"], the_rules) for row in inputs["ranking"]]
    ranking.sort(key=lambda r: (-r.total, r.unit.code))
    for position, result in enumerate(ranking):
        previous = ranking[position - 1] if position else None
        result.rank = previous.rank if previous is not None and previous.total == result.total else position + 1
    return AreaIndex(main, ranking)


def unit_index(unit: Unit, period: Period, *, the_rules: Rules | None = None) -> UnitIndex:
    return area_index(unit, period, the_rules=the_rules).unit


# --- periods: year to date and the trend ---
def year_to_date(period: Period) -> Period:
    """From 1 January of the period's last year to its last day, labelled as a range that parses back."""
    start = dt.date(period.end.year, 1, 1)
    return Period(start, period.end, f"{start.isoformat()}..{period.end.isoformat()}")


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def previous_periods(period: Period, count: int = 12) -> list[Period]:
    """The `count` periods of the same length ending with `period` (months, quarters or years; a range or a year
    to date is followed month by month), oldest first."""
    from cchc.lib.periods import parse_period

    label = period.label
    if len(label) == 4 and label.isdigit():
        step, name = 12, lambda d: f"{d.year}"
    elif "-Q" in label:
        step, name = 3, lambda d: f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    else:
        step, name = 1, lambda d: f"{d.year}-{d.month:02d}"
    first_month = _shift_months(dt.date(period.end.year, period.end.month, 1), -(step - 1))
    out = []
    for back in range(count - 1, -1, -1):
        out.append(parse_period(name(_shift_months(first_month, -step * back))))
    return out


# The counts the index reads: each a subset of the dossiers received in the period (or a petition count), so the
# trend counts them for every period in one scan of the received range.
TREND_DOSSIER_KEYS = (
    "received",
    "received_online",
    "received_handled_on_time",
    "received_with_complaint",
    "received_paper_result",
    "received_paper_result_digitized",
    "received_digitized_fully",
    "received_fee_bearing",
)
TREND_FEEDBACK_KEYS = ("feedback_received", "feedback_resolved", "feedback_answered_on_time", "feedback_received_late")


def trend(unit: Unit, period: Period, *, count: int = 12, the_rules: Rules | None = None) -> list[UnitIndex | None]:
    """The unit's index over the last `count` periods (None where the unit was not in force), by the figures'
    own conditions (DOSSIER_FILTERS, ROW_FIGURES) counted for every period at once: one query over the dossiers
    received in the whole range, one over the petitions, plus the catalogue and the settings."""
    the_rules = the_rules or current_rules()
    periods = [p.as_of() for p in previous_periods(period, count)]
    inputs = trend_inputs(unit, periods)
    return [None if i is None else score_inputs(unit, p, i, the_rules) for p, i in zip(periods, inputs, strict=True)]


def score_inputs(unit: Unit, period: Period, inputs: dict[str, Any], the_rules: Rules) -> UnitIndex:
    """The index from plain inputs ({"counts", "catalogue": (active, online) or None, "used"}), as
    `trend_inputs` and `area_inputs` give them (and cchc.serviceindex.cached keeps them)."""
    from cchc.reports.figures.dossiers import Scope

    catalogue = None if inputs["catalogue"] is None else Catalogue(*inputs["catalogue"])
    return score_from_inputs(
        unit,
        period,
        DossierFigures(unit, Scope.TREE, period, inputs["counts"], {}, {}),
        catalogue=catalogue,
        online_procedures_used=inputs["used"],
        the_rules=the_rules,
    )


def _plain_catalogue(catalogue: Catalogue | None) -> tuple[int, int] | None:
    return None if catalogue is None else (catalogue.active, catalogue.online)


def trend_inputs(unit: Unit, periods: list[Period]) -> list[dict[str, Any] | None]:
    """The index's inputs of `unit` (scope tree) for each of `periods` (None where the unit was not in force):
    one query over the dossiers received from the first period's start to the last's end, one over the
    petitions, and the catalogue. Plain data (ints), whatever the rules."""
    from cchc.feedback.models import Feedback
    from cchc.reports.figures.definitions import COUNT_KEYS
    from cchc.reports.figures.dossiers import DOSSIER_FILTERS, ROW_FIGURES

    wanted = [(i, p) for i, p in enumerate(periods) if in_force(unit, p)]
    if not wanted:
        return [None] * len(periods)
    by_level = catalogue_counts()
    subtree = list(Unit.objects.filter(path__startswith=unit.path))
    ids = [u.pk for u in subtree]
    dossier_aggregates: dict[str, Any] = {}
    feedback_aggregates: dict[str, Any] = {}
    for i, p in wanted:
        for key in TREND_DOSSIER_KEYS:
            dossier_aggregates[f"{key}__{i}"] = Count("pk", filter=DOSSIER_FILTERS[key](p))
        # 3.2: the distinct online procedures with a dossier received online in the period.
        dossier_aggregates[f"used__{i}"] = Count(
            "procedure",
            distinct=True,
            filter=DOSSIER_FILTERS["received_online"](p)
            & Q(online_service__in=ONLINE, procedure__online_service__in=ONLINE, procedure__is_active=True),
        )
        for key in TREND_FEEDBACK_KEYS:
            feedback_aggregates[f"{key}__{i}"] = Count("pk", filter=ROW_FIGURES[key].condition(p))
    start_at = min(p.start_at for _, p in wanted)
    end_at = max(p.end_at for _, p in wanted)
    dossiers = Dossier.objects.filter(
        receiving_unit__in=ids, received_at__gte=start_at, received_at__lt=end_at
    ).aggregate(**dossier_aggregates)
    # Petitions received or answered in the range (every petition count above is one or the other).
    feedback = Feedback.objects.filter(
        Q(unit__in=ids)
        & (Q(received_at__gte=start_at, received_at__lt=end_at) | Q(answered_at__gte=start_at, answered_at__lt=end_at))
    ).aggregate(**feedback_aggregates)
    out: list[dict[str, Any] | None] = [None] * len(periods)
    for i, p in wanted:
        counts = dict.fromkeys(COUNT_KEYS, 0)
        counts.update({key: dossiers[f"{key}__{i}"] or 0 for key in TREND_DOSSIER_KEYS})
        counts.update({key: feedback[f"{key}__{i}"] or 0 for key in TREND_FEEDBACK_KEYS})
        out[i] = {
            "counts": counts,
            "catalogue": _plain_catalogue(area_catalogue(by_level, [u for u in subtree if in_force(u, p)])),
            "used": dossiers[f"used__{i}"] or 0,
        }
    return out
