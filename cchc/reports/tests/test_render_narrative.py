"""Sentences generated from the figures: the seed's corrected figures, 0/0 rates, per-unit grouping and order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from cchc.reports.renderers.context import FiguresBlock, Ratio, ReportPeriod, UnitRow, percent, short_unit_name
from cchc.reports.renderers.narrative import (
    apology_sentence,
    digitization_items,
    dossier_sentence,
    evaluation_sentence,
    full_online_sentence,
    online_items,
    report_outline,
)
from cchc.reports.renderers.sample import WHOLE, sample_context

LABEL = "quý III năm 2023"


def _unit(name, components=(0, 0), online=(0, 0), full=(0, 0), desk=False):
    return UnitRow(name, f"UBND xã {name}", Ratio(*components), Ratio(1, 1), Ratio(*online), Ratio(*full), desk)


def test_whole_district_sentence_states_the_corrected_figures():
    """8.134 to handle; 7.610 on time = 99,95%; 4 late = 0,05% (the seed printed 0,5%); 520 pending."""
    text = dossier_sentence(FiguresBlock.from_counts("tree", "Toàn huyện", WHOLE), LABEL)
    assert text == (
        "Tổng số hồ sơ tiếp nhận giải quyết trong quý III năm 2023: 8.134 hồ sơ (trong đó: trực tuyến: 4.910 hồ sơ, "
        "trực tiếp: 2.856 hồ sơ, tồn kỳ trước: 368 hồ sơ); đã giải quyết: 7.614 hồ sơ (trước và đúng hạn: 7.610 hồ "
        "sơ, đạt 99,95%; quá hạn: 4 hồ sơ, chiếm 0,05%); đang giải quyết: 520 hồ sơ (còn hạn: 520, quá hạn: 0)."
    )


def test_postal_and_withdrawn_appear_only_when_there_are_any():
    counts = dict(WHOLE, received_postal=12, withdrawn_or_returned=3)
    text = dossier_sentence(FiguresBlock.from_counts("tree", "Toàn huyện", counts), LABEL)
    assert "qua dịch vụ bưu chính công ích: 12 hồ sơ" in text
    assert "rút hoặc trả lại hồ sơ: 3 hồ sơ" in text
    plain = dossier_sentence(FiguresBlock.from_counts("tree", "Toàn huyện", WHOLE), LABEL)
    assert "bưu chính" not in plain and "rút" not in plain


def test_nothing_resolved_says_no_rate_instead_of_a_percentage():
    counts = {key: 0 for key in WHOLE}
    text = dossier_sentence(FiguresBlock.from_counts("tree", "Toàn huyện", counts), LABEL)
    assert "không phát sinh" in text
    assert "%" not in text


def test_apologies_cover_the_late_dossiers_and_count_the_letters():
    text = apology_sentence(FiguresBlock.from_counts("tree", "Toàn huyện", WHOLE))
    assert "4/4 hồ sơ trễ hạn đã được thực hiện xin lỗi, đạt 100%" in text
    assert "đã ban hành 9 phiếu xin lỗi" in text
    assert "9/9" not in text


def test_evaluation_rate_is_computed_from_its_own_numbers():
    text = evaluation_sentence(FiguresBlock.from_counts("tree", "Toàn huyện", WHOLE))
    assert "5.756 phiếu đánh giá/7.614 hồ sơ đã giải quyết, đạt 75,60%" in text


def test_digitization_groups_have_correct_headings_and_order():
    """Below the threshold: ascending by rate under "<70%"; at or above: official order under "≥70%"."""
    units = [
        _unit("Cấp huyện", (4083, 10000), desk=True),
        _unit("Gio An", (9769, 10000)),
        _unit("Trung Giang", (7027, 10000)),
        _unit("Trung Hải", (5104, 10000)),
        _unit("Gio Mai", (3000, 10000)),
        _unit("Gio Sơn", (0, 0)),
    ]
    blocks = digitization_items(units, 70, lambda r: r.digitized_components, "Số hóa thành phần hồ sơ tiếp nhận")
    texts = [b.text for b in blocks]
    assert texts[1] == (
        "Các đơn vị chưa đạt tỷ lệ quy định (<70%): cấp huyện (40,83%); cấp xã: Gio Mai (30%), Trung Hải (51,04%)."
    )
    assert texts[2] == "Các đơn vị đạt tỷ lệ quy định (≥70%): cấp xã: Gio An (97,69%), Trung Giang (70,27%)."
    assert texts[3] == "Không phát sinh hồ sơ: Gio Sơn."


def test_threshold_uses_the_exact_fraction_not_the_rounded_percentage():
    """6.999/10.000 prints as 69,99%; 69.996% would print as 70% yet is below 70%."""
    units = [_unit("A", (69996, 100000)), _unit("B", (7, 10))]
    texts = [b.text for b in digitization_items(units, 70, lambda r: r.digitized_components, "Số hóa")]
    assert texts[1].startswith("Các đơn vị chưa đạt tỷ lệ quy định (<70%): cấp xã: A (")
    assert "B (70%)" in texts[2]


def test_all_units_reaching_the_threshold_are_said_so():
    units = [_unit("A", (8, 10)), _unit("B", (9, 10))]
    texts = [b.text for b in digitization_items(units, 70, lambda r: r.digitized_components, "Số hóa kết quả")]
    assert texts[0] == "Số hóa kết quả: 100% các đơn vị, địa phương đều đạt tỷ lệ quy định (≥70%), cụ thể:"
    assert texts[1] == "Cấp xã: A (80%), B (90%)."
    assert "chưa đạt" not in " ".join(texts)


def test_online_rates_are_listed_from_highest_to_lowest_after_the_district_desk():
    units = [
        _unit("Cấp huyện", online=(255, 604), desk=True),
        _unit("Gio Hải", online=(906, 1000)),
        _unit("Gio Việt", online=(912, 1000)),
        _unit("Trung Sơn", online=(952, 1000)),
    ]
    text = online_items(units)[1].text
    assert text.endswith("cấp huyện (42,22%); cấp xã: Trung Sơn (95,2%), Gio Việt (91,2%), Gio Hải (90,6%).")


def test_full_online_sentence_names_the_only_unit_and_counts_the_others():
    units = [_unit("Gio An", full=(0, 3)), _unit("Gio Mai", full=(0, 1))]
    units.append(UnitRow("TT Gio Linh", "UBND thị trấn Gio Linh", Ratio(1, 1), Ratio(1, 1), Ratio(1, 1), Ratio(2, 2)))
    text = full_online_sentence(units)
    assert text.startswith("Chỉ có UBND thị trấn Gio Linh đạt tiêu chí với 2 hồ sơ tiếp nhận toàn trình trực tuyến/2")
    assert "đạt 100%" in text
    assert "2 xã, thị trấn chưa đạt tiêu chí này, tỷ lệ 0%" in text


def test_full_online_with_no_unit_reaching_it():
    assert full_online_sentence([_unit("Gio An", full=(0, 2))]).startswith("Chưa có đơn vị nào")


def test_outline_follows_the_seed_sections_and_states_the_period_dates():
    blocks = report_outline(sample_context())
    sections = [b.text for b in blocks if b.kind == "section"]
    assert sections == [
        "I. KẾT QUẢ THỰC HIỆN CÔNG TÁC CCHC",
        "II. ĐÁNH GIÁ CHUNG",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC TRỌNG TÂM QUÝ IV",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    clauses = [b.text.split(".")[0] for b in blocks if b.kind == "clause"]
    assert clauses[:8] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert "số liệu tính từ ngày 15/6/2023 đến hết ngày 14/9/2023" in blocks[0].text
    simplification = next(b.text for b in blocks if "đơn giản hóa" in b.text)
    assert "không phát sinh" in simplification and "100%" not in simplification


def test_quarter_four_names_the_next_year():
    period = ReportPeriod.quarter(2023, 4, start=dt.date(2023, 9, 15), end=dt.date(2023, 12, 14))
    context = dataclasses.replace(sample_context(), period=period)
    assert context.summary.endswith("quý IV năm 2023 và phương hướng, nhiệm vụ quý I năm 2024")


def test_rates_round_half_up_and_zero_denominators_have_none():
    assert percent(4, 7614) == Decimal("0.05")
    assert percent(1, 8) == Decimal("12.50")
    assert percent(1, 800) == Decimal("0.13")  # 0.125 rounds up
    assert Ratio(0, 0).percent is None


def test_short_unit_names():
    assert short_unit_name("UBND xã Gio An") == "Gio An"
    assert short_unit_name("UBND thị trấn Cửa Việt") == "TT Cửa Việt"
    assert short_unit_name("Phòng Tư pháp") == "Phòng Tư pháp"


def test_unit_lists_name_the_reporting_units_own_level():
    """A province's report calls its own desk "cấp tỉnh" and the units below it "cấp huyện"."""
    from cchc.reports.renderers.narrative import online_items

    units = [_unit("Tỉnh", online=(10, 20), desk=True), _unit("Gio Linh", online=(5, 10))]
    text = online_items(units, ("cấp tỉnh", "cấp huyện"))[1].text
    assert "cấp tỉnh (50%)" in text and "cấp huyện: Gio Linh (50%)" in text and "cấp xã" not in text
