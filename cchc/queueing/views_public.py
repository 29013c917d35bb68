"""The public queue pages (no log-in, no personal data): the ticket kiosk `/lay-so/<unit code>/`, the printed
ticket, the hall display `/man-hinh/<unit code>/` and its partial, polled by htmx every second."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from cchc.portal import ratelimit
from cchc.units.models import Unit

from . import selectors, services
from .models import ServiceGroup, Ticket


def ticket_rate() -> ratelimit.Rate:
    """Tickets per client address per minute: a kiosk is one address, so the limit is generous; it stops a script
    emptying the day's numbers, not a busy morning."""
    return ratelimit.Rate("queue-ticket", int(getattr(settings, "CCHC_QUEUE_TICKETS_PER_MINUTE", 30)), 60)


def _unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None or not unit.counters.exists():
        raise Http404(_("This unit has no queue numbers."))
    return unit


@require_http_methods(["GET", "HEAD", "POST"])
def kiosk(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(code)
    groups = list(ServiceGroup.objects.filter(unit=unit, active=True))
    error = ""
    if request.method == "POST":
        pairs = [(ticket_rate(), ratelimit.client_address(request))]
        wait = ratelimit.blocked(pairs)
        if wait:
            return ratelimit.too_many_requests(
                request, retry_after=wait, message=_("Too many numbers were taken from this kiosk. Please wait.")
            )
        group = next((g for g in groups if str(g.pk) == request.POST.get("group", "")), None)
        if group is None:
            error = _("Choose a service group.")
        else:
            try:
                ticket = services.ticket_issue(group=group)
            except ValidationError as e:
                error = " ".join(e.messages)
            else:
                ratelimit.record(pairs)
                return redirect("queueing:ticket", code=unit.code, pk=ticket.pk)
    waiting = dict((g.pk, n) for g, n in selectors.waiting_by_group(unit))
    rows = [(g, waiting.get(g.pk, 0)) for g in groups]
    return render(
        request, "queueing/kiosk.html", {"unit": unit, "rows": rows, "error": error}, status=400 if error else 200
    )


@require_safe
def ticket(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The ticket as printed on the kiosk's 80 mm receipt roll (today's tickets only)."""
    unit = _unit(code)
    ticket = get_object_or_404(Ticket.objects.select_related("group"), pk=pk, unit=unit, day=timezone.localdate())
    return render(
        request,
        "queueing/ticket.html",
        {"unit": unit, "ticket": ticket, "before": services.waiting_before(ticket)},
    )


@require_safe
def display(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(code)
    return render(request, "queueing/display.html", {"unit": unit, **selectors.hall_state(unit)})


@require_safe
def display_state(request: HttpRequest, code: str) -> HttpResponse:
    """The display's changing part (htmx polls it every second)."""
    unit = _unit(code)
    response = render(request, "queueing/_display_state.html", {"unit": unit, **selectors.hall_state(unit)})
    response["Cache-Control"] = "no-store"
    return response
