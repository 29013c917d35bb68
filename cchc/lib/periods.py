"""Reporting periods: named periods (2023-Q3, 2023-09, 2023-H1, 2023) and explicit ranges.

A named period is the calendar one unless the statutory data cut-off is asked for (Decree 09/2019/NĐ-CP
Art. 12): a month runs from the 15th of the month before to the 14th; a quarter from the 15th of the month
before the quarter to the 14th of its last month; a half-year likewise; a year from 15 December to 14 December.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
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


def _fold(text: str) -> str:
    """Lower case, without diacritics (đ → d), one space between words: "Quý  III năm 2023" → "quy iii nam 2023"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.lower().split())


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(?:\s*(?:/|-|nam)\s*|\s+)(\d{4})"  # "/2023", "-2023", " năm 2023", " 2023"
_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_FORMS = {
    "iso_quarter": re.compile(r"(\d{4})-q([1-4])"),
    "iso_half": re.compile(r"(\d{4})-h([12])"),
    "iso_month": re.compile(r"(\d{4})-(\d{2})"),
    "year": re.compile(r"(?:nam\s*)?(\d{4})"),
    "quarter": re.compile(r"(?:q|quy)\s*(iv|i{1,3}|[1-4])" + _YEAR),
    "half": re.compile(r"(?:h([12])|6 thang (dau|cuoi))" + _YEAR),
    # "9 tháng 2023", "9 tháng đầu năm 2023": the first N months; "N tháng cuối năm": the last N.
    "months": re.compile(r"(\d{1,2}) thang(?: (dau|cuoi))?" + _YEAR),
    "month": re.compile(r"(?:thang\s*(\d{1,2})" + _YEAR + r"|(\d{1,2})\s*[/-]\s*(\d{4}))"),
    "range": re.compile(r"(?:tu\s+)?" + _DATE + r"(?:\s*(?:-|–|—|\.\.|den|toi)\s*" + _DATE + r")?"),
}
ACCEPTED = (
    "2023-Q3, Q3/2023, quý III năm 2023, 9/2023, tháng 9 năm 2023, 6 tháng đầu năm 2023, 9 tháng 2023, năm 2023, "
    "01/07/2023-30/09/2023, 2023-07-01..2023-09-30"
)


def _not_a_period(value: str) -> PeriodError:
    return PeriodError(
        _("%(value)s is not a period. Write for example: %(forms)s.") % {"value": value or '""', "forms": ACCEPTED}
    )


def _date(value: str, day: str, month: str, year: str) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise PeriodError(
            _("%(value)s: %(date)s is not a date (day/month/year).") % {"value": value, "date": f"{day}/{month}/{year}"}
        ) from None


