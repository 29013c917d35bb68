"""Helpers for the exchange tests: real files written to tmp_path, and snapshots of the tables an import touches."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cchc.dossiers.models import Apology, Dossier, DossierEvent
from cchc.exchange import tables
from cchc.feedback.models import Evaluation
from cchc.procedures.models import Procedure
from cchc.units.models import Unit

DATA = Path(__file__).parent / "data"
TOUCHED = (Unit, Procedure, Dossier, DossierEvent, Apology, Evaluation)


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], *, bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table an import may touch, to compare before and after a rejected file."""
    return {model.__name__: [dict(row) for row in model._default_manager.order_by("pk").values()] for model in TOUCHED}


def csv_text(header: Sequence[str], rows: Iterable[dict[str, str]]) -> str:
    """The table as the export writes it (`write_csv`: CRLF, minimal quoting, formulas neutralised), as text."""
    buffer = io.StringIO()
    tables.write_csv(buffer, header, rows)
    return buffer.getvalue()
