"""Periods as people write them (issue 9 point 3): Vietnamese names, day/month/year ranges, the default quarter.

Every expected (start, end) below is worked out by hand from the rule: a calendar period runs from the first day of
its first month to the last day of its last month; the statutory cut-off (Decree 09/2019/NĐ-CP Art. 12, domain.md
§6.1) runs "from the 15th of the month before the period to the 14th of its last month" (Q3/2023 = 15/06/2023 -
14/09/2023). A date range is always taken as written.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from cchc.lib.periods import STATUTORY, PeriodError, default_quarter, parse_period, report_label, written

D = dt.date
Q3_2023 = (D(2023, 7, 1), D(2023, 9, 30))
H1_2023 = (D(2023, 1, 1), D(2023, 6, 30))
H2_2023 = (D(2023, 7, 1), D(2023, 12, 31))
SEP_2023 = (D(2023, 9, 1), D(2023, 9, 30))
NINE_MONTHS_2023 = (D(2023, 1, 1), D(2023, 9, 30))
YEAR_2023 = (D(2023, 1, 1), D(2023, 12, 31))


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        # quarters
        ("Q3/2023", Q3_2023, "2023-Q3"),
        ("q3 2023", Q3_2023, "2023-Q3"),
        ("Q3-2023", Q3_2023, "2023-Q3"),
        ("quý 3/2023", Q3_2023, "2023-Q3"),
        ("Quý III năm 2023", Q3_2023, "2023-Q3"),
        ("quý III/2023", Q3_2023, "2023-Q3"),
        ("QUY iii NAM 2023", Q3_2023, "2023-Q3"),
        ("  quy   3 / 2023 ", Q3_2023, "2023-Q3"),
        ("Quý IV năm 2023", (D(2023, 10, 1), D(2023, 12, 31)), "2023-Q4"),
        ("quý I/2024", (D(2024, 1, 1), D(2024, 3, 31)), "2024-Q1"),
        ("quý II năm 2024", (D(2024, 4, 1), D(2024, 6, 30)), "2024-Q2"),
        # months
        ("9/2023", SEP_2023, "2023-09"),
        ("09/2023", SEP_2023, "2023-09"),
        ("tháng 9/2023", SEP_2023, "2023-09"),
        ("Tháng 9 năm 2023", SEP_2023, "2023-09"),
        ("thang 9 nam 2023", SEP_2023, "2023-09"),
        ("tháng 2/2024", (D(2024, 2, 1), D(2024, 2, 29)), "2024-02"),  # 2024 is a leap year
        # halves and the first (last) N months
        ("6 tháng đầu năm 2023", H1_2023, "2023-H1"),
        ("6 thang dau nam 2023", H1_2023, "2023-H1"),
        ("6 tháng cuối năm 2023", H2_2023, "2023-H2"),
        ("9 tháng 2023", NINE_MONTHS_2023, "9 tháng đầu năm 2023"),
        ("9 tháng đầu năm 2023", NINE_MONTHS_2023, "9 tháng đầu năm 2023"),
        ("9 THÁNG NĂM 2023", NINE_MONTHS_2023, "9 tháng đầu năm 2023"),
        # years
        ("năm 2023", YEAR_2023, "2023"),
        ("Nam 2023", YEAR_2023, "2023"),
        ("2023", YEAR_2023, "2023"),
        # ranges, day/month/year
        ("01/07/2023-30/09/2023", Q3_2023, "2023-07-01..2023-09-30"),
        ("1/7/2023 đến 30/9/2023", Q3_2023, "2023-07-01..2023-09-30"),
        ("từ 1/7/2023 đến 15/8/2023", (D(2023, 7, 1), D(2023, 8, 15)), "2023-07-01..2023-08-15"),
        ("01/07/2023 - 30/09/2023", Q3_2023, "2023-07-01..2023-09-30"),
        ("01/07/2023 – 30/09/2023", Q3_2023, "2023-07-01..2023-09-30"),
        ("15/08/2023", (D(2023, 8, 15), D(2023, 8, 15)), "2023-08-15..2023-08-15"),
        ("2023-07-01..2023-09-15", (D(2023, 7, 1), D(2023, 9, 15)), "2023-07-01..2023-09-15"),
    ],
)
def test_periods_as_people_write_them(text, span, label):
    period = parse_period(text)
    assert (period.start, period.end) == span
    assert period.label == label
    # The label is a name the parser reads back to the same dates (links and CSV exports carry it).
    again = parse_period(period.label)
    assert (again.start, again.end) == span


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("quý III năm 2023", (D(2023, 6, 15), D(2023, 9, 14))),  # the seed report's own quarter (domain.md §6.1)
        ("Q1/2023", (D(2022, 12, 15), D(2023, 3, 14))),
        ("tháng 9/2023", (D(2023, 8, 15), D(2023, 9, 14))),
        ("6 tháng đầu năm 2023", (D(2022, 12, 15), D(2023, 6, 14))),
        ("9 tháng 2023", (D(2022, 12, 15), D(2023, 9, 14))),
        ("năm 2023", (D(2022, 12, 15), D(2023, 12, 14))),
        # a range is taken as written, whatever the cut-off
        ("01/07/2023-30/09/2023", Q3_2023),
    ],
)
def test_the_statutory_cutoff_moves_named_periods_only(text, span):
    period = parse_period(text, STATUTORY)
    assert (period.start, period.end) == span


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("quý 5/2023", "quý 5/2023"),
        ("quý V năm 2023", "quý V năm 2023"),
        ("13/2023", "13/2023"),
        ("tháng 0/2023", "tháng 0/2023"),
        ("31/02/2023-30/09/2023", "31/02/2023"),
        ("30/09/2023-01/07/2023", "01/07/2023"),
        ("01/07/1989-30/09/2023", "1989"),
        ("quý 3/1989", "1989"),
        ("13 tháng 2023", "13 tháng 2023"),
        ("Q3", "Q3"),
        ("last quarter", "last quarter"),
        ("", '""'),
    ],
)
def test_a_text_that_is_no_period_is_refused_naming_it(text, needle):
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert needle in str(caught.value)


def test_the_refusal_lists_the_accepted_forms():
    with pytest.raises(PeriodError) as caught:
        parse_period("quý ba")
    message = str(caught.value)
    for example in ("2023-Q3", "Q3/2023", "quý III năm 2023", "9/2023", "6 tháng đầu năm 2023", "01/07/2023"):
        assert example in message


def test_the_refusal_is_in_vietnamese():
    with translation.override("vi"), pytest.raises(PeriodError) as caught:
        parse_period("quý ba")
    assert "không phải là một kỳ" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "cutoff", "label"),
    [
        ("01/07/2023-30/09/2023", "calendar", "2023-Q3"),
        ("15/06/2023-14/09/2023", STATUTORY, "2023-Q3"),
        ("01/07/2023-30/09/2023", STATUTORY, None),  # the calendar quarter is no statutory period
        ("01/01/2023-30/06/2023", "calendar", "2023-H1"),
        ("01/09/2023-30/09/2023", "calendar", "2023-09"),
        ("01/07/2023-15/09/2023", "calendar", None),
        ("quý 3/2023", STATUTORY, "2023-Q3"),
    ],
)
def test_a_range_that_is_exactly_a_report_period_is_named(text, cutoff, label):
    assert report_label(parse_period(text, cutoff), cutoff) == label


# --- the quarter a page opens on ---
GIO_LINH_ABOLISHED = D(2025, 6, 30)  # the demo district's last day (cchc/demo/catalogue.py DISTRICT_VALID_TO)


@pytest.mark.parametrize(
    ("today", "cutoff", "valid_from", "valid_to", "expected"),
    [
        # a live unit: the quarter before today's (Q4/2026 has not ended on 1 December 2026)
        (D(2026, 12, 1), "calendar", None, None, "2026-Q3"),
        (D(2026, 10, 1), "calendar", None, None, "2026-Q3"),
        (D(2026, 9, 30), "calendar", None, None, "2026-Q2"),
        (D(2027, 1, 2), "calendar", None, None, "2026-Q4"),
        # the statutory Q4/2026 ends on 14/12/2026: from the 15th its report is due
        (D(2026, 12, 14), STATUTORY, None, None, "2026-Q3"),
        (D(2026, 12, 15), STATUTORY, None, None, "2026-Q4"),
        # an abolished unit: its last quarter, not an empty one after it
        (D(2026, 12, 1), STATUTORY, None, GIO_LINH_ABOLISHED, "2025-Q2"),
        (D(2026, 12, 1), "calendar", None, GIO_LINH_ABOLISHED, "2025-Q2"),
        (D(2026, 12, 1), "calendar", None, D(2025, 5, 15), "2025-Q2"),  # abolished within its last quarter
        # abolished last week, its last quarter not yet over: the one before
        (D(2025, 6, 20), "calendar", None, D(2025, 6, 15), "2025-Q1"),
        # a unit born in the current quarter has no complete quarter: it opens on its first one
        (D(2026, 12, 1), "calendar", D(2026, 11, 1), None, "2026-Q4"),
        # a unit born on 1 July 2025 (the 2025 reform): its first quarter once that is over
        (D(2026, 12, 1), "calendar", D(2025, 7, 1), None, "2026-Q3"),
        (D(2025, 10, 2), "calendar", D(2025, 7, 1), None, "2025-Q3"),
    ],
)
def test_the_default_quarter_is_the_last_complete_one_the_unit_lived_in(today, cutoff, valid_from, valid_to, expected):
    assert default_quarter(today, cutoff=cutoff, valid_from=valid_from, valid_to=valid_to) == expected


@pytest.mark.parametrize(
    ("text", "shown"),
    [("2023-07-01..2023-07-31", "01/07/2023-31/07/2023"), ("quý III năm 2023", "2023-Q3"), ("tháng 9/2023", "2023-09")],
)
def test_a_period_is_written_back_as_people_read_it(text, shown):
    assert written(parse_period(text)) == shown
    assert parse_period(shown) == parse_period(text)
