"""The report of a unit and period assembled from records: dossier figures, the catalogue and the reform data.

`build_report_context` reads the database and returns the plain `ReportContext` the renderers take; nothing in
it is typed in by hand except what the officers entered as report data (cchc.reform). Every dossier figure is
computed by cchc.reports.figures, so where a hand-written report contradicts itself (the seed's 0,5% late rate,
77,53% evaluations, "9/9" apologies) the generated one states the figure the records give.

Reform data comes from the quarters the period covers: the unit's own rows (draft or submitted: its own
officers' word) and, where the report states totals (legal documents reviewed, trainings, staffing, procedures
simplified, documents issued), the rows of the communes below it that have SUBMITTED the quarter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from cchc.lib.formatting import two_digits, vn_int
from cchc.lib.periods import Period
from cchc.procedures.models import Procedure, ProcedureLevel
from cchc.reform import models as reform
from cchc.reform.selectors import Totals, district_rollup, period_find, section_rows
from cchc.units.models import Unit, UnitLevel

from .figures.dossiers import DossierFigures, Scope, area_figures
from .renderers import context as ctx

# Scope titles by the level of the reporting unit: whole area, own desk, the units below.
SCOPE_TITLES: dict[str, tuple[str, str, str]] = {
    UnitLevel.PROVINCE: ("Toàn tỉnh", "Cấp tỉnh", "Tại các huyện, thị xã, thành phố"),
    UnitLevel.DISTRICT: ("Toàn huyện", "Cấp huyện", "Tại UBND các xã, thị trấn"),
    UnitLevel.COMMUNE: ("Toàn xã", "Cấp xã", "Các đơn vị trực thuộc"),
}

AREA_KEYS: dict[int, str] = {
    reform.ReformArea.DIRECTION: "direction",
    reform.ReformArea.INSTITUTIONS: "institutions",
    reform.ReformArea.PROCEDURES: "procedures",
    reform.ReformArea.APPARATUS: "apparatus",
    reform.ReformArea.CIVIL_SERVICE: "civil_service",
    reform.ReformArea.PUBLIC_FINANCE: "finance",
    reform.ReformArea.E_GOVERNMENT: "e_government",
    reform.ReformArea.INDICES: "indices",
}

BUDGET_LABELS: dict[str, tuple[str, bool]] = {  # kind -> (label, is a part of the line above)
    reform.BudgetKind.REVENUE_TOTAL: ("Thu ngân sách Nhà nước", False),
    reform.BudgetKind.REVENUE_LOCAL: ("Thu trên địa bàn", True),
    reform.BudgetKind.EXPENDITURE_TOTAL: ("Chi ngân sách Nhà nước", False),
    reform.BudgetKind.CAPITAL_CONSTRUCTION: ("Chi đầu tư XDCB", True),
    reform.BudgetKind.RECURRENT: ("Chi thường xuyên", True),
}
BUDGET_ORDER = [*BUDGET_LABELS, reform.BudgetKind.OTHER]

STAFFING_KINDS: dict[str, str] = {
    reform.StaffingKind.RECRUITMENT: "recruitment",
    reform.StaffingKind.APPOINTMENT: "appointment",
    reform.StaffingKind.STAFF_REDUCTION: "reduction",
}

# How the per-unit lists name the reporting unit's own desk and the units below it.
LEVEL_NAMES: dict[str, str] = {
    UnitLevel.PROVINCE: "cấp tỉnh",
    UnitLevel.DISTRICT: "cấp huyện",
    UnitLevel.COMMUNE: "cấp xã",
}
CHILD_LEVEL: dict[str, str] = {UnitLevel.PROVINCE: UnitLevel.DISTRICT, UnitLevel.DISTRICT: UnitLevel.COMMUNE}
DEFAULT_BASIS = "Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính (CCHC)"


class ReportPeriodError(ValueError):
    """The period cannot be reported on (the report covers a quarter, a half-year or a month)."""


@dataclass(frozen=True)
class NamedPeriod:
    """What a report period is called and which quarters of report data it covers."""

    kind: str  # "quarter", "half", "month"
    year: int
    index: int  # quarter 1-4, half 1-2, month 1-12
    period: Period

    @property
    def quarters(self) -> list[tuple[int, int]]:
        """The quarters whose report data the period covers in full (a month covers none)."""
        if self.kind == "quarter":
            return [(self.year, self.index)]
        if self.kind == "half":
            return [(self.year, 2 * self.index - 1), (self.year, 2 * self.index)]
        return []

    def report_period(self) -> ctx.ReportPeriod:
        start, end = self.period.start, self.period.end
        if self.kind == "quarter":
            return ctx.ReportPeriod.quarter(self.year, self.index, start=start, end=end)
        if self.kind == "half":
            names = ("6 tháng đầu", "6 tháng cuối")
            next_year = self.year + (self.index == 2)
            return ctx.ReportPeriod(start, end, names[self.index - 1], self.year, names[self.index % 2], next_year)
        next_year, next_month = (self.year + 1, 1) if self.index == 12 else (self.year, self.index + 1)
        return ctx.ReportPeriod(start, end, f"tháng {self.index}", self.year, f"tháng {next_month}", next_year)


def named_period(period: Period) -> NamedPeriod:
    """Read the name of a period parsed by `parse_period` ("2023-Q3", "2023-H1", "2023-09")."""
    label = period.label.strip().upper()
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", label):
        return NamedPeriod("quarter", int(m[1]), int(m[2]), period)
    if m := re.fullmatch(r"(\d{4})-H([12])", label):
        return NamedPeriod("half", int(m[1]), int(m[2]), period)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        return NamedPeriod("month", int(m[1]), int(m[2]), period)
    raise ReportPeriodError(
        f"{period.label or period}: a report covers a quarter (2023-Q3), a half-year (2023-H1) or a month (2023-09)"
    )


# --- dossier figures ---
@dataclass(frozen=True)
class UnitFigures:
    unit: Unit
    figures: DossierFigures
    is_parent_desk: bool


@dataclass(frozen=True)
class ReportFigures:
    """The dossier figures a report states, with the units they belong to (for links to the dossiers)."""

    unit: Unit
    period: Period
    scopes: dict[str, DossierFigures]  # Scope value -> figures
    units: tuple[UnitFigures, ...]  # the unit's own desk first, then the units below in official order


def _official_order(unit: Unit) -> tuple[str, str]:
    # Agency codes (Circular 10/2016/TT-BTTTT) number the units of a district in their official order.
    return (unit.agency_code or "~", unit.path)


def report_figures(*, unit: Unit, period: Period) -> ReportFigures:
    """The dossier figures of the three scopes and of every unit below `unit` in force during the period."""
    # One set of grouped queries for the three scopes and the units below (each was its own set before).
    area = area_figures(parent=unit, period=period)
    scopes, by_unit = area.scopes, dict(area.by_unit)
    own = UnitFigures(unit, by_unit.pop(unit.code), True)
    children = [
        UnitFigures(f.unit, f, False)
        for f in by_unit.values()
        # A specialist office has no desk of its own: it appears only if dossiers were received there.
        if f.unit.level != UnitLevel.OFFICE or f.counts["total"]
    ]
    children.sort(key=lambda u: _official_order(u.unit))
    return ReportFigures(unit, period, scopes, (own, *children))


def _unit_row(u: UnitFigures) -> ctx.UnitRow:
    rates = u.figures.rates
    return ctx.UnitRow(
        name=SCOPE_TITLES.get(u.unit.level, ("", u.unit.name, ""))[1] if u.is_parent_desk else _short(u.unit),
        full_name=u.unit.name,
        digitized_components=rates["digitized_components"],
        digitized_results=rates["digitized_results"],
        online=rates["online"],
        full_online=rates["full_online"],
        is_parent_desk=u.is_parent_desk,
    )


def _short(unit: Unit) -> str:
    return ctx.short_unit_name(unit.name)


def _procedure_facts(simplification: ctx.Rate) -> ctx.ProcedureFacts:
    """Procedures of the catalogue in force, posted publicly, by level."""
    rows = (
        Procedure.objects.filter(is_active=True)
        .values("level")
        .annotate(n=Count("pk"), posted=Count("pk", filter=Q(posted=True)))
    )
    by_level = {row["level"]: ctx.Rate(row["posted"], row["n"]) for row in rows}
    return ctx.ProcedureFacts(
        posted_district=by_level.get(ProcedureLevel.DISTRICT, ctx.Rate(0, 0)),
        posted_commune=by_level.get(ProcedureLevel.COMMUNE, ctx.Rate(0, 0)),
        simplification=simplification,
    )


# --- reform data ---
# Where a row of an area goes when it names no part: section I.2 states most of what is entered under
# institutions (legal support, dissemination, trainings) in 2.3; every other area has one place.
DEFAULT_PARTS: dict[str, str] = {"institutions": reform.ReformPart.INSTITUTIONS_DISSEMINATION.value}


def _area(area: int, part: str = "") -> str:
    """The outline key a row is placed under: the part the officer chose, else its area's default part."""
    if part:
        return part
    key = AREA_KEYS[area]
    return DEFAULT_PARTS.get(key, key)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _training(row: reform.Training) -> ctx.Training:
    topic = _lower_first(row.topic.strip().rstrip("."))
    # "Tổ chức 02 lớp bồi dưỡng ...", "Tổ chức 01 hội nghị tập huấn ...": the counted noun comes from the topic.
    kind = "lớp" if topic.startswith("bồi dưỡng") else "hội nghị"
    for noun in ("lớp", "hội nghị"):
        if topic.startswith(noun + " "):
            kind, topic = noun, topic.removeprefix(noun + " ")
    return ctx.Training(
        kind=kind,
        topic=topic,
        sessions=row.sessions,
        participants=row.participants,
        participants_approximate=row.participants_approximate,
        audience=row.audience,
        units=tuple(u.name.removeprefix("UBND ") for u in row.units.all()),
        materials=row.documents_handed_out,
        area=_area(row.area, row.part),
    )


