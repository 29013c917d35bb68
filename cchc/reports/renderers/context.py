"""A whole CCHC report as plain data: what the renderers need, nothing they must look up.

The renderers (narrative, docx, xlsx, pdf) import no ORM; whoever builds a `ReportContext` (the report
service, or a test by hand) reads the database and fills these frozen dataclasses. Counts and rates keep the
key names of shared/spec/metrics.md. Nothing here is formatted: numbers stay int/Decimal, dates stay dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from cchc.lib.formatting import roman

CENT = Decimal("0.01")

# Rate key -> (numerator count keys, denominator count keys), as in metrics.md "Rates".
RATE_DEFINITIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "on_time_of_resolved": (("resolved_early", "resolved_on_time"), ("resolved",)),
    "late_of_resolved": (("resolved_late",), ("resolved",)),
    "on_time_of_due": (("resolved_early", "resolved_on_time"), ("due",)),
    "late_of_due": (("late",), ("due",)),
    "digitized_components": (("digitized_components",), ("received",)),
    "digitized_results": (("digitized_results",), ("resolved",)),
    "online": (("online_capable_received_online",), ("online_capable_received",)),
    "full_online": (("full_online_received_online",), ("full_online_received",)),
    "apology_coverage": (("late_with_apology",), ("late",)),
    "evaluation": (("evaluations",), ("resolved",)),
}

# Reform areas of Resolution 76/NQ-CP, in the order of the report's section I (domain.md §6.2).
AREAS: dict[str, str] = {
    "direction": "Công tác chỉ đạo, điều hành CCHC",
    "institutions": "Cải cách thể chế",
    "procedures": "Cải cách thủ tục hành chính (TTHC)",
    "apparatus": "Cải cách tổ chức bộ máy",
    "civil_service": "Cải cách chế độ công vụ",
    "finance": "Cải cách tài chính công",
    "e_government": "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "indices": "Kết quả thực hiện chương trình nâng cao các chỉ số PAR INDEX, SIPAS, PAPI",
}


class RateLike(Protocol):
    numerator: int
    denominator: int


def percent(numerator: int | Decimal, denominator: int | Decimal) -> Decimal | None:
    """100 * numerator / denominator rounded half-up to 2 decimals; None when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(100) * Decimal(numerator) / Decimal(denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Ratio:
    """k of n, with its percentage (metrics.md: 2 decimals, half-up, None when n is 0)."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)

    @classmethod
    def of(cls, rate: RateLike) -> Ratio:
        """Copy any object with `numerator` and `denominator` (e.g. a figures `Rate`)."""
        return cls(int(rate.numerator), int(rate.denominator))


@dataclass(frozen=True)
class Issuer:
    """Boxes 2-4 of Decree 30: parent and issuing authority, number and symbol, place and date."""

    parent_authority: str  # "ỦY BAN NHÂN DÂN"
    authority: str  # "HUYỆN GIO LINH"
    name_in_text: str  # "UBND huyện Gio Linh", how the body names itself in sentences
    place: str  # "Gio Linh"
    date: dt.date
    symbol: str = "BC-UBND"
    number: int | None = None  # assigned by the clerk at registration; None leaves the blank of a draft


@dataclass(frozen=True)
class ReportPeriod:
    start: dt.date
    end: dt.date  # inclusive
    name: str  # "quý III"
    year: int
    next_name: str  # "quý IV"
    next_year: int

    @classmethod
    def quarter(cls, year: int, quarter: int, *, start: dt.date, end: dt.date) -> ReportPeriod:
        """Quarter `quarter` of `year`, covering the given dates (statutory cut-off or calendar)."""
        next_year, next_quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return cls(start, end, f"quý {roman(quarter)}", year, f"quý {roman(next_quarter)}", next_year)

    @property
    def label(self) -> str:
        """ "quý III năm 2023"."""
        return f"{self.name} năm {self.year}"

    @property
    def next_label(self) -> str:
        return f"{self.next_name} năm {self.next_year}"

    @property
    def span(self) -> str:
        """ "quý III và phương hướng, nhiệm vụ quý IV năm 2023" (the year once when both quarters share it)."""
        if self.next_year == self.year:
            return f"{self.name} và phương hướng, nhiệm vụ {self.next_name} năm {self.year}"
        return f"{self.label} và phương hướng, nhiệm vụ {self.next_label}"


@dataclass(frozen=True)
class FiguresBlock:
    """The dossier figures of one scope: counts and rates under the metrics.md key names."""

    scope: str  # "tree" (toàn huyện), "self" (cấp huyện), "children" (các xã, thị trấn)
    title: str  # "Toàn huyện"
    counts: Mapping[str, int]
    rates: Mapping[str, Ratio] = field(default_factory=dict)

    def count(self, key: str) -> int:
        return int(self.counts.get(key, 0))

    def rate(self, key: str) -> Ratio:
        """The stated rate, or the metrics.md definition applied to the counts when none was given."""
        if key in self.rates:
            return self.rates[key]
        numerator_keys, denominator_keys = RATE_DEFINITIONS[key]
        return Ratio(sum(self.count(k) for k in numerator_keys), sum(self.count(k) for k in denominator_keys))

    @classmethod
    def from_counts(cls, scope: str, title: str, counts: Mapping[str, int]) -> FiguresBlock:
        """A block whose rates all follow from its counts (metrics.md "Rates")."""
        block = cls(scope, title, dict(counts))
        return cls(scope, title, dict(counts), {key: block.rate(key) for key in RATE_DEFINITIONS})

    @classmethod
    def from_figures(cls, figures: Any, title: str) -> FiguresBlock:
        """Copy a figures object (`.scope`, `.counts`, `.rates` of objects with numerator/denominator)."""
        scope = getattr(figures.scope, "value", figures.scope)
        rates = {key: Ratio.of(rate) for key, rate in figures.rates.items()}
        return cls(str(scope), title, dict(figures.counts), rates)


@dataclass(frozen=True)
class UnitRow:
    """One unit's line in the per-unit tables: the district's own desk or one commune."""

    name: str  # short, as lists print it: "Gio An", "TT Gio Linh", "Cấp huyện"
    full_name: str  # "UBND xã Gio An", "UBND thị trấn Gio Linh", "UBND huyện Gio Linh"
    digitized_components: Ratio
    digitized_results: Ratio
    online: Ratio
    full_online: Ratio
    is_parent_desk: bool = False  # the district's own one-stop desk (scope "self")


@dataclass(frozen=True)
class ProcedureFacts:
    """Catalogue facts of section I.3: procedures posted by level and the review for simplification."""

    posted_district: Ratio  # posted / in the district's competence
    posted_commune: Ratio
    simplification: Ratio  # simplified / proposed for simplification (0/0: none proposed)


@dataclass(frozen=True)
class DirectiveDocument:
    kind: str  # "Công văn", "Kế hoạch", "Quyết định", "Hướng dẫn", "Đề án"
    number: str  # number and symbol, "1033/UBND-NC"
    date: dt.date
    summary: str  # what it does, as entered: "về việc hướng dẫn tự đánh giá ..."
    area: str = "direction"  # key of AREAS
    issuer: str = ""  # empty when the reporting body issued it itself


@dataclass(frozen=True)
class Training:
    kind: str  # "lớp bồi dưỡng", "hội nghị tập huấn"
    topic: str
    sessions: int
    participants: int | None = None
    participants_approximate: bool = False  # "gần 80"
    audience: str = ""  # "cán bộ, công chức"
    units: tuple[str, ...] = ()
    materials: int | None = None  # documents handed out
    area: str = "direction"


@dataclass(frozen=True)
class LegalReview:
    """Section I.2.1: legal documents reviewed and those handled after review."""

    reviewed: int
    to_handle: int
    handled: int
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Activity:
    """A fact of a reform area that is recorded as text (law dissemination, apparatus, e-government...)."""

    area: str  # key of AREAS; "institutions.monitoring" and "institutions.dissemination" for I.2.2 and I.2.3
    text: str


@dataclass(frozen=True)
class StaffingAction:
    kind: str  # "recruitment", "appointment", "reduction", "other"
    text: str  # the sentence as recorded
    count: int | None = None  # people concerned, for the appendix


@dataclass(frozen=True)
class BudgetLine:
    label: str  # "Thu ngân sách Nhà nước", "Chi đầu tư XDCB"
    estimate: Decimal  # million VND
    plan: Decimal
    is_part: bool = False  # a component of the line above ("Trong đó: ...")


@dataclass(frozen=True)
class DisbursementLine:
    source: str
    disbursed: Decimal  # million VND
    plan: Decimal
    note: str = ""


@dataclass(frozen=True)
class Disbursement:
    as_of: dt.date
    lines: tuple[DisbursementLine, ...]
    note: str = ""  # "bao gồm vốn năm 2022 kéo dài ..."
    forecast_date: dt.date | None = None
    forecast_amount: Decimal | None = None

    @property
    def disbursed(self) -> Decimal:
        return sum((line.disbursed for line in self.lines), Decimal(0))

    @property
    def plan(self) -> Decimal:
        return sum((line.plan for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class Signer:
    on_behalf: str  # "TM. ỦY BAN NHÂN DÂN"
    title: str  # "CHỦ TỊCH"
    name: str


@dataclass(frozen=True)
class ReportContext:
    issuer: Issuer
    period: ReportPeriod
    recipients: tuple[str, ...]  # "Kính gửi"
    basis: str  # opening: the reporting guidance the report answers
    whole: FiguresBlock  # scope tree
    own_desk: FiguresBlock  # scope self
    children: FiguresBlock  # scope children
    units: tuple[UnitRow, ...]  # the district's desk first, then the communes in their official order
    procedures: ProcedureFacts
    signer: Signer
    distribution: tuple[str, ...]  # "Nơi nhận"
    directives: tuple[DirectiveDocument, ...] = ()
    trainings: tuple[Training, ...] = ()
    legal_review: LegalReview | None = None
    activities: tuple[Activity, ...] = ()
    staffing: tuple[StaffingAction, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    budget_period: str = "9 tháng"  # "ước thực hiện 9 tháng"
    disbursement: Disbursement | None = None
    positives: tuple[str, ...] = ()
    shortcomings: tuple[str, ...] = ()
    next_tasks: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    threshold: int = 70  # digitisation rate a unit must reach, percent
    document_type: str = "BÁO CÁO"
    own_level: str = "cấp huyện"  # how the per-unit lists name the reporting unit's own desk
    children_level: str = "cấp xã"  # and the units below it

    @property
    def summary(self) -> str:
        """The summary line under "BÁO CÁO" (domain.md §6.2)."""
        return f"Kết quả thực hiện công tác cải cách hành chính nhà nước {self.period.span}"

    def activities_of(self, area: str) -> list[Activity]:
        return [a for a in self.activities if a.area == area]


_UNIT_PREFIXES = (("UBND thị trấn ", "TT "), ("UBND xã ", ""), ("UBND phường ", "P. "))


def short_unit_name(full_name: str) -> str:
    """The name the per-unit lists print: "UBND xã Gio An" -> "Gio An", "UBND thị trấn Gio Linh" -> "TT Gio Linh"."""
    for prefix, short in _UNIT_PREFIXES:
        if full_name.startswith(prefix):
            return short + full_name[len(prefix) :]
    return full_name
