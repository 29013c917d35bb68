"""Loading working-day corrections from a table: `cchc import calendar FILE` (docs/import-format.md, "Calendar").

A unit that moves from another system brings its calendar: each row is one date that is a day off or a working
day, with the reason and the document that fixed it, for the whole country (no `unit_code`) or for one
province. As with the other imports, every row is checked first and every problem reported at once; then the
rows are written in one transaction, and a file with one bad row writes nothing. A date already in the
database for the same province (or nationally) is updated, never duplicated, so a re-import changes nothing.
Marking a day as it already is (a weekday as working) is allowed: the row records the decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.units.models import CalendarDay, CalendarDayKind, Unit, UnitLevel

from .formats import Columns
from .tables import Row
from .validation import ImportResult, RowError, RowReader, check_header, data_rows, header_of

CALENDAR_COLUMNS = Columns(required=("date", "working"), optional=("reason", "source", "unit_code"))

WORKING_VALUES = {"yes": True, "1": True, "true": True, "no": False, "0": False, "false": False}


@dataclass(frozen=True)
class _CalendarRow:
    row: int
    date: dt.date
    kind: str
    unit: Unit | None
    note: str
    source: str

    def state(self) -> tuple[str, str, str]:
        return (self.kind, self.note, self.source)


def _working(reader: RowReader) -> bool | None:
    value = reader.text("working", required=True)
    if not value:
        return None
    working = WORKING_VALUES.get(value.lower())
    if working is None:
        reader.error("working", _("%(value)r is not yes or no (1 or 0)") % {"value": value})
    return working


def _unit(reader: RowReader, units: dict[str, Unit]) -> Unit | None:
    code = reader.text("unit_code")
    if not code:
        return None
    unit = units.get(code)
    if unit is None:
        reader.error("unit_code", _("unknown unit %(code)r") % {"code": code})
    elif unit.level != UnitLevel.PROVINCE:
        reader.error(
            "unit_code",
            _("%(code)r is not a province: a calendar correction is national (empty) or a province's") % {"code": code},
        )
        return None
    return unit


@transaction.atomic
def calendar_import(*, rows: Sequence[Row], dry_run: bool = False, header: Sequence[str] | None = None) -> ImportResult:
    """Create or update calendar corrections from `rows`; nothing is written when any row is wrong or on a dry run.

    Checks that `date` is an ISO date, `working` is yes/no (1/0, true/false), `reason` and `source` fit
    (200 characters), `unit_code` names a province of the database, and that no date appears twice for the
    same province (or twice nationally).
    """
    rows = list(rows)
    result = ImportResult(dry_run=dry_run)
    missing = check_header(header if header is not None else header_of(rows), CALENDAR_COLUMNS, result.errors)
    units = {unit.code: unit for unit in Unit.objects.only("pk", "code", "level")}
    first_row: dict[tuple[dt.date, str], int] = {}
    plans: list[_CalendarRow] = []
    for reader in data_rows(rows, missing, result.errors):
        day = reader.date("date") if reader.text("date", required=True) else None
        working = _working(reader)
        note = reader.text("reason", max_length=200)
        source = reader.text("source", max_length=200)
        unit = _unit(reader, units)
        if day is not None and "unit_code" not in reader.failed:
            key = (day, reader.raw("unit_code"))
            if key in first_row:
                reader.error(
                    "date", _("%(date)s already appears in row %(row)d") % {"date": day, "row": first_row[key]}
                )
            else:
                first_row[key] = reader.number
        if not reader.failed:
            kind = CalendarDayKind.WORKING_DAY if working else CalendarDayKind.DAY_OFF
            plans.append(_CalendarRow(reader.number, day, kind, unit, note or "", source or ""))  # type: ignore[arg-type]
    if result.errors:
        result.errors.sort(key=lambda error: error.row)
        return result

    existing = {
        (row.date, row.unit_id): row for row in CalendarDay.objects.filter(date__in={plan.date for plan in plans})
    }
    changed: list[_CalendarRow] = []
    for plan in plans:
        current = existing.get((plan.date, plan.unit.pk if plan.unit else None))
        if current is None:
            result.created += 1
            changed.append(plan)
        elif (current.kind, current.note, current.source) == plan.state():
            result.unchanged += 1
        else:
            result.updated += 1
            changed.append(plan)
    if dry_run:
        return result
    for plan in changed:
        row = existing.get((plan.date, plan.unit.pk if plan.unit else None)) or CalendarDay(
            date=plan.date, unit=plan.unit
        )
        row.kind, row.note, row.source = plan.state()
        row.save()
    return result


__all__ = ["CALENDAR_COLUMNS", "ImportResult", "RowError", "calendar_import"]
