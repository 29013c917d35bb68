"""The public live board's summary: the board's figures as the page shows them, kept in the shared cache.

The figures of a unit's desk for today and this month (cchc.reports.figures.board) take 160-220 ms at 1,000,000
dossiers on this (shared, loaded) machine, close to the board's 300 ms budget, and every TV and phone polls. So
the page reads a summary from the shared cache (every app server sees the same): younger than FRESH, it is shown
as it is; older, it is still shown (with the time it was counted) and the task queue is asked to recompute it
(`refresh_board`, once per unit while a refresh is pending); missing (a unit nobody looked at for KEEP), the
request computes it itself (bench/README.md, "The public board").
Nothing here is personal: counts and rates only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from cchc.lib.formatting import vn_int, vn_percent
from cchc.reports.figures.board import board_figures
from cchc.reports.figures.dossiers import DossierFigures
from cchc.units.models import Unit

FRESH = dt.timedelta(seconds=30)
# Seconds the shared cache keeps a summary: a board nobody watched for hours still answers at once (its time shown,
# "Cập nhật lúc ..."), and its first poll after the recount has today's figures.
KEEP = 24 * 3600
VERSION = 1  # bump when the summary's shape changes


def vn_percent_or_dash(value) -> str:
    """ "96,15%", or "—" when there is nothing to divide by (no result yet today): never a made-up 0% or 100%."""
    return "—" if value is None else vn_percent(value)


def cache_key(unit: Unit) -> str:
    return f"board:{VERSION}:{unit.pk}"


def _period_summary(figures: DossierFigures) -> dict[str, Any]:
    counts, rates = figures.counts, figures.rates
    return {
        "received": vn_int(counts["received"]),
        "received_online": vn_int(counts["received_online"]),
        "resolved": vn_int(counts["resolved"]),
        "on_time": vn_percent_or_dash(rates["on_time_of_resolved"].percent),
        "on_time_of": vn_int(rates["on_time_of_resolved"].denominator),
        "evaluations": vn_int(counts["evaluations"]),
        "satisfaction": vn_percent_or_dash(rates["satisfaction"].percent),
        "late": vn_int(counts["late"]),
        "late_with_apology_in_time": vn_int(counts["late_with_apology_in_time"]),
    }


def compute_summary(unit: Unit, now: dt.datetime | None = None) -> dict[str, Any]:
    """The board's numbers, written out in Vietnamese notation, and when they were counted."""
    figures = board_figures(unit, now)
    return {
        "at": figures.now,
        "today": _period_summary(figures.today),
        "month": _period_summary(figures.month),
        # Open now and past their deadline (the month's `pending_overdue` is read at `now`, as the work list reads it).
        "overdue": vn_int(figures.month.counts["pending_overdue"]),
        "pending": vn_int(figures.month.counts["pending"]),
    }


def store_summary(unit: Unit, now: dt.datetime | None = None) -> dict[str, Any]:
    summary = compute_summary(unit, now)
    cache.set(cache_key(unit), summary, KEEP)
    cache.delete(cache_key(unit) + ":refreshing")
    return summary


def summary_for(unit: Unit, now: dt.datetime | None = None) -> dict[str, Any]:
    """The cached summary (asking the task queue to refresh it when stale), or a new one when there is none."""
    now = now or timezone.now()
    summary = cache.get(cache_key(unit))
    if summary is None:
        return store_summary(unit, now)
    if now - summary["at"] > FRESH and cache.add(cache_key(unit) + ":refreshing", 1, 120):
        from .tasks import refresh_board

        refresh_board.enqueue(unit.pk)
    return summary
