"""Loading the unit tree from exchange tables: parents and successors may come in any order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.units.models import Unit, UnitLevel

from ..formats import UNIT_COLUMNS
from ..tables import Row
from ..validation import ImportResult, RowError, data_rows
from .common import begin, check_unique, finish


@dataclass(frozen=True)
class _UnitRow:
    row: int
    code: str
    name: str
    level: str
    parent_code: str
    successor_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def state(self) -> tuple[Any, ...]:
        return (self.name, self.level, self.parent_code, self.valid_from, self.valid_to, self.successor_code)


def _unit_state(unit: Unit, code_of: dict[int | None, str]) -> tuple[Any, ...]:
    return (
        unit.name,
        unit.level,
        code_of.get(unit.parent_id, ""),
        unit.valid_from,
        unit.valid_to,
        code_of.get(unit.successor_id, ""),
    )


def _walk_up(code: str, parent_of: dict[str, str]) -> tuple[int, bool]:
    """The depth of `code` in the tree, and whether its chain of parents loops."""
    seen, current, depth = {code}, parent_of.get(code, ""), 0
    while current:
        if current in seen:
            return depth, True
        seen.add(current)
        depth += 1
        current = parent_of.get(current, "")
    return depth, False


@transaction.atomic
def units_import(*, rows: Sequence[Row], dry_run: bool = False, header: Sequence[str] | None = None) -> ImportResult:
    """Create or update units from `rows`; parents and successors may come in any order, in the file or the DB.

    Checks codes, names, levels, dates (valid_to not before valid_from) and that every parent_code and
    successor_code names a unit of the file or the database, without loops in the tree. Writes nothing when
    any row is wrong or on a dry run.
    """
    rows = list(rows)
    result, missing = begin(rows, header, UNIT_COLUMNS, dry_run)
    existing = {unit.code: unit for unit in Unit.objects.all()}
    code_of = {unit.pk: unit.code for unit in existing.values()}
    first_row: dict[str, int] = {}
    plans: list[_UnitRow] = []
    for reader in data_rows(rows, missing, result.errors):
        code = reader.slug("code", required=True)
        name = reader.text("name", required=True, max_length=200)
        level = reader.choice("level", UnitLevel.values, required=True)
        parent_code = reader.slug("parent_code")
        successor_code = reader.slug("successor_code")
        valid_from, valid_to = reader.date("valid_from"), reader.date("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            reader.error(
                "valid_to", _("valid_to %(to)s is before valid_from %(from)s") % {"to": valid_to, "from": valid_from}
            )
        check_unique(reader, code, first_row)
        if not reader.failed:
            plans.append(
                _UnitRow(reader.number, code, name, level, parent_code, successor_code, valid_from, valid_to)  # type: ignore[arg-type]
            )

    known = set(existing) | set(first_row)
    parent_of = {unit.code: code_of.get(unit.parent_id, "") for unit in existing.values()}
    parent_of.update({plan.code: plan.parent_code for plan in plans})
    for plan in plans:
        bad = False
        for column, reference in (("parent_code", plan.parent_code), ("successor_code", plan.successor_code)):
            if reference == plan.code:
                result.errors.append(RowError(plan.row, column, _("a unit cannot refer to itself")))
                bad = True
            elif reference and reference not in known:
                result.errors.append(
                    RowError(
                        plan.row,
                        column,
                        _("unknown unit %(code)r (not in the file or the database)") % {"code": reference},
                    )
                )
                bad = True
        if not bad and _walk_up(plan.code, parent_of)[1]:
            result.errors.append(
                RowError(
                    plan.row,
                    "parent_code",
                    _("the parent %(code)r makes a loop in the tree") % {"code": plan.parent_code},
                )
            )
    if result.errors:
        return finish(result)

    plans.sort(key=lambda plan: _walk_up(plan.code, parent_of)[0])
    changed: list[_UnitRow] = []
    for plan in plans:
        unit = existing.get(plan.code)
        if unit is None:
            result.created += 1
            changed.append(plan)
        elif _unit_state(unit, code_of) == plan.state():
            result.unchanged += 1
        else:
            result.updated += 1
            changed.append(plan)
    if dry_run:
        return finish(result)

    by_code = dict(existing)
    for plan in changed:
        unit = by_code.get(plan.code) or Unit(code=plan.code)
        unit.name, unit.level = plan.name, plan.level
        unit.valid_from, unit.valid_to = plan.valid_from, plan.valid_to
        unit.parent = by_code[plan.parent_code] if plan.parent_code else None
        unit.save()
        by_code[plan.code] = unit
    for plan in changed:
        unit = by_code[plan.code]
        successor_id = by_code[plan.successor_code].pk if plan.successor_code else None
        if unit.successor_id != successor_id:
            # update() keeps save()'s path rewriting out of a change that cannot move the unit.
            Unit.objects.filter(pk=unit.pk).update(successor_id=successor_id)
    return finish(result)
