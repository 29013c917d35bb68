"""In chromium: the tracking book's pages at 1366, 1024 and 390 px wide: page links that work, the sheet scrolling
inside its box on a phone (the page itself never scrolls sideways), accessible.

Set CCHC_SCREENSHOTS=/some/dir to keep the screenshots (tracking-book-<width>.png).
"""

from __future__ import annotations

import pytest

from cchc.testing.browser import assert_accessible, chromium_page, shot
from cchc.testing.factories import local, received_dossier
from cchc.web import views_tracking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/can-bo/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", (1366, 1024, 390))
def test_the_book_pages_and_scrolls_in_its_box(live_server, cast, monkeypatch, width):
    monkeypatch.setattr(views_tracking, "PAGE_SIZE", 2)
    dossiers = [received_dossier(cast.commune_a, at=local(2023, 7, 3 + i, 9, 0)) for i in range(5)]
    with chromium_page({"width": width, "height": 900}) as page:
        log_in(page, live_server, cast.desk_a)
        page.goto(f"{live_server.url}/can-bo/tracking-book/?unit={cast.commune_a.pk}&period=2023-Q3")
        assert "Dòng 1–2 trong 5 hồ sơ" in page.locator("#book-count").inner_text()
        wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wide <= 1, f"the page is {wide}px wider than the window"
        box = page.locator(".book-box").first
        scrolls = box.evaluate("b => b.scrollWidth > b.clientWidth")
        assert scrolls == (width < 1200), "the A4-landscape sheet scrolls inside its box when it does not fit"
        shot(page, f"tracking-book-{width}")
        assert_accessible(page)
        with page.expect_navigation():
            page.locator("#book-count").locator("..").get_by_role("link", name="Trang 3").click()
        assert dossiers[4].code in page.locator("#tracking-book").inner_text()
        assert dossiers[0].code not in page.locator("#tracking-book").inner_text()
