"""The report's Vietnamese text, generated from the figures: sentences, not templates with blanks.

`report_outline(context)` returns the body of the report (from the opening to the closing sentence) as a
list of `Block`s; docx.py lays them out and adds the Decree 30 frame (headers, recipients, signature).
The sentence functions are public so a dashboard or the staff page can show the same sentence.

Orders used in the per-unit lists (docs/decisions/0010-report-rendering.md):
- digitisation: units below the threshold first, by rate ascending (worst first, the ones to act on);
  units at or above it in the official unit order (district desk, then the communes), as the seed lists them;
- online rate: district desk first (as the seed), then the communes by rate descending;
- ties keep the official unit order. A unit with nothing to count (0/0) is named apart as "không phát sinh".
Comparisons with the threshold use the exact fraction, not the rounded percentage.

Every count is followed by the noun of what it counts ("8.134 hồ sơ", "65 người tham dự"): Vietnamese puts a
number only before a countable noun, never before a collective one ("đội ngũ", "toàn thể"). A note that
qualifies a figure (its basis, its cut-off, "không phát sinh") is written next to that figure.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from cchc.lib.formatting import two_digits, vn_amount, vn_date, vn_int, vn_percent
from cchc.reports.figures.definitions import Rate, percent

from .context import (
    AREAS,
    BudgetLine,
    DirectiveDocument,
    FiguresBlock,
    ReportContext,
    Training,
    UnitRow,
)

SECTION, CLAUSE, SUBCLAUSE, PARA, ITEM, SUBITEM, NOTE = (
    "section",
    "clause",
    "subclause",
    "para",
    "item",
    "subitem",
    "note",
)


@dataclass(frozen=True)
class Block:
    """One paragraph of the body. `lead` is printed bold before `text` (e.g. "Cấp huyện:")."""

    kind: str
    text: str
    lead: str = ""

    @property
    def full_text(self) -> str:
        return f"{self.lead} {self.text}".strip() if self.lead else self.text


# --- numbers in words ---
def pct(value: Decimal | None) -> str:
    """A dossier rate: 2 decimals ("99,95%", "0,05%", "75,60%"), a whole value without them ("100%")."""
    if value is None:
        return "không phát sinh"
    return vn_percent(value, 2, strip_zeros=value == value.to_integral_value())


def unit_pct(value: Decimal | None) -> str:
    """A rate in a per-unit list, trailing zeros dropped as the seed prints them ("42,2%", "100%")."""
    if value is None:
        return "không phát sinh"
    return vn_percent(value, 2, strip_zeros=True)


def reached(rate: Rate, verb: str = "đạt") -> str:
    """ "đạt 99,95%", or "không phát sinh" when there is nothing to divide by (0/0 is no rate at all)."""
    return f"{verb} {pct(rate.percent)}" if rate.denominator else "không phát sinh"


def k_of_n(rate: Rate) -> str:
    return f"{vn_int(rate.numerator)}/{vn_int(rate.denominator)}"


def _join(parts: Iterable[str], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


# --- section I.3: dossiers ---
def dossier_sentence(block: FiguresBlock, period_label: str, as_of: dt.date | None = None) -> str:
    """The reception-and-resolution sentence of one scope (domain.md §6.2), postal and withdrawn only if any.

    `as_of`: the day the figures were taken when the period had not ended; the pending figure, which is what
    changes by then, says so next to it.
    """
    c = block.count
    channels = [f"trực tuyến: {vn_int(c('received_online'))} hồ sơ", f"trực tiếp: {vn_int(c('received_direct'))} hồ sơ"]
    if c("received_postal"):
        channels.append(f"qua dịch vụ bưu chính công ích: {vn_int(c('received_postal'))} hồ sơ")
    channels.append(f"tồn kỳ trước: {vn_int(c('carried_over'))} hồ sơ")
    on_time, late = block.rate("on_time_of_resolved"), block.rate("late_of_resolved")
    if c("resolved"):
        resolved = (
            f"đã giải quyết: {vn_int(c('resolved'))} hồ sơ (trước và đúng hạn: {vn_int(on_time.numerator)} hồ sơ, "
            f"{reached(on_time)}; quá hạn: {vn_int(late.numerator)} hồ sơ, {reached(late, 'chiếm')})"
        )
    else:
        resolved = "đã giải quyết: 0 hồ sơ (tỷ lệ giải quyết đúng hạn: không phát sinh)"
    parts = [
        f"Tổng số hồ sơ tiếp nhận giải quyết trong {period_label}: {vn_int(c('total'))} hồ sơ "
        f"(trong đó: {_join(channels)})",
        resolved,
    ]
    if c("no_time_limit_received"):
        # metrics.md: a dossier with no due date is never late; the report says how many there were.
        parts.insert(
            1,
            f"trong đó có {vn_int(c('no_time_limit_received'))} hồ sơ thuộc thủ tục không quy định thời hạn giải quyết",
        )
    if c("withdrawn_or_returned"):
        parts.append(f"rút hoặc trả lại hồ sơ: {vn_int(c('withdrawn_or_returned'))} hồ sơ")
    as_of_note = f" (tính đến ngày {vn_date(as_of)})" if as_of else ""
    parts.append(
        f"đang giải quyết{as_of_note}: {vn_int(c('pending'))} hồ sơ (còn hạn: {vn_int(c('pending_within_deadline'))}, "
        f"quá hạn: {vn_int(c('pending_overdue'))})"
    )
    return "; ".join(parts) + "."


def apology_sentence(block: FiguresBlock) -> str:
    """Late dossiers apologised for (late = resolved late + pending overdue) and the letters issued."""
    coverage = block.rate("apology_coverage")
    letters = block.count("apologies")
    if coverage.denominator:
        text = f"{k_of_n(coverage)} hồ sơ trễ hạn đã được thực hiện xin lỗi, {reached(coverage)}"
    else:
        text = "không có hồ sơ trễ hạn phải thực hiện xin lỗi"
    text += f"; đã ban hành {vn_int(letters)} phiếu xin lỗi và hẹn lại ngày trả kết quả" if letters else ""
    return (
        "Thường xuyên chỉ đạo và có văn bản hướng dẫn các cơ quan, đơn vị, địa phương thực hiện xin lỗi người dân "
        f"khi có hồ sơ trễ hạn: {text}."
    )


def evaluation_sentence(block: FiguresBlock) -> str:
    rate = block.rate("evaluation")
    if not rate.denominator:
        return "Đánh giá chất lượng giải quyết TTHC: không có hồ sơ đã giải quyết trong kỳ (không phát sinh)."
    return (
        "Thực hiện việc đánh giá chất lượng giải quyết TTHC theo quy định, với "
        f"{vn_int(rate.numerator)} phiếu đánh giá/{vn_int(rate.denominator)} hồ sơ đã giải quyết, {reached(rate)}."
    )


def e_certification_sentence(block: FiguresBlock) -> str:
    count = block.count("e_certifications")
    if not count:
        return "Về thực hiện chứng thực điện tử: trong kỳ chưa phát sinh hồ sơ chứng thực bản sao điện tử."
    return (
        "Về thực hiện chứng thực điện tử: các cơ quan, đơn vị, địa phương đã thực hiện chứng thực bản sao điện tử "
        f"với số lượng đạt {vn_int(count)} hồ sơ."
    )


def feedback_sentence(block: FiguresBlock, period_label: str) -> str:
    received, answered = block.count("feedback_received"), block.count("feedback_resolved")
    if not received:
        return (
            f"Trong {period_label} không phát sinh phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính "
            "và hành vi hành chính."
        )
    return (
        f"Trong {period_label} tiếp nhận {vn_int(received)} phản ánh, kiến nghị của cá nhân, tổ chức; đã xử lý "
        f"{vn_int(answered)}/{vn_int(received)} phản ánh, kiến nghị ({reached(Rate(answered, received))})."
    )


# --- section I.3: per-unit lists ---
def _at_least(ratio: Rate, threshold: int) -> bool:
    return ratio.numerator * 100 >= threshold * ratio.denominator


def _unit_list(rows: list[UnitRow], value: Callable[[UnitRow], Rate], own: str, below: str) -> str:
    """ "cấp huyện (40,83%); cấp xã: Trung Hải (51,04%), ..." in the order given."""
    desk = [f"{own} ({unit_pct(value(r).percent)})" for r in rows if r.is_parent_desk]
    communes = [f"{r.name} ({unit_pct(value(r).percent)})" for r in rows if not r.is_parent_desk]
    if communes:
        desk.append(f"{below}: " + ", ".join(communes))
    return "; ".join(desk)


def _names(rows: list[UnitRow], own: str) -> str:
    return ", ".join(own if r.is_parent_desk else r.name for r in rows)


LEVELS = ("cấp huyện", "cấp xã")  # the reporting unit's own desk, and the units below it


def digitization_items(
    units: Iterable[UnitRow],
    threshold: int,
    value: Callable[[UnitRow], Rate],
    what: str,
    levels: tuple[str, str] = LEVELS,
) -> list[Block]:
    """The units below and at or above the threshold, each group under its correct heading."""
    rows = list(units)
    counted = [r for r in rows if value(r).denominator]
    # Counted rates have a denominator, so a percent.
    below = sorted(
        (r for r in counted if not _at_least(value(r), threshold)), key=lambda r: value(r).percent or Decimal(0)
    )
    above = [r for r in counted if _at_least(value(r), threshold)]
    idle = [r for r in rows if not value(r).denominator]
    blocks = []
    if not below and above:
        blocks.append(
            Block(ITEM, f"{what}: 100% các đơn vị, địa phương đều đạt tỷ lệ quy định (≥{threshold}%), cụ thể:")
        )
        listed = _unit_list(above, value, *levels)
        blocks.append(Block(SUBITEM, listed[:1].upper() + listed[1:] + "."))
    else:
        blocks.append(Block(ITEM, f"{what}:"))
        blocks.append(
            Block(SUBITEM, f"Các đơn vị chưa đạt tỷ lệ quy định (<{threshold}%): {_unit_list(below, value, *levels)}.")
        )
        if above:
            listed = _unit_list(above, value, *levels)
            blocks.append(Block(SUBITEM, f"Các đơn vị đạt tỷ lệ quy định (≥{threshold}%): {listed}."))
    if idle:
        blocks.append(Block(SUBITEM, f"Không phát sinh hồ sơ: {_names(idle, levels[0])}."))
    return blocks


def online_items(units: Iterable[UnitRow], levels: tuple[str, str] = LEVELS) -> list[Block]:
    """Online rate by unit, the district desk first, then the communes from the highest rate down."""
    rows = list(units)
    counted = [r for r in rows if r.online.denominator]
    ordered = [r for r in counted if r.is_parent_desk] + sorted(
        (r for r in counted if not r.is_parent_desk), key=lambda r: r.online.percent or Decimal(0), reverse=True
    )
    idle = [r for r in rows if not r.online.denominator]
    # The basis of the rate (which dossiers it is taken over) is stated in the sentence that gives the rates.
    blocks = [
        Block(ITEM, "Tỷ lệ hồ sơ trực tuyến:"),
        Block(
            SUBITEM,
            "Tỷ lệ hồ sơ tiếp nhận trực tuyến trên số hồ sơ tiếp nhận của các TTHC có cung cấp dịch vụ công trực "
            f"tuyến, của các cơ quan, đơn vị: {_unit_list(ordered, _online, *levels)}.",
        ),
    ]
    if idle:
        names = _names(idle, levels[0])
        blocks.append(Block(SUBITEM, f"Không phát sinh hồ sơ thuộc TTHC có dịch vụ công trực tuyến: {names}."))
    return blocks


def _online(row: UnitRow) -> Rate:
    return row.online


_COMMUNE_KINDS = (("UBND xã ", "xã"), ("UBND thị trấn ", "thị trấn"), ("UBND phường ", "phường"))


def _noun(rows: list[UnitRow]) -> str:
    """The noun that counts these units: "xã", "thị trấn", "phường" or a pair of them when they are all of that
    kind ("16 xã, thị trấn"), else "đơn vị"."""
    if any(r.is_parent_desk for r in rows):
        return "đơn vị"
    kinds = {next((kind for prefix, kind in _COMMUNE_KINDS if r.full_name.startswith(prefix)), "") for r in rows}
    if "" in kinds:
        return "đơn vị"
    return ", ".join(kind for _, kind in _COMMUNE_KINDS if kind in kinds)


def full_online_sentence(units: Iterable[UnitRow], levels: tuple[str, str] = LEVELS) -> str:
    """Which units received full-process (toàn trình) dossiers online, and how many did not."""
    rows = list(units)
    achieving = [r for r in rows if r.full_online.numerator]
    zero = [r for r in rows if r.full_online.denominator and not r.full_online.numerator]
    idle = [r for r in rows if not r.full_online.denominator]
    parts = []
    if len(achieving) == 1:
        r = achieving[0]
        parts.append(
            f"Chỉ có {r.full_name} đạt tiêu chí với {vn_int(r.full_online.numerator)} hồ sơ tiếp nhận toàn trình trực "
            f"tuyến/{vn_int(r.full_online.denominator)} hồ sơ thuộc TTHC toàn trình phát sinh, {reached(r.full_online)}"
        )
    elif achieving:
        listed = ", ".join(
            f"{r.full_name} ({k_of_n(r.full_online)}, {unit_pct(r.full_online.percent)})" for r in achieving
        )
        parts.append(f"Có {len(achieving)} đơn vị tiếp nhận hồ sơ toàn trình trực tuyến: {listed}")
    else:
        parts.append("Chưa có đơn vị nào tiếp nhận hồ sơ toàn trình trực tuyến")
    if zero:
        parts.append(f"{len(zero)} {_noun(zero)} chưa đạt tiêu chí này, tỷ lệ 0%")
    if idle:
        parts.append(f"không phát sinh hồ sơ thuộc TTHC toàn trình: {_names(idle, levels[0])}")
    return "; ".join(parts) + "."


# --- other sections ---
def directive_sentence(doc: DirectiveDocument) -> str:
    who = f"{doc.issuer} ban hành" if doc.issuer else "Ban hành"
    return f"{who} {doc.kind} số {doc.number} ngày {vn_date(doc.date)} {doc.summary}".rstrip(" .;") + "."


# Nouns for people that a number may precede directly ("80 cán bộ", "200 hòa giải viên"). An audience that starts
# otherwise ("đội ngũ cán bộ", "toàn thể công chức", "các tổ hòa giải") is a collective: its number goes with
# "người tham dự" after it ("cho đội ngũ cán bộ ... với 65 người tham dự"), never "cho 65 đội ngũ".
COUNTABLE_PEOPLE = (
    "cán bộ", "công chức", "viên chức", "người", "đại biểu", "học viên", "giáo viên", "giảng viên", "thành viên",
    "nhân viên", "hòa giải viên", "tuyên truyền viên", "báo cáo viên", "đoàn viên", "hội viên", "sinh viên",
    "học sinh", "thí sinh", "công dân", "lãnh đạo", "chủ tịch", "phó chủ tịch", "trưởng thôn", "doanh nghiệp",
)  # fmt: skip


def counts_directly(audience: str) -> bool:
    """Whether a number can stand right before `audience` (it starts with a countable noun for people)."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", audience).lower())
    return any(words[: len(noun.split())] == noun.split() for noun in COUNTABLE_PEOPLE)


