"""Reading and writing the exchange tables: CSV (UTF-8, BOM accepted, RFC 4180) and XLSX (first sheet).

Every cell comes out as a string, exactly as a CSV cell would, so the importers see one shape whatever the
file type. Excel cells that hold real values are turned into the text the format expects: datetimes into
ISO 8601 (a midnight becomes a plain date), booleans into `true`/`false`, whole numbers without `.0`.
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

Row = dict[Any, str]
# Values beyond the header's last column are kept under this key so the importers can report them.
EXTRA = None
MB = 1024 * 1024
# A CSV cell starting with one of these would be run as a formula by a spreadsheet that opens the file
# (CSV injection): written with a leading apostrophe, which read_table removes again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TableError(Exception):
    """The file cannot be read as a table at all (wrong type, bad encoding, broken quoting)."""


def read_table(path: str | Path) -> tuple[list[str], list[Row]]:
    """Read a CSV or XLSX file into its header and one dict (column -> text) per data row.

    Row i of the returned list is row i + 2 of the file (the header is row 1); blank rows are kept as
    dicts of empty strings so that numbering holds, and the importers skip them.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise TableError(_("%(file)s: use a .csv or .xlsx file") % {"file": path.name})
    _check_size(path)
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                records = _limited(csv.reader(handle, strict=True), path)
        except UnicodeDecodeError as exc:
            raise TableError(_("%(file)s is not UTF-8 text: %(error)s") % {"file": path.name, "error": exc}) from exc
        except csv.Error as exc:
            raise TableError(_("%(file)s is not valid CSV: %(error)s") % {"file": path.name, "error": exc}) from exc
        _check_complete(records, path)
        return _from_records([[_unneutralized(value) for value in record] for record in records])
    return _from_records(_xlsx_records(path))


def iter_table(path: str | Path) -> tuple[list[str], Iterator[Row]]:
    """`read_table` for a file of any length: the header at once, the data rows one at a time as they are read
    (a CSV from its text stream, an XLSX through openpyxl's read-only sheet), in constant memory.

    The rows are numbered and shaped as read_table's; blank rows come through (the importers skip them). A CSV
    broken further down (bad quoting, a byte that is not UTF-8, a last row cut short) raises TableError when the
    iteration reaches it, so a caller writing as it reads must do so in a transaction it can roll back. There is
    no row limit (CCHC_IMPORT_MAX_ROWS bounds read_table only): the file size limit still applies.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise TableError(_("%(file)s: use a .csv or .xlsx file") % {"file": path.name})
    _check_size(path)
    records = _csv_records(path) if suffix == ".csv" else _xlsx_stream(path)
    first = next(records, None)
    if first is None:
        return [], iter(())
    header = [name.strip() for name in first]
    while header and not header[-1]:
        header.pop()
    return header, (_row(header, record) for record in _complete(records, len(first), path))


def _csv_records(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for record in csv.reader(handle, strict=True):
                yield [_unneutralized(value) for value in record]
    except UnicodeDecodeError as exc:
        raise TableError(_("%(file)s is not UTF-8 text: %(error)s") % {"file": path.name, "error": exc}) from exc
    except csv.Error as exc:
        raise TableError(_("%(file)s is not valid CSV: %(error)s") % {"file": path.name, "error": exc}) from exc


def _xlsx_stream(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    _check_unzipped(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types (zipfile, KeyError, InvalidFileException) for a bad file
        raise TableError(
            _("%(file)s is not a readable XLSX file: %(error)s") % {"file": path.name, "error": exc}
        ) from exc
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield [cell_text(value) for value in row]
    finally:
        workbook.close()


def _complete(records: Iterator[list[str]], width: int, path: Path) -> Iterator[list[str]]:
    """The records after the header, holding one back to refuse a last row cut short (_check_complete)."""
    previous, number = None, 1
    for record in records:
        if previous is not None:
            yield previous
        previous, number = record, number + 1
    if previous is not None:
        if any(value.strip() for value in previous) and len(previous) < width:
            raise TableError(
                _("%(file)s looks cut short: its last row (row %(row)s) has %(found)s values for %(expected)s columns.")
                % {"file": path.name, "row": number, "found": len(previous), "expected": width}
            )
        yield previous


def _row(header: list[str], record: list[str]) -> Row:
    values = [value.strip() for value in record]
    row: Row = {name: (values[i] if i < len(values) else "") for i, name in enumerate(header)}
    extra = [value for value in values[len(header) :] if value]
    if extra:
        row[EXTRA] = ", ".join(extra)
    return row


def _check_size(path: Path) -> None:
    limit = settings.CCHC_IMPORT_MAX_MB
    if path.stat().st_size > limit * MB:
        raise TableError(_("%(file)s is larger than %(max)s MB.") % {"file": path.name, "max": limit})


def _limited(records: Iterable[list[str]], path: Path) -> list[list[str]]:
    """The records, or TableError as soon as there are more data rows than settings.CCHC_IMPORT_MAX_ROWS."""
    limit = settings.CCHC_IMPORT_MAX_ROWS
    out = []
    for record in records:
        out.append(record)
        if len(out) > limit + 1:  # the header and `limit` data rows
            raise TableError(
                _("%(file)s has more than %(max)s data rows: split it.") % {"file": path.name, "max": limit}
            )
    return out


def _check_complete(records: list[list[str]], path: Path) -> None:
    """A last row with fewer values than the header is a file cut short (a copy or an upload that stopped),
    refused rather than loaded with its last cells cut or empty."""
    if len(records) < 2:
        return
    last = records[-1]
    if any(value.strip() for value in last) and len(last) < len(records[0]):
        raise TableError(
            _("%(file)s looks cut short: its last row (row %(row)s) has %(found)s values for %(expected)s columns.")
            % {"file": path.name, "row": len(records), "found": len(last), "expected": len(records[0])}
        )


def _unneutralized(value: str) -> str:
    """A cell as it was before write_csv neutralised it ("'=1+1" is read as "=1+1")."""
    if value.startswith("'") and value[1:2] and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def _check_unzipped(path: Path) -> None:
    """An XLSX is a ZIP archive: the sizes its members declare are checked before any is decompressed, so a
    small file that would decompress to gigabytes (a ZIP bomb) is refused at once."""
    limit = settings.CCHC_IMPORT_MAX_UNZIPPED_MB
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise TableError(
            _("%(file)s is not a readable XLSX file: %(error)s") % {"file": path.name, "error": exc}
        ) from exc
    if total > limit * MB:
        raise TableError(
            _("%(file)s would take more than %(max)s MB once decompressed: it is refused.")
            % {"file": path.name, "max": limit}
        )


def _xlsx_records(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_unzipped(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types (zipfile, KeyError, InvalidFileException) for a bad file
        raise TableError(
            _("%(file)s is not a readable XLSX file: %(error)s") % {"file": path.name, "error": exc}
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = ([cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True))
        return _limited(rows, path)
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
        rows.append(_row(header, record))
    while rows and not any(rows[-1].values()):
        rows.pop()
    return header, rows


def neutralized(value: Any) -> str:
    """A CSV cell that no spreadsheet runs as a formula: one starting with = + - @, a tab or a carriage
    return gets a leading apostrophe (OWASP's advice on CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(stream: SupportsWrite[str], header: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    """Write an RFC 4180 table (CRLF line ends, quotes only where needed) to a text stream, every cell
    neutralised against formulas (read_table reads the cell back as it was)."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([neutralized(name) for name in header])
    for row in rows:
        writer.writerow([neutralized(row.get(name, "")) for name in header])


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
