"""Every write of the queue: issuing a ticket at the kiosk, an officer choosing a counter, calling, recalling,
skipping, finishing a ticket and linking it to a dossier. Each runs in one transaction.

The number: one UPDATE of the unit's row of the day (`DailySequence.last_number = last_number + 1`) locks that
row until the transaction ends (PostgreSQL: a second kiosk's UPDATE waits, then adds to the committed value;
SQLite: the IMMEDIATE transaction holds the database's write lock), so two kiosks never get the same number. The
row of a new day is inserted first in a savepoint; a kiosk that loses that race updates the winner's row.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import access
from cchc.accounts.models import Role, User
from cchc.dossiers.models import Dossier
from cchc.units.models import Unit

from .models import Counter, DailySequence, ServiceGroup, Ticket, TicketStatus


def _next_number(unit: Unit, day: dt.date) -> int:
    rows = DailySequence.objects.filter(unit=unit, day=day)
    if not rows.update(last_number=F("last_number") + 1):
        try:
            with transaction.atomic():
                DailySequence.objects.create(unit=unit, day=day, last_number=1)
                return 1
        except IntegrityError:  # another kiosk created the day's row meanwhile: it is there now
            rows.update(last_number=F("last_number") + 1)
    return rows.values_list("last_number", flat=True).get()


@transaction.atomic
def ticket_issue(*, group: ServiceGroup) -> Ticket:
    """The next number of the group's unit today (local day), waiting in the group's queue."""
    if not group.active:
        raise ValidationError(_("This service group is not taking numbers now."))
    now = timezone.now()
    day = timezone.localdate(now)
    number = _next_number(group.unit, day)
    return Ticket.objects.create(unit=group.unit, group=group, day=day, number=number, issued_at=now)


def waiting_before(ticket: Ticket) -> int:
    """How many tickets of the same group and day wait ahead of this one."""
    return Ticket.objects.filter(
        group=ticket.group, day=ticket.day, status=TicketStatus.WAITING, number__lt=ticket.number
    ).count()


def _check_desk(user: User, unit: Unit) -> None:
    if not access.user_units(user, roles=[Role.DESK_OFFICER]).filter(pk=unit.pk).exists():
        raise ValidationError(_("Only the desk officers of %(unit)s work at its counters.") % {"unit": unit})


@transaction.atomic
def counter_take(*, counter: Counter, by: User) -> Counter:
    """The officer sits at `counter` today (and leaves any other counter of the unit they sat at)."""
    _check_desk(by, counter.unit)
    today = timezone.localdate()
    counter = Counter.objects.select_for_update().get(pk=counter.pk)
    if not counter.active:
        raise ValidationError(_("Counter %(number)s is closed.") % {"number": counter.number})
    if counter.officer_id not in (None, by.pk) and counter.officer_day == today:
        raise ValidationError(
            _("Counter %(number)s is taken today by %(officer)s.")
            % {"number": counter.number, "officer": counter.officer}
        )
    left = counter_of(by, counter.unit)
    serving = current_ticket(left) if left and left.pk != counter.pk else None
    if serving is not None:
        raise ValidationError(
            _("Finish or skip number %(number)s at counter %(counter)s before changing counter.")
            % {"number": serving.number, "counter": left.number if left else ""}
        )
    Counter.objects.filter(unit=counter.unit, officer=by).exclude(pk=counter.pk).update(officer=None, officer_day=None)
    counter.officer, counter.officer_day = by, today
    counter.save(update_fields=["officer", "officer_day"])
    return counter


def counter_of(user: User, unit: Unit) -> Counter | None:
    """The counter the user sits at today in `unit`, if any."""
    return Counter.objects.filter(unit=unit, officer=user, officer_day=timezone.localdate()).first()


def current_ticket(counter: Counter) -> Ticket | None:
    """The ticket being served at the counter (called and not finished)."""
    return (
        Ticket.objects.filter(counter=counter, status=TicketStatus.CALLED, day=timezone.localdate())
        .select_related("group")
        .order_by("-called_at")
        .first()
    )


def _own_counter(counter: Counter, by: User) -> None:
    counter.refresh_from_db(fields=["officer", "officer_day"])
    if counter.officer_id != by.pk or counter.officer_day != timezone.localdate():
        raise ValidationError(
            _("Choose your counter first: counter %(number)s is not yours today.") % {"number": counter.number}
        )


def _finish(ticket: Ticket, now: dt.datetime) -> None:
    ticket.status, ticket.done_at = TicketStatus.DONE, now
    ticket.save(update_fields=["status", "done_at"])


@transaction.atomic
def ticket_call_next(*, counter: Counter, by: User) -> Ticket | None:
    """Call the oldest waiting ticket of the groups the counter serves (today); the ticket being served at the
    counter, if any, is finished first. None when nobody waits."""
    _own_counter(counter, by)
    now = timezone.now()
    current = current_ticket(counter)
    if current is not None:
        _finish(current, now)
    waiting = Ticket.objects.filter(
        unit=counter.unit, day=timezone.localdate(now), status=TicketStatus.WAITING, group__in=counter.groups.all()
    ).order_by("issued_at", "number")
    # Two counters calling at once: each takes a ticket only if it is still waiting (the conditional UPDATE), the
    # loser tries the next one.
    for pk in waiting.values_list("pk", flat=True)[:20]:
        taken = Ticket.objects.filter(pk=pk, status=TicketStatus.WAITING).update(
            status=TicketStatus.CALLED, called_at=now, announced_at=now, counter=counter, called_by=by
        )
        if taken:
            return Ticket.objects.select_related("group").get(pk=pk)
    return None


def _current_or_error(counter: Counter, by: User) -> Ticket:
    _own_counter(counter, by)
    ticket = current_ticket(counter)
    if ticket is None:
        raise ValidationError(_("No number is being served at counter %(number)s.") % {"number": counter.number})
    return ticket


@transaction.atomic
def ticket_recall(*, counter: Counter, by: User) -> Ticket:
    """Call the counter's current number again (announced again on the hall display)."""
    ticket = _current_or_error(counter, by)
    ticket.recalls += 1
    ticket.announced_at = timezone.now()
    ticket.save(update_fields=["recalls", "announced_at"])
    return ticket


