"""Reads of the queue shared by the kiosk, the hall display, the officer's page, the statistics page and other
apps: `queue_today(unit)` (the live board), `hall_state(unit)`, `statistics(unit, start, end)`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from cchc.units.models import Unit

from .models import Counter, ServiceGroup, Ticket, TicketStatus


def waiting_by_group(unit: Unit, day: dt.date | None = None) -> list[tuple[ServiceGroup, int]]:
    """Each active group of the unit and how many of its tickets wait on `day` (today)."""
    day = day or timezone.localdate()
    groups = ServiceGroup.objects.filter(unit=unit, active=True).annotate(
        waiting=Count("tickets", filter=Q(tickets__day=day, tickets__status=TicketStatus.WAITING))
    )
    return [(g, g.waiting) for g in groups]


def _seconds(a: dt.datetime | None, b: dt.datetime | None) -> float | None:
    return (b - a).total_seconds() if a and b else None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def queue_today(unit: Unit) -> dict:
    """Today's queue of the unit, for the live board: tickets issued, waiting, being served, served, skipped, and
    the average wait (issued -> called, of the tickets called today) in seconds (None before the first call)."""
    day = timezone.localdate()
    tickets = list(Ticket.objects.filter(unit=unit, day=day).values_list("status", "issued_at", "called_at"))
    by_status: dict[str, int] = defaultdict(int)
    for status, _issued, _called in tickets:
        by_status[status] += 1
    waits = [s for _st, issued, called in tickets if (s := _seconds(issued, called)) is not None]
    return {
        "day": day,
        "issued": len(tickets),
        "waiting": by_status[TicketStatus.WAITING],
        "serving": by_status[TicketStatus.CALLED],
        "served": by_status[TicketStatus.DONE],
        "skipped": by_status[TicketStatus.SKIPPED],
        "average_wait_seconds": _mean(waits),
    }


@dataclass
class CounterState:
    counter: Counter
    ticket: Ticket | None


def hall_state(unit: Unit) -> dict:
    """What the hall display shows: each open counter with the number it serves, the last number called (or
    recalled) today, the waiting count per group. No personal data: numbers, groups and counters only."""
    day = timezone.localdate()
    counters = list(Counter.objects.filter(unit=unit, active=True))
    serving = {
        t.counter_id: t
        for t in Ticket.objects.filter(unit=unit, day=day, status=TicketStatus.CALLED)
        .select_related("group")
        .order_by("called_at")
    }
    last = (
        Ticket.objects.filter(unit=unit, day=day, announced_at__isnull=False)
        .select_related("group", "counter")
        .order_by("-announced_at", "-pk")
        .first()
    )
    recent = list(
        Ticket.objects.filter(unit=unit, day=day, called_at__isnull=False)
        .select_related("counter")
        .order_by("-called_at", "-pk")[1:6]
    )
    return {
        "counters": [CounterState(c, serving.get(c.pk)) for c in counters],
        "last": last,
        "recent": recent,
        "waiting": waiting_by_group(unit, day),
    }


@dataclass
class Row:
    """One line of the statistics: tickets issued, called, served, skipped; mean wait and service in seconds."""

    label: str
    issued: int = 0
    called: int = 0
    served: int = 0
    skipped: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)

    @property
    def average_wait(self) -> float | None:
        return _mean(self.waits)

    @property
    def average_service(self) -> float | None:
        return _mean(self.services)

    @property
    def average_wait_minutes(self) -> float | None:
        return None if self.average_wait is None else self.average_wait / 60

    @property
    def average_service_minutes(self) -> float | None:
        return None if self.average_service is None else self.average_service / 60


def statistics(unit: Unit, start: dt.date, end: dt.date) -> dict[str, list[Row]]:
    """The unit's tickets of the days start..end (inclusive), by counter, by group and by day, and in total.

    Waiting time: issued -> called, over the tickets that were called (served or skipped later). Serving time:
    called -> done, over the served tickets. A ticket never called counts as issued only; its group and day rows
    count it, no counter does (it never reached one)."""
    tickets = (
        Ticket.objects.filter(unit=unit, day__gte=start, day__lte=end)
        .select_related("group", "counter")
        .order_by("day", "number")
    )
    by_counter: dict[int, Row] = {}
    by_group: dict[int, Row] = {}
    by_day: dict[dt.date, Row] = {}
    total = Row("")
    for t in tickets:
        rows = [
            by_group.setdefault(t.group_id, Row(t.group.name)),
            by_day.setdefault(t.day, Row(t.day.strftime("%d/%m/%Y"))),
            total,
        ]
        for row in rows:
            row.issued += 1
        if t.counter is not None:
            rows.append(by_counter.setdefault(t.counter.number, Row(str(t.counter))))
        wait = _seconds(t.issued_at, t.called_at)
        service = _seconds(t.called_at, t.done_at) if t.status == TicketStatus.DONE else None
        for row in rows:
            row.called += wait is not None
            row.served += t.status == TicketStatus.DONE
            row.skipped += t.status == TicketStatus.SKIPPED
            if wait is not None:
                row.waits.append(wait)
            if service is not None:
                row.services.append(service)
    return {
        "counters": [by_counter[n] for n in sorted(by_counter)],
        "groups": list(by_group.values()),
        "days": [by_day[d] for d in sorted(by_day)],
        "total": [total],
    }
