"""The queue's services and selectors: numbers per unit per local day, the next ticket's order, recall and skip,
linking a dossier, and the statistics worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cchc.accounts.models import Role
from cchc.queueing import selectors, services
from cchc.queueing.models import Ticket, TicketStatus
from cchc.queueing.setup import queue_setup
from cchc.testing.factories import local, received_dossier, user_with_role

pytestmark = pytest.mark.django_db


def issue(group, at):
    with time_machine.travel(at, tick=False):
        return services.ticket_issue(group=group)


def at(when, service, **kwargs):
    with time_machine.travel(when, tick=False):
        return service(**kwargs)


def test_numbers_restart_at_local_midnight_per_unit(hall):
    # Asia/Ho_Chi_Minh is UTC+7: 23:59 local on 3 July is 16:59 UTC, 00:00 local on 4 July is 17:00 UTC the 3rd.
    assert issue(hall.civil, local(2023, 7, 3, 7, 30)).number == 1
    assert issue(hall.land, local(2023, 7, 3, 9)).number == 2  # one sequence per unit, whatever the group
    late = issue(hall.civil, dt.datetime(2023, 7, 3, 23, 59, tzinfo=local(2023, 7, 3).tzinfo))
    assert (late.number, late.day) == (3, dt.date(2023, 7, 3))
    midnight = issue(hall.civil, dt.datetime(2023, 7, 3, 17, 0, tzinfo=dt.UTC))
    assert (midnight.number, midnight.day) == (1, dt.date(2023, 7, 4))
    # Another unit counts on its own.
    other_groups, _ = queue_setup(hall.cast.commune_b)
    assert issue(other_groups[0], local(2023, 7, 4, 8)).number == 1
    assert issue(hall.certify, local(2023, 7, 4, 8)).number == 2


def test_call_next_takes_the_oldest_waiting_ticket_of_the_counters_groups(hall):
    desk = hall.cast.desk_a
    one, two = hall.counters[0], hall.counters[1]  # 1: Hộ tịch + Chứng thực; 2: Đất đai
    day = local(2023, 7, 3, 8)
    land = issue(hall.land, day)  # 1
    civil = issue(hall.civil, day + dt.timedelta(minutes=1))  # 2
    certify = issue(hall.certify, day + dt.timedelta(minutes=2))  # 3
    later_civil = issue(hall.civil, day + dt.timedelta(minutes=3))  # 4
    with time_machine.travel(day + dt.timedelta(minutes=10), tick=False):
        services.counter_take(counter=one, by=desk)
        first = services.ticket_call_next(counter=one, by=desk)
        assert first.pk == civil.pk  # the land ticket is older, but counter 1 does not serve land
        assert first.status == TicketStatus.CALLED and first.counter == one
        # Calling next finishes the current number.
        second = services.ticket_call_next(counter=one, by=desk)
        assert second.pk == certify.pk
        assert Ticket.objects.get(pk=civil.pk).status == TicketStatus.DONE
        assert services.ticket_call_next(counter=one, by=desk).pk == later_civil.pk
        assert services.ticket_call_next(counter=one, by=desk) is None  # nobody waits for counter 1's groups
        assert Ticket.objects.get(pk=land.pk).status == TicketStatus.WAITING
        # The desk officer moves to counter 2: counter 1 is free again.
        services.counter_take(counter=two, by=desk)
        assert services.counter_of(desk, hall.unit) == two
        assert services.ticket_call_next(counter=two, by=desk).pk == land.pk
        with pytest.raises(ValidationError, match="không phải quầy của bạn|not yours"):
            services.ticket_call_next(counter=one, by=desk)


def test_yesterdays_waiting_tickets_are_not_called_today(hall):
    desk = hall.cast.desk_a
    issue(hall.civil, local(2023, 7, 3, 16))
    with time_machine.travel(local(2023, 7, 4, 8), tick=False):
        services.counter_take(counter=hall.counters[0], by=desk)
        assert services.ticket_call_next(counter=hall.counters[0], by=desk) is None


def test_recall_skip_and_done(hall):
    desk = hall.cast.desk_a
    counter = hall.counters[0]
    issue(hall.civil, local(2023, 7, 3, 8))
    issue(hall.civil, local(2023, 7, 3, 8, 1))
    with time_machine.travel(local(2023, 7, 3, 8, 5), tick=False):
        services.counter_take(counter=counter, by=desk)
        first = services.ticket_call_next(counter=counter, by=desk)
    called = first.announced_at
    recalled = at(local(2023, 7, 3, 8, 6), services.ticket_recall, counter=counter, by=desk)
    assert recalled.recalls == 1 and recalled.announced_at > called and recalled.called_at == called
    at(local(2023, 7, 3, 8, 7), services.ticket_recall, counter=counter, by=desk)
    skipped = at(local(2023, 7, 3, 8, 8), services.ticket_skip, counter=counter, by=desk)
    assert (skipped.status, skipped.recalls) == (TicketStatus.SKIPPED, 2)
    assert services.current_ticket(counter) is None
    with pytest.raises(ValidationError):
        at(local(2023, 7, 3, 8, 9), services.ticket_recall, counter=counter, by=desk)
    second = at(local(2023, 7, 3, 8, 9), services.ticket_call_next, counter=counter, by=desk)
    done = at(local(2023, 7, 3, 8, 20), services.ticket_done, counter=counter, by=desk)
    assert done.pk == second.pk and done.status == TicketStatus.DONE
    assert done.done_at == local(2023, 7, 3, 8, 20)


def test_waiting_before_counts_the_same_groups_earlier_waiting_tickets(hall):
    a = issue(hall.civil, local(2023, 7, 3, 8))
    issue(hall.land, local(2023, 7, 3, 8, 1))
    b = issue(hall.civil, local(2023, 7, 3, 8, 2))
    c = issue(hall.civil, local(2023, 7, 3, 8, 3))
    assert [services.waiting_before(t) for t in (a, b, c)] == [0, 1, 2]


def test_only_the_units_desk_officers_take_its_counters(hall):
    with pytest.raises(ValidationError):
        services.counter_take(counter=hall.counters[0], by=hall.cast.desk_b)
    with pytest.raises(ValidationError):
        services.counter_take(counter=hall.counters[0], by=hall.cast.leader_a)


def test_a_counter_taken_today_by_another_officer_is_refused(hall):
    other = user_with_role(hall.unit, Role.DESK_OFFICER, "desk_a2")
    services.counter_take(counter=hall.counters[0], by=hall.cast.desk_a)
    with pytest.raises(ValidationError):
        services.counter_take(counter=hall.counters[0], by=other)


def test_link_a_ticket_to_a_dossier_of_its_unit(hall):
    ticket = services.ticket_issue(group=hall.civil)
    dossier = received_dossier(hall.unit)
    services.ticket_link_dossier(ticket=ticket, code=f"  {dossier.code} ", by=hall.cast.desk_a)
    assert Ticket.objects.get(pk=ticket.pk).dossier == dossier
    elsewhere = received_dossier(hall.cast.commune_b)
    with pytest.raises(ValidationError, match=elsewhere.code):
        services.ticket_link_dossier(ticket=ticket, code=elsewhere.code, by=hall.cast.desk_a)


def test_statistics_and_queue_today_by_hand(hall):
    desk = hall.cast.desk_a
    one, two = hall.counters[0], hall.counters[1]
    # Monday 3 July 2023. Counter 1 (Hộ tịch): ticket 1 issued 8:00, called 8:10, done 8:25 (wait 10, serve 15);
    # ticket 3 issued 8:05, called 8:25, done 8:30 (wait 20, serve 5). Counter 2 (Đất đai): ticket 2 issued 8:02,
    # called 8:06, skipped 8:09 (wait 4, not served). Ticket 4 (Hộ tịch) issued 8:40, never called.
    issue(hall.civil, local(2023, 7, 3, 8, 0))
    issue(hall.land, local(2023, 7, 3, 8, 2))
    issue(hall.civil, local(2023, 7, 3, 8, 5))
    at(local(2023, 7, 3, 7, 55), services.counter_take, counter=one, by=desk)
    second_desk = user_with_role(hall.unit, Role.DESK_OFFICER, "desk_a2")
    at(local(2023, 7, 3, 7, 55), services.counter_take, counter=two, by=second_desk)
    at(local(2023, 7, 3, 8, 6), services.ticket_call_next, counter=two, by=second_desk)
    at(local(2023, 7, 3, 8, 9), services.ticket_skip, counter=two, by=second_desk)
    at(local(2023, 7, 3, 8, 10), services.ticket_call_next, counter=one, by=desk)
    at(local(2023, 7, 3, 8, 25), services.ticket_call_next, counter=one, by=desk)  # finishes 1, calls 3
    at(local(2023, 7, 3, 8, 30), services.ticket_done, counter=one, by=desk)
    issue(hall.civil, local(2023, 7, 3, 8, 40))
    # Tuesday: one ticket of Chứng thực, issued 9:00, called 9:30 at counter 1, done 9:40 (wait 30, serve 10).
    issue(hall.certify, local(2023, 7, 4, 9, 0))
    at(local(2023, 7, 4, 8, 0), services.counter_take, counter=one, by=desk)
    at(local(2023, 7, 4, 9, 30), services.ticket_call_next, counter=one, by=desk)
    at(local(2023, 7, 4, 9, 40), services.ticket_done, counter=one, by=desk)

    stats = selectors.statistics(hall.unit, dt.date(2023, 7, 3), dt.date(2023, 7, 4))
    minutes = 60.0
    (total,) = stats["total"]
    assert (total.issued, total.called, total.served, total.skipped) == (5, 4, 3, 1)
    assert total.average_wait == (10 + 20 + 4 + 30) / 4 * minutes
    assert total.average_service == (15 + 5 + 10) / 3 * minutes
    c1, c2 = stats["counters"]
    assert (c1.label, c1.called, c1.served, c1.average_wait, c1.average_service) == (
        str(one),
        3,
        3,
        (10 + 20 + 30) / 3 * minutes,
        (15 + 5 + 10) / 3 * minutes,
    )
    assert (c2.called, c2.served, c2.skipped, c2.average_wait, c2.average_service) == (1, 0, 1, 4 * minutes, None)
    groups = {row.label: row for row in stats["groups"]}
    assert groups["Hộ tịch"].issued == 3 and groups["Hộ tịch"].average_wait == 15 * minutes
    assert groups["Đất đai"].average_wait == 4 * minutes and groups["Đất đai"].average_service is None
    assert groups["Chứng thực"].average_service == 10 * minutes
    monday, tuesday = stats["days"]
    assert (monday.label, monday.issued, monday.average_wait) == ("03/07/2023", 4, (10 + 20 + 4) / 3 * minutes)
    assert (tuesday.issued, tuesday.average_service) == (1, 10 * minutes)

    with time_machine.travel(local(2023, 7, 3, 9), tick=False):
        today = selectors.queue_today(hall.unit)
    assert today == {
        "day": dt.date(2023, 7, 3),
        "issued": 4,
        "waiting": 1,
        "serving": 0,
        "served": 2,
        "skipped": 1,
        "average_wait_seconds": (10 + 20 + 4) / 3 * minutes,
    }


def test_an_officer_changes_counter_only_with_no_number_being_served(hall):
    desk = hall.cast.desk_a
    services.ticket_issue(group=hall.civil)
    services.counter_take(counter=hall.counters[0], by=desk)
    services.ticket_call_next(counter=hall.counters[0], by=desk)
    with pytest.raises(ValidationError, match="số 1 tại quầy 1|number 1 at counter 1"):
        services.counter_take(counter=hall.counters[1], by=desk)
    assert services.counter_of(desk, hall.unit) == hall.counters[0]
    services.ticket_done(counter=hall.counters[0], by=desk)
    services.counter_take(counter=hall.counters[1], by=desk)
    assert services.counter_of(desk, hall.unit) == hall.counters[1]