@transaction.atomic
def ticket_skip(*, counter: Counter, by: User) -> Ticket:
    """The called visitor did not come: the ticket is skipped, the counter is free for the next."""
    ticket = _current_or_error(counter, by)
    ticket.status, ticket.skipped_at = TicketStatus.SKIPPED, timezone.now()
    ticket.save(update_fields=["status", "skipped_at"])
    return ticket


@transaction.atomic
def ticket_done(*, counter: Counter, by: User) -> Ticket:
    """The visitor at the counter has been served."""
    ticket = _current_or_error(counter, by)
    _finish(ticket, timezone.now())
    return ticket


@transaction.atomic
def ticket_link_dossier(*, ticket: Ticket, code: str, by: User) -> Ticket:
    """Link a ticket of the officer's unit to the dossier (of the same unit) it led to, by the dossier's code."""
    _check_desk(by, ticket.unit)
    code = (code or "").strip()
    dossier = Dossier.objects.filter(code=code, receiving_unit=ticket.unit).first() if code else None
    if dossier is None:
        raise ValidationError(
            _("No dossier of %(unit)s has the code “%(code)s”.") % {"unit": ticket.unit, "code": code}
        )
    ticket.dossier = dossier
    ticket.save(update_fields=["dossier"])
    return ticket


@transaction.atomic
def ticket_link_served(*, dossier: Dossier, by: User) -> Ticket | None:
    """From the reception form: the number being served at the receiving officer's counter today (of the
    dossier's receiving unit, not linked yet) is linked to the dossier just received. None when there is none."""
    counter = counter_of(by, dossier.receiving_unit)
    ticket = current_ticket(counter) if counter else None
    if ticket is None or ticket.dossier_id:
        return None
    ticket.dossier = dossier
    ticket.save(update_fields=["dossier"])
    return ticket
