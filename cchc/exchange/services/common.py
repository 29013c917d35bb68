"""Helpers every exchange import shares: the header check, the result, code uniqueness and chunked queries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext as _

from ..formats import Columns
from ..tables import Row
from ..validation import ImportResult, RowReader, check_header, header_of

# Keeps `code IN (...)` under every backend's limit on query parameters.
CHUNK = 500


def begin(
    rows: Sequence[Row], header: Sequence[str] | None, columns: Columns, dry_run: bool
) -> tuple[ImportResult, set[str]]:
    result = ImportResult(dry_run=dry_run)
    missing = check_header(header if header is not None else header_of(rows), columns, result.errors)
    return result, missing


def finish(result: ImportResult) -> ImportResult:
    result.errors.sort(key=lambda error: error.row)
    return result


def check_unique(reader: RowReader, code: str | None, first_row: dict[str, int]) -> None:
    if not code:
        return
    if code in first_row:
        reader.error("code", _("code %(code)r already appears in row %(row)d") % {"code": code, "row": first_row[code]})
    else:
        first_row[code] = reader.number


def chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]
