"""The working-day calendar: weekends, Vietnamese holidays (Tết), corrections, office hours, cut-offs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.lib.workdays import Corrections, WorkCalendar
from cchc.testing.factories import local

HOURS = [("07:00", "11:30"), ("13:30", "17:00")]
CUTOFF = dt.time(15, 0)


@pytest.fixture
def cal():
    return WorkCalendar(office_hours=HOURS)


def test_tet_2023_days_are_not_working_days(cal):
    """Tết 2023 (20-26 January) and the weekend are skipped; 27 January is a working day again."""
    assert cal.is_working_day(dt.date(2023, 1, 19))
    for day in range(20, 27):
        assert not cal.is_working_day(dt.date(2023, 1, day)), day
    assert cal.is_working_day(dt.date(2023, 1, 27))
    assert not cal.is_working_day(dt.date(2023, 4, 29))  # Hùng Kings' day 2023 (a Saturday)
    assert not cal.is_working_day(dt.date(2023, 5, 2))  # its substitute day off


def test_deadline_across_tet_2023(cal):
    """Received Wednesday 18 January 2023 09:00, 3 working days: 6 h Wed, 8 h Thu, Tết, 8 h Fri 27, 2 h Mon 30."""
    assert cal.add_working_days(local(2023, 1, 18, 9, 0), 3) == local(2023, 1, 30, 9, 0)
    assert cal.working_days_in(dt.date(2023, 1, 16), dt.date(2023, 1, 31)) == 7


def test_make_up_saturday_counts_and_swapped_day_off_does_not():
    """Administrator corrections win over the weekday rule and the holidays package."""
    makeup = WorkCalendar(Corrections(working_days=frozenset({dt.date(2023, 1, 28)})), office_hours=HOURS)
    assert makeup.add_working_days(local(2023, 1, 18, 9, 0), 3) == local(2023, 1, 28, 9, 0)
    swapped = WorkCalendar(Corrections(days_off=frozenset({dt.date(2023, 1, 27)})), office_hours=HOURS)
    assert not swapped.is_working_day(dt.date(2023, 1, 27))
    assert swapped.add_working_days(local(2023, 1, 18, 9, 0), 3) == local(2023, 1, 31, 9, 0)


def test_half_day_limits(cal):
    """Half a working day is 4 office hours; a limit ending at a session's end is that end, not next morning."""
    assert cal.add_working_days(local(2023, 7, 3, 9, 0), Decimal("0.5")) == local(2023, 7, 3, 15, 0)
    assert cal.add_working_days(local(2023, 7, 3, 14, 0), Decimal("0.5")) == local(2023, 7, 4, 8, 0)
    assert cal.add_working_days(local(2023, 7, 3, 12, 0), Decimal("0.5")) == local(2023, 7, 4, 7, 30)  # from 13:30
    assert cal.add_working_days(local(2023, 7, 3, 7, 0), 1) == local(2023, 7, 3, 17, 0)
    assert cal.add_working_days(local(2023, 7, 3, 9, 0), Decimal("1.5")) == local(2023, 7, 4, 15, 0)


def test_cutoff_moves_the_clock_to_the_next_working_day(cal):
    """At or after 15:00 a paper receipt starts at the next working day's opening; before, at once."""
    assert cal.clock_start(local(2023, 7, 3, 14, 59), CUTOFF) == local(2023, 7, 3, 14, 59)
    assert cal.clock_start(local(2023, 7, 3, 15, 0), CUTOFF) == local(2023, 7, 4, 7, 0)
    assert cal.clock_start(local(2023, 7, 7, 16, 0), CUTOFF) == local(2023, 7, 10, 7, 0)  # Friday -> Monday
    assert cal.clock_start(local(2023, 1, 19, 15, 30), CUTOFF) == local(2023, 1, 27, 7, 0)  # before Tết


def test_outside_office_hours(cal):
    """Without a cut-off: before opening -> opening, at lunch -> 13:30, after closing or on a day off -> next
    working day's opening."""
    assert cal.clock_start(local(2023, 7, 3, 6, 0)) == local(2023, 7, 3, 7, 0)
    assert cal.clock_start(local(2023, 7, 3, 12, 0)) == local(2023, 7, 3, 13, 30)
    assert cal.clock_start(local(2023, 7, 3, 17, 0)) == local(2023, 7, 4, 7, 0)
    assert cal.clock_start(local(2023, 7, 8, 10, 0)) == local(2023, 7, 10, 7, 0)  # Saturday
    assert cal.clock_start(local(2023, 9, 1, 10, 0)) == local(2023, 9, 5, 7, 0)  # National Day 2023


def test_working_time_between(cal):
    assert cal.working_time_between(local(2023, 7, 3, 9, 0), local(2023, 7, 5, 10, 0)) == Decimal("2.13")
    assert cal.working_time_between(local(2023, 7, 7, 7, 0), local(2023, 7, 10, 7, 0)) == Decimal("1.00")
    assert cal.working_time_between(local(2023, 7, 5), local(2023, 7, 3)) == Decimal("0.00")
    assert cal.working_seconds_between(local(2023, 7, 3, 11, 0), local(2023, 7, 3, 14, 0)) == 3600


def test_add_working_seconds_is_the_inverse_of_measuring(cal):
    start = local(2023, 1, 18, 10, 17)
    end = cal.add_working_seconds(start, 12345)
    assert cal.working_seconds_between(start, end) == 12345


def test_zero_days_is_the_clock_start(cal):
    assert cal.add_working_days(local(2023, 7, 8, 10, 0), 0) == local(2023, 7, 10, 7, 0)
