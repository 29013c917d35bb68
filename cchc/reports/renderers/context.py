"""A whole CCHC report as plain data: what the renderers need, nothing they must look up.

The renderers (narrative, docx, xlsx, pdf) import no ORM; whoever builds a `ReportContext` (the report
service, or a test by hand) reads the database and fills these frozen dataclasses. Counts and rates keep the
key names of shared/spec/metrics.md, and rates are the `Rate` of cchc.reports.figures.definitions (where
the rate definitions and the percent rounding live). Nothing here is formatted: numbers stay int/Decimal,
dates stay dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cchc.lib.formatting import roman
from cchc.reports.figures.definitions import RATE_DEFINITIONS, Rate, rate_from_counts

# Reform areas of Resolution 76/NQ-CP, in the order of the report's section I (domain.md §6.2).
AREAS: dict[str, str] = {
    "direction": "Công tác chỉ đạo, điều hành CCHC",
    "institutions": "Cải cách thể chế",
    "procedures": "Cải cách thủ tục hành chính (TTHC)",
    "apparatus": "Cải cách tổ chức bộ máy",
    "civil_service": "Cải cách chế độ công vụ",
    "finance": "Cải cách tài chính công",
    "e_government": "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    # Its printed title names only the indices its paragraphs report on (narrative.indices_title).
    "indices": "Kết quả thực hiện chương trình nâng cao các chỉ số PAR INDEX, SIPAS, PAPI",
}


# The collective bodies of local government, whose name is their kind followed by the place (Decree 30, App. I).
COLLECTIVE_BODIES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")


@dataclass(frozen=True)
class Issuer:
    """Boxes 2-4 of Decree 30: parent and issuing authority, number and symbol, place and date.

    `authority` is the issuing body's own name ("ỦY BAN NHÂN DÂN HUYỆN GIO LINH"); `parent_authority` is the
    body it belongs to directly ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ" over "SỞ NỘI VỤ"), empty when it has none,
    as a People's Committee has none. Decree 30, Appendix I: the parent's name is upright, the issuer's bold.
    """

    authority: str  # "ỦY BAN NHÂN DÂN HUYỆN GIO LINH"
    name_in_text: str  # "UBND huyện Gio Linh", how the body names itself in sentences
    place: str  # "Gio Linh"
    date: dt.date
    parent_authority: str = ""  # "" when the issuer has no direct parent body
    symbol: str = "BC-UBND"
    number: int | None = None  # assigned by the clerk at registration; None leaves the blank of a draft

    @property
    def authority_lines(self) -> tuple[str, ...]:
        """The issuer's name as printed in box 2: a line break the name was entered with is kept; a People's
        Committee or Council puts its kind on the first line and the place on the second ("ỦY BAN NHÂN DÂN" /
        "HUYỆN GIO LINH"); any other name is one line."""
        lines = tuple(line.strip() for line in self.authority.splitlines() if line.strip())
        if len(lines) == 1:
            for kind in COLLECTIVE_BODIES:
                rest = lines[0].removeprefix(kind)
                if rest != lines[0] and rest.startswith(" "):
                    return (kind, rest.strip())
        return lines


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

    def span_noting(self, note: str) -> str:
        """`span` with a note on the reported period right after it, not after the next period's name:
        "quý III (số liệu tính từ ...) và phương hướng, nhiệm vụ quý IV năm 2023"."""
        if self.next_year == self.year:
            return f"{self.name} ({note}) và phương hướng, nhiệm vụ {self.next_name} năm {self.year}"
        return f"{self.label} ({note}) và phương hướng, nhiệm vụ {self.next_label}"


@dataclass(frozen=True)
class FiguresBlock:
    """The dossier figures of one scope: counts and rates under the metrics.md key names."""

    scope: str  # "tree" (toàn huyện), "self" (cấp huyện), "children" (các xã, thị trấn)
    title: str  # "Toàn huyện"
    counts: Mapping[str, int]
    rates: Mapping[str, Rate] = field(default_factory=dict)

    def count(self, key: str) -> int:
        return int(self.counts.get(key, 0))

    def rate(self, key: str) -> Rate:
        """The stated rate, or the metrics.md definition applied to the counts when none was given."""
        if key in self.rates:
            return self.rates[key]
        return rate_from_counts(key, self.counts)

    @classmethod
    def from_counts(cls, scope: str, title: str, counts: Mapping[str, int]) -> FiguresBlock:
        """A block whose rates all follow from its counts (metrics.md "Rates")."""
        block = cls(scope, title, dict(counts))
        return cls(scope, title, dict(counts), {key: block.rate(key) for key in RATE_DEFINITIONS})

    @classmethod
    def from_figures(cls, figures: Any, title: str) -> FiguresBlock:
        """Copy a figures object (`.scope`, `.counts`, `.rates` of `Rate`)."""
        scope = getattr(figures.scope, "value", figures.scope)
        return cls(str(scope), title, dict(figures.counts), dict(figures.rates))


@dataclass(frozen=True)
class UnitRow:
    """One unit's line in the per-unit tables: the district's own desk or one commune."""

    name: str  # short, as lists print it: "Gio An", "TT Gio Linh", "Cấp huyện"
    full_name: str  # "UBND xã Gio An", "UBND thị trấn Gio Linh", "UBND huyện Gio Linh"
    digitized_components: Rate
    digitized_results: Rate
    online: Rate
    full_online: Rate
    is_parent_desk: bool = False  # the district's own one-stop desk (scope "self")


@dataclass(frozen=True)
class ProcedureFacts:
    """Catalogue facts of section I.3: procedures posted by level and the review for simplification."""

    posted_district: Rate  # posted / in the district's competence
    posted_commune: Rate
    simplification: Rate  # simplified / proposed for simplification (0/0: none proposed)


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
    # The day the figures were taken when the period had not ended by then (they count as of that day, and the
    # report says so next to them); None for a period that had ended.
    as_of: dt.date | None = None

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
