"""The audit on the hand-typed Gio Linh Q3/2023 report, as printed and with errors planted in copies."""

import unicodedata
from pathlib import Path

import pytest

from cchc.reports.audit import audit_lines, audit_report, read_text

DATA = Path(__file__).parent / "data" / "audit"
SEED = DATA / "gio-linh-2023-q3-report.txt"
CLEAN = DATA / "clean-report.txt"

SEED_FINDINGS = [
    {
        "line": 114,
        "kind": "percentage",
        "stated": "0,5%",
        "expected": "0,05%",
        "text": "quá hạn: 4 hồ sơ đạt 0,5%",
    },
    {
        "line": 124,
        "kind": "late_count",
        "stated": "9/9",
        "expected": "4/4",
        "text": "100% (9/9) hồ sơ trễ hạn",
    },
    {
        "line": 130,
        "kind": "percentage",
        "stated": "77,53%",
        "expected": "75,60%",
        "text": "5.756 phiếu đánh giá/7.614 hồ sơ đã giải quyết đạt 77,53 %",
    },
]


def plant(text: str, old: str, new: str) -> str:
    """Replace the one occurrence of old, so a planted error lands exactly where the test says."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def findings_of(text: str) -> list[dict[str, object]]:
    return [f.as_dict() for f in audit_lines(read_text(text))]


def new_findings(text: str) -> list[dict[str, object]]:
    """Findings beyond the three the seed already has."""
    return [f for f in findings_of(text) if f not in SEED_FINDINGS]


def test_the_seed_report_has_exactly_its_three_arithmetic_errors():
    """The 0,5% late rate, the 77,53% evaluation rate and the 9/9 apologies against 4 late dossiers; nothing else."""
    findings, unit = audit_report(SEED)
    assert unit == "line"
    assert [f.as_dict() for f in findings] == SEED_FINDINGS


def test_the_seed_with_its_errors_corrected_adds_up():
    """Once the three figures are corrected, the seed raises nothing."""
    text = SEED.read_text(encoding="utf-8")
    text = plant(text, "quá hạn: 4 hồ sơ đạt 0,5%", "quá hạn: 4 hồ sơ đạt 0,05%")
    text = plant(text, "đạt 77,53 %", "đạt 75,60 %")
    text = plant(text, "100% (9/9)", "100% (4/4)")
    assert findings_of(text) == []


def test_a_wrong_total_in_a_breakdown_is_found():
    """ "Tổng số ...: 8.134 (Trong đó: 4.910, 2.856, 386)" is 8.152, not 8.134."""
    text = plant(
        SEED.read_text(encoding="utf-8"),
        "Tồn ký trước: 368 hồ sơ); Đã giải quyết: 7.614",
        "Tồn ký trước: 386 hồ sơ); Đã giải quyết: 7.614",
    )
    assert new_findings(text) == [
        {
            "line": 114,
            "kind": "total",
            "stated": "8.134",
            "expected": "8.152",
            "text": "8.134 (Trong đó: Trục tuyến: 4.910 hồ sơ, Trục tiếp: 2.856 hồ sơ, Tồn ký trước: 386 hồ sơ)",
        }
    ]


def test_a_wrong_percentage_in_a_budget_line_is_found():
    """371.329/456.006 is 81,43%; a report printing 84,1% is wrong."""
    text = plant(SEED.read_text(encoding="utf-8"), "(ước đạt 81,4%)", "(ước đạt 84,1%)")
    assert new_findings(text) == [
        {
            "line": 172,
            "kind": "percentage",
            "stated": "84,1%",
            "expected": "81,43%",
            "text": "371.329 triệu đồng/456.006 triệu đồng (ước đạt 84,1%",
        }
    ]


def test_a_source_line_that_no_longer_sums_to_the_total_is_found():
    """Changing one source's disbursement (its own percentage kept right) breaks the sum of the 8 sources."""
    text = plant(
        SEED.read_text(encoding="utf-8"),
        "Ngân sách tỉnh: 6.780,423/11.732,346 triệu đồng, đạt 57,79%",
        "Ngân sách tỉnh: 6.870,423/11.732,346 triệu đồng, đạt 58,56%",
    )
    assert new_findings(text) == [
        {
            "line": 174,
            "kind": "parts_total",
            "stated": "79.461,612/242.322,798",
            "expected": "79.551,612/242.322,798",
            "text": "79.461,612/242.322,798",
        }
    ]