def _document(row: reform.DirectiveDocument, own_names: set[str]) -> ctx.DirectiveDocument:
    issuer = "" if row.issuer.strip().lower() in own_names else row.issuer.strip()
    return ctx.DirectiveDocument(
        kind=row.type_name_vi,
        number=row.number,
        date=row.date,
        summary=row.summary.strip(),
        area=_area(row.area, row.part),
        issuer=issuer,
    )


def _dissemination(row: reform.LawDissemination) -> ctx.Activity:
    text = row.item.strip().rstrip(".")
    if row.count is not None:
        text += f": {two_digits(row.count)} {row.count_unit}".rstrip()
    return ctx.Activity("institutions.dissemination", text + ".")


def _staffing(row: reform.StaffingAction) -> ctx.StaffingAction | ctx.Activity:
    kind = STAFFING_KINDS.get(row.kind, "other")
    # The outline puts staff reduction under the apparatus (I.4) and other staffing under the civil service
    # (I.5); an action entered under another area is stated there as an activity.
    natural = reform.ReformArea.APPARATUS if kind == "reduction" else reform.ReformArea.CIVIL_SERVICE
    if row.area != natural:
        return ctx.Activity(_area(row.area, row.part), row.description.strip())
    return ctx.StaffingAction(kind, row.description.strip(), row.count)


