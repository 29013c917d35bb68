"""Loading the unit tree, the procedure catalogue and dossiers from exchange tables (../shared import format).

Each import takes rows as a CSV reader gives them (dicts of column -> text), checks every row first and
reports every problem at once, then writes, all in one transaction: a file with one bad row writes nothing.
A code already in the database is updated (or counted unchanged when nothing differs), never duplicated.

Every cell is read NFC-normalised (validation.RowReader.raw), so decomposed names are stored composed.
An optional column left out of the header is the same as an empty cell. Fields the format does not carry
are never touched: a unit's agency code, short name and place name (a new unit gets them blank, to be
filled in the admin), a procedure's cut-off time, result, certification and active flags.

Dossiers go through the workflow guard (Action.IMPORT, in bulk statements: `workflow.apply_many`), so each
created or changed dossier gets an event; an unchanged one gets none. Beyond the format's columns, an import
derives: the clock start and, when `due_at` is empty, the deadline (the working-day calendar of the unit's
province, the procedure's time limit, the paper cut-off for direct and postal receipts; none for a procedure with
no legal time limit); the regime from the receipt date (`pre2018` before Decree 61/2018, whose given due dates
stand like any other); the procedure's time
limit and online level as they are at the first import (kept on re-import while the procedure stays the same);
the working days spent on resolved dossiers; `delivered_at` = `finished_at` for resolved ones (their status is
"delivered"). `apology_at` creates or moves the dossier's apology letter (with no new appointment),
`evaluated_at` its first evaluation (rated "satisfied": the format carries no rating); an empty cell leaves
existing ones alone.

A status that fits the row's outcome is left as it is (an open dossier may be awaiting a supplement, a resolved
one may be refused or delivered), so an export re-imports unchanged. A dossier received in this system (not
imported) is never changed by an import: a row that matches it counts as unchanged, a row that differs is an
error, because its life cycle is run here.
"""

from __future__ import annotations

from ..tables import read_table
from ..validation import ImportResult, RowError
from .dossiers import dossiers_import
from .procedures import procedures_import
from .units import units_import

__all__ = ["ImportResult", "RowError", "dossiers_import", "procedures_import", "read_table", "units_import"]
