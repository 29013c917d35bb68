"""Working days and working time of the one-stop desks.

A working day is Monday to Friday, not a Vietnamese public holiday (the `holidays` package: lunar New Year,
Hùng Kings' day, observed and substituted days included), with the administrator's corrections on top
(`units.CalendarDay`: swapped days off, Saturdays worked in exchange), which always win.

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
from zoneinfo import ZoneInfo

import holidays as holidays_lib
from django.conf import settings

MAX_SCAN_DAYS = 3660


def _parse_hhmm(value: str | dt.time) -> dt.time:
    if isinstance(value, dt.time):
        return value
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


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
        self.corrections = corrections or Corrections()
        hours = office_hours if office_hours is not None else settings.CCHC_OFFICE_HOURS
        self.sessions = [(_parse_hhmm(a), _parse_hhmm(b)) for a, b in hours]
        self.tz = tz or ZoneInfo(settings.TIME_ZONE)
        self.day_seconds = sum(_seconds(b) - _seconds(a) for a, b in self.sessions)

    # --- days ---
    def is_working_day(self, day: dt.date) -> bool:
        if day in self.corrections.working_days:
            return True
        if day in self.corrections.days_off:
            return False
        return day.weekday() < 5 and day not in _public_holidays(day.year)

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
        count, day = 0, start
        while day <= end:
            count += self.is_working_day(day)
            day += dt.timedelta(days=1)
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
        day = current.date()
        for _ in range(MAX_SCAN_DAYS):
            if self.is_working_day(day):
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

    def working_seconds_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Seconds of office time between two moments; 0 if end <= start."""
        if end <= start:
            return 0
        start_l, end_l = start.astimezone(self.tz), end.astimezone(self.tz)
        seconds = 0
        day = start_l.date()
        while day <= end_l.date():
            if self.is_working_day(day):
                for s_start, s_end in self.sessions:
                    begin = max(dt.datetime.combine(day, s_start, tzinfo=self.tz), start_l)
                    finish = min(dt.datetime.combine(day, s_end, tzinfo=self.tz), end_l)
                    if finish > begin:
                        seconds += int((finish - begin).total_seconds())
            day += dt.timedelta(days=1)
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


def load_corrections() -> Corrections:
    """The administrator's calendar corrections from the database."""
    from cchc.units.models import CalendarDay, CalendarDayKind

    rows = list(CalendarDay.objects.values_list("date", "kind"))
    return Corrections(
        days_off=frozenset(d for d, k in rows if k == CalendarDayKind.DAY_OFF),
        working_days=frozenset(d for d, k in rows if k == CalendarDayKind.WORKING_DAY),
    )


def calendar() -> WorkCalendar:
    """The site's calendar, with the corrections as they are in the database now."""
    return WorkCalendar(load_corrections())
