"""The public live board of a unit: `/bang-tin/<unit code>/`, for the TV in the desk's hall and any phone.

Today's and this month's receipts, results, on-time rate, overdue dossiers, evaluations and apologies in time at
the unit's own desk: counts and rates only, nothing personal. The page polls its own figures every 45 seconds
with htmx (`?phan=so-lieu` returns the figures' block alone); there is no inline script (Content-Security-Policy).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_safe

from cchc.units.models import Unit, UnitLevel

from ..board import summary_for

POLL_SECONDS = 45


def _unit(code: str) -> Unit:
    # A specialist office has no desk of its own (Unit.desk_unit): no board.
    unit = Unit.objects.filter(code=code).exclude(level=UnitLevel.OFFICE).first()
    if unit is None:
        raise Http404("No such unit.")
    return unit


@require_safe
def board(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = _unit(unit_code)
    summary = summary_for(unit)
    context = {
        "unit": unit,
        "s": summary,
        "counted_at": timezone.localtime(summary["at"]),
        "poll_seconds": POLL_SECONDS,
        # The queue numbers (cchc.queueing) are not part of this site yet: the board keeps their place empty.
        "queue": None,
    }
    if request.GET.get("phan") == "so-lieu":
        return render(request, "portal/board/_figures.html", context)
    return render(request, "portal/board/board.html", context)


urlpatterns: list[URLPattern] = [path("bang-tin/<str:unit_code>/", board, name="board")]
