"""`cchc import calendar FILE`: working-day corrections, all or nothing, every bad row reported."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from cchc.exchange.calendar_import import calendar_import
from cchc.exchange.tables import read_table
from cchc.lib.workdays import calendar
from cchc.testing.factories import UnitFactory
from cchc.units.calendar_data import load_shipped_calendar
from cchc.units.models import CalendarDay, CalendarDayKind, CalendarYear, UnitLevel

from .files import write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["date", "working", "reason", "source", "unit_code"]


@pytest.fixture
def units(db):
    # The shipped national rows (migration units 0003), again in case a reused test database was flushed.
    load_shipped_calendar(CalendarDay, CalendarYear)
    province = UnitFactory(code="quang-tri", name="UBND tỉnh Quảng Trị", level=UnitLevel.PROVINCE)
    district = UnitFactory(code="gio-linh", name="UBND huyện Gio Linh", level=UnitLevel.DISTRICT, parent=province)
    commune = UnitFactory(code="gio-an", name="UBND xã Gio An", level=UnitLevel.COMMUNE, parent=district)
    return province, district, commune


def calendar_rows() -> list[tuple[dt.date, str, str, str, str | None]]:
    return sorted(
        CalendarDay.objects.values_list("date", "kind", "note", "source", "unit__code"),
        key=lambda row: (row[0], row[4] or ""),
    )


def load(path) -> object:
    header, rows = read_table(path)
    return calendar_import(rows=rows, header=header)


GOOD = [
    # A province that migrates brings its own decision: it did not work Saturday 22/8/2026 (the national make-up
    # day), and kept Friday 20/11/2026 off after a flood.
    ["2026-08-22", "no", "Tỉnh không làm bù", "Công văn 123/UBND-VX", "quang-tri"],
    ["2026-11-20", "0", "Nghỉ do lũ lụt", "Quyết định 45/QĐ-UBND", "quang-tri"],
    # A national make-up Saturday of a year the product does not ship (2019: Công văn 6519/VPCP-KGVX, 2018).
    ["2019-05-04", "yes", "Làm bù cho 29/4/2019", "Công văn 6519/VPCP-KGVX", ""],
    # A weekday marked working, which it is anyway: allowed, the row records the decision.
    ["2026-11-18", "1", "", "", ""],
]


def test_a_good_csv_file_loads_and_moves_the_province_calendar(units, tmp_path):
    province, _district, commune = units
    result = load(write_csv(tmp_path / "calendar.csv", HEADER, GOOD))
    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 4, 0, 0)
    assert CalendarDay.objects.get(date=dt.date(2026, 8, 22), unit=province).kind == CalendarDayKind.DAY_OFF
    # The national make-up Saturday (shipped, Thông báo số 9441 of Bộ Nội vụ) is untouched ...
    assert CalendarDay.objects.get(date=dt.date(2026, 8, 22), unit__isnull=True).kind == CalendarDayKind.WORKING_DAY
    # ... and wins everywhere but in the province, whose own row wins for its units.
    assert calendar().is_working_day(dt.date(2026, 8, 22)) is True
    assert calendar(commune).is_working_day(dt.date(2026, 8, 22)) is False
    assert calendar(commune).is_working_day(dt.date(2026, 11, 20)) is False
    assert calendar().is_working_day(dt.date(2019, 5, 4)) is True
    assert calendar().is_working_day(dt.date(2026, 11, 18)) is True


def test_an_xlsx_file_with_real_dates_and_numbers_loads_the_same(units, tmp_path):
    """Excel stores a date cell as a datetime and 1/0 as numbers; they read as the CSV's text."""
    rows = [
        [dt.datetime(2026, 8, 22), 0, "Tỉnh không làm bù", "CV 123", "quang-tri"],
        [dt.date(2019, 5, 4), 1, "", "", None],
    ]
    result = load(write_xlsx(tmp_path / "calendar.xlsx", HEADER, rows))
    assert (result.errors, result.created) == ([], 2)
    assert CalendarDay.objects.filter(date=dt.date(2019, 5, 4), kind=CalendarDayKind.WORKING_DAY).exists()


