"""The appendix tables as raw values, shared by the .docx appendix and the .xlsx workbook.

Cells hold int, Decimal (a percentage, or an amount in million VND), `Rate` or str; each renderer formats
them its own way (Vietnamese text in Word, number formats in Excel). A percentage is None for 0/0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cchc.lib.formatting import vn_date
from cchc.reports.figures.definitions import percent

from .context import ReportContext, UnitRow

# Vietnamese row labels of the dossier counts (metrics.md keys), in the order of the report's sentence.
COUNT_LABELS_VI: dict[str, str] = {
    "total": "Tổng số hồ sơ tiếp nhận giải quyết",
    "received_online": "Tiếp nhận trực tuyến",
    "received_direct": "Tiếp nhận trực tiếp",
    "received_postal": "Tiếp nhận qua dịch vụ bưu chính công ích",
    "carried_over": "Tồn kỳ trước",
    "resolved": "Đã giải quyết",
    "resolved_early": "Giải quyết trước hạn",
    "resolved_on_time": "Giải quyết đúng hạn",
    "resolved_late": "Giải quyết quá hạn",
    "withdrawn_or_returned": "Rút hoặc trả lại hồ sơ",
    "pending": "Đang giải quyết",
    "pending_within_deadline": "Đang giải quyết, còn hạn",
    "pending_overdue": "Đang giải quyết, quá hạn",
    "late": "Hồ sơ trễ hạn",
    "late_with_apology": "Hồ sơ trễ hạn đã xin lỗi",
    "apologies": "Phiếu xin lỗi đã ban hành",
    "evaluations": "Phiếu đánh giá",
    "e_certifications": "Chứng thực bản sao điện tử",
    "feedback_received": "Phản ánh, kiến nghị tiếp nhận",
    "feedback_resolved": "Phản ánh, kiến nghị đã xử lý",
}

RATE_LABELS_VI: dict[str, str] = {
    "on_time_of_resolved": "Tỷ lệ giải quyết trước và đúng hạn (%)",
    "late_of_resolved": "Tỷ lệ giải quyết quá hạn (%)",
    "apology_coverage": "Tỷ lệ hồ sơ trễ hạn đã xin lỗi (%)",
    "evaluation": "Tỷ lệ phiếu đánh giá trên hồ sơ đã giải quyết (%)",
}

PERCENT, COUNT, AMOUNT, TEXT, RATIO = "percent", "count", "amount", "text", "ratio"


@dataclass(frozen=True)
class Table:
    key: str  # sheet name and anchor
    title: str
    headers: tuple[str, ...]
    kinds: tuple[str, ...]  # one per column: PERCENT, COUNT, AMOUNT, TEXT, RATIO
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""


def dossier_table(ctx: ReportContext) -> Table:
    blocks = (ctx.whole, ctx.own_desk, ctx.children)
    rows: list[tuple[Any, ...]] = [(label, *(b.count(key) for b in blocks)) for key, label in COUNT_LABELS_VI.items()]
    rows += [(label, *(b.rate(key).percent for b in blocks)) for key, label in RATE_LABELS_VI.items()]
    kinds = tuple([TEXT] + [COUNT] * 3)
    return Table(
        "Hồ sơ",
        f"Kết quả tiếp nhận, giải quyết hồ sơ TTHC {ctx.period.label}",
        ("Chỉ tiêu", *(b.title for b in blocks)),
        kinds,
        tuple(rows),
        note="Các dòng tỷ lệ tính bằng %; dấu “-”: không phát sinh (không có hồ sơ để tính tỷ lệ).",
    )


def _unit_name(row: UnitRow) -> str:
    return f"{row.full_name} (Bộ phận Một cửa cấp huyện)" if row.is_parent_desk else row.full_name


def digitization_table(ctx: ReportContext) -> Table:
    rows = tuple(
        (
            i,
            _unit_name(r),
            r.digitized_components.numerator,
            r.digitized_components.denominator,
            r.digitized_components.percent,
            r.digitized_results.numerator,
            r.digitized_results.denominator,
            r.digitized_results.percent,
        )
        for i, r in enumerate(ctx.units, 1)
    )
    return Table(
        "Số hóa",
        f"Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC theo đơn vị (tỷ lệ quy định: {ctx.threshold}%)",
        (
            "STT",
            "Đơn vị",
            "Hồ sơ số hóa thành phần",
            "Hồ sơ tiếp nhận",
            "Tỷ lệ số hóa thành phần (%)",
            "Kết quả được số hóa",
            "Hồ sơ đã giải quyết",
            "Tỷ lệ số hóa kết quả (%)",
        ),
        (COUNT, TEXT, COUNT, COUNT, PERCENT, COUNT, COUNT, PERCENT),
        rows,
    )


def online_table(ctx: ReportContext) -> Table:
    rows = tuple(
        (
            i,
            _unit_name(r),
            r.online.numerator,
            r.online.denominator,
            r.online.percent,
            r.full_online.numerator,
            r.full_online.denominator,
            r.full_online.percent,
        )
        for i, r in enumerate(ctx.units, 1)
    )
    return Table(
        "Trực tuyến",
        "Tỷ lệ hồ sơ trực tuyến, trực tuyến toàn trình theo đơn vị",
        (
            "STT",
            "Đơn vị",
            "Hồ sơ trực tuyến",
            "Hồ sơ của TTHC có DVCTT",
            "Tỷ lệ trực tuyến (%)",
            "Hồ sơ toàn trình trực tuyến",
            "Hồ sơ của TTHC toàn trình",
            "Tỷ lệ toàn trình (%)",
        ),
        (COUNT, TEXT, COUNT, COUNT, PERCENT, COUNT, COUNT, PERCENT),
        rows,
    )


def budget_table(ctx: ReportContext) -> Table:
    rows = tuple(
        (("- " if b.is_part else "") + b.label, b.plan, b.estimate, percent(b.estimate, b.plan)) for b in ctx.budget
    )
    return Table(
        "Ngân sách",
        f"Thu, chi ngân sách nhà nước (ước thực hiện {ctx.budget_period}, triệu đồng)",
        ("Nội dung", "Kế hoạch", "Ước thực hiện", "Tỷ lệ (%)"),
        (TEXT, AMOUNT, AMOUNT, PERCENT),
        rows,
    )


def disbursement_table(ctx: ReportContext) -> Table:
    d = ctx.disbursement
    rows: list[tuple[Any, ...]] = []
    title = "Giải ngân vốn đầu tư XDCB (triệu đồng)"
    if d is not None:
        title = f"Giải ngân vốn đầu tư XDCB đến ngày {vn_date(d.as_of)} (triệu đồng)"
        rows = [
            (i, line.source, line.plan, line.disbursed, percent(line.disbursed, line.plan))
            for i, line in enumerate(d.lines, 1)
        ]
        rows.append(("", "Tổng cộng", d.plan, d.disbursed, percent(d.disbursed, d.plan)))
    return Table(
        "Giải ngân",
        title,
        ("STT", "Nguồn vốn", "Kế hoạch", "Đã giải ngân", "Tỷ lệ (%)"),
        (COUNT, TEXT, AMOUNT, AMOUNT, PERCENT),
        tuple(rows),
    )


def appendix_tables(ctx: ReportContext) -> list[Table]:
    return [dossier_table(ctx), digitization_table(ctx), online_table(ctx), budget_table(ctx), disbursement_table(ctx)]


def is_percent_row(row: tuple[Any, ...]) -> bool:
    """Rows of `dossier_table` that hold percentages rather than counts (their label ends with "(%)")."""
    return isinstance(row[0], str) and row[0].endswith("(%)")
