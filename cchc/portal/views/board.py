"""The public live board of a unit: `/bang-tin/<unit code>/`, for the TV in the desk's hall and any phone.

Today's and this month's receipts, results, on-time rate, overdue dossiers, evaluations and apologies in time at
the unit's own desk (a cached summary: cchc.portal.board), and today's queue numbers (cchc.queueing): counts and
rates only, nothing personal. The page polls its own figures every 45 seconds
with htmx (`?phan=so-lieu` returns the figures' block alone); there is no inline script (Content-Security-Policy).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_safe

from cchc.lib.formatting import vn_int
from cchc.queueing.models import ServiceGroup
from cchc.queueing.selectors import queue_today
from cchc.units.models import Unit, UnitLevel

from ..board import summary_for

POLL_SECONDS = 45


def _unit(code: str) -> Unit:
    # A specialist office has no desk of its own (Unit.desk_unit): no board.
    unit = Unit.objects.filter(code=code).exclude(level=UnitLevel.OFFICE).first()
    if unit is None:
        raise Http404("No such unit.")
    return unit


def _queue(unit: Unit) -> dict[str, str] | None:
    """Today's queue numbers (cchc.queueing.queue_today), read at every poll (a day's tickets of one unit: a small
    indexed read); None for a desk that gives no numbers (no service group on its kiosk and no ticket today)."""
    today = queue_today(unit)
    if not today["issued"] and not ServiceGroup.objects.filter(unit=unit, active=True).exists():
        return None
    wait = today["average_wait_seconds"]
    return {
        "issued": vn_int(today["issued"]),
        "waiting": vn_int(today["waiting"]),
        "serving": vn_int(today["serving"]),
        "served": vn_int(today["served"]),
        # Whole minutes, rounded half up; "—" before the first call of the day.
        "average_wait_minutes": "—" if wait is None else vn_int(int(wait / 60 + 0.5)),
    }


@require_safe
def board(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = _unit(unit_code)
    summary = summary_for(unit)
    context = {
        "unit": unit,
        "s": summary,
        "counted_at": timezone.localtime(summary["at"]),
        "poll_seconds": POLL_SECONDS,
        "queue": _queue(unit),
    }
    if request.GET.get("phan") == "so-lieu":
        return render(request, "portal/board/_figures.html", context)
    return render(request, "portal/board/board.html", context)


urlpatterns: list[URLPattern] = [path("bang-tin/<str:unit_code>/", board, name="board")]
