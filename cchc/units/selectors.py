"""Shared reads of units."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from .models import Unit, UnitLevel


def unit_subtree(unit: Unit, *, on: dt.date | None = None, include_self: bool = True) -> QuerySet[Unit]:
    """`unit` and the units below it (valid on `on`, when given), in tree order."""
    qs = unit.descendants(include_self=include_self)
    return qs.valid_on(on) if on else qs


def desk_units(*, on: dt.date | None = None) -> QuerySet[Unit]:
    """Units with a one-stop desk (every level but the specialist offices)."""
    qs = Unit.objects.exclude(level=UnitLevel.OFFICE)
    return qs.valid_on(on) if on else qs
