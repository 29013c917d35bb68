"""The work list's banner of deadlines within one working day, in chromium at 1366 and 390 px."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cchc.notices.warnings import warn_one
from cchc.testing.browser import PHONE, assert_accessible, chromium_page, shot
from cchc.testing.factories import in_process_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 900}, PHONE], ids=["1366", "390"])
def test_the_warned_officer_sees_the_banner_and_opens_the_dossier(live_server, cast, viewport):
    now = timezone.now()
    dossier = in_process_dossier(cast.commune_a, at=now)
    # The warning as `cchc warn` records it (the live server runs on the real clock: recorded directly).
    warn_one(dossier, now)
    with chromium_page(viewport) as page:
        page.goto(f"{live_server.url}/can-bo/dang-nhap/")
        page.fill("#id_username", cast.specialist_a.username)
        page.fill("#id_password", "pass-1234")
        page.press("#id_password", "Enter")
        page.wait_for_url("**/can-bo/**")
        page.goto(f"{live_server.url}/can-bo/")
        banner = page.locator("#deadline-warnings")
        assert "1 hồ sơ đến hạn trong một ngày làm việc" in banner.inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"]
        shot(page, f"deadline-banner-{viewport['width']}")
        assert_accessible(page)
        banner.get_by_role("link", name=dossier.code).click()
        page.wait_for_url(f"**/{dossier.code}/**")
