"""The staff search in Debian's chromium (issue 9, point 2): from the log-in, the header's search box finds an
applicant typed without diacritics; the search page with its filters at 1366, 1024 and 390 px."""

from __future__ import annotations

import pytest

from cchc.testing.browser import PHONE, assert_accessible, chromium_page, shot
from cchc.testing.factories import APPLICANT, awaiting_supplement_dossier, received_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

THU = {**APPLICANT, "name": "Trần Văn Thử", "phone": "0912345678"}


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/can-bo/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1366, 1024, PHONE["width"]])
def test_the_desk_finds_an_applicant_typed_without_diacritics(live_server, cast, width):
    thu = received_dossier(cast.commune_a, applicant=THU)
    waiting = awaiting_supplement_dossier(cast.commune_a, applicant=THU)
    received_dossier(cast.commune_b, applicant=THU)  # another commune's: never listed
    with chromium_page({"width": width, "height": 900}) as page:
        log_in(page, live_server, cast.desk_a.username)
        if width >= 1024:
            box = page.locator(".nav-search input[name=q]")
        else:
            page.goto(f"{live_server.url}/can-bo/")
            page.get_by_role("link", name="Tra cứu").first.click()
            box = page.locator("form.search-filters input[name=q]")
        box.fill("tran van thu")
        box.press("Enter")
        page.wait_for_load_state()
        rows = page.locator("table.search-results tbody tr")
        assert rows.count() == 2
        text = page.locator("table.search-results").inner_text()
        assert thu.code in text and waiting.code in text and "Trần Văn Thử" in text
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        shot(page, f"search-{width}")
        assert_accessible(page)
        page.select_option("form.search-filters select[name=status]", "awaiting_supplement")
        page.locator("form.search-filters button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("table.search-results tbody tr").count() == 1
        shot(page, f"search-filtered-{width}")
        assert overflow <= 0 or width < 1024, overflow