def training_sentence(t: Training) -> str:
    text = f"Tổ chức {two_digits(t.sessions)} {t.kind} {t.topic}"
    audience = t.audience.strip()
    if t.participants is not None:
        number = f"{'gần ' if t.participants_approximate else ''}{vn_int(t.participants)}"
        if audience and counts_directly(audience):
            text += f" cho {number} {audience}"
        elif audience:
            text += f" cho {audience} với {number} người tham dự"
        else:
            text += f" với {number} người tham dự"
    elif audience:
        text += f" cho {audience}"
    if t.units:
        text += f" trên địa bàn {two_digits(len(t.units))} đơn vị: {', '.join(t.units)}"
    if t.materials:
        text += f", cấp phát {vn_int(t.materials)} quyển tài liệu"
    return text + "."


def budget_sentence(line: BudgetLine, parts: list[BudgetLine], budget_period: str) -> str:
    def phrase(b: BudgetLine, lead: str) -> str:
        share = f"ước đạt {pct(percent(b.estimate, b.plan))} kế hoạch" if b.plan else "không có kế hoạch giao"
        return (
            f"{lead} ước thực hiện {budget_period} là {vn_amount(b.estimate)} triệu đồng/{vn_amount(b.plan)} "
            f"triệu đồng ({share})"
        )

    text = phrase(line, line.label)
    if parts:
        text += ". Trong đó: " + "; ".join(phrase(p, p.label[:1].lower() + p.label[1:]) for p in parts)
    return text + "."


