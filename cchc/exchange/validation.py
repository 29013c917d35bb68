"""Checking the header and the cells of an exchange table, collecting every problem instead of stopping.

Row numbers are those of the file: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from cchc.lib.ids import IdNumberError, clean_id_number
from cchc.lib.periods import PeriodError, check_year
from cchc.lib.text import TextError, clean_text

from .formats import Columns
from .tables import EXTRA, Row

HEADER_ROW = 1
FIRST_DATA_ROW = 2
SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")


@dataclass(frozen=True)
class RowError:
    """One problem: the file's row number (header = 1), the column, and the reason."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column or "-",
            "message": self.message,
        }


@dataclass
class ImportResult:
    """What an import did (or, on a dry run, would do). With errors, nothing was written."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def check_header(header: Sequence[str], columns: Columns, errors: list[RowError]) -> set[str]:
    """Report unknown, duplicate and missing columns; return the required columns that are missing."""
    seen: set[str] = set()
    for name in header:
        if name in seen:
            errors.append(RowError(HEADER_ROW, name, _("the column appears more than once")))
        seen.add(name)
        if name not in columns.all:
            errors.append(
                RowError(
                    HEADER_ROW,
                    name,
                    _("unknown column %(name)r (known columns: %(known)s)")
                    % {"name": name, "known": ", ".join(columns.all)},
                )
            )
    missing = {name for name in columns.required if name not in seen}
    for name in columns.required:
        if name in missing:
            errors.append(RowError(HEADER_ROW, name, _("required column is missing")))
    return missing


def header_of(rows: Sequence[Row]) -> list[str]:
    """The columns used by in-memory rows (the Python API has no header row of its own)."""
    names: dict[str, None] = {}
    for row in rows:
        for name in row:
            if name is not EXTRA:
                names.setdefault(name, None)
    return list(names)


def nfc(text: str) -> str:
    """`text` in Unicode normal form C (composed letters), the form names and texts are stored in."""
    return unicodedata.normalize("NFC", text)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class RowReader:
    """Parses the cells of one row; every failure is recorded as a RowError and the value comes back None."""

    def __init__(self, number: int, values: Row, missing: set[str], errors: list[RowError]) -> None:
        self.number = number
        self.values = values
        self.missing = missing
        self.errors = errors
        self.failed: set[str] = set()
        if values.get(EXTRA):
            self.error("", _("more values than columns in the header: %(values)s") % {"values": values[EXTRA]})

    def error(self, column: str, message: str) -> None:
        self.failed.add(column)
        self.errors.append(RowError(self.number, column, message))

    def raw(self, column: str) -> str:
        """The cell as text, stripped and NFC-normalised: an old system may store Vietnamese letters decomposed
        (a base letter and combining marks), which would never match the composed text every search is typed in."""
        value = self.values.get(column)
        return "" if value is None else nfc(str(value)).strip()

    def text(self, column: str, *, required: bool = False, max_length: int | None = None) -> str | None:
        """The cell's text; None when a required one is empty or too long."""
        if column in self.missing:
            self.failed.add(column)
            return None
        value = self.raw(column)
        try:
            value = clean_text(value, column)
        except TextError as exc:
            self.error(column, str(exc))
            return None
        if required and not value:
            self.error(column, _("a value is required"))
            return None
        if max_length is not None and len(value) > max_length:
            self.error(column, _("longer than %(max)d characters") % {"max": max_length})
            return None
        return value

    def slug(self, column: str, *, required: bool = False, max_length: int = 64) -> str | None:
        value = self.text(column, required=required, max_length=max_length)
        if value and not SLUG.match(value):
            self.error(column, _("%(value)r: use only letters, digits, hyphens and underscores") % {"value": value})
            return None
        return value

    def id_number(self, column: str) -> str | None:
        """An applicant's ID number (CCCD 12 digits, CMND 9, passport a letter and 7-8 digits), or "" if empty."""
        value = self.text(column, max_length=32)
        if not value:
            return value
        try:
            return clean_id_number(value)
        except IdNumberError as exc:
            self.error(column, str(exc))
            return None

    def choice(self, column: str, choices: Iterable[str], *, required: bool = False, default: str = "") -> str | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        if not value:
            return default
        allowed = choices if isinstance(choices, list | tuple) else list(choices)
        if value not in allowed:
            self.error(
                column, _("%(value)r is not one of: %(allowed)s") % {"value": value, "allowed": ", ".join(allowed)}
            )
            return None
        return value

    def boolean(self, column: str, *, default: bool = False) -> bool | None:
        value = self.raw(column).lower()
        if not value:
            return default
        if value in ("true", "false"):
            return value == "true"
        self.error(column, _("%(value)r is not true or false") % {"value": self.raw(column)})
        return None

    def date(self, column: str) -> dt.date | None:
        value = self.raw(column)
        if not value:
            return None
        try:
            return check_year(dt.date.fromisoformat(value), column)
        except PeriodError as exc:
            self.error(column, str(exc))
            return None
        except ValueError:
            self.error(column, _("%(value)r is not an ISO date (YYYY-MM-DD)") % {"value": value})
            return None

    def datetime(self, column: str, *, required: bool = False) -> dt.datetime | None:
        """An aware datetime; a value without an offset is local time (settings.TIME_ZONE)."""
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            self.error(
                column, _("%(value)r is not an ISO 8601 date-time (YYYY-MM-DDTHH:MM[:SS][+07:00])") % {"value": value}
            )
            return None
        try:
            check_year(parsed, column)
        except PeriodError as exc:
            self.error(column, str(exc))
            return None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=local_zone())

    def decimal(
        self, column: str, *, required: bool = False, places: int, max_digits: int, integer: bool = False
    ) -> Decimal | None:
        """A non-negative number with at most `places` decimals and `max_digits` digits in all."""
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.error(column, _("%(value)r is not a number") % {"value": value})
            return None
        if number < 0:
            self.error(column, _("%(value)r is negative") % {"value": value})
            return None
        # Checked before quantizing: a huge exponent (1e9999) would make quantize itself fail.
        if number and number.adjusted() >= max_digits - places:
            self.error(column, _("%(value)r is too large") % {"value": value})
            return None
        step = Decimal(1).scaleb(-places)
        if number != number.quantize(step):
            if integer:
                self.error(column, _("%(value)r is not a whole number") % {"value": value})
            else:
                self.error(
                    column, _("%(value)r has more than %(places)d decimals") % {"value": value, "places": places}
                )
            return None
        if number >= Decimal(10) ** (max_digits - places):
            self.error(column, _("%(value)r is too large") % {"value": value})
            return None
        return number.quantize(step)


def data_rows(rows: Iterable[Row], missing: set[str], errors: list[RowError]) -> Iterator[RowReader]:
    """A reader for each non-blank row, numbered as in the file."""
    for index, values in enumerate(rows):
        if not any(str(v).strip() for v in values.values() if v is not None):
            continue
        yield RowReader(FIRST_DATA_ROW + index, values, missing, errors)
