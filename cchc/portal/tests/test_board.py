"""The public live board /bang-tin/<unit>/: its figures against hand-made dossiers, and nothing personal on it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from cchc.accounts.models import Role
from cchc.dossiers.models import Channel
from cchc.feedback.models import Evaluation, Satisfaction
from cchc.portal.board import compute_summary
from cchc.queueing.models import Counter, ServiceGroup
from cchc.queueing.services import counter_take, ticket_call_next, ticket_done, ticket_issue
from cchc.testing.factories import APPLICANT, UnitFactory, imported_dossier, local, user_with_role
from cchc.units.models import UnitLevel

pytestmark = pytest.mark.django_db

# Wednesday 19 July 2023, 10:00 local: "today" and "this month" (1-19 July) of the board.
NOW = local(2023, 7, 19, 10, 0)


@pytest.fixture
def desk():
    """A commune desk with six hand-made dossiers (and one at another commune), worked out below."""
    unit = UnitFactory.create(code="xa-bang-tin", name="UBND xã Bảng Tin", level=UnitLevel.COMMUNE)
    other = UnitFactory.create(code="xa-ben-canh", level=UnitLevel.COMMUNE)
    # A: received online this morning, open, due next week.
    imported_dossier(
        unit, code="A", channel=Channel.ONLINE, received_at=local(2023, 7, 19, 8), due_at=local(2023, 7, 24, 8)
    )
    # B: received 3 July, due 6 July 09:00, resolved this morning: late; its apology of 4 July was in time
    # (Decree 61/2018 Art. 19(9): no later than 1 day before the deadline, i.e. by the end of 5 July).
    imported_dossier(
        unit,
        code="B",
        received_at=local(2023, 7, 3, 9),
        due_at=local(2023, 7, 6, 9),
        finished_at=local(2023, 7, 19, 9),
        outcome="resolved",
        apology_at=local(2023, 7, 4, 10),
    )
    # C: received 10 July, due 13 July, resolved 12 July: early (a day before the deadline's day).
    c = imported_dossier(
        unit,
        code="C",
        received_at=local(2023, 7, 10, 9),
        due_at=local(2023, 7, 13, 9),
        finished_at=local(2023, 7, 12, 15),
        outcome="resolved",
    )
    # D: received 3 July, due 6 July, still open: overdue, no apology.
    imported_dossier(unit, code="D", received_at=local(2023, 7, 3, 10), due_at=local(2023, 7, 6, 10))
    # E: received and resolved in June: not this month's.
    imported_dossier(
        unit,
        code="E",
        received_at=local(2023, 6, 20, 9),
        due_at=local(2023, 6, 23, 9),
        finished_at=local(2023, 6, 22, 9),
        outcome="resolved",
    )
    # At another desk, received today: not this board's.
    imported_dossier(other, code="F", received_at=local(2023, 7, 19, 9))
    Evaluation.objects.create(dossier=c, submitted_at=local(2023, 7, 12, 16), satisfaction=Satisfaction.VERY_SATISFIED)
    Evaluation.objects.create(dossier=c, submitted_at=local(2023, 7, 13, 8), satisfaction=Satisfaction.UNSATISFIED)
    cache.clear()
    return unit


def test_the_board_figures_worked_out_by_hand(desk):
    s = compute_summary(desk, NOW)
    # Today (19 July): A received (online); B resolved, late: 0 of 1 on time.
    assert s["today"]["received"] == "1"
    assert s["today"]["received_online"] == "1"
    assert s["today"]["resolved"] == "1"
    assert s["today"]["on_time"] == "0,00%"
    # This month (1-19 July): A, B, C, D received; B (late) and C (early) resolved: 1 of 2 on time = 50,00%.
    assert s["month"]["received"] == "4"
    assert s["month"]["received_online"] == "1"
    assert s["month"]["resolved"] == "2"
    assert s["month"]["on_time"] == "50,00%"
    # Late: B (resolved late) and D (open past its deadline); B's apology was in time, D has none.
    assert s["month"]["late"] == "2"
    assert s["month"]["late_with_apology_in_time"] == "1"
    # Open now: A and D; past the deadline: D.
    assert s["pending"] == "2"
    assert s["overdue"] == "1"
    # Two evaluations of C this month, one very satisfied: 50,00%; none today, so no rate ("—", not 0%).
    assert s["month"]["evaluations"] == "2"
    assert s["month"]["satisfaction"] == "50,00%"
    assert s["today"]["evaluations"] == "0"
    assert s["today"]["satisfaction"] == "—"


def test_the_page_shows_them_in_vietnamese_without_personal_data(client, desk):
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("portal:board", args=["xa-bang-tin"]), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    assert "UBND xã Bảng Tin" in html
    assert "Hôm nay" in html and "Tháng này" in html and "Quá hạn" in html
    assert 'data-figure="month-on-time">50,00%<' in html
    assert 'data-figure="overdue">1<' in html
    assert 'data-figure="month-apology-in-time">1 / 2<' in html
    # A desk without queue numbers says so: no made-up number.
    assert 'data-figure="queue"' in html and "Bộ phận một cửa này không cấp số thứ tự" in html
    assert 'data-figure="queue-issued"' not in html
    for personal in (APPLICANT["name"], APPLICANT["id_number"], APPLICANT["phone"], APPLICANT["address"]):
        assert personal not in html
    for code in ("A", "B", "C", "D"):
        assert f">{code}<" not in html
    # It polls its own figures (htmx), with no inline script.
    assert 'hx-trigger="every 45s"' in html
    assert "<script>" not in html


def test_the_poll_returns_the_figures_block_alone(client, desk):
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("portal:board", args=["xa-bang-tin"]) + "?phan=so-lieu")
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="b-figures"')
    assert "<html" not in html


def test_a_stale_summary_is_shown_and_recounted_by_the_task_queue(client, desk):
    url = reverse("portal:board", args=["xa-bang-tin"])
    with time_machine.travel(NOW, tick=False):
        client.get(url)
    imported_dossier(desk, code="G", received_at=local(2023, 7, 19, 10, 30))
    with time_machine.travel(NOW + dt.timedelta(seconds=10), tick=False):
        # Fresh: the cached summary, without G.
        assert 'data-figure="today-received">1<' in client.get(url).content.decode()
    with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
        # Stale: shown once more while the queue (immediate in tests) recounts it; the next poll has G.
        assert 'data-figure="today-received">1<' in client.get(url).content.decode()
        assert 'data-figure="today-received">2<' in client.get(url).content.decode()


def test_the_queue_numbers_of_today(client, desk):
    """Five numbers given today: one served (called after 4 minutes), one at the counter (after 8), three waiting;
    the average wait of the two called is (4 + 8) / 2 = 6 minutes."""
    group = ServiceGroup.objects.create(unit=desk, name="Hộ tịch")
    counter = Counter.objects.create(unit=desk, number=1)
    counter.groups.add(group)
    officer = user_with_role(desk, Role.DESK_OFFICER)
    with time_machine.travel(local(2023, 7, 19, 8, 0), tick=False):
        for _ in range(5):
            ticket_issue(group=group)
        counter_take(counter=counter, by=officer)
    with time_machine.travel(local(2023, 7, 19, 8, 4), tick=False):
        ticket_call_next(counter=counter, by=officer)
    with time_machine.travel(local(2023, 7, 19, 8, 8), tick=False):
        ticket_done(counter=counter, by=officer)
        ticket_call_next(counter=counter, by=officer)
    with time_machine.travel(NOW, tick=False):
        html = client.get(reverse("portal:board", args=["xa-bang-tin"]) + "?phan=so-lieu").content.decode()
    assert 'data-figure="queue-issued">5<' in html
    assert 'data-figure="queue-waiting">3<' in html
    assert 'data-figure="queue-serving">1<' in html
    assert 'data-figure="queue-served">1<' in html
    assert 'data-figure="queue-wait">6<' in html


def test_an_unknown_unit_is_404(client, db):
    assert client.get(reverse("portal:board", args=["khong-co"])).status_code == 404