def _amount_ratio(disbursed: Decimal, plan: Decimal) -> str:
    share = f"đạt {pct(percent(disbursed, plan))}" if plan else "không phát sinh"
    return f"{vn_amount(disbursed)}/{vn_amount(plan)} triệu đồng, {share}"


def disbursement_blocks(ctx: ReportContext) -> list[Block]:
    d = ctx.disbursement
    if d is None:
        return []
    note = f" ({d.note})" if d.note else ""
    blocks = [
        Block(
            ITEM,
            f"Giải ngân vốn đầu tư XDCB: tổng giải ngân đến {vn_date(d.as_of)} là "
            f"{_amount_ratio(d.disbursed, d.plan)}{note}, trong đó:",
        )
    ]
    for line in d.lines:
        extra = f" ({line.note})" if line.note else ""
        blocks.append(Block(SUBITEM, f"{line.source}: {_amount_ratio(line.disbursed, line.plan)}{extra};"))
    if d.forecast_date and d.forecast_amount is not None:
        blocks.append(
            Block(
                ITEM,
                f"Ước giải ngân vốn đầu tư XDCB đến {vn_date(d.forecast_date)} là "
                f"{vn_amount(d.forecast_amount)}/{vn_amount(d.plan)} triệu đồng, ước đạt "
                f"{pct(percent(d.forecast_amount, d.plan))}.",
            )
        )
    return blocks


