"""Working days and working time of the one-stop desks.

A working day is Monday to Friday, not a Vietnamese public holiday (the `holidays` package: lunar New Year,
Hùng Kings' day, observed and substituted days included), with the corrections on top (`units.CalendarDay`:
swapped days off, Saturdays worked in exchange), which always win. The national corrections for 2023-2026 ship
with the product (cchc/units/data/calendar_vn.csv); a province's own correction for a date wins over the
national one for the units of that province (`calendar(unit)`).

Time limits are counted in working time: a working day is the sum of the office sessions
(settings.CCHC_OFFICE_HOURS), so half a day is half of that. The clock starts at acceptance; a receipt
outside office hours starts at the next session, and a receipt after the cut-off hour (15:00 for paper
dossiers by default) starts at the next working day's opening. The deadline is the moment the working time
runs out; when it runs out exactly at a session's end, that end is the deadline (17:00, not 07:00 next day).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import holidays as holidays_lib
from django.conf import settings
from django.db.models import Q

from cchc.lib.times import parse_hhmm

if TYPE_CHECKING:
    from cchc.units.models import Unit

MAX_SCAN_DAYS = 3660


@dataclass(frozen=True)
class Corrections:
    """Administrator-entered days: days off on weekdays and working days on weekends."""

    days_off: frozenset[dt.date] = frozenset()
    working_days: frozenset[dt.date] = frozenset()


@functools.lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays_lib.country_holidays("VN", years=[year]).keys())


class WorkCalendar:
    """Pure working-day arithmetic for one set of corrections and office hours. No database access."""

    def __init__(
        self,
        corrections: Corrections | None = None,
        office_hours: list[tuple[str, str]] | None = None,
        tz: ZoneInfo | None = None,
    ) -> None:
        self._corrections = corrections or Corrections()
        hours = office_hours if office_hours is not None else settings.CCHC_OFFICE_HOURS
        self.sessions = [(parse_hhmm(a), parse_hhmm(b)) for a, b in hours]
        self.tz = tz or ZoneInfo(settings.TIME_ZONE)
        self.day_seconds = sum(_seconds(b) - _seconds(a) for a, b in self.sessions)
        # The office time of a whole working day as the session loops below add it up (empty sessions count 0).
        self._full_day_seconds = self._seconds_on(dt.date(2000, 1, 3), None, None)
        # A calendar answers the same questions for thousands of dossiers in one import or report: day answers
        # and per-year running counts are kept for the life of the instance (its corrections never change).
        self._working: dict[dt.date, bool] = {}
        self._running: dict[int, list[int]] = {}

    @property
    def corrections(self) -> Corrections:
        return self._corrections

    # --- days ---
    def is_working_day(self, day: dt.date) -> bool:
        known = self._working.get(day)
        if known is None:
            known = self._working[day] = self._is_working_day(day)
        return known

    def _is_working_day(self, day: dt.date) -> bool:
        if day in self._corrections.working_days:
            return True
        if day in self._corrections.days_off:
            return False
        return day.weekday() < 5 and day not in _public_holidays(day.year)

    def _running_counts(self, year: int) -> list[int]:
        """counts[i]: the working days among the first i days of `year` (counts[-1] is the year's total)."""
        counts = self._running.get(year)
        if counts is None:
            counts, total, day = [0], 0, dt.date(year, 1, 1)
            while day.year == year:
                total += self.is_working_day(day)
                counts.append(total)
                day += dt.timedelta(days=1)
            self._running[year] = counts
        return counts

    def _working_days_before(self, day: dt.date) -> int:
        """Working days from 1 January of day's year up to the day before `day`."""
        return self._running_counts(day.year)[day.toordinal() - dt.date(day.year, 1, 1).toordinal()]

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        for _ in range(MAX_SCAN_DAYS):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("no working day within ten years")

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def working_days_in(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start <= d <= end."""
        if end < start:
            return 0
        count = self._working_days_before(end) + self.is_working_day(end) - self._working_days_before(start)
        for year in range(start.year, end.year):
            count += self._running_counts(year)[-1]
        return count

    # --- working time ---
    def opening(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.sessions[0][0], tzinfo=self.tz)

    def clock_start(self, received_at: dt.datetime, cutoff: dt.time | None = None) -> dt.datetime:
        """When the time limit starts for a dossier accepted at `received_at`.

        Outside office hours or on a day off: the next session. After `cutoff` (if given): the opening of the
        next working day.
        """
        local = received_at.astimezone(self.tz)
        day, time = local.date(), local.timetz().replace(tzinfo=None)
        if self.is_working_day(day):
            if cutoff is not None and time >= cutoff:
                return self.opening(self.next_working_day(day))
            for start, end in self.sessions:
                if time < start:
                    return dt.datetime.combine(day, start, tzinfo=self.tz)
                if time < end:
                    return local
        return self.opening(self.next_working_day(day))

    def add_working_days(self, start: dt.datetime, days: Decimal | int | float) -> dt.datetime:
        """The moment `days` working days of office time after `start` (which is first moved into office time)."""
        remaining = int((Decimal(str(days)) * self.day_seconds).to_integral_value(ROUND_HALF_UP))
        current = self.clock_start(start)
        if remaining <= 0:
            return current
        day = first = current.date()
        for _ in range(MAX_SCAN_DAYS):
            if self.is_working_day(day):
                # A later day whose whole office time is not enough is skipped at once (same as its sessions).
                if day > first and remaining > self._full_day_seconds:
                    remaining -= self._full_day_seconds
                else:
                    for s_start, s_end in self.sessions:
                        begin = dt.datetime.combine(day, s_start, tzinfo=self.tz)
                        end = dt.datetime.combine(day, s_end, tzinfo=self.tz)
                        if end <= current:
                            continue
                        begin = max(begin, current)
                        available = int((end - begin).total_seconds())
                        if remaining <= available:
                            return begin + dt.timedelta(seconds=remaining)
                        remaining -= available
            day += dt.timedelta(days=1)
        raise ValueError("deadline beyond ten years")

    def _seconds_on(self, day: dt.date, start: dt.datetime | None, end: dt.datetime | None) -> int:
        """Office seconds of `day` between `start` and `end` (local times; None: no bound on that side)."""
        seconds = 0
        for s_start, s_end in self.sessions:
            begin = dt.datetime.combine(day, s_start, tzinfo=self.tz)
            finish = dt.datetime.combine(day, s_end, tzinfo=self.tz)
            if start is not None:
                begin = max(begin, start)
            if end is not None:
                finish = min(finish, end)
            if finish > begin:
                seconds += int((finish - begin).total_seconds())
        return seconds

    def working_seconds_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Seconds of office time between two moments; 0 if end <= start."""
        if end <= start:
            return 0
        start_l, end_l = start.astimezone(self.tz), end.astimezone(self.tz)
        first, last = start_l.date(), end_l.date()
        seconds = self._seconds_on(first, start_l, end_l) if self.is_working_day(first) else 0
        if last > first:
            if self.is_working_day(last):
                seconds += self._seconds_on(last, start_l, end_l)
            # The days in between are whole working days or days off: counted, not walked.
            inner = self.working_days_in(first + dt.timedelta(days=1), last - dt.timedelta(days=1))
            seconds += inner * self._full_day_seconds
        return seconds

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> Decimal:
        """Working days (office time / day length, to 2 decimals) between two moments; 0 if end <= start."""
        seconds = self.working_seconds_between(start, end)
        return (Decimal(seconds) / Decimal(self.day_seconds)).quantize(Decimal("0.01"), ROUND_HALF_UP)

    def add_working_seconds(self, start: dt.datetime, seconds: int) -> dt.datetime:
        """The moment `seconds` of office time after `start`: exact, for moving a deadline by a measured pause."""
        return self.add_working_days(start, Decimal(seconds) / Decimal(self.day_seconds))


def _seconds(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def load_corrections(unit: Unit | None = None) -> Corrections:
    """The calendar corrections from the database: the national rows, and those of `unit`'s province on top."""
    from cchc.units.models import CalendarDay, CalendarDayKind
    from cchc.units.selectors import province_of

    scope = Q(unit__isnull=True)
    province = province_of(unit) if unit is not None else None
    if province is not None:
        scope |= Q(unit=province)
    kinds: dict[dt.date, str] = {}
    rows = CalendarDay.objects.filter(scope).values_list("date", "kind", "unit_id")
    # National rows first, so that the province's row for the same date replaces them.
    for day, kind, _ in sorted(rows, key=lambda row: row[2] is not None):
        kinds[day] = kind
    return Corrections(
        days_off=frozenset(d for d, k in kinds.items() if k == CalendarDayKind.DAY_OFF),
        working_days=frozenset(d for d, k in kinds.items() if k == CalendarDayKind.WORKING_DAY),
    )


def calendar(unit: Unit | None = None) -> WorkCalendar:
    """The calendar with the corrections as they are in the database now: the national ones, and those of the
    unit's province when a unit is given."""
    return WorkCalendar(load_corrections(unit))
