"""Two kiosks never give the same number: concurrent requests to the kiosk on PostgreSQL, each thread with its own
database connection, starting before the day's sequence row exists (the race to create it included)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from cchc.queueing.models import DailySequence, Ticket

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

THREADS = 8
EACH = 6


def test_concurrent_kiosks_never_share_a_number(hall, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    settings.CCHC_QUEUE_TICKETS_PER_MINUTE = 10_000
    url = reverse("queueing:kiosk", kwargs={"code": hall.unit.code})
    groups = [hall.civil.pk, hall.land.pk, hall.certify.pk]
    statuses: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)
    lock = threading.Lock()

    def kiosk(n: int) -> None:
        try:
            client = Client(REMOTE_ADDR=f"10.0.0.{n + 1}")
            barrier.wait()
            for i in range(EACH):
                response = client.post(url, {"group": groups[(n + i) % 3]})
                with lock:
                    statuses.append(response.status_code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=kiosk, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert statuses == [302] * (THREADS * EACH)
    numbers = list(Ticket.objects.filter(unit=hall.unit).values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, THREADS * EACH + 1))  # distinct and gapless
    assert DailySequence.objects.get(unit=hall.unit).last_number == THREADS * EACH