def _items(texts: Iterable[str], kind: str = ITEM) -> list[Block]:
    return [Block(kind, t) for t in texts]


def _numbered(texts: Iterable[str]) -> list[Block]:
    return [Block(PARA, t, lead=f"{i}.") for i, t in enumerate(texts, 1)]


def _area(ctx: ReportContext, area: str) -> list[Block]:
    """Directives, trainings and recorded activities of one area, in that order."""
    blocks = [Block(ITEM, directive_sentence(d)) for d in ctx.directives if d.area == area]
    blocks += [Block(ITEM, training_sentence(t)) for t in ctx.trainings if t.area == area]
    blocks += [Block(ITEM, a.text) for a in ctx.activities_of(area)]
    return blocks


def _or_none(blocks: list[Block]) -> list[Block]:
    return blocks or [Block(PARA, "Trong kỳ không phát sinh nội dung.")]


def procedures_blocks(ctx: ReportContext) -> list[Block]:
    """Section I.3: catalogue, one-stop results, per-unit rates, dossier statistics by scope, quality."""
    p, label = ctx.procedures, ctx.period.label
    if p.simplification.denominator:
        simplification = (
            f"Trong {label} đã rà soát, đơn giản hóa {k_of_n(p.simplification)} TTHC theo kế hoạch, "
            f"{reached(p.simplification)}."
        )
    else:
        simplification = (
            f"Trong {label} đã tiến hành rà soát theo kế hoạch; không có TTHC nào được đề nghị rà soát, "
            "đơn giản hóa nên tỷ lệ rà soát, đơn giản hóa không phát sinh."
        )
    blocks = [
        Block(PARA, simplification),
        Block(
            PARA,
            "Thực hiện niêm yết, công khai các TTHC trên Cổng thông tin điện tử và tại trụ sở Bộ phận Một cửa: "
            f"{k_of_n(p.posted_district)} TTHC thuộc thẩm quyền giải quyết cấp huyện ({reached(p.posted_district)}) "
            f"và {k_of_n(p.posted_commune)} TTHC thuộc thẩm quyền giải quyết cấp xã ({reached(p.posted_commune)}).",
        ),
        Block(ITEM, "Kết quả thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC:"),
    ]
    blocks += [Block(SUBITEM, directive_sentence(d)) for d in ctx.directives if d.area == "procedures"]
    blocks += [Block(SUBITEM, a.text) for a in ctx.activities_of("procedures")]
    levels = (ctx.own_level, ctx.children_level)
    blocks += digitization_items(
        ctx.units, ctx.threshold, lambda r: r.digitized_components, "Số hóa thành phần hồ sơ tiếp nhận", levels
    )
    blocks += digitization_items(
        ctx.units, ctx.threshold, lambda r: r.digitized_results, "Số hóa kết quả hồ sơ giải quyết", levels
    )
    blocks += online_items(ctx.units, levels)
    blocks.append(Block(ITEM, "Hồ sơ dịch vụ công trực tuyến toàn trình: " + full_online_sentence(ctx.units, levels)))
    blocks.append(Block(ITEM, e_certification_sentence(ctx.whole)))
    blocks.append(
        Block(ITEM, f"Kết quả tiếp nhận, giải quyết và trả kết quả của Bộ phận Một cửa {levels[0]}, {levels[1]}:")
    )
    as_of = ctx.as_of
    blocks.append(Block(PARA, dossier_sentence(ctx.whole, label, as_of), lead=f"{ctx.whole.title}:"))
    blocks.append(Block(PARA, "Trong đó:"))
    blocks.append(Block(SUBITEM, dossier_sentence(ctx.own_desk, label, as_of), lead=f"{ctx.own_desk.title}:"))
    blocks.append(Block(SUBITEM, dossier_sentence(ctx.children, label, as_of), lead=f"{ctx.children.title}:"))
    blocks.append(Block(PARA, apology_sentence(ctx.whole)))
    blocks.append(Block(PARA, feedback_sentence(ctx.whole, label)))
    blocks.append(Block(PARA, evaluation_sentence(ctx.whole)))
    return blocks


