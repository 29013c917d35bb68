"""Loading the procedure catalogue from exchange tables."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from cchc.procedures.models import OnlineService, Procedure, ProcedureLevel

from ..formats import PROCEDURE_COLUMNS, PROCEDURE_POSTING_COLUMNS
from ..tables import Row
from ..validation import ImportResult, RowReader, data_rows, header_of
from .common import begin, check_unique, finish

# The longest text a public-posting cell may hold (result_description is a CharField of 500).
POSTING_MAX_LENGTH = {"legal_basis": 4000, "result_description": 500, "online_note": 2000, "submission_place": 2000}

# How a catalogue writes "the law sets no time limit" in the processing_days cell. An empty cell is an error: a
# forgotten cell must not make a procedure whose dossiers are never late.
NO_TIME_LIMIT = "không quy định"


def _time_limit(reader: RowReader) -> Decimal | None:
    """The procedure's legal time limit in working days; None when the cell says the law sets none
    ("không quy định", in any letter case)."""
    if reader.raw("processing_days").casefold() == NO_TIME_LIMIT:
        return None
    return reader.decimal("processing_days", required=True, places=1, max_digits=5)


@transaction.atomic
def procedures_import(
    *, rows: Sequence[Row], dry_run: bool = False, header: Sequence[str] | None = None
) -> ImportResult:
    """Create or update catalogue procedures from `rows`.

    Checks codes (unique in the file), names, levels, the time limit (a number of working days, not negative,
    one decimal at most: 0.5 is allowed; "không quy định" when the law sets none), the online service
    level, the fee (whole VND) and `posted`. The public-posting columns (legal basis, result, what is done online,
    where to submit) are written only when the file has them.
    Writes nothing when any row is wrong or on a dry run.
    """
    rows = list(rows)
    result, missing = begin(rows, header, PROCEDURE_COLUMNS, dry_run)
    present = set(header if header is not None else header_of(rows))
    posting = [column for column in PROCEDURE_POSTING_COLUMNS if column in present]
    existing = {procedure.code: procedure for procedure in Procedure.objects.all()}
    first_row: dict[str, int] = {}
    plans: list[tuple[str, dict[str, Any]]] = []
    for reader in data_rows(rows, missing, result.errors):
        code = reader.text("code", required=True, max_length=64)
        values = {
            "name": reader.text("name", required=True, max_length=500),
            "level": reader.choice("level", ProcedureLevel.values, required=True),
            "field": reader.text("field", max_length=200),
            "processing_days": _time_limit(reader),
            "online_service": reader.choice("online_service", OnlineService.values, default=OnlineService.NONE),
            "fee": reader.decimal("fee", places=0, max_digits=14, integer=True),
            "posted": reader.boolean("posted", default=True),
        }
        for column in posting:
            values[column] = reader.text(column, max_length=POSTING_MAX_LENGTH[column])
        check_unique(reader, code, first_row)
        if not reader.failed:
            plans.append((code, values))  # type: ignore[arg-type]
    if result.errors:
        return finish(result)

    for code, values in plans:
        procedure = existing.get(code)
        if procedure is None:
            result.created += 1
            if not dry_run:
                Procedure.objects.create(code=code, **values)
        elif all(getattr(procedure, name) == value for name, value in values.items()):
            result.unchanged += 1
        else:
            result.updated += 1
            if not dry_run:
                for name, value in values.items():
                    setattr(procedure, name, value)
                procedure.save()
    return finish(result)