# Each figure of the seed that is right, changed: the audit must notice, so its silence on the seed means
# the figure was checked and found right, not skipped.
RIGHT_FIGURES = [
    (
        106,
        "trực tuyến/2 hồ sơ toàn trình phát sinh hồ sơ đạt 100%",
        "trực tuyến/2 hồ sơ toàn trình phát sinh hồ sơ đạt 50%",
        "percentage",
    ),
    (114, "Trục tiếp: 2.856 hồ sơ, Tồn", "Trục tiếp: 2.865 hồ sơ, Tồn", "total"),
    (114, "7.610 đạt 99,95%", "7.610 đạt 99,59%", "percentage"),
    (114, "(còn hạn: 520, hết", "(còn hạn: 502, hết", "total"),
    (114, "đang giải quyết: 520 hồ sơ", "đang giải quyết: 502 hồ sơ", "total"),
    (118, "885 đạt 99,89%", "885 đạt 98,89%", "percentage"),
    (118, "quá hạn: 1 hồ sơ đạt 0,11%", "quá hạn: 1 hồ sơ đạt 0,12%", "percentage"),
    (118, "Trục tiếp: 808 hồ sơ", "Trục tiếp: 880 hồ sơ", "total"),
    (118, "(còn hạn: 479,", "(còn hạn: 497,", "total"),
    (122, "Tồn ký trước: 66 hồ sơ", "Tồn ký trước: 60 hồ sơ", "total"),
    (122, "đúng hạn đạt 99,96%", "đúng hạn đạt 99,69%", "percentage"),
    (122, "quá hạn: 3 hồ sơ đạt 0,04%", "quá hạn: 3 hồ sơ đạt 0,4%", "percentage"),
    (122, "đang giải quyết: 41 hồ sơ", "đang giải quyết: 14 hồ sơ", "total"),
    (170, "(ước đạt 105,3% KH)", "(ước đạt 103,5% KH)", "percentage"),
    (170, "(ước đạt 57,5%)", "(ước đạt 75,5%)", "percentage"),
    (172, "(ước đạt 127,1%)", "(ước đạt 121,7%)", "percentage"),
    (172, "(ước đạt 76,3%)", "(ước đạt 73,6%)", "percentage"),
    (174, "đạt 32,79%", "đạt 32,97%", "percentage"),
    (176, "đạt 9,47%", "đạt 9,74%", "percentage"),
    (178, "đạt 57,79%", "đạt 57,97%", "percentage"),
    (180, "đạt 41,83%", "đạt 41,38%", "percentage"),
    (182, "đạt 43,21%", "đạt 43,12%", "percentage"),
    (184, "đạt 15,42 %", "đạt 15,24 %", "percentage"),
    (186, "đạt 53,31%", "đạt 53,13%", "percentage"),
    (188, "đạt 71,58%", "đạt 71,85%", "percentage"),
    (190, "đạt 30,82%", "đạt 30,28%", "percentage"),
    (174, "Vốn CTMTQG Giảm nghèo bền vững: 8.424,443/", "Vốn CTMTQG Giảm nghèo bền vững: 8.424,434/", "parts_total"),
    (192, "ước đạt 46,96%", "ước đạt 46,69%", "percentage"),
]


@pytest.mark.parametrize(("line", "old", "new", "kind"), RIGHT_FIGURES)
def test_every_right_figure_of_the_seed_is_checked(line, old, new, kind):
    """A right figure changed to a wrong one is reported on its own line with its kind."""
    found = new_findings(plant(SEED.read_text(encoding="utf-8"), old, new))
    assert (line, kind) in [(f["line"], f["kind"]) for f in found]