def institutions_blocks(ctx: ReportContext) -> list[Block]:
    blocks = [Block(SUBCLAUSE, "2.1. Công tác thẩm định, kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật")]
    review = ctx.legal_review
    if review is None or not review.reviewed:
        blocks.append(Block(PARA, "Trong kỳ không phát sinh văn bản quy phạm pháp luật phải rà soát."))
    else:
        text = f"Rà soát {two_digits(review.reviewed)} văn bản quy phạm pháp luật"
        if review.to_handle:
            text += (
                f", trong đó {two_digits(review.to_handle)} văn bản phải xử lý sau rà soát; đã xử lý "
                f"{two_digits(review.handled)}/{two_digits(review.to_handle)} văn bản, "
                f"{reached(Rate(review.handled, review.to_handle))}"
            )
        else:
            text += ", không có văn bản phải xử lý sau rà soát"
        blocks.append(Block(ITEM, text + (":" if review.items else ".")))
        blocks += _items(review.items, SUBITEM)
    blocks += _area(ctx, "institutions.review")
    blocks.append(Block(SUBCLAUSE, "2.2. Công tác theo dõi thi hành pháp luật"))
    blocks += _or_none(_area(ctx, "institutions.monitoring"))
    blocks.append(Block(SUBCLAUSE, "2.3. Công tác phổ biến, tuyên truyền pháp luật"))
    blocks += _or_none(_area(ctx, "institutions.dissemination"))
    return blocks


