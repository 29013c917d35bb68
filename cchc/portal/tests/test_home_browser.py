"""The portal's home page in chromium, at phone and desktop width, with no serious accessibility issue."""

from __future__ import annotations

import pytest

from cchc.testing.browser import assert_accessible, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", ["phone", "page"])
def test_the_home_page_is_the_portal_and_accessible(request, live_server, width):
    page = request.getfixturevalue(width)
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("search").count() == 1
    shot(page, f"portal-home-{width}")
    assert_accessible(page)