def test_thresholds_and_zero_reviews_are_not_arithmetic():
    """ "(>70%)" is a rule, not a result, and "đạt 100% (0/0)" states there was nothing to review."""
    text = "Các đơn vị chưa đạt tỷ lệ quy định (>70%) cụ thể: Gio An (97,69%).\nRà soát đạt 100% (0/0) thủ tục.\n"
    assert findings_of(text) == []


def test_dates_and_document_numbers_are_not_ratios():
    """ "12/7/2023" and "12/2019/QĐ-UBND" hold no ratio, even before "đạt x%"."""
    text = "Quyết định số 12/2019/QĐ-UBND ngày 12/7/2023 đạt 50%.\nCông văn số 1033/UBND-NC ngày 1/2/2023 đạt 1%.\n"
    assert findings_of(text) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Niêm yết 124/124 TTHC (90%).", "100%"),
        ("Đạt tỷ lệ 95% (19/20) hồ sơ.", "95%"),
        ("Xử lý 3/8 kiến nghị, đạt 40,5%.", "37,50%"),
    ],
)
def test_ratio_and_percentage_in_either_order(line, expected):
    """ "a/b (X%)", "X% (a/b)" and "a/b, đạt X%" are all checked."""
    found = findings_of(line)
    assert [f["expected"] for f in found] == ([] if expected == "95%" else [expected])


def test_a_change_inside_a_breakdown_is_not_a_share_of_the_total():
    """ "tăng 5%" is a change from the last quarter; only "đạt P%" is checked against the total."""
    text = "Tổng số hồ sơ: 100 (Trong đó: Trực tuyến: 60 hồ sơ tăng 5%, Trực tiếp: 40 hồ sơ đạt 40%).\n"
    assert findings_of(text) == []
    assert [f["expected"] for f in findings_of(text.replace("đạt 40%", "đạt 4%"))] == ["40%"]


def test_a_label_with_digits_does_not_lend_its_digits_to_the_sum():
    """ "Quý 3: 50" counts 50."""
    assert findings_of("Tổng số phiếu: 80 (trong đó: Quý 2: 30 phiếu, Quý 3: 50 phiếu).\n") == []


def test_decomposed_vietnamese_text_is_read_like_composed_text():
    """A line typed with combining accents (NFD) is checked like the same line composed."""
    line = unicodedata.normalize("NFD", "Xử lý 3/8 kiến nghị, ước đạt 40,5%.")
    assert [f["expected"] for f in findings_of(line)] == ["37,50%"]


def test_the_clean_synthetic_report_adds_up():
    """Every pattern appears in the clean report, right, and nothing is raised."""
    findings, _ = audit_report(CLEAN)
    assert findings == []


CLEAN_FIGURES = [
    ("Tồn kỳ trước: 50 hồ sơ", "Tồn kỳ trước: 55 hồ sơ", "total"),
    ("(còn hạn: 48, hết hạn: 2)", "(còn hạn: 48, hết hạn: 3)", "total"),
    ("100% (5/5)", "100% (3/3)", "late_count"),
    ("100% (124/124)", "99% (124/124)", "percentage"),
    ("1.197 đạt 99,75%", "1.197 đạt 99,57%", "percentage"),
    ("/4 hồ sơ toàn trình phát sinh, đạt 75%", "/4 hồ sơ toàn trình phát sinh, đạt 57%", "percentage"),
    ("(ước đạt 125% KH)", "(ước đạt 152% KH)", "percentage"),
    ("Ngân sách xã: 2.000,25/", "Ngân sách xã: 2.000,52/", "parts_total"),
]


@pytest.mark.parametrize(("old", "new", "kind"), CLEAN_FIGURES)
def test_every_pattern_of_the_clean_report_is_checked(old, new, kind):
    """Breaking any one figure of the clean report is found, so its clean result is a real one."""
    found = findings_of(plant(CLEAN.read_text(encoding="utf-8"), old, new))
    assert kind in [f["kind"] for f in found]
