"""The portal's home page in chromium, at phone and desktop width, with no serious accessibility issue."""

from __future__ import annotations

import pytest

from cchc.procedures.models import OnlineService
from cchc.testing.browser import assert_accessible, shot
from cchc.testing.factories import ProcedureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", ["phone", "page"])
def test_the_home_page_is_the_portal_and_accessible(request, live_server, width):
    ProcedureFactory(code="1.000920", name="Đăng ký khai sinh")
    ProcedureFactory(code="1.000921", name="Chứng thực bản sao", online_service=OnlineService.NONE)
    page = request.getfixturevalue(width)
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("search").count() == 1
    assert "2 thủ tục được công khai" in page.locator(".p-home-counts").inner_text()
    # The menu fits the width: every item is on the screen, none scrolled out of sight.
    width_px = page.viewport_size["width"]
    for box in (item.bounding_box() for item in page.locator(".p-nav a").all()):
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width_px
    shot(page, f"portal-home-{width}")
    assert_accessible(page)
    page.get_by_role("link", name="1 thủ tục nộp trực tuyến được").click()
    page.wait_for_url("**/thu-tuc/?truc-tuyen=1")
    assert page.locator(".p-cat-item h2").all_inner_texts() == ["Đăng ký khai sinh"]
