"""The other sections of the report, and the outline that puts every section in order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from cchc.lib.formatting import two_digits, vn_amount, vn_date, vn_int
from cchc.reports.figures.definitions import Rate, percent

from ..context import (
    AREAS,
    BudgetLine,
    DirectiveDocument,
    ReportContext,
    Training,
)
from .dossiers import (
    apology_sentence,
    digitization_items,
    dossier_sentence,
    e_certification_sentence,
    evaluation_sentence,
    feedback_sentence,
    full_online_sentence,
    online_items,
)
from .words import CLAUSE, ITEM, NOTE, PARA, SECTION, SUBCLAUSE, SUBITEM, Block, k_of_n, pct, reached


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
