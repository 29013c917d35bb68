"""Reading CSV and XLSX into the same rows of text."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.exchange.tables import EXTRA, TableError, read_table

from .files import DATA, csv_text, write_csv, write_xlsx


def test_csv_with_bom_and_rfc4180_quoting_reads_back_cell_for_cell(tmp_path):
    """The BOM is dropped from the first column name; quoted commas, quotes and line breaks survive."""
    path = write_csv(tmp_path / "t.csv", ["code", "name"], [["a", 'Xã "Gio An", huyện\nGio Linh'], ["b", "  spaced  "]])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    header, rows = read_table(path)
    assert header == ["code", "name"]
    assert rows == [{"code": "a", "name": 'Xã "Gio An", huyện\nGio Linh'}, {"code": "b", "name": "spaced"}]


def test_sample_files_read(tmp_path):
    """The sample files shipped with the tests are valid tables."""
    header, rows = read_table(DATA / "units.csv")
    assert header[0] == "code"
    assert len(rows) == 5


def test_blank_rows_keep_the_numbering_and_extra_values_are_kept_for_reporting(tmp_path):
    """Row i of the list is row i + 2 of the file, blank or not; values past the header are flagged."""
    path = tmp_path / "t.csv"
    path.write_text("code,name\r\na,A\r\n\r\nb,B,surplus\r\n\r\n", encoding="utf-8")
    header, rows = read_table(path)
    assert rows[0] == {"code": "a", "name": "A"}
    assert rows[1] == {"code": "", "name": ""}
    assert rows[2] == {"code": "b", "name": "B", EXTRA: "surplus"}
    assert len(rows) == 3


def test_xlsx_cells_become_the_text_the_format_expects(tmp_path):
    """Excel datetimes, dates, booleans and numbers arrive as ISO text, true/false and plain numbers."""
    path = write_xlsx(
        tmp_path / "t.xlsx",
        ["received_at", "valid_from", "posted", "processing_days", "days", "code", None],
        [[dt.datetime(2023, 7, 3, 9, 30), dt.datetime(2023, 1, 1), True, 0.5, 3, "1.001612", None]],
    )
    header, rows = read_table(path)
    assert header == ["received_at", "valid_from", "posted", "processing_days", "days", "code"]
    assert rows == [
        {
            "received_at": "2023-07-03T09:30:00",
            "valid_from": "2023-01-01",
            "posted": "true",
            "processing_days": "0.5",
            "days": "3",
            "code": "1.001612",
        }
    ]


def test_unreadable_files_are_refused_with_a_reason(tmp_path):
    """A wrong extension, non-UTF-8 bytes or a broken XLSX raise TableError naming the file."""
    other = tmp_path / "t.ods"
    other.write_text("x")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("code,name\r\na,Gi\xf4\r\n".encode("latin-1"))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    for path in (other, latin, broken):
        with pytest.raises(TableError, match=path.name):
            read_table(path)


def test_csv_text_uses_crlf_and_quotes_only_where_needed():
    """The writer follows RFC 4180."""
    assert csv_text(["a", "b"], [{"a": "x,y", "b": "z"}]) == 'a,b\r\n"x,y",z\r\n'
