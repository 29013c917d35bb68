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


def receivable_procedures(unit: Unit | None, q: str = "") -> QuerySet[Procedure]:
    """The procedures a unit's desk may receive: active, posted, of a level its desk receives; optionally narrowed
    by code or name. The one rule the reception form, the receive service, the import and the API use."""
    if unit is None:
        return Procedure.objects.none()
    qs = Procedure.objects.filter(
        is_active=True, posted=True, level__in=LEVELS_RECEIVED.get(unit.desk_unit().level, [])
    )
    q = unicodedata.normalize("NFC", q or "").strip()  # names are stored composed (NFC), as the import writes them
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return qs.order_by("code")