def _budget(rows: list[reform.BudgetLine]) -> tuple[tuple[ctx.BudgetLine, ...], str]:
    ordered = sorted(rows, key=lambda r: (BUDGET_ORDER.index(r.kind), r.position, r.pk))
    lines = []
    for row in ordered:
        label, is_part = BUDGET_LABELS.get(row.kind, (row.label or row.get_kind_display(), False))
        lines.append(ctx.BudgetLine(label, row.estimate, row.plan, is_part=is_part))
    notes = [r.period_note for r in rows if r.period_note]
    return tuple(lines), notes[0] if notes else "kỳ báo cáo"


def _disbursement(rows: list[reform.CapitalDisbursement]) -> ctx.Disbursement | None:
    actual = [r for r in rows if not r.is_forecast]
    if not actual:
        return None
    forecasts = sorted((r for r in rows if r.is_forecast), key=lambda r: r.as_of)
    forecast = forecasts[-1] if forecasts else None
    return ctx.Disbursement(
        as_of=max(r.as_of for r in actual),
        lines=tuple(ctx.DisbursementLine(r.source, r.disbursed, r.plan, r.note) for r in actual),
        forecast_date=forecast.as_of if forecast else None,
        forecast_amount=forecast.disbursed if forecast else None,
    )


@dataclass
class _Collected:
    """The context fields filled from reform data."""

    directives: list[ctx.DirectiveDocument] = field(default_factory=list)
    trainings: list[ctx.Training] = field(default_factory=list)
    activities: list[ctx.Activity] = field(default_factory=list)
    staffing: list[ctx.StaffingAction] = field(default_factory=list)
    narrative: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in reform.NarrativeKind.values})
    budget: tuple[ctx.BudgetLine, ...] = ()
    budget_period: str = "kỳ báo cáo"
    disbursement: ctx.Disbursement | None = None
    legal_items: list[str] = field(default_factory=list)
    legal_review: ctx.LegalReview | None = None
    simplification: ctx.Rate = ctx.Rate(0, 0)
    communes: Totals = field(default_factory=Totals)