def test_a_re_import_changes_nothing_and_a_changed_row_is_updated(units, tmp_path):
    path = write_csv(tmp_path / "calendar.csv", HEADER, GOOD)
    load(path)
    before = calendar_rows()
    result = load(path)
    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 4)
    assert calendar_rows() == before
    changed = [["2026-08-22", "yes", "Tỉnh làm bù như trung ương", "Công văn 124/UBND-VX", "quang-tri"]]
    result = load(write_csv(tmp_path / "changed.csv", HEADER, changed))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    row = CalendarDay.objects.get(date=dt.date(2026, 8, 22), unit__code="quang-tri")
    assert (row.kind, row.note, row.source) == (
        CalendarDayKind.WORKING_DAY,
        "Tỉnh làm bù như trung ương",
        "Công văn 124/UBND-VX",
    )
    assert CalendarDay.objects.filter(date=dt.date(2026, 8, 22)).count() == 2  # the national row and the province's


def test_the_shipped_national_row_is_updated_by_a_national_row_of_the_file(units, tmp_path):
    """Same date, no unit: the national row (shipped) is the one updated, never duplicated."""
    result = load(write_csv(tmp_path / "c.csv", ["date", "working"], [["2026-08-22", "no"]]))
    assert (result.errors, result.created, result.updated) == ([], 0, 1)
    assert CalendarDay.objects.get(date=dt.date(2026, 8, 22), unit__isnull=True).kind == CalendarDayKind.DAY_OFF


def test_a_bad_file_reports_every_problem_and_writes_nothing(units, tmp_path):
    load(write_csv(tmp_path / "good.csv", HEADER, GOOD[:1]))
    before = calendar_rows()
    bad = [
        ["2026-13-01", "no", "", "", ""],  # row 2: no 13th month
        ["2026-12-24", "maybe", "", "", ""],  # row 3: neither yes nor no
        ["2026-12-25", "no", "", "", "ha-noi"],  # row 4: no such unit
        ["2026-12-28", "no", "", "", "gio-linh"],  # row 5: a district, not a province
        ["2026-12-29", "no", "x" * 201, "", ""],  # row 6: reason too long
        ["2026-12-30", "no", "Nghỉ", "CV 1", "quang-tri"],  # row 7: fine alone ...
        ["2026-12-30", "yes", "Làm", "CV 2", "quang-tri"],  # row 8: ... but the same date twice for the province
        ["2026-12-30", "no", "", "", ""],  # row 9: the same date nationally is another row: fine
        ["", "no", "", "", ""],  # row 10: no date
    ]
    result = load(write_csv(tmp_path / "bad.csv", HEADER, bad))
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "date"),
        (3, "working"),
        (4, "unit_code"),
        (5, "unit_code"),
        (6, "reason"),
        (8, "date"),
        (10, "date"),
    ]
    messages = [e.message for e in result.errors]
    assert messages[0] == "'2026-13-01' is not an ISO date (YYYY-MM-DD)"
    assert messages[1] == "'maybe' is not yes or no (1 or 0)"
    assert messages[2] == "unknown unit 'ha-noi'"
    assert "'gio-linh' is not a province" in messages[3]
    assert messages[5] == "2026-12-30 already appears in row 7"
    assert messages[6] == "a value is required"
    assert calendar_rows() == before


def test_unknown_and_missing_columns_are_reported(units, tmp_path):
    result = load(write_csv(tmp_path / "c.csv", ["date", "colour"], [["2026-12-30", "red"]]))
    assert {(e.row, e.column) for e in result.errors} == {(1, "colour"), (1, "working")}
    assert not CalendarDay.objects.filter(date=dt.date(2026, 12, 30)).exists()


def test_the_command_loads_the_file_and_refuses_a_bad_one(units, tmp_path):
    out = io.StringIO()
    call_command("import", "calendar", str(write_csv(tmp_path / "c.csv", HEADER, GOOD)), stdout=out)
    assert out.getvalue() == "calendar: 4 created, 0 updated, 0 unchanged\n"
    before = calendar_rows()
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem; nothing was written"):
        call_command(
            "import",
            "calendar",
            str(write_csv(tmp_path / "b.csv", HEADER, [["2026-02-30", "no", "", "", ""]])),
            stderr=err,
        )
    assert "row 2, column date: '2026-02-30' is not an ISO date" in err.getvalue()
    assert calendar_rows() == before


def test_a_dry_run_writes_nothing(units, tmp_path):
    out = io.StringIO()
    call_command("import", "calendar", str(write_csv(tmp_path / "c.csv", HEADER, GOOD)), "--dry-run", stdout=out)
    assert "calendar: 4 created" in out.getvalue()
    assert not CalendarDay.objects.filter(unit__code="quang-tri").exists()