def finance_blocks(ctx: ReportContext) -> list[Block]:
    blocks = _area(ctx, "finance")
    lines = list(ctx.budget)
    for i, line in enumerate(lines):
        if line.is_part:
            continue
        parts = []
        for following in lines[i + 1 :]:
            if not following.is_part:
                break
            parts.append(following)
        blocks.append(Block(ITEM, budget_sentence(line, parts, ctx.budget_period)))
    blocks += disbursement_blocks(ctx)
    blocks += _area(ctx, "finance.autonomy")
    return blocks


# The indices section I.8 may report on (domain.md §6.3): abbreviation, full name, and how a text names it.
INDICES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("PAR INDEX", "Chỉ số Cải cách hành chính", ("par index", "chỉ số cải cách hành chính", "chỉ số cchc")),
    (
        "SIPAS",
        "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước",
        ("sipas", "chỉ số hài lòng"),
    ),
    ("PAPI", "Chỉ số Hiệu quả quản trị và hành chính công", ("papi", "chỉ số hiệu quả quản trị")),
)


def indices_title(blocks: Iterable[Block]) -> str:
    """Section I.8's title, naming only the indices its paragraphs report on: the full name of one, the
    abbreviations of several, and none when its paragraphs name none."""
    text = " ".join(unicodedata.normalize("NFC", b.full_text).lower() for b in blocks)
    named = [
        (abbr, name)
        for abbr, name, mentions in INDICES
        if any(re.search(rf"\b{re.escape(m)}\b", text) for m in mentions)
    ]
    if len(named) == 1:
        abbr, name = named[0]
        return f"Kết quả thực hiện chương trình nâng cao {name} ({abbr})"
    if named:
        return "Kết quả thực hiện chương trình nâng cao các chỉ số " + ", ".join(abbr for abbr, _ in named)
    return "Kết quả thực hiện chương trình nâng cao các chỉ số đánh giá"


