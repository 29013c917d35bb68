"""The portal's rate limits (cchc/portal/ratelimit.py): counted per key in fixed windows, in the cache only."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from cchc.portal import ratelimit
from cchc.portal.ratelimit import Rate


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()
    yield
    cache.clear()


def test_a_key_is_blocked_at_its_limit_until_its_window_ends():
    rate = Rate("test", limit=3, window=600)
    start = 6000.0  # a window boundary: windows are [6000, 6600), [6600, 7200), ...
    for _ in range(3):
        assert ratelimit.blocked([(rate, "a")], now=start + 10) == 0
        ratelimit.record([(rate, "a")], now=start + 10)
    assert ratelimit.count(rate, "a", now=start + 10) == 3
    # Blocked for what is left of the window, rounded up to a second.
    assert ratelimit.blocked([(rate, "a")], now=start + 10) == 590
    # Another key and another scope count apart.
    assert ratelimit.blocked([(rate, "b")], now=start + 10) == 0
    assert ratelimit.blocked([(Rate("other", 3, 600), "a")], now=start + 10) == 0
    # The next window starts afresh.
    assert ratelimit.blocked([(rate, "a")], now=start + 600) == 0


def test_the_longest_wait_of_the_blocked_pairs_is_returned():
    short, long = Rate("short", 1, 60), Rate("long", 1, 3600)
    ratelimit.record([(short, "x"), (long, "y")], now=0.0)
    assert ratelimit.blocked([(short, "x"), (long, "y")], now=30.0) == 3570
    assert ratelimit.blocked([(short, "x")], now=30.0) == 30


def test_rates_come_from_the_settings_when_asked():
    with override_settings(CCHC_TRACKING_GUESSES_PER_CODE=4, CCHC_TRACKING_CODE_WINDOW_MINUTES=2):
        rate = Rate.from_settings("c", "CCHC_TRACKING_GUESSES_PER_CODE", "CCHC_TRACKING_CODE_WINDOW_MINUTES")
    assert rate == Rate("c", 4, 120)


def test_the_client_address_is_the_one_the_log_in_lock_out_uses(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    settings.CCHC_TRUSTED_PROXIES = 0
    assert ratelimit.client_address(request) == "10.0.0.9"
    settings.CCHC_TRUSTED_PROXIES = 1
    assert ratelimit.client_address(request) == "203.0.113.7"
    assert ratelimit.client_address(RequestFactory().get("/", REMOTE_ADDR="")) == "unknown"


def test_the_answer_is_429_with_retry_after(rf):
    response = ratelimit.too_many_requests(rf.get("/"), retry_after=125, message="Slow down.")
    assert response.status_code == 429
    assert response["Retry-After"] == "125"
    assert "Slow down." in response.content.decode()
