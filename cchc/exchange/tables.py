"""Reading and writing the exchange tables: CSV (UTF-8, BOM accepted, RFC 4180) and XLSX (first sheet).

Every cell comes out as a string, exactly as a CSV cell would, so the importers see one shape whatever the
file type. Excel cells that hold real values are turned into the text the format expects: datetimes into
ISO 8601 (a midnight becomes a plain date), booleans into `true`/`false`, whole numbers without `.0`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

Row = dict[Any, str]
# Values beyond the header's last column are kept under this key so the importers can report them.
EXTRA = None


class TableError(Exception):
    """The file cannot be read as a table at all (wrong type, bad encoding, broken quoting)."""


def read_table(path: str | Path) -> tuple[list[str], list[Row]]:
    """Read a CSV or XLSX file into its header and one dict (column -> text) per data row.

    Row i of the returned list is row i + 2 of the file (the header is row 1); blank rows are kept as
    dicts of empty strings so that numbering holds, and the importers skip them.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return _from_records(list(csv.reader(handle, strict=True)))
        except UnicodeDecodeError as exc:
            raise TableError(_("%(file)s is not UTF-8 text: %(error)s") % {"file": path.name, "error": exc}) from exc
        except csv.Error as exc:
            raise TableError(_("%(file)s is not valid CSV: %(error)s") % {"file": path.name, "error": exc}) from exc
    if suffix == ".xlsx":
        return _from_records(_xlsx_records(path))
    raise TableError(_("%(file)s: use a .csv or .xlsx file") % {"file": path.name})


def _xlsx_records(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types (zipfile, KeyError, InvalidFileException) for a bad file
        raise TableError(
            _("%(file)s is not a readable XLSX file: %(error)s") % {"file": path.name, "error": exc}
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    """The text of one spreadsheet cell as the format writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _from_records(records: list[list[str]]) -> tuple[list[str], list[Row]]:
    if not records:
        return [], []
    header = [name.strip() for name in records[0]]
    while header and not header[-1]:
        header.pop()
    rows: list[Row] = []
    for record in records[1:]:
        values = [value.strip() for value in record]
        row: Row = {name: (values[i] if i < len(values) else "") for i, name in enumerate(header)}
        extra = [value for value in values[len(header) :] if value]
        if extra:
            row[EXTRA] = ", ".join(extra)
        rows.append(row)
    while rows and not any(rows[-1].values()):
        rows.pop()
    return header, rows


def write_csv(stream: IO[str], header: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    """Write an RFC 4180 table (CRLF line ends, quotes only where needed) to a text stream."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])


def write_xlsx(target: str | Path | IO[bytes], header: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    """Write a one-sheet workbook of text cells (text keeps the offsets Excel's datetimes cannot hold)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("dossiers")

    def cells(values: Iterable[str]) -> list[WriteOnlyCell]:
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            # A leading "=" would otherwise make openpyxl store a formula.
            cell.data_type = "s"
            out.append(cell)
        return out

    sheet.append(cells(header))
    for row in rows:
        sheet.append(cells(row.get(name, "") for name in header))
    workbook.save(target)


def csv_text(header: Sequence[str], rows: Iterable[dict[str, str]]) -> str:
    """The table as CSV text (no BOM), for tests and small in-memory uses."""
    buffer = io.StringIO()
    write_csv(buffer, header, rows)
    return buffer.getvalue()
