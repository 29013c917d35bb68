"""`procedures_import`: the catalogue from a table, all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc.exchange.services import procedures_import
from cchc.exchange.tables import read_table
from cchc.procedures.models import Procedure

from .files import DATA, snapshot, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["code", "name", "level", "field", "processing_days", "online_service", "fee", "posted"]


def load(path):
    header, rows = read_table(path)
    return procedures_import(rows=rows, header=header)


def test_the_catalogue_loads_with_half_days_fees_and_flags():
    """Every column lands on the procedure; 0.5 working days is allowed."""
    result = load(DATA / "procedures.csv")
    assert (result.created, result.updated, result.unchanged, result.errors) == (3, 0, 0, [])
    certification = Procedure.objects.get(code="2.000815")
    assert certification.processing_days == Decimal("0.5")
    assert (certification.online_service, certification.fee, certification.posted) == ("partial", 2000, True)
    land = Procedure.objects.get(code="1.004227")
    assert (land.level, land.field, land.posted, land.fee) == ("district", "Đất đai", False, 100000)
    assert Procedure.objects.get(code="1.001612").fee is None


def test_reimport_is_unchanged_and_edits_update_only_format_fields(tmp_path):
    """Fields outside the format (cut-off, certification flag) survive an update."""
    load(DATA / "procedures.csv")
    Procedure.objects.filter(code="2.000815").update(is_certification=True)
    again = load(DATA / "procedures.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    path = write_xlsx(tmp_path / "p.xlsx", HEADER, [["2.000815", "Chứng thực", "commune", "", 1, "full", None, False]])
    result = load(path)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0), result.errors
    certification = Procedure.objects.get(code="2.000815")
    assert (certification.processing_days, certification.online_service, certification.posted) == (1, "full", False)
    assert certification.is_certification is True


def test_bad_values_are_all_reported_and_nothing_is_written(tmp_path):
    """Negative or non-numeric days, too many decimals, bad online level, bad flag, bad fee, bad level."""
    load(DATA / "procedures.csv")
    before = snapshot()
    path = write_csv(
        tmp_path / "p.csv",
        HEADER,
        [
            ["1.001612", "Changed name", "commune", "", "3", "full", "", "true"],  # row 2: fine on its own
            ["n1", "N1", "commune", "", "-1", "none", "", ""],  # row 3
            ["n2", "N2", "commune", "", "ba", "none", "", ""],  # row 4
            ["n3", "N3", "commune", "", "1.25", "none", "", ""],  # row 5
            ["n4", "N4", "commune", "", "1", "level4", "", ""],  # row 6
            ["n5", "N5", "commune", "", "1", "none", "", "yes"],  # row 7
            ["n6", "N6", "commune", "", "1", "none", "12.5", ""],  # row 8
            ["n7", "N7", "ward", "", "", "none", "", ""],  # row 9: two problems
        ],
    )
    result = load(path)
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "processing_days"),
        (4, "processing_days"),
        (5, "processing_days"),
        (6, "online_service"),
        (7, "posted"),
        (8, "fee"),
        (9, "level"),
        (9, "processing_days"),
    ]
    assert "negative" in result.errors[0].message
    assert "not a number" in result.errors[1].message
    assert snapshot() == before
