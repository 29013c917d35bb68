"""The working-day corrections that ship with CCHC (cchc/units/data/): read the files, load what is missing.

The files are CSV with a `#` comment header naming the sources. Loading is idempotent and never overwrites:
a national row already in the database for a date, or a checked year already there, is left as the
administrator made it. The data migration calls `load_shipped_calendar` with its historical models.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
DAYS_FILE = DATA_DIR / "calendar_vn.csv"
YEARS_FILE = DATA_DIR / "calendar_years.csv"

# The values of CalendarDayKind, written out so that the migration does not import the current models.
DAY_OFF, WORKING_DAY = "day_off", "working_day"


@dataclass(frozen=True)
class ShippedDay:
    date: dt.date
    kind: str
    note: str
    source: str


@dataclass(frozen=True)
class ShippedYear:
    year: int
    source: str


def _records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, strict=True))


def shipped_days() -> list[ShippedDay]:
    days = []
    for record in _records(DAYS_FILE):
        working = {"yes": True, "no": False}[record["working"]]
        days.append(
            ShippedDay(
                date=dt.date.fromisoformat(record["date"]),
                kind=WORKING_DAY if working else DAY_OFF,
                note=record["reason"],
                source=record["source"],
            )
        )
    return days


def shipped_years() -> list[ShippedYear]:
    return [ShippedYear(int(record["year"]), record["source"]) for record in _records(YEARS_FILE)]


def load_shipped_calendar(calendar_day_model: Any, calendar_year_model: Any) -> tuple[int, int]:
    """Create the shipped national rows and checked years that are not in the database yet.

    Returns how many days and years were created. A date that already has a national row (whatever its kind,
    note or source) and a year already marked checked are kept unchanged.
    """
    days = shipped_days()
    taken = set(
        calendar_day_model.objects.filter(unit__isnull=True, date__in=[day.date for day in days]).values_list(
            "date", flat=True
        )
    )
    new_days = [
        calendar_day_model(date=day.date, kind=day.kind, note=day.note, source=day.source)
        for day in days
        if day.date not in taken
    ]
    calendar_day_model.objects.bulk_create(new_days)
    years = shipped_years()
    checked = set(calendar_year_model.objects.values_list("year", flat=True))
    new_years = [calendar_year_model(year=y.year, source=y.source) for y in years if y.year not in checked]
    calendar_year_model.objects.bulk_create(new_years)
    return len(new_days), len(new_years)
