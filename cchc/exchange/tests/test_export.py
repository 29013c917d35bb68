"""`cchc export dossiers` and `dossier_export_rows`: the import format, read back as unchanged."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from cchc.dossiers.models import Apology, Dossier, DossierEvent
from cchc.exchange.formats import DOSSIER_COLUMNS
from cchc.exchange.selectors import SOURCES, dossier_export_rows
from cchc.exchange.services import dossiers_import, procedures_import, units_import
from cchc.exchange.tables import read_table
from cchc.feedback.models import Evaluation
from cchc.lib.periods import parse_period
from cchc.testing.factories import local
from cchc.units.models import Unit

from .files import DATA, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    """The sample tree, catalogue and dossiers."""
    for name, service in (("units", units_import), ("procedures", procedures_import), ("dossiers", dossiers_import)):
        header, rows = read_table(DATA / f"{name}.csv")
        assert service(rows=rows, header=header).ok


def test_the_export_has_the_import_columns_in_order():
    """Every column of the format is exported, in the format's order."""
    assert tuple(SOURCES) == DOSSIER_COLUMNS.order


def test_export_writes_offsets_flags_and_related_times(loaded):
    """Times carry their +07:00 offset; apology_at and evaluated_at come from the related rows."""
    Evaluation.objects.create(
        dossier=Dossier.objects.get(code="000.21.27.H45-230703-0001"), submitted_at=local(2023, 8, 1, 9, 0)
    )
    rows = {row["code"]: row for row in dossier_export_rows()}
    first = rows["000.21.27.H45-230703-0001"]
    assert first["received_at"] == "2023-07-03T09:00:00+07:00"
    assert first["due_at"] == "2023-07-06T09:00:00+07:00"
    assert first["evaluated_at"] == "2023-07-05T10:30:00+07:00"  # the first evaluation
    assert (first["outcome"], first["components_digitized"], first["e_certified"]) == ("resolved", "true", "false")
    assert first["applicant_id"] == "045123456789"
    assert rows["000.21.27.H45-230704-0001"]["apology_at"] == "2023-07-07T15:00:00+07:00"
    pending = rows["000.21.27.H45-230703-0002"]
    assert (pending["finished_at"], pending["outcome"], pending["apology_at"]) == ("", "", "")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_is_unchanged(loaded, tmp_path, fmt):
    """A file written by the export re-imports with every dossier unchanged and nothing written."""
    path = tmp_path / f"out.{fmt}"
    call_command("export", "dossiers", "--out", str(path))
    before = snapshot()
    header, rows = read_table(path)
    assert header == list(DOSSIER_COLUMNS.order)
    result = dossiers_import(rows=rows, header=header)
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 0, 5, [])
    assert snapshot() == before


def test_export_to_an_empty_database_then_import_recreates_the_same_dossiers(loaded, tmp_path):
    """The export carries everything the format holds: a fresh load of it gives the same field values."""
    path = tmp_path / "out.csv"
    call_command("export", "dossiers", "--out", str(path))
    fields = ["code", "received_at", "due_at", "finished_at", "outcome", "status", "regime", "processing_working_days"]
    before = list(Dossier.objects.order_by("code").values(*fields))
    code_of_unit = dict(Unit.objects.values_list("pk", "code"))
    units = [code_of_unit[pk] for pk in Dossier.objects.order_by("code").values_list("receiving_unit", flat=True)]
    for model in (DossierEvent, Evaluation, Apology):
        model.objects.all().delete()
    Dossier.objects.all().delete()
    header, rows = read_table(path)
    assert dossiers_import(rows=rows, header=header).created == 5
    assert list(Dossier.objects.order_by("code").values(*fields)) == before
    assert [d.receiving_unit.code for d in Dossier.objects.order_by("code")] == units


def test_csv_goes_to_stdout_and_unit_and_period_filter(loaded):
    """--unit takes the unit's subtree; --period takes what the period counts (received or carried over)."""
    out = io.StringIO()
    call_command("export", "dossiers", "--unit", "gio-linh", stdout=out)
    lines = out.getvalue().split("\r\n")
    assert lines[0] == ",".join(DOSSIER_COLUMNS.order)
    codes = {line.split(",")[0] for line in lines[1:] if line}
    assert codes == {
        "000.21.27.H45-230703-0001",
        "000.21.27.H45-230703-0002",
        "000.21.27.H45-230704-0001",
        "000.00.27.H45-230705-0001",
    }
    in_period = {row["code"] for row in dossier_export_rows(period=parse_period("2023-07-06..2023-07-31"))}
    # Received before, finished in or after the period, or still pending; the one finished on 07-05 is out.
    assert in_period == {"000.21.27.H45-230703-0002", "000.21.27.H45-230704-0001", "000.00.27.H45-230705-0001"}


def test_dossiers_received_here_round_trip_unchanged_and_cannot_be_changed_by_an_import(cast):
    """A live dossier exported and re-imported keeps its status; a row that would change it is refused."""
    from cchc.dossiers.services import dossier_receive, dossier_request_supplement
    from cchc.dossiers.workflow import Status

    dossier = dossier_receive(
        by=cast.desk_a,
        unit=cast.commune_a,
        procedure=cast.procedure,
        channel="direct",
        applicant={"name": "Hồ Thị Em", "phone": "0911000111"},
    )
    dossier_request_supplement(dossier=dossier, by=cast.desk_a, reason="Thiếu tờ khai")
    rows = list(dossier_export_rows(unit=cast.commune_a))
    before = snapshot()
    result = dossiers_import(rows=rows)
    assert (result.unchanged, result.updated, result.errors) == (1, 0, [])
    assert snapshot() == before
    dossier.refresh_from_db()
    assert (dossier.status, dossier.imported) == (Status.AWAITING_SUPPLEMENT, False)

    rows[0]["applicant_phone"] = "0999999999"
    rows[0]["evaluated_at"] = "2023-07-04T10:30:00+07:00"
    result = dossiers_import(rows=rows)
    assert [(e.row, e.column) for e in result.errors] == [(2, "applicant_phone")]
    assert "applicant_phone, evaluated_at" in result.errors[0].message
    assert snapshot() == before
