"""Shared reads of the catalogue."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cchc.units.models import Unit, UnitLevel

from .models import Procedure

# The desk of each unit level receives the procedures of these levels (Decree 61/2018 Art. 14: a commune desk
# may also receive district procedures delegated to it).
LEVELS_RECEIVED = {
    UnitLevel.PROVINCE: ["province"],
    UnitLevel.DISTRICT: ["district"],
    UnitLevel.COMMUNE: ["commune", "district"],
}


def procedures_for_unit(unit: Unit) -> QuerySet[Procedure]:
    """Active procedures a unit's desk may receive."""
    return Procedure.objects.filter(is_active=True, level__in=LEVELS_RECEIVED.get(unit.desk_unit().level, []))


def procedure_search(q: str) -> QuerySet[Procedure]:
    """Active procedures whose code or name contains `q`."""
    q = (q or "").strip()
    qs = Procedure.objects.filter(is_active=True)
    return qs.filter(Q(code__icontains=q) | Q(name__icontains=q)) if q else qs
