"""The staff's queue pages: the desk officer's counter (`/can-bo/hang-doi/`: choose my counter, call next,
recall, skip, done, link the ticket to a dossier) and the unit leaders' statistics (`/can-bo/hang-doi/thong-ke/`).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cchc.accounts import access
from cchc.accounts.models import Role, User
from cchc.units.models import Unit
from cchc.web.permissions import desk_officer_required, staff_required

from . import selectors, services
from .models import Counter, Ticket


def _user(request: HttpRequest) -> User:
    """The logged-in member of staff (the decorators let no one else in)."""
    assert isinstance(request.user, User)
    return request.user


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _chosen_unit(request: HttpRequest, roles: list[str]) -> tuple[Unit, list[Unit]]:
    units = list(
        access.user_units(request.user, roles=roles).filter(counters__isnull=False).distinct().order_by("name")
    )
    if not units:
        raise Http404(_("None of your units has queue counters."))
    code = request.GET.get("unit") or request.POST.get("unit") or ""
    return next((u for u in units if u.code == code), units[0]), units


def _back(unit: Unit) -> HttpResponse:
    return redirect(f"{reverse('queueing_staff:counter')}?unit={unit.code}")


@require_safe
@desk_officer_required
def counter(request: HttpRequest) -> HttpResponse:
    unit, units = _chosen_unit(request, [Role.DESK_OFFICER])
    mine = services.counter_of(_user(request), unit)
    today = timezone.localdate()
    counters = list(Counter.objects.filter(unit=unit, active=True).select_related("officer").prefetch_related("groups"))
    taken = {c.pk for c in counters if c.officer_id is not None and c.officer_day == today}
    return render(
        request,
        "queueing/counter.html",
        {
            "unit": unit,
            "units": units,
            "mine": mine,
            "counters": counters,
            "taken": taken,
            "current": services.current_ticket(mine) if mine else None,
            "waiting": selectors.waiting_by_group(unit),
            "served_groups": set(mine.groups.values_list("pk", flat=True)) if mine else set(),
            "done_today": Ticket.objects.filter(counter=mine, day=today)
            .exclude(status="called")
            .order_by("-called_at")[:10]
            if mine
            else [],
        },
    )


ACTIONS = {
    "call": services.ticket_call_next,
    "recall": services.ticket_recall,
    "skip": services.ticket_skip,
    "done": services.ticket_done,
}


@require_POST
@desk_officer_required
def counter_action(request: HttpRequest, action: str) -> HttpResponse:
    unit, _units = _chosen_unit(request, [Role.DESK_OFFICER])
    try:
        if action == "take":
            chosen = Counter.objects.filter(unit=unit, pk=request.POST.get("counter") or 0).first()
            if chosen is None:
                raise ValidationError(_("Choose one of the unit's counters."))
            services.counter_take(counter=chosen, by=_user(request))
            return _back(unit)
        mine = services.counter_of(_user(request), unit)
        if mine is None:
            raise ValidationError(_("Choose your counter first."))
        if action == "link":
            ticket = Ticket.objects.filter(pk=request.POST.get("ticket") or 0, counter=mine).first()
            if ticket is None:
                raise ValidationError(_("Choose a number called at your counter."))
            code = request.POST.get("dossier", "").strip()
            services.ticket_link_dossier(ticket=ticket, code=code, by=_user(request))
            messages.success(
                request,
                _("Number %(number)s is linked to dossier %(code)s.") % {"number": ticket.number, "code": code},
            )
            return _back(unit)
        if action not in ACTIONS:
            raise Http404
        result = ACTIONS[action](counter=mine, by=_user(request))
        if action == "call" and result is None:
            messages.info(request, _("Nobody is waiting for the groups of your counter."))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return _back(unit)


@require_safe
@staff_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Average waiting and serving times per counter, group and day, for the unit's leaders."""
    if not access.user_units(request.user, roles=[Role.LEADER]).exists():
        raise PermissionDenied(_("Only the unit's leaders see the queue statistics."))
    unit, units = _chosen_unit(request, [Role.LEADER])
    today = timezone.localdate()
    start = _date(request.GET.get("tu", "")) or today.replace(day=1)
    end = _date(request.GET.get("den", "")) or today
    error = ""
    if end < start:
        error = _("The end date is before the start date.")
        start, end = end, start
    if (end - start) > dt.timedelta(days=366):
        error = _("Choose at most one year.")
        start = end - dt.timedelta(days=366)
    stats = selectors.statistics(unit, start, end)
    tables = [
        # (title, rows, first column, whether numbers taken apply: a counter never issues a number)
        (_("In total"), stats["total"], _("Period"), True),
        (_("Per counter"), stats["counters"], _("Counter"), False),
        (_("Per service group"), stats["groups"], _("Service group"), True),
        (_("Per day"), stats["days"], _("Day"), True),
    ]
    return render(
        request,
        "queueing/statistics.html",
        {"unit": unit, "units": units, "start": start, "end": end, "error": error, "tables": tables},
    )
