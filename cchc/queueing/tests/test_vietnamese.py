"""Every queue page, filled, shows no English to a Vietnamese visitor, officer or leader (the project's check:
the English fragments of the translated messages, cchc/web/tests/test_vietnamese_everywhere.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.queueing import services
from cchc.web.tests.test_vietnamese_everywhere import _check, english_texts

pytestmark = pytest.mark.django_db


def test_the_queue_pages_are_vietnamese(client, hall, cast):
    texts = english_texts()
    services.ticket_issue(group=hall.civil)
    services.ticket_issue(group=hall.civil)
    first = services.ticket_issue(group=hall.land)
    services.counter_take(counter=hall.counters[0], by=cast.desk_a)
    services.ticket_call_next(counter=hall.counters[0], by=cast.desk_a)
    services.ticket_recall(counter=hall.counters[0], by=cast.desk_a)
    services.ticket_call_next(counter=hall.counters[0], by=cast.desk_a)
    public = [
        reverse("queueing:kiosk", kwargs={"code": "gio-an"}),
        reverse("queueing:ticket", kwargs={"code": "gio-an", "pk": first.pk}),
        reverse("queueing:display", kwargs={"code": "gio-an"}),
        reverse("queueing:display_state", kwargs={"code": "gio-an"}),
    ]
    assert _check(client, public, texts) == ""
    client.force_login(cast.desk_a)
    assert _check(client, [reverse("queueing_staff:counter")], texts) == ""
    client.force_login(cast.leader_a)
    assert (
        _check(
            client,
            [
                reverse("queueing_staff:statistics"),
                reverse("queueing_staff:statistics") + "?tu=2030-01-01&den=2020-01-01",
            ],
            texts,
        )
        == ""
    )
