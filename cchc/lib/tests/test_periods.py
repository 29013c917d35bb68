"""Reporting periods: named calendar periods, the statutory cut-off (Decree 09/2019 Art. 12), ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.lib.periods import STATUTORY, Period, PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023-Q3", dt.date(2023, 7, 1), dt.date(2023, 9, 30)),
        ("2023-q1", dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
        ("2023-09", dt.date(2023, 9, 1), dt.date(2023, 9, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
        ("2023-H1", dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
        ("2023-H2", dt.date(2023, 7, 1), dt.date(2023, 12, 31)),
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("2023-07-01..2023-09-15", dt.date(2023, 7, 1), dt.date(2023, 9, 15)),
    ],
)
def test_calendar_periods(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023-Q3", dt.date(2023, 6, 15), dt.date(2023, 9, 14)),
        ("2023-Q1", dt.date(2022, 12, 15), dt.date(2023, 3, 14)),
        ("2023-01", dt.date(2022, 12, 15), dt.date(2023, 1, 14)),
        ("2023-H2", dt.date(2023, 6, 15), dt.date(2023, 12, 14)),
        ("2023", dt.date(2022, 12, 15), dt.date(2023, 12, 14)),
    ],
)
def test_statutory_periods(text, start, end):
    period = parse_period(text, STATUTORY)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2023-Q5", "2023-13", "Q3", "2023-09-30..2023-07-01", "2023-07-01..x", ""])
def test_bad_periods_are_rejected(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_bad_cutoff_is_rejected():
    with pytest.raises(PeriodError):
        parse_period("2023-Q3", "fiscal")


def test_bounds_are_local_midnights():
    period = Period(dt.date(2023, 7, 1), dt.date(2023, 9, 30))
    assert period.start_at.isoformat() == "2023-07-01T00:00:00+07:00"
    assert period.end_at.isoformat() == "2023-10-01T00:00:00+07:00"
    assert period.previous_day() == dt.date(2023, 6, 30)
