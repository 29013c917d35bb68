"""The period a report page or the tracking book opens on (issue 9 point 3): the last complete quarter of a unit
that existed then, so an abolished unit opens on its last quarter with figures rather than an empty one."""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone

from cchc.dossiers.models import Dossier
from cchc.lib.periods import CALENDAR, default_quarter
from cchc.units.models import Unit


def unit_default_quarter(unit: Unit | None, cutoff: str = CALENDAR) -> str:
    """The last quarter complete today (under `cutoff`) within the unit's lifetime. For an abolished unit its
    lifetime ends at its last receipt of a dossier (its own desk's or a unit's under it), when that came earlier:
    the quarters between are empty (as the Gio Linh demo district, abolished on 30/06/2025, data of 2023)."""
    if unit is None:
        return default_quarter(cutoff=cutoff)
    end = unit.valid_to
    if end is not None:
        last = Dossier.objects.filter(receiving_unit__in=unit.descendants(include_self=True)).aggregate(
            last=Max("received_at")
        )["last"]
        if last is not None:
            end = min(end, timezone.localdate(last))
    return default_quarter(cutoff=cutoff, valid_from=unit.valid_from, valid_to=end)