def _own_names(unit: Unit) -> set[str]:
    """How a document's issuer field may name the reporting body itself ("UBND huyện Gio Linh")."""
    names = {unit.name, unit.short_name, f"ủy ban nhân dân {unit.name.removeprefix('UBND ')}"}
    return {n.strip().lower() for n in names if n}


def _collect(unit: Unit, quarters: Sequence[tuple[int, int]]) -> _Collected:
    out = _Collected()
    own_names = _own_names(unit)
    reviewed = to_handle = handled = 0
    proposed = simplified = 0
    for year, quarter in quarters:
        period = period_find(unit=unit, year=year, quarter=quarter)
        # Each section's rows are of its own model (reform.SECTION_MODELS).
        rows: dict[str, list[Any]] = {kind: list(section_rows(period, kind)) for kind in reform.SECTION_MODELS}
        out.directives += [_document(r, own_names) for r in rows["documents"]]
        out.trainings += [_training(r) for r in rows["trainings"]]
        for r in rows["legal-reviews"]:
            reviewed, to_handle, handled = reviewed + r.reviewed, to_handle + r.to_handle, handled + r.handled
            out.legal_items += [line.strip() for line in r.details.splitlines() if line.strip()]
        out.activities += [_dissemination(r) for r in rows["dissemination"]]
        for r in rows["procedure-reviews"]:
            proposed, simplified = proposed + r.proposed, simplified + r.simplified
        for r in rows["staffing"]:
            item = _staffing(r)
            if isinstance(item, ctx.Activity):
                out.activities.append(item)
            else:
                out.staffing.append(item)
        if rows["budget"]:  # budget and disbursement figures are cumulative: the latest quarter's stand
            out.budget, out.budget_period = _budget(rows["budget"])
        if rows["disbursement"]:
            out.disbursement = _disbursement(rows["disbursement"])
        out.activities += [ctx.Activity("e_government", r.statement.strip()) for r in rows["egov"]]
        out.activities += [ctx.Activity(_area(r.area, r.part), r.statement.strip()) for r in rows["activities"]]
        for r in rows["narrative"]:
            out.narrative[r.kind] += r.lines
        if unit.level in (UnitLevel.DISTRICT, UnitLevel.PROVINCE):
            out.communes = out.communes + district_rollup(district=unit, year=year, quarter=quarter).communes_totals
    c = out.communes
    if reviewed or c.legal_reviewed:
        out.legal_review = ctx.LegalReview(
            reviewed + c.legal_reviewed,
            to_handle + c.legal_to_handle,
            handled + c.legal_handled,
            tuple(out.legal_items),
        )
    out.simplification = ctx.Rate(simplified + c.procedures_simplified, proposed + c.procedures_proposed)
    out.activities += _commune_sentences(c)
    return out


def _commune_sentences(c: Totals) -> list[ctx.Activity]:
    """What the communes' submitted data adds to the district's report, stated as sums."""
    out = []
    if c.documents:
        text = f"UBND các xã, thị trấn đã ban hành {vn_int(c.documents)} văn bản chỉ đạo, điều hành công tác CCHC."
        out.append(ctx.Activity("direction", text))
    if c.trainings:
        text = f"UBND các xã, thị trấn đã tổ chức {vn_int(c.training_sessions)} lớp, hội nghị tập huấn, bồi dưỡng"
        if c.training_participants:
            text += f" với {vn_int(c.training_participants)} lượt người tham dự"
        out.append(ctx.Activity("direction", text + "."))
    if c.dissemination_count:
        text = f"UBND các xã, thị trấn đã thực hiện {vn_int(c.dissemination_count)} đợt, số phổ biến pháp luật."
        out.append(ctx.Activity("institutions.dissemination", text))
    staff = [
        (c.recruited, "tuyển dụng"),
        (c.appointed, "bổ nhiệm"),
        (c.seconded, "điều động, luân chuyển"),
    ]
    parts = [f"{what} {vn_int(n)} người" for n, what in staff if n]
    if parts:
        out.append(ctx.Activity("civil_service", "Tại các xã, thị trấn: " + "; ".join(parts) + "."))
    if c.staff_reduced:
        text = f"Tại các xã, thị trấn: tinh giản biên chế {vn_int(c.staff_reduced)} người."
        out.append(ctx.Activity("apparatus", text))
    return out


