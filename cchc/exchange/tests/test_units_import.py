"""`units_import`: the unit tree from a table, in any order, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.exchange.services import units_import
from cchc.exchange.tables import read_table
from cchc.testing.factories import UnitFactory
from cchc.units.models import Unit

from .files import DATA, snapshot, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["code", "name", "level", "parent_code", "valid_from", "valid_to", "successor_code"]


def load(path):
    header, rows = read_table(path)
    return units_import(rows=rows, header=header)


def test_a_tree_given_children_first_is_built_with_paths_and_successors():
    """Parents and successors named later in the file are resolved; paths follow the tree."""
    result = load(DATA / "units.csv")
    assert (result.created, result.updated, result.unchanged, result.errors) == (5, 0, 0, [])
    gio_an = Unit.objects.get(code="gio-an")
    assert gio_an.path == "/quang-tri/gio-linh/gio-an/"
    assert gio_an.parent.code == "gio-linh"
    assert gio_an.successor.code == "gio-linh-moi"
    assert gio_an.valid_to == dt.date(2025, 6, 30)
    assert gio_an.agency_code == ""
    assert Unit.objects.get(code="gio-linh-moi").valid_from == dt.date(2025, 7, 1)
    assert Unit.objects.get(code="gio-linh-tp").level == "office"


def test_reimport_is_unchanged_and_a_changed_row_updates_keeping_the_agency_code(tmp_path):
    """The same file again changes nothing; an edited row updates only that unit, agency code untouched."""
    load(DATA / "units.csv")
    Unit.objects.filter(code="gio-an").update(agency_code="000.21.27.H45")
    before = snapshot()
    again = load(DATA / "units.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert snapshot() == before

    path = write_csv(
        tmp_path / "u.csv",
        HEADER,
        [
            ["gio-an", "UBND xã Gio An (đổi tên)", "commune", "quang-tri", "", "", ""],
            ["quang-tri", "UBND tỉnh Quảng Trị", "province", "", "", "", ""],
        ],
    )
    result = load(path)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    gio_an = Unit.objects.get(code="gio-an")
    assert (gio_an.name, gio_an.path, gio_an.agency_code) == (
        "UBND xã Gio An (đổi tên)",
        "/quang-tri/gio-an/",
        "000.21.27.H45",
    )
    assert gio_an.successor is None and gio_an.valid_to is None


def test_moving_a_unit_moves_its_subtree():
    """A new parent rewrites the paths below the unit."""
    load(DATA / "units.csv")
    UnitFactory(code="thon-1", name="Thôn 1", parent=Unit.objects.get(code="gio-an"))
    units_import(rows=[{"code": "gio-an", "name": "UBND xã Gio An", "level": "commune", "parent_code": "quang-tri"}])
    assert Unit.objects.get(code="thon-1").path == "/quang-tri/gio-an/thon-1/"


def test_xlsx_with_real_dates_loads(tmp_path):
    """Dates typed as Excel dates are read as ISO dates."""
    path = write_xlsx(
        tmp_path / "u.xlsx",
        HEADER,
        [["top", "Top", "province", None, dt.datetime(2020, 1, 1), "2024-12-31", None]],
    )
    result = load(path)
    assert result.created == 1, result.errors
    top = Unit.objects.get(code="top")
    assert (top.valid_from, top.valid_to) == (dt.date(2020, 1, 1), dt.date(2024, 12, 31))


def test_every_bad_row_is_reported_at_once_and_nothing_is_written(tmp_path):
    """Unknown column, bad level, bad date, reversed dates, unknown parent, self-reference, duplicate, loop."""
    UnitFactory(code="existing", name="Existing", level="province")
    before = snapshot()
    path = write_csv(
        tmp_path / "u.csv",
        [*HEADER, "colour"],
        [
            ["ok", "OK", "province", "", "", "", "", ""],  # row 2
            ["b", "B", "hamlet", "ok", "", "", "", "red"],  # row 3
            ["c", "C", "commune", "ok", "1/7/2025", "", "", ""],  # row 4
            ["d", "D", "commune", "ok", "2025-07-01", "2025-06-30", "", ""],  # row 5
            ["e", "E", "commune", "nowhere", "", "", "", ""],  # row 6
            ["f", "F", "commune", "ok", "", "", "f", ""],  # row 7
            ["ok", "OK again", "province", "", "", "", "", ""],  # row 8
            ["g", "G", "commune", "h", "", "", "", ""],  # row 9
            ["h", "H", "commune", "g", "", "", "", ""],  # row 10
            ["i", "", "commune", "existing", "", "", "", ""],  # row 11
            ["j k", "J", "commune", "existing", "", "", "", ""],  # row 12
        ],
    )
    result = load(path)
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (1, "colour"),
        (3, "level"),
        (4, "valid_from"),
        (5, "valid_to"),
        (6, "parent_code"),
        (7, "successor_code"),
        (8, "code"),
        (9, "parent_code"),
        (10, "parent_code"),
        (11, "name"),
        (12, "code"),
    }
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "colour" in messages[(1, "colour")]
    assert "nowhere" in messages[(6, "parent_code")]
    assert "row 2" in messages[(8, "code")]
    assert "loop" in messages[(9, "parent_code")]
    assert [e.row for e in result.errors] == sorted(e.row for e in result.errors)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert snapshot() == before


def test_a_missing_required_column_is_named(tmp_path):
    """Without `level` in the header the file is refused with the column named, once."""
    path = write_csv(tmp_path / "u.csv", ["code", "name"], [["a", "A"], ["b", "B"]])
    result = load(path)
    assert [(e.row, e.column) for e in result.errors] == [(1, "level")]
    assert not Unit.objects.exists()


def test_a_loop_through_the_database_is_refused():
    """Making an existing ancestor the child of its descendant is a loop even if only one row is given."""
    load(DATA / "units.csv")
    result = units_import(
        rows=[{"code": "quang-tri", "name": "Quảng Trị", "level": "province", "parent_code": "gio-an"}]
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "parent_code")]
    assert Unit.objects.get(code="quang-tri").parent is None


def test_dry_run_counts_without_writing():
    """A dry run reports what would be created and writes nothing."""
    header, rows = read_table(DATA / "units.csv")
    result = units_import(rows=rows, header=header, dry_run=True)
    assert (result.created, result.dry_run) == (5, True)
    assert not Unit.objects.exists()
