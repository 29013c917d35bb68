"""Writes on units and the calendar."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from .models import CalendarDay, Unit

if TYPE_CHECKING:
    from cchc.accounts.models import User


@transaction.atomic
def unit_move(*, unit: Unit, by: User | None, parent: Unit | None) -> Unit:
    """Put `unit` under `parent`; the unit's path and its subtree's paths follow (Unit.save)."""
    if parent is not None and parent.path.startswith(unit.path):
        raise ValueError("A unit cannot be moved under itself or its own subtree.")
    unit.parent = parent
    unit.save()
    return unit


@transaction.atomic
def unit_retire(*, unit: Unit, by: User | None, valid_to: dt.date, successor: Unit | None = None) -> Unit:
    """End a unit's validity (merged or abolished), naming the unit that continues its work."""
    if successor is not None and successor.pk == unit.pk:
        raise ValueError("A unit cannot succeed itself.")
    unit.valid_to, unit.successor = valid_to, successor
    unit.full_clean()
    unit.save()
    return unit


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
