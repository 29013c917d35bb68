"""Fixtures of the portal's browser tests: a chromium page at desktop and at phone width."""

from __future__ import annotations

import pytest

from cchc.testing.browser import DESKTOP, PHONE, chromium_page


@pytest.fixture
def page(live_server):
    with chromium_page(DESKTOP) as p:
        yield p


@pytest.fixture
def phone(live_server):
    with chromium_page(PHONE) as p:
        yield p
