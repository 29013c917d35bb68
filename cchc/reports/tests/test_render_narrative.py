"""Sentences generated from the figures: the seed's corrected figures, 0/0 rates, per-unit grouping and order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from cchc.reports.figures.definitions import Rate
from cchc.reports.renderers.context import Activity, FiguresBlock, ReportPeriod, Training, UnitRow, short_unit_name
from cchc.reports.renderers.narrative import (
    apology_sentence,
    counts_directly,
    digitization_items,
    dossier_sentence,
    evaluation_sentence,
    feedback_sentence,
    full_online_sentence,
    online_items,
    report_outline,
    training_sentence,
)
from cchc.reports.renderers.sample import WHOLE, sample_context

LABEL = "quý III năm 2023"


def _unit(name, components=(0, 0), online=(0, 0), full=(0, 0), desk=False):
    return UnitRow(name, f"UBND xã {name}", Rate(*components), Rate(1, 1), Rate(*online), Rate(*full), desk)


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
    units.append(UnitRow("TT Gio Linh", "UBND thị trấn Gio Linh", Rate(1, 1), Rate(1, 1), Rate(1, 1), Rate(2, 2)))
    text = full_online_sentence(units)
    assert text.startswith("Chỉ có UBND thị trấn Gio Linh đạt tiêu chí với 2 hồ sơ tiếp nhận toàn trình trực tuyến/2")
    assert "đạt 100%" in text
    # The two without any are both communes (xã): counted as "2 xã", not "2 xã, thị trấn".
    assert "; 2 xã chưa đạt tiêu chí này, tỷ lệ 0%" in text


def test_units_that_miss_full_online_are_counted_with_the_noun_of_their_kind():
    town = UnitRow("TT Cửa Việt", "UBND thị trấn Cửa Việt", Rate(1, 1), Rate(1, 1), Rate(1, 1), Rate(0, 2))
    desk = UnitRow("Cấp huyện", "UBND huyện Gio Linh", Rate(1, 1), Rate(1, 1), Rate(1, 1), Rate(0, 2), True)
    assert "; 2 xã, thị trấn chưa đạt" in full_online_sentence([_unit("Gio An", full=(0, 3)), town])
    assert "; 1 thị trấn chưa đạt" in full_online_sentence([town])
    assert "; 2 đơn vị chưa đạt" in full_online_sentence([desk, town])


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


# --- counts are followed by the noun of what they count ---
# Vietnamese places a number only before a countable noun ("65 người", "80 cán bộ", "200 hòa giải viên"); a
# collective noun ("đội ngũ", "toàn thể", "các ...") takes no number, so "cho 65 đội ngũ cán bộ" is wrong and the
# seed writes "cho đội ngũ cán bộ, công chức ... với 65 người tham dự".
COLLECTIVE = "đội ngũ cán bộ, công chức các cơ quan, đơn vị huyện và UBND các xã, thị trấn"


def _training(**kw):
    defaults = {"kind": "hội nghị", "topic": "tập huấn nghiệp vụ công tác xử lý vi phạm hành chính", "sessions": 1}
    return Training(**(defaults | kw))


def test_a_collective_audience_gets_its_number_as_people_attending():
    text = training_sentence(_training(participants=65, audience=COLLECTIVE, materials=65))
    assert text == (
        "Tổ chức 01 hội nghị tập huấn nghiệp vụ công tác xử lý vi phạm hành chính cho đội ngũ cán bộ, công chức các "
        "cơ quan, đơn vị huyện và UBND các xã, thị trấn với 65 người tham dự, cấp phát 65 quyển tài liệu."
    )
    assert "65 đội ngũ" not in text


def test_a_countable_audience_takes_the_number_directly():
    assert "cho gần 80 cán bộ, công chức." in training_sentence(
        _training(participants=80, participants_approximate=True, audience="cán bộ, công chức")
    )
    assert "cho 200 hòa giải viên thuộc các tổ hòa giải" in training_sentence(
        _training(participants=200, audience="hòa giải viên thuộc các tổ hòa giải")
    )


@pytest.mark.parametrize(
    "audience",
    ["toàn thể cán bộ, công chức", "các tổ hòa giải", "những người làm công tác tư pháp", "lực lượng công an xã",
     "Đội ngũ công chức Tư pháp - Hộ tịch"],
)  # fmt: skip
def test_no_number_stands_before_a_noun_it_cannot_count(audience):
    text = training_sentence(_training(participants=12, audience=audience))
    assert f"cho {audience} với 12 người tham dự" in text
    assert not re.search(r"\b12 (?!người tham dự)", text)


def test_a_number_of_participants_without_an_audience_still_says_people():
    assert training_sentence(_training(participants=30)).endswith("vi phạm hành chính với 30 người tham dự.")


def test_no_count_in_the_sample_report_precedes_a_collective_noun():
    text = "\n".join(b.full_text for b in report_outline(sample_context()))
    assert not re.search(r"\d+ (đội ngũ|toàn thể|toàn bộ|tập thể|lực lượng|các|những)\b", text)


def test_counts_directly_reads_the_head_noun():
    assert counts_directly("cán bộ, công chức") and counts_directly("Hòa giải viên") and counts_directly("người")
    assert not counts_directly("đội ngũ cán bộ") and not counts_directly("cán") and not counts_directly("")


# --- a note stays next to the figure it qualifies ---
def test_the_dates_of_the_figures_sit_next_to_the_period_they_cover():
    opening = report_outline(sample_context())[0].text
    assert "công tác CCHC quý III (số liệu tính từ ngày 15/6/2023 đến hết ngày 14/9/2023) và phương hướng" in opening
    assert opening.endswith("nhiệm vụ quý IV năm 2023 như sau:")


def test_a_period_not_ended_yet_says_as_of_when_next_to_its_pending_figure():
    context = dataclasses.replace(sample_context(), as_of=dt.date(2023, 8, 1))
    blocks = report_outline(context)
    assert "(số liệu tính từ ngày 15/6/2023 đến ngày 01/8/2023) và" in blocks[0].text
    whole = next(b for b in blocks if b.lead == "Toàn huyện:")
    assert "; đang giải quyết (tính đến ngày 01/8/2023): 520 hồ sơ (còn hạn: 520, quá hạn: 0)." in whole.text
    assert "tính đến ngày" not in dossier_sentence(FiguresBlock.from_counts("tree", "Toàn huyện", WHOLE), LABEL)


def test_the_basis_of_the_online_rate_is_in_the_sentence_of_the_rates():
    units = [_unit("Cấp huyện", online=(255, 604), desk=True), _unit("Gio Hải", online=(906, 1000))]
    heading, rates = online_items(units)[:2]
    assert heading.text == "Tỷ lệ hồ sơ trực tuyến:"
    assert rates.text.startswith(
        "Tỷ lệ hồ sơ tiếp nhận trực tuyến trên số hồ sơ tiếp nhận của các TTHC có cung cấp dịch vụ công trực tuyến, "
        "của các cơ quan, đơn vị: cấp huyện (42,22%)"
    )


def test_feedback_answered_names_what_it_counts_and_its_rate_follows():
    counts = dict(WHOLE, feedback_received=5, feedback_resolved=3)
    text = feedback_sentence(FiguresBlock.from_counts("tree", "Toàn huyện", counts), LABEL)
    assert text.endswith(
        "tiếp nhận 5 phản ánh, kiến nghị của cá nhân, tổ chức; đã xử lý 3/5 phản ánh, kiến nghị (đạt 60%)."
    )


def test_no_rate_note_drifts_to_the_end_of_its_paragraph():
    """Every "không phát sinh" of a rate follows its own figure: nothing resolved puts it after "0 hồ sơ"."""
    counts = {key: 0 for key in WHOLE}
    text = dossier_sentence(FiguresBlock.from_counts("tree", "Toàn huyện", counts), LABEL)
    assert "đã giải quyết: 0 hồ sơ (tỷ lệ giải quyết đúng hạn: không phát sinh);" in text


# --- section 8's title names only the indices it reports ---
def _indices(*texts):
    return dataclasses.replace(sample_context(), directives=(), activities=tuple(Activity("indices", t) for t in texts))


def _clause_8(context):
    return next((b.text for b in report_outline(context) if b.kind == "clause" and b.text.startswith("8.")), None)


def test_section_8_names_the_one_index_it_reports():
    # The sample reports a PAPI plan only, as the seed does ("8. ... Chỉ số hiệu quả quản trị và hành chính công
    # (PAPI)"): the title does not name PAR INDEX or SIPAS.
    title = _clause_8(sample_context())
    assert title == "8. Kết quả thực hiện chương trình nâng cao Chỉ số Hiệu quả quản trị và hành chính công (PAPI)"


def test_section_8_names_each_index_reported_and_only_those():
    title = _clause_8(_indices("Triển khai kế hoạch nâng cao Chỉ số SIPAS.", "Khắc phục hạn chế của chỉ số PAR INDEX."))
    assert title == "8. Kết quả thực hiện chương trình nâng cao các chỉ số PAR INDEX, SIPAS"
    assert "PAPI" not in title
    assert _clause_8(_indices("Đo lường sự hài lòng: Chỉ số hài lòng đạt 85%.")) == (
        "8. Kết quả thực hiện chương trình nâng cao Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ "
        "quan hành chính nhà nước (SIPAS)"
    )


def test_section_8_names_no_index_when_its_paragraphs_name_none_and_is_left_out_when_empty():
    title = _clause_8(_indices("Tổ chức thực hiện tốt các thủ tục hành chính."))
    assert title == "8. Kết quả thực hiện chương trình nâng cao các chỉ số đánh giá"
    empty = dataclasses.replace(_indices(), trainings=())
    assert _clause_8(empty) is None
    clauses = [b.text for b in report_outline(empty) if b.kind == "clause"]
    assert clauses[6].startswith("7. ") and clauses[7] == "1. Tích cực"
