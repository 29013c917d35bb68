"""System checks of the units app: the working-day calendar of this year and, from 1 December, of the next."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

CALENDAR_NOT_ENTERED = "cchc.W001"


def missing_calendar_message(year: int) -> str:
    return _(
        "The working-day calendar for %(year)d has not been entered: add the Government's swapped days off and "
        "make-up Saturdays (calendar corrections, with their source), or mark the year as checked."
    ) % {"year": year}


@checks.register()
def calendar_years_entered(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Warn for each year that should have its national schedule by today and has not (`calendar_years_missing`).

    The check reads the database; it says nothing when the tables are not there yet (before `migrate`) or the
    database cannot be reached, since other commands report that themselves.
    """
    from .selectors import calendar_years_missing

    try:
        years = calendar_years_missing(timezone.localdate())
    except DatabaseError:
        return []
    return [
        checks.Warning(
            missing_calendar_message(year),
            hint=_("In the admin: calendar corrections, or checked calendar years."),
            id=CALENDAR_NOT_ENTERED,
        )
        for year in years
    ]
