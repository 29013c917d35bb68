"""In chromium at 1366 and 390 px: a commune leader opens the officers' work from the menu, picks the quarter as
people write it, sorts by the late dossiers and opens one officer's late dossiers (the histories and their figures
are those of test_officer_work, worked out by hand there)."""

from __future__ import annotations

import pytest

from cchc.testing.browser import PHONE, chromium_page, shot

from .test_officer_work import history, walk  # noqa: F401 (the fixture and its helper)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
WIDE = {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport, name", [(WIDE, "1366"), (PHONE, "390")])
def test_a_leader_reads_the_officers_work_and_opens_the_late_dossiers(live_server, history, viewport, name):  # noqa: F811
    with chromium_page(viewport) as page:
        page.goto(f"{live_server.url}/can-bo/dang-nhap/")
        page.fill("#id_username", "leader_a")
        page.fill("#id_password", "pass-1234")
        page.press("#id_password", "Enter")
        page.wait_for_url("**/can-bo/**")
        menu = page.locator("nav.site-nav")
        if not menu.get_by_role("link", name="Kết quả xử lý của cán bộ").is_visible():
            page.locator(".nav-toggle, button[aria-controls]").first.click()
        menu.get_by_role("link", name="Kết quả xử lý của cán bộ").click()
        page.wait_for_url("**/reports/officers/**")
        page.fill("#id_period", "quý 3/2023")
        page.select_option("#id_cutoff", "calendar")
        page.get_by_role("button", name="Xem").click()
        page.wait_for_url("**period=*")
        table = page.locator("#officers-table")
        assert table.locator("tr.officer-row").count() == 2
        page.locator("#officers-table thead a", has_text="Trễ hạn").click()
        page.wait_for_url("**sort=late**")
        first = page.locator("#officers-table tr.officer-row").first
        assert str(history.specialist_a) in first.inner_text()
        assert first.locator('td[data-key="processing_avg"]').inner_text() == "3,00"
        assert first.locator('td[data-key="on_time_rate"]').inner_text() == "33,33%"
        shot(page, f"officers-{name}")
        # The page itself never scrolls sideways: the wide tables scroll in their own boxes.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.locator("#causes-table").scroll_into_view_if_needed()
        shot(page, f"officers-causes-{name}")
        first.locator('td[data-key="late"] a').click()
        page.wait_for_url("**/reports/dossiers/**")
        assert page.locator("#figure-count").inner_text() == "2"
        assert str(history.specialist_a) in page.locator("#figure-narrowed").inner_text()
        shot(page, f"officers-late-dossiers-{name}")
