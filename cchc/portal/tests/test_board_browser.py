"""The public live board in chromium: the hall's TV (1920x1080, all on one screen) and a phone (390 px)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from cchc.dossiers.models import Channel
from cchc.queueing.models import ServiceGroup
from cchc.queueing.services import ticket_issue
from cchc.testing.browser import assert_accessible, chromium_page, shot
from cchc.testing.factories import UnitFactory, imported_dossier
from cchc.units.models import UnitLevel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TV = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def board_url(live_server):
    unit = UnitFactory.create(code="xa-tv", name="UBND xã Gio Mỹ", level=UnitLevel.COMMUNE)
    now = timezone.localtime()
    today = now.replace(hour=0, minute=1)
    imported_dossier(unit, code="T1", channel=Channel.ONLINE, received_at=today, due_at=now + dt.timedelta(days=5))
    imported_dossier(
        unit,
        code="T2",
        received_at=today - dt.timedelta(days=40),
        due_at=today - dt.timedelta(days=35),
        finished_at=today,
        outcome="resolved",
    )
    imported_dossier(unit, code="T3", received_at=today - dt.timedelta(days=40), due_at=today - dt.timedelta(days=35))
    group = ServiceGroup.objects.create(unit=unit, name="Hộ tịch")
    for _ in range(3):
        ticket_issue(group=group)
    cache.clear()
    return f"{live_server.url}/bang-tin/xa-tv/"


@pytest.mark.parametrize(("name", "viewport"), [("tv", TV), ("phone", PHONE)])
def test_the_board_reads_on_a_tv_and_a_phone(board_url, name, viewport):
    with chromium_page(viewport) as page:
        page.goto(board_url)
        assert page.locator("h1").inner_text() == "UBND xã Gio Mỹ"
        assert page.locator('[data-figure="today-received"]').inner_text() == "1"
        assert page.locator('[data-figure="today-resolved"]').inner_text() == "1"
        assert page.locator('[data-figure="overdue"]').inner_text() == "1"
        assert page.locator('[data-figure="today-on-time"]').inner_text() == "0,00%"
        assert page.locator('[data-figure="queue-waiting"]').inner_text() == "3"
        size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        assert size[0] <= viewport["width"], "no sideways scrolling"
        if name == "tv":
            # The TV shows the whole board without scrolling, in type readable across the hall.
            assert size[1] <= viewport["height"]
            assert (
                float(
                    page.locator('[data-figure="month-received"]')
                    .evaluate("e => getComputedStyle(e).fontSize")
                    .removesuffix("px")
                )
                >= 40
            )
        # htmx polls the figures: the script is loaded (a file, no inline code) and the block asks every 45 s.
        assert page.evaluate("typeof window.htmx") == "object"
        assert page.locator(".b-figures").get_attribute("hx-trigger") == "every 45s"
        shot(page, f"board-{name}")
        assert_accessible(page)
