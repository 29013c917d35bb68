"""Issue 7 items 5, 6 and 8 for the exchange tables: hostile cells are row errors, hostile files are refused
before they are parsed, and what the project writes is safe to open in a spreadsheet."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import load_workbook

from cchc.dossiers.models import Dossier, DossierEvent
from cchc.exchange.services import dossiers_import, procedures_import, units_import
from cchc.exchange.tables import TableError, read_table, write_xlsx

from .files import DATA, csv_text, write_csv
from .files import write_xlsx as write_xlsx_file

HEADER = ["code", "procedure_code", "unit_code", "channel", "received_at", "due_at", "finished_at", "outcome"]
HEADER_ID = [*HEADER, "applicant_name", "applicant_id"]


def load(path, service=dossiers_import):
    header, rows = read_table(path)
    return service(rows=rows, header=header)


@pytest.fixture
def reference_data(db):
    header, rows = read_table(DATA / "units.csv")
    assert units_import(rows=rows, header=header).ok
    header, rows = read_table(DATA / "procedures.csv")
    assert procedures_import(rows=rows, header=header).ok


def _errors(result) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


# --- item 5: control characters, dates out of range, ID numbers ---
@pytest.mark.django_db
def test_a_control_character_in_a_cell_is_a_row_error_naming_the_column_and_nothing_is_written(
    tmp_path, reference_data
):
    rows = [
        ["D-1", "1.001612", "gio-an", "direct", "2023-07-03T09:00", "", "", "", "Nguyễn\x1bVăn An", ""],
        ["D-2", "1.001612", "gio-an", "direct", "2023-07-03T09:00", "", "", "", "Trần\x00Bình", ""],
    ]
    result = load(write_csv(tmp_path / "d.csv", HEADER_ID, rows))
    assert not result.ok and Dossier.objects.count() == 0 and DossierEvent.objects.count() == 0
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(2, "applicant_name"), (3, "applicant_name")}
    assert all("applicant_name" in e.message and "U+" in e.message for e in result.errors)


@pytest.mark.django_db
@pytest.mark.parametrize("received", ["0001-01-01T09:00", "9999-12-31T09:00", "1989-12-31T09:00"])
def test_a_receipt_date_out_of_range_is_a_row_error(tmp_path, reference_data, received):
    rows = [["D-1", "1.001612", "gio-an", "direct", received, "", "", ""]]
    result = load(write_csv(tmp_path / "d.csv", HEADER, rows))
    assert [(e.row, e.column) for e in result.errors] == [(2, "received_at")]
    assert "1990" in result.errors[0].message and Dossier.objects.count() == 0


@pytest.mark.django_db
def test_id_numbers_follow_the_citizen_id_format(tmp_path, reference_data):
    """CCCD 12 digits, CMND 9 digits, passport a letter and 7-8 digits; anything else is a row error."""
    base = ["1.001612", "gio-an", "direct", "2023-07-03T09:00", "", "", "", "Nguyễn Văn An"]
    good = [["D-1", *base, "045123456789"], ["D-2", *base, "197123456"], ["D-3", *base, "C1234567"]]
    assert load(write_csv(tmp_path / "good.csv", HEADER_ID, good)).ok
    assert sorted(Dossier.objects.values_list("applicant_id_number", flat=True)) == [
        "045123456789",
        "197123456",
        "C1234567",
    ]
    bad = [["D-4", *base, "12345"], ["D-5", *base, "0451234567890"]]
    result = load(write_csv(tmp_path / "bad.csv", HEADER_ID, bad))
    assert {(e.row, e.column) for e in result.errors} == {(2, "applicant_id"), (3, "applicant_id")}
    assert Dossier.objects.count() == 3


# --- item 8: overflow, truncation, size limits, bombs ---
@pytest.mark.django_db
@pytest.mark.parametrize("fee", ["1e9999", "-1e9999", "1E+999999999", "NaN", "Infinity"])
def test_numeric_overflow_is_a_row_error_not_a_traceback(tmp_path, fee):
    header = ["code", "name", "level", "field", "processing_days", "online_service", "fee", "posted"]
    rows = [["9.000001", "Thủ tục thử", "commune", "Hộ tịch", "3", "none", fee, "true"]]
    result = load(write_csv(tmp_path / "p.csv", header, rows), procedures_import)
    assert [(e.row, e.column) for e in result.errors] == [(2, "fee")]


def test_an_unterminated_quote_is_refused(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text('code,name\r\na,"Xã Gio An\r\nb,"Xã Gio', encoding="utf-8")
    with pytest.raises(TableError, match="cut.csv"):
        read_table(path)


def test_a_last_row_cut_short_is_refused(tmp_path):
    """A copy cut mid-row leaves a last row with fewer values than the header: refused, not loaded with empty or
    cut cells."""
    path = tmp_path / "cut.csv"
    path.write_text("code,name,level\r\na,Xã A,commune\r\nb,Xã B", encoding="utf-8")
    with pytest.raises(TableError, match="cut short"):
        read_table(path)


def test_a_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.CCHC_IMPORT_MAX_MB = 1
    path = tmp_path / "big.csv"
    path.write_text("code,name\r\n" + "a,b\r\n" * 300_000, encoding="utf-8")
    with pytest.raises(TableError, match="1 MB"):
        read_table(path)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_too_many_rows_are_refused(tmp_path, settings, suffix):
    settings.CCHC_IMPORT_MAX_ROWS = 10
    rows = [[f"u-{i}", f"Xã {i}"] for i in range(11)]
    writer = write_csv if suffix == "csv" else write_xlsx_file
    with pytest.raises(TableError, match="10"):
        read_table(writer(tmp_path / f"t.{suffix}", ["code", "name"], rows))
    assert len(read_table(writer(tmp_path / f"ok.{suffix}", ["code", "name"], rows[:10]))[1]) == 10


def test_an_xlsx_bomb_is_refused_in_under_a_second(tmp_path, settings):
    """A real bomb: a sheet of 600 MB of spaces compresses to well under a megabyte; the members' declared sizes
    are summed before openpyxl opens anything."""
    settings.CCHC_IMPORT_MAX_UNZIPPED_MB = 500
    path = tmp_path / "bomb.xlsx"
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(600):
                member.write(chunk)
    assert path.stat().st_size < 5 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(TableError, match="500 MB"):
        read_table(path)
    assert time.monotonic() - started < 1


# --- item 6: exports safe to open ---
@pytest.mark.parametrize("cell", ["=1+1", "+84912345678", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_read_back(tmp_path, cell):
    text = csv_text(["code", "name"], [{"code": "a", "name": cell}])
    line = text.split("\r\n")[1]
    assert line in (f"a,'{cell}", f'a,"\'{cell}"')
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    # Reading the export back gives the stored text (stripped of surrounding blanks, as every cell is).
    assert read_table(path)[1] == [{"code": "a", "name": cell.strip()}]


def test_plain_cells_are_written_as_they_are():
    assert csv_text(["code", "name"], [{"code": "a", "name": "Xã 'Gio' An"}]) == "code,name\r\na,Xã 'Gio' An\r\n"


def test_xlsx_writes_strings_as_strings():
    buffer = io.BytesIO()
    write_xlsx(buffer, ["code", "name"], [{"code": "=1+1", "name": "@SUM(A1)"}])
    buffer.seek(0)
    sheet = load_workbook(buffer).worksheets[0]
    cell = sheet["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("@SUM(A1)", "s")
