"""The service index page in Debian's chromium at 1366 and 390 px: a district's leader sees the total, the groups
with their inputs, the ranking chart and table, the trend chart, opens a commune and downloads the .xlsx."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from cchc.accounts.models import Role
from cchc.testing.browser import PHONE, assert_accessible, chromium_page, shot
from cchc.testing.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", [1366, PHONE["width"]])
def test_leader_reads_the_index(live_server, history, width):
    cache.clear()  # the cache table outlives a transactional test's flush: no entry of an earlier test
    leader = user_with_role(history["district"], Role.LEADER, username="lanhdao.h")
    viewport = {"width": width, "height": 900 if width > 600 else PHONE["height"]}
    with chromium_page(viewport) as page:
        page.goto(f"{live_server.url}/can-bo/dang-nhap/")
        page.fill("#id_username", leader.username)
        page.fill("#id_password", "pass-1234")
        page.press("#id_password", "Enter")
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/can-bo/chi-so-766/?unit=h&period=2024-03")
        assert page.locator("h1").inner_text().startswith("Bộ chỉ số")
        assert page.locator("#ranking table tbody tr").count() == 2
        images = page.locator("img.chart")
        assert images.count() == 2
        # The charts are drawn: each image decoded to a real width (an SVG the browser could not read has none).
        assert all(images.nth(i).evaluate("img => img.naturalWidth") > 0 for i in range(2))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        assert_accessible(page)
        shot(page, f"serviceindex-district-{width}")
        page.get_by_role("link", name="Xã C1").click()
        page.wait_for_load_state()
        assert "36,24" in page.locator(".index-total").inner_text()
        assert page.locator("#figures-time").count() == 0  # counted for this view
        shot(page, f"serviceindex-commune-{width}")
        page.reload()
        # From the shared cache now: the page says when the figures were counted.
        assert page.locator("#figures-time").inner_text().startswith("Số liệu tính lúc ")
        assert "36,24" in page.locator(".index-total").inner_text()
        shot(page, f"serviceindex-commune-cached-{width}")
        with page.expect_download() as download:
            page.get_by_role("link", name="Tải tệp .xlsx").click()
        assert download.value.suggested_filename.endswith(".xlsx")
