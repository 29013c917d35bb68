"""Reporting periods: named periods (2023-Q3, 2023-09, 2023-H1, 2023) and explicit ranges.

A named period is the calendar one unless the statutory data cut-off is asked for (Decree 09/2019/NĐ-CP
Art. 12): a month runs from the 15th of the month before to the 14th; a quarter from the 15th of the month
before the quarter to the 14th of its last month; a half-year likewise; a year from 15 December to 14 December.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

CALENDAR, STATUTORY = "calendar", "statutory"
CUTOFFS = (CALENDAR, STATUTORY)


class PeriodError(ValueError):
    """The text does not name a period; the message says what was expected."""


def year_bounds() -> tuple[int, int]:
    """The years a date may fall in (settings CCHC_MIN_YEAR..CCHC_MAX_YEAR, inclusive)."""
    return settings.CCHC_MIN_YEAR, settings.CCHC_MAX_YEAR


def check_year(value: dt.date, label: object = "") -> dt.date:
    """`value` if its year is within the bounds, else PeriodError naming `label` (a year 1 or 9999 is a typing
    slip, and at the calendar's edges the day after a period cannot even be computed)."""
    low, high = year_bounds()
    if not low <= value.year <= high:
        raise PeriodError(
            _("%(field)s: the year %(year)s is outside %(low)s..%(high)s.")
            % {"field": label or _("Date"), "year": value.year, "low": low, "high": high}
        )
    return value


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str = ""
    # The moment "now" for a period that has not ended yet (see `state_at`); fixed once per computation by
    # `as_of`, so every figure of one report reads the same moment. Not part of the period's identity.
    now: dt.datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def start_at(self) -> dt.datetime:
        """The first moment of the period, local time."""
        return dt.datetime.combine(self.start, dt.time(0), tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the period (exclusive bound), local time."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(0), tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def state_at(self) -> dt.datetime:
        """The moment a period's "pending" and "overdue" are read: its end, or now if it has not ended yet."""
        return min(self.end_at, self.now or timezone.now())

    def as_of(self, now: dt.datetime | None = None) -> Period:
        """This period with "now" fixed (default: the current time), unless it is fixed already."""
        if self.now is not None and now is None:
            return self
        return replace(self, now=now or timezone.now())

    def previous_day(self) -> dt.date:
        return self.start - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _statutory(first_month: tuple[int, int], last_month: tuple[int, int]) -> tuple[dt.date, dt.date]:
    (y1, m1), (y2, m2) = first_month, last_month
    prev_y, prev_m = (y1 - 1, 12) if m1 == 1 else (y1, m1 - 1)
    return dt.date(prev_y, prev_m, 15), dt.date(y2, m2, 14)


def parse_period(text: str, cutoff: str = CALENDAR) -> Period:
    """Parse `2023-Q3`, `2023-09`, `2023-H1`, `2023` or `2023-07-01..2023-09-15`."""
    if cutoff not in CUTOFFS:
        raise PeriodError(f"cut-off must be one of {', '.join(CUTOFFS)}, not {cutoff!r}")
    value = text.strip()
    if ".." in value:
        a, b = value.split("..", 1)
        try:
            start, end = dt.date.fromisoformat(a.strip()), dt.date.fromisoformat(b.strip())
        except ValueError as exc:
            raise PeriodError(f"{value!r}: dates must be YYYY-MM-DD ({exc})") from exc
        check_year(start, value)
        check_year(end, value)
        return Period(start, end, value)
    if m := re.fullmatch(r"(\d{4})-[Qq]([1-4])", value):
        year, q = int(m[1]), int(m[2])
        months = ((year, 3 * q - 2), (year, 3 * q))
    elif m := re.fullmatch(r"(\d{4})-[Hh]([12])", value):
        year, h = int(m[1]), int(m[2])
        months = ((year, 6 * h - 5), (year, 6 * h))
    elif m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"{value!r}: month must be 01..12")
        months = ((year, month), (year, month))
    elif m := re.fullmatch(r"(\d{4})", value):
        year = int(m[1])
        months = ((year, 1), (year, 12))
    else:
        raise PeriodError(f"{value!r} is not a period: use 2023-Q3, 2023-09, 2023-H1, 2023 or 2023-07-01..2023-09-30")
    low, high = year_bounds()
    if not low <= year <= high:
        raise PeriodError(
            _("%(period)s: the year %(year)s is outside %(low)s..%(high)s.")
            % {"period": value, "year": year, "low": low, "high": high}
        )
    if cutoff == STATUTORY:
        start, end = _statutory(*months)
    else:
        start, end = dt.date(*months[0], 1), _month_end(*months[1])
    return Period(start, end, value)
