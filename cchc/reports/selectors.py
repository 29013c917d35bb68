"""Reads the reports share with dashboards, the API and the CLI."""

from __future__ import annotations

from django.db.models import QuerySet

from cchc.lib.periods import Period
from cchc.units.models import Unit

from .figures.dossiers import Scope, figure_queryset


def unit_by_code(code: str) -> Unit | None:
    """The unit with this code, or None."""
    return Unit.objects.filter(code=code.strip()).first()


def figure_rows(*, key: str, unit: Unit, period: Period, scope: Scope | str = Scope.TREE) -> QuerySet:
    """The rows behind one figure (dossiers, or apology letters, evaluations, feedback), newest first.

    Same condition as the count, so the list and the number always agree. Raises KeyError for an unknown key.
    """
    qs = figure_queryset(key, unit=unit, period=period, scope=scope)
    return qs.order_by("-pk")