def _data_note(ctx: ReportContext) -> str:
    """The dates the figures cover, written next to the period they belong to."""
    p = ctx.period
    if ctx.as_of is not None:
        return f"số liệu tính từ ngày {vn_date(p.start)} đến ngày {vn_date(ctx.as_of)}"
    return f"số liệu tính từ ngày {vn_date(p.start)} đến hết ngày {vn_date(p.end)}"


def report_outline(ctx: ReportContext) -> list[Block]:
    """The body of the report, from the opening paragraph to the closing sentence.

    Section I.8 (the indices, a local addition to the outline, domain.md §6.2) is left out when there is
    nothing to report in it.
    """
    p = ctx.period
    blocks = [
        Block(
            PARA,
            f"{ctx.basis}, {ctx.issuer.name_in_text} báo cáo kết quả thực hiện công tác CCHC "
            f"{p.span_noting(_data_note(ctx))} như sau:",
        ),
        Block(SECTION, "I. KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC"),
    ]
    for number, area in enumerate(AREAS, 1):
        if area == "indices":
            content = _area(ctx, area)
            if content:
                blocks.append(Block(CLAUSE, f"{number}. {indices_title(content)}"))
                blocks += content
            continue
        blocks.append(Block(CLAUSE, f"{number}. {AREAS[area]}"))
        if area == "institutions":
            blocks += institutions_blocks(ctx)
        elif area == "procedures":
            blocks += procedures_blocks(ctx)
        elif area == "finance":
            blocks += _or_none(finance_blocks(ctx))
        elif area == "apparatus":
            staffing = [s for s in ctx.staffing if s.kind == "reduction"]
            blocks += _or_none(_area(ctx, area) + [Block(ITEM, s.text) for s in staffing])
        elif area == "civil_service":
            staffing = [s for s in ctx.staffing if s.kind != "reduction"]
            blocks += _or_none(_area(ctx, area) + [Block(ITEM, s.text) for s in staffing])
        else:
            blocks += _or_none(_area(ctx, area))
        if area == "e_government":
            blocks.append(Block(NOTE, "(Chi tiết số liệu các nhiệm vụ có Phụ lục kèm theo)."))
    blocks += [
        Block(SECTION, "II. ĐÁNH GIÁ CHUNG"),
        Block(CLAUSE, "1. Tích cực"),
        *_or_none(_items(ctx.positives)),
        Block(CLAUSE, "2. Tồn tại, hạn chế, nguyên nhân"),
        *_or_none(_items(ctx.shortcomings)),
        Block(SECTION, f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC TRỌNG TÂM {p.next_name.upper()}"),
        *_or_none(_numbered(ctx.next_tasks)),
        Block(SECTION, "IV. KIẾN NGHỊ, ĐỀ XUẤT"),
        *_or_none([Block(PARA, t) for t in ctx.recommendations]),
        Block(
            PARA,
            f"Trên đây là báo cáo kết quả thực hiện nhiệm vụ CCHC {p.span}, {ctx.issuer.name_in_text} "
            "báo cáo quý cơ quan được biết./.",
        ),
    ]
    return blocks
