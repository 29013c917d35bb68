"""Shared reads of the catalogue."""

from __future__ import annotations

import unicodedata

from django.db.models import Q, QuerySet

from cchc.units.models import Unit, UnitLevel

from .models import Procedure

# The desk of each unit level receives the procedures of its own level (Decree 61/2018 Art. 14). A commune desk
# may also receive the district procedures delegated to it; the catalogue does not record delegations yet, so
# none is assumed.
LEVELS_RECEIVED: dict[str, list[str]] = {
    UnitLevel.PROVINCE: ["province"],
    UnitLevel.DISTRICT: ["district"],
    UnitLevel.COMMUNE: ["commune"],
}


def levels_received(unit: Unit) -> list[str]:
    """The procedure levels the unit's desk receives (an office uses its district's desk)."""
    return LEVELS_RECEIVED.get(unit.desk_unit().level, [])


def receivable_procedures(unit: Unit | None, q: str = "") -> QuerySet[Procedure]:
    """The procedures a unit's desk may receive: active, posted, of a level its desk receives; optionally narrowed
    by code or name. The one rule the reception form, the receive service and the API use; the import of past
    dossiers checks the level only (`levels_received`), since whether a procedure is posted or active is the
    catalogue of today, not of the day the dossier was received."""
    if unit is None:
        return Procedure.objects.none()
    qs = Procedure.objects.filter(is_active=True, posted=True, level__in=levels_received(unit))
    q = unicodedata.normalize("NFC", q or "").strip()  # names are stored composed (NFC), as the import writes them
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return qs.order_by("code")
