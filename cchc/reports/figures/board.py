"""The figures of a unit's public live board (/bang-tin/<unit code>/): today and this month at its own desk.

Both periods go through `dossier_figures` (the one definition of every count), scope `self`: the board hangs in
the hall of the unit's own one-stop desk, so it counts the dossiers received there (a district's board does not
add its communes'). Every count is an aggregate over the index ranges of `receiving_unit` and a date (see
bench/README.md, "The public board"); the view caches the result for a short while on top.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cchc.lib.periods import Period
from cchc.units.models import Unit

from .dossiers import DossierFigures, Scope, dossier_figures


@dataclass(frozen=True)
class BoardFigures:
    unit: Unit
    now: dt.datetime
    today: DossierFigures
    month: DossierFigures


def board_figures(unit: Unit, now: dt.datetime | None = None) -> BoardFigures:
    """Today's and this month's figures of `unit`'s own desk, "pending" and "overdue" read at `now`."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    today = dossier_figures(unit=unit, period=Period(day, day).as_of(now), scope=Scope.SELF)
    month = dossier_figures(unit=unit, period=Period(day.replace(day=1), day).as_of(now), scope=Scope.SELF)
    return BoardFigures(unit, now, today, month)