# --- heading and signature ---
def _issuer(unit: Unit, settings: reform.ReportSettings | None, day: dt.date) -> ctx.Issuer:
    if settings is not None:
        issuer_name, governing, symbol, place = (
            settings.issuer_name.strip(),
            settings.governing_body.strip(),
            settings.symbol,
            settings.place,
        )
    else:
        issuer_name, governing, symbol, place = "", "", "BC-UBND", ""
    if not issuer_name:
        issuer_name = "ỦY BAN NHÂN DÂN " + unit.name.removeprefix("UBND ").upper()
    # Decree 30, box 2: the parent body only if there is one (a People's Committee has none); the issuer's own
    # name, which the renderer prints as "ỦY BAN NHÂN DÂN" over "HUYỆN GIO LINH", both bold.
    return ctx.Issuer(
        parent_authority=governing.upper(),
        authority=issuer_name.upper(),
        name_in_text=unit.name,
        place=place or unit.place_name or unit.display_name,
        date=day,
        symbol=symbol or "BC-UBND",
    )


def _signer(settings: reform.ReportSettings | None) -> ctx.Signer:
    if settings is None:
        return ctx.Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "")
    return ctx.Signer(
        settings.on_behalf or "TM. ỦY BAN NHÂN DÂN", settings.signer_title or "CHỦ TỊCH", settings.signer_name
    )


def report_date(period: Period, today: dt.date | None = None) -> dt.date:
    """The day after the data cut-off (the seed: data to 14/9, dated 15/9), or today for a period still running."""
    today = today or timezone.localdate()
    return min(period.end + dt.timedelta(days=1), today)


def _tuple(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(i for i in items if i)


def build_report_context(
    *, unit: Unit, period: Period, by=None, figures: ReportFigures | None = None, issued_on: dt.date | None = None
) -> ctx.ReportContext:
    """The whole report of `unit` for `period` (a quarter, half-year or month parsed by `parse_period`, with
    the cut-off chosen there) as plain data for the renderers.

    `by` is the user asking (unused for the content: the report is the same for everyone allowed to read it);
    `figures` may be passed when the caller already computed them (the staff page shows both).
    Raises ReportPeriodError for a period that is not a quarter, half-year or month.
    """
    named = named_period(period)
    today = timezone.localdate()
    figures = figures or report_figures(unit=unit, period=period)
    settings = reform.ReportSettings.objects.filter(unit=unit).first()
    data = _collect(unit, named.quarters)
    titles = SCOPE_TITLES.get(unit.level, ("Toàn đơn vị", "Tại đơn vị", "Các đơn vị trực thuộc"))
    blocks = {
        scope: ctx.FiguresBlock.from_figures(figures.scopes[scope], title)
        for scope, title in zip((Scope.TREE, Scope.SELF, Scope.CHILDREN), titles, strict=True)
    }
    return ctx.ReportContext(
        issuer=_issuer(unit, settings, issued_on or report_date(period)),
        period=named.report_period(),
        recipients=_tuple(settings.recipient_lines if settings else ()) or ("UBND cấp trên",),
        basis=(settings.basis.strip() if settings else "") or DEFAULT_BASIS,
        whole=blocks[Scope.TREE],
        own_desk=blocks[Scope.SELF],
        children=blocks[Scope.CHILDREN],
        units=tuple(_unit_row(u) for u in figures.units),
        procedures=_procedure_facts(data.simplification),
        signer=_signer(settings),
        distribution=_tuple(settings.distribution_lines if settings else ()) or ("Như trên", "Lưu: VT"),
        directives=tuple(data.directives),
        trainings=tuple(data.trainings),
        legal_review=data.legal_review,
        activities=tuple(data.activities),
        staffing=tuple(data.staffing),
        budget=data.budget,
        budget_period=data.budget_period,
        disbursement=data.disbursement,
        positives=tuple(data.narrative[reform.NarrativeKind.POSITIVES]),
        shortcomings=tuple(data.narrative[reform.NarrativeKind.SHORTCOMINGS]),
        next_tasks=tuple(data.narrative[reform.NarrativeKind.NEXT_TASKS]),
        recommendations=tuple(data.narrative[reform.NarrativeKind.RECOMMENDATIONS]),
        own_level=LEVEL_NAMES.get(unit.level, "cấp huyện"),
        children_level=LEVEL_NAMES.get(CHILD_LEVEL.get(unit.level, ""), "cấp xã"),
        as_of=today if today <= period.end else None,  # a period not ended yet: its figures are as of today
    )
