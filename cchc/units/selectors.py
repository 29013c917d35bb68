"""Shared reads of units."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from .models import CalendarDay, CalendarYear, Unit, UnitLevel

# From this day of the year (month, day), next year's schedule of swapped days is expected to be entered
# (issue 6: the Government announces it in the last months of the year; the admin and `cchc check` warn).
NEXT_YEAR_EXPECTED_FROM = (12, 1)


def unit_subtree(unit: Unit, *, on: dt.date | None = None, include_self: bool = True) -> QuerySet[Unit]:
    """`unit` and the units below it (valid on `on`, when given), in tree order."""
    qs = unit.descendants(include_self=include_self)
    return qs.valid_on(on) if on else qs


def desk_units(*, on: dt.date | None = None) -> QuerySet[Unit]:
    """Units with a one-stop desk (every level but the specialist offices)."""
    qs = Unit.objects.exclude(level=UnitLevel.OFFICE)
    return qs.valid_on(on) if on else qs


def province_of(unit: Unit) -> Unit | None:
    """The province `unit` belongs to (itself when it is one), found along its path; None outside any province."""
    codes = [code for code in unit.path.strip("/").split("/") if code] or [unit.code]
    provinces = Unit.objects.filter(code__in=codes, level=UnitLevel.PROVINCE)
    return max(provinces, key=lambda province: len(province.path), default=None)


def calendar_year_entered(year: int) -> bool:
    """Whether `year`'s national schedule is in: a year marked checked, or a national correction with a source."""
    if CalendarYear.objects.filter(year=year).exists():
        return True
    return CalendarDay.objects.filter(unit__isnull=True, date__year=year).exclude(source="").exists()


def calendar_years_missing(today: dt.date) -> list[int]:
    """The years whose schedule should be in by `today` and is not: this year, and next year from 1 December."""
    years = [today.year]
    if (today.month, today.day) >= NEXT_YEAR_EXPECTED_FROM:
        years.append(today.year + 1)
    return [year for year in years if not calendar_year_entered(year)]
