"""Shared reads of the catalogue."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.db.models import Case, IntegerField, QuerySet, Value, When

from cchc.units.models import Unit, UnitLevel
from cchc.units.selectors import desk_units

from .models import OnlineService, Procedure

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
    by code or name, diacritics and letter case ignored (names holding the words as one phrase first). The one
    rule the reception form, the receive service and the API use; the import of past
    dossiers checks the level only (`levels_received`), since whether a procedure is posted or active is the
    catalogue of today, not of the day the dossier was received."""
    if unit is None:
        return Procedure.objects.none()
    # The same search as the public catalogue: "dang ky khai sinh" finds "Đăng ký khai sinh" (issue 9, point 2).
    return catalogue_search(q=q, unit=unit)


# The public catalogue (issue 8, point 1; Decree 61/2018 Art. 15 "công khai"): what the portal shows.
#
# Search ignores diacritics ("dang ky khai sinh" finds "Đăng ký khai sinh", "đ" and "d" alike). The folding is
# done in Python over the codes and names of the public catalogue, not in the database: SQLite has no accent-
# insensitive comparison and PostgreSQL's `unaccent` is an extension a server may not have, so one Python rule
# behaves the same on both. The catalogue is small (a province posts a few thousand procedures): reading its
# (pk, code, name) rows and folding them takes milliseconds, and nothing new is stored, so there is no folded
# column to keep in step with every write of the catalogue (admin, import, services).


def fold(text: str) -> str:
    """`text` without diacritics, in lower case, its spaces collapsed: "Đăng  ký" -> "dang ky".

    Vietnamese "đ"/"Đ" is a letter of its own (no decomposition to "d" + a mark), so it is mapped by hand."""
    decomposed = unicodedata.normalize("NFD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = bare.replace("đ", "d").replace("Đ", "D")
    return " ".join(bare.casefold().split())


def public_procedures() -> QuerySet[Procedure]:
    """The procedures the portal shows: active and publicly posted. An unposted one is not public at all."""
    return Procedure.objects.filter(is_active=True, posted=True)


def catalogue_search(
    *,
    q: str = "",
    field: str = "",
    level: str = "",
    unit: Unit | None = None,
    online_only: bool = False,
) -> QuerySet[Procedure]:
    """The public catalogue narrowed by the visitor's search.

    `q` matches the code or the name, diacritics and letter case ignored: every word of `q` must occur in the
    code or the name; names holding `q` as one phrase come first, then by code. `field` is a field exactly as
    the catalogue spells it, `level` a ProcedureLevel, `unit` a unit whose desk receives the procedures (the
    levels its desk receives, `levels_received`), `online_only` the procedures with a partial or full-process
    online service."""
    qs = public_procedures()
    if field:
        qs = qs.filter(field=field)
    if level:
        qs = qs.filter(level=level)
    if unit is not None:
        qs = qs.filter(level__in=levels_received(unit))
    if online_only:
        qs = qs.exclude(online_service=OnlineService.NONE)
    words = fold(q).split()
    if not words:
        return qs.order_by("code")
    phrase = " ".join(words)
    matching: list[int] = []
    phrase_first: list[int] = []
    for pk, code, name in qs.values_list("pk", "code", "name").iterator(chunk_size=2000):
        folded_name = fold(name)
        folded = f"{fold(code)} {folded_name}"
        if all(word in folded for word in words):
            matching.append(pk)
            if phrase in folded_name:
                phrase_first.append(pk)
    found = qs.filter(pk__in=matching)
    if not phrase_first:
        # No name holds the phrase. (A Case whose one When can never hold compiles to the constant 1, and
        # PostgreSQL reads "ORDER BY 1" as the first column, the id: so no rank at all then.)
        return found.order_by("code")
    rank = Case(When(pk__in=phrase_first, then=Value(0)), default=Value(1), output_field=IntegerField())
    return found.order_by(rank, "code")


def catalogue_fields() -> list[str]:
    """The fields (lĩnh vực) of the public catalogue, for the portal's filter."""
    names = public_procedures().exclude(field="").values_list("field", flat=True).distinct()
    return sorted(set(names), key=lambda name: (fold(name), name))


def catalogue_counts() -> dict[str, int]:
    """How many procedures are posted, and how many of them can be submitted online (partial or full)."""
    qs = public_procedures()
    return {"posted": qs.count(), "online": qs.exclude(online_service=OnlineService.NONE).count()}


def receiving_units(procedure: Procedure, *, on: dt.date) -> QuerySet[Unit]:
    """The units in force on `on` whose own desks receive `procedure` (for a commune procedure, the communes)."""
    levels = [level for level, received in LEVELS_RECEIVED.items() if procedure.level in received]
    return desk_units(on=on).filter(level__in=levels).order_by("path")
