"""Writes on units and the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import CalendarDay, Unit

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from cchc.accounts.models import User
    from cchc.dossiers.models import Dossier


@transaction.atomic
def unit_move(*, unit: Unit, by: User | None, parent: Unit | None) -> Unit:
    """Put `unit` under `parent`; the unit's path and its subtree's paths follow (Unit.save)."""
    if parent is not None and parent.path.startswith(unit.path):
        raise ValueError("A unit cannot be moved under itself or its own subtree.")
    unit.parent = parent
    unit.save()
    return unit


class UnitNotInForce(ValueError):
    """An act at a unit on a day outside its validity dates; the message names the unit and its dates."""


class UnitRetireError(ValueError):
    """A retirement that cannot be done as asked; the message says why, and nothing was written."""


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "…"


def check_unit_in_force(unit: Unit, day: dt.date) -> None:
    """Refuse an act (a receipt, an import row, an assignment) at `unit` on `day` outside valid_from..valid_to.

    domain.md §8: units are effective-dated and never rewritten; the district level is not organised from
    01/07/2025, so a district desk closed on 30/06/2025 receives nothing after that day.
    """
    if not unit.in_force_on(day):
        raise UnitNotInForce(
            _("The unit %(unit)s (%(code)s) does not exist on %(day)s: it is in force from %(from)s to %(to)s.")
            % {
                "unit": unit.name,
                "code": unit.code,
                "day": _day(day),
                "from": _day(unit.valid_from),
                "to": _day(unit.valid_to),
            }
        )


@dataclass
class Retirement:
    """What a retirement did (or, in a dry run, would do): the unit, its successor and the dossiers moved."""

    unit: Unit
    successor: Unit | None
    valid_to: dt.date
    dry_run: bool
    moved: list[Dossier] = field(default_factory=list)


def pending_dossiers_at(unit: Unit) -> QuerySet[Dossier]:
    """The dossiers not finished whose desk, processing or competent unit is `unit`."""
    from cchc.dossiers.models import Dossier

    at_desk = Q(current_desk_unit=unit) | Q(current_desk_unit__isnull=True, receiving_unit=unit)
    return (
        Dossier.objects.filter(finished_at__isnull=True)
        .filter(at_desk | Q(processing_unit=unit) | Q(competent_unit=unit))
        .order_by("received_at", "pk")
    )


@transaction.atomic
def unit_retire(
    *, unit: Unit, by: User | None, valid_to: dt.date, successor: Unit | None = None, dry_run: bool = False
) -> Retirement:
    """End a unit's validity on `valid_to` (its last day) and hand its pending dossiers to its successor.

    domain.md §8: "A dossier keeps the receiving unit as it existed at receipt plus the unit that continues
    processing; the carried-over pending dossiers of an abolished district must move to a successor with an audit
    event." So each dossier still pending at the unit (at its desk, processing there or competent there) moves to
    the successor: its desk (`current_desk_unit`), processing unit and competent unit, whichever were this unit; the
    receiving unit never changes, so past periods' figures stay where the dossier was received. One `transfer`
    event per dossier. Refused, writing nothing, when dossiers are pending and there is no successor, or when the
    successor is not in force on the next day. `dry_run` computes everything and writes nothing.
    """
    from cchc.dossiers import workflow
    from cchc.dossiers.states import Action

    successor = successor or unit.successor
    if successor is not None and successor.pk == unit.pk:
        raise UnitRetireError(_("A unit cannot succeed itself."))
    if unit.valid_from is not None and valid_to < unit.valid_from:
        raise UnitRetireError(
            _("The last day %(day)s is before the unit %(unit)s came into force (%(from)s).")
            % {"day": _day(valid_to), "unit": unit.name, "from": _day(unit.valid_from)}
        )
    next_day = valid_to + dt.timedelta(days=1)
    pending = list(pending_dossiers_at(unit).select_for_update(of=("self",)))
    if pending and successor is None:
        raise UnitRetireError(
            _("The unit %(unit)s has %(count)d pending dossier(s) and no successor to take them over.")
            % {"unit": unit.name, "count": len(pending)}
        )
    if successor is not None and not successor.in_force_on(next_day):
        raise UnitRetireError(
            _("The successor %(successor)s is not in force on %(day)s (from %(from)s to %(to)s).")
            % {
                "successor": successor.name,
                "day": _day(next_day),
                "from": _day(successor.valid_from),
                "to": _day(successor.valid_to),
            }
        )
    result = Retirement(unit=unit, successor=successor, valid_to=valid_to, dry_run=dry_run, moved=pending)
    if dry_run:
        return result
    unit.valid_to, unit.successor = valid_to, successor
    unit.full_clean()
    unit.save()
    items = []
    for dossier in pending:
        assert successor is not None  # refused above when dossiers are pending
        changes: dict[str, Any] = {}
        if (dossier.current_desk_unit_id or dossier.receiving_unit_id) == unit.pk:
            changes["current_desk_unit"] = successor
        if dossier.processing_unit_id == unit.pk:
            # The handler was a member of the old unit: the successor's head assigns a new one.
            changes["processing_unit"], changes["assigned_to"] = successor, None
        if dossier.competent_unit_id == unit.pk:
            changes["competent_unit"] = successor
        data = {
            "from_unit": unit.code,
            "to_unit": successor.code,
            "valid_to": valid_to.isoformat(),
            "fields": sorted(changes),
            "assigned_to": dossier.assigned_to_id if "assigned_to" in changes else None,
        }
        items.append(workflow.Item(dossier=dossier, changes=changes, data=data))
    workflow.apply_many(items, Action.TRANSFER, roles={workflow.SYSTEM}, actor=by)
    return result


@transaction.atomic
def calendar_day_set(
    *, by: User | None, date: dt.date, kind: str, note: str = "", source: str = "", unit: Unit | None = None
) -> CalendarDay:
    """Record a swapped day off or a make-up working day (the decision fixing it goes in `source`), national or,
    with `unit` (a province), for that province only."""
    day = CalendarDay.objects.filter(date=date, unit=unit).first() or CalendarDay(date=date, unit=unit)
    day.kind, day.note, day.source = kind, note, source
    day.full_clean()
    day.save()
    return day
