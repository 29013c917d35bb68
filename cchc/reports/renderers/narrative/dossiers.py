"""Section I.3's sentences on the dossiers, and its per-unit lists (orders: see the package's docstring)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal

from cchc.lib.formatting import vn_date, vn_int
from cchc.reports.figures.definitions import Rate

from ..context import (
    FiguresBlock,
    UnitRow,
)
from .words import ITEM, SUBITEM, Block, _join, k_of_n, reached, unit_pct


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