def _range(value: str, start: dt.date, end: dt.date) -> Period:
    check_year(start, value)
    check_year(end, value)
    if end < start:
        raise PeriodError(
            _("%(value)s: the period ends (%(end)s) before it starts (%(start)s).")
            % {"value": value, "start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
        )
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def _named(value: str) -> tuple[str, tuple[tuple[int, int], tuple[int, int]]] | Period:
    """The canonical label and the first and last (year, month) of a named period, or the Period of a range."""
    folded = _fold(value)
    if ".." in folded and not re.search(r"\d/", folded):
        a, b = folded.split("..", 1)
        try:
            start, end = dt.date.fromisoformat(a.strip()), dt.date.fromisoformat(b.strip())
        except ValueError:
            raise _not_a_period(value) from None
        return _range(value, start, end)
    found = next(((kind, m) for kind, pattern in _FORMS.items() if (m := pattern.fullmatch(folded))), None)
    if found is None:
        raise _not_a_period(value)
    kind, match = found
    if kind == "range":
        start = _date(value, *match.groups()[:3])
        end = _date(value, *match.groups()[3:]) if match[4] else start
        return _range(value, start, end)
    if kind in ("iso_quarter", "quarter"):
        year, q = (int(match[1]), int(match[2])) if kind == "iso_quarter" else (int(match[2]), 0)
        q = q or _ROMAN.get(match[1]) or int(match[1])
        return f"{year}-Q{q}", ((year, 3 * q - 2), (year, 3 * q))
    if kind in ("iso_half", "half"):
        if kind == "iso_half":
            year, h = int(match[1]), int(match[2])
        else:
            year, h = int(match[3]), int(match[1] or (1 if match[2] == "dau" else 2))
        return f"{year}-H{h}", ((year, 6 * h - 5), (year, 6 * h))
    if kind == "year":
        year = int(match[1])
        return str(year), ((year, 1), (year, 12))
    if kind == "months":
        count, year = int(match[1]), int(match[3])
        if not 1 <= count <= 12:
            raise _not_a_period(value)
        first, last = (13 - count, 12) if match[2] == "cuoi" else (1, count)
        return _label_of(year, first, last), ((year, first), (year, last))
    # a month: 2023-09, 9/2023, tháng 9/2023, tháng 9 năm 2023
    if kind == "iso_month":
        year, month = int(match[1]), int(match[2])
    else:
        month, year = (int(match[1]), int(match[2])) if match[1] else (int(match[3]), int(match[4]))
    if not 1 <= month <= 12:
        raise PeriodError(_("%(value)s: the month must be 1 to 12.") % {"value": value})
    return f"{year}-{month:02d}", ((year, month), (year, month))


def _label_of(year: int, first: int, last: int) -> str:
    """The canonical name of the months first..last of `year` (a quarter, half, month or year when it is one)."""
    if (first, last) == (1, 12):
        return str(year)
    if first == last:
        return f"{year}-{first:02d}"
    if last - first == 2 and first % 3 == 1:
        return f"{year}-Q{last // 3}"
    if last - first == 5 and first in (1, 7):
        return f"{year}-H{last // 6}"
    return f"{last - first + 1} tháng {'đầu' if first == 1 else 'cuối'} năm {year}"


def parse_period(text: str, cutoff: str = CALENDAR) -> Period:
    """Parse a period as people write it, ignoring case, extra spaces and missing diacritics:

    - a quarter: `2023-Q3`, `Q3/2023`, `q3 2023`, `quý 3/2023`, `quý III năm 2023`;
    - a half-year: `2023-H1`, `6 tháng đầu năm 2023`, `6 tháng cuối năm 2023`;
    - the first (or last) N months: `9 tháng 2023`, `9 tháng đầu năm 2023`;
    - a month: `2023-09`, `9/2023`, `tháng 9/2023`, `tháng 9 năm 2023`;
    - a year: `2023`, `năm 2023`;
    - a date range, always as given: `2023-07-01..2023-09-15`, `01/07/2023-30/09/2023`, `1/7/2023 đến 30/9/2023`
      (day/month/year), or one day `15/08/2023`.

    A named period's label is its canonical name (`2023-Q3`, `2023-H1`, `2023-09`, `2023`), which parses to the
    same dates; the statutory cut-off (see the module's docstring) moves its bounds, never a range's.
    """
    if cutoff not in CUTOFFS:
        raise PeriodError(f"cut-off must be one of {', '.join(CUTOFFS)}, not {cutoff!r}")
    value = " ".join(str(text).split())
    named = _named(value)
    if isinstance(named, Period):
        return named
    label, months = named
    year = months[0][0]
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
    return Period(start, end, label)


def written(period: Period) -> str:
    """The period as an officer writes it back into a text field: a range day/month/year (01/07/2023-30/09/2023),
    a named period by its label (2023-Q3)."""
    if ".." in period.label:
        return f"{period.start:%d/%m/%Y}-{period.end:%d/%m/%Y}"
    return period.label


def report_label(period: Period, cutoff: str = CALENDAR) -> str | None:
    """The name of the quarter, half-year or month whose dates (under `cutoff`) `period` covers exactly, else None:
    the range 01/07/2023-30/09/2023 is the calendar quarter 2023-Q3, and 15/06/2023-14/09/2023 the statutory one."""
    if ".." not in period.label:
        return period.label
    end = period.end
    for label in (
        f"{end.year}-{end.month:02d}",
        f"{end.year}-Q{(end.month - 1) // 3 + 1}",
        f"{end.year}-H{(end.month - 1) // 6 + 1}",
    ):
        try:
            named = parse_period(label, cutoff)
        except PeriodError:
            continue
        if (named.start, named.end) == (period.start, period.end):
            return label
    return None


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def default_quarter(
    today: dt.date | None = None,
    *,
    cutoff: str = CALENDAR,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> str:
    """The quarter a page opens on: the last one complete on `today` (its end under `cutoff` is past) in which a
    unit living valid_from..valid_to existed, so an abolished unit opens on its last quarter, not an empty one.
    A unit younger than every complete quarter opens on its first quarter (the current one, or the first it had)."""
    today = today or timezone.localdate()
    year, quarter = quarter_of(today)
    if valid_to is not None and valid_to < today:
        year, quarter = quarter_of(valid_to)
    low, _high = year_bounds()
    while year >= low:
        label = f"{year}-Q{quarter}"
        calendar = parse_period(label)
        if valid_from is not None and calendar.end < valid_from:
            break
        if parse_period(label, cutoff).end < today:
            return label
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    day = min(today, valid_to) if valid_to else today
    day = max(day, valid_from) if valid_from else day
    year, quarter = quarter_of(day)
    return f"{year}-Q{quarter}"
