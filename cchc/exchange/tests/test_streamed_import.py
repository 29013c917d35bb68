"""`cchc import dossiers` streams its file: it is read and written a batch at a time (services.dossiers.BATCH_ROWS)
inside one transaction, so a file of any length holds about one batch in memory and is still all or nothing: a bad
row after batches already written (the last one) rolls them back and is named with its row and column."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cchc.dossiers.models import Dossier
from cchc.exchange.services import dossiers as dossier_service
from cchc.exchange.tables import TableError, iter_table

from .files import DATA, snapshot, write_csv

pytestmark = pytest.mark.django_db

HEADER = ["code", "procedure_code", "unit_code", "channel", "received_at", "finished_at", "outcome", "applicant_name"]
ROWS = 35  # 4 batches of 10


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(dossier_service, "BATCH_ROWS", 10)
    call_command("import", "units", str(DATA / "units.csv"), stdout=io.StringIO())
    call_command("import", "procedures", str(DATA / "procedures.csv"), stdout=io.StringIO())


def _rows(n: int = ROWS) -> list[list[str]]:
    return [
        [f"STREAM-{i:04d}", "1.001612", "gio-an", "direct", f"2023-07-{1 + i % 28:02d}T09:00", "", "", "Nguyễn Văn An"]
        for i in range(n)
    ]


def _import(path: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "dossiers", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_file_longer_than_a_batch_loads_whole(tmp_path):
    out, _ = _import(write_csv(tmp_path / "d.csv", HEADER, _rows()))
    assert out == f"dossiers: {ROWS} created, 0 updated, 0 unchanged\n"
    assert Dossier.objects.filter(code__startswith="STREAM-").count() == ROWS
    out, _ = _import(tmp_path / "d.csv")
    assert out == f"dossiers: 0 created, 0 updated, {ROWS} unchanged\n"


def test_a_bad_last_row_rolls_back_the_batches_written_before_it(tmp_path):
    rows = _rows()
    rows[-1][3] = "pigeon"  # an unknown channel, in the 4th batch: batches 1-3 were already written
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        _import(write_csv(tmp_path / "d.csv", HEADER, rows))
    assert "1 problem; nothing was written" in str(raised.value)
    assert snapshot() == before
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "dossiers", str(tmp_path / "d.csv"), stdout=io.StringIO(), stderr=out)
    assert f"row {ROWS + 1}, column channel:" in out.getvalue()  # the header is row 1


def test_a_code_repeated_in_a_later_batch_is_an_error_naming_the_first_row(tmp_path):
    rows = _rows()
    rows[-1][0] = rows[2][0]
    err = io.StringIO()
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("import", "dossiers", str(write_csv(tmp_path / "d.csv", HEADER, rows)), stderr=err)
    assert f"row {ROWS + 1}, column code: code 'STREAM-0002' already appears in row 4" in err.getvalue()
    assert snapshot() == before


def test_a_file_cut_short_in_its_last_row_writes_nothing(tmp_path):
    path = write_csv(tmp_path / "d.csv", HEADER, _rows())
    path.write_text(path.read_text(encoding="utf-8-sig") + "STREAM-9999,1.001612,gio-an\n", encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match=rf"looks cut short: its last row \(row {ROWS + 2}\)"):
        _import(path)
    assert snapshot() == before


def test_broken_quoting_far_down_the_file_writes_nothing(tmp_path):
    path = write_csv(tmp_path / "d.csv", HEADER, _rows())
    path.write_text(path.read_text(encoding="utf-8-sig") + 'X,"unclosed\n', encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match="is not valid CSV"):
        _import(path)
    assert snapshot() == before


def test_iter_table_reads_what_read_table_reads():
    from cchc.exchange.tables import read_table

    header, rows = iter_table(DATA / "dossiers.csv")
    assert (header, list(rows)) == read_table(DATA / "dossiers.csv")
    with pytest.raises(TableError):
        iter_table(DATA / "nothing.txt")
