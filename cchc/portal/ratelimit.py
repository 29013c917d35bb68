"""Rate limits for the portal's anonymous visitors: failed tracking guesses, feedback posts, ... counted in Django's
cache, per key (a client address, a dossier code), in fixed windows (docs/decisions/0014).

A refused request writes nothing. The counts live in the default cache, which every server process shares: a table
in the database (cchc.lib.cache, whose `incr` is atomic and keeps the window's expiry), or the Redis `CACHE_URL`
names (config/settings.py, docs/decisions/0031); so a limit counts the guesses made on all the app servers. A cache
that loses its counts (eviction, a Redis restart) only gives a few more tries.

Use:
    rate = Rate.from_settings("feedback", "CCHC_FEEDBACK_POSTS_PER_ADDRESS", "CCHC_FEEDBACK_WINDOW_MINUTES")
    wait = blocked([(rate, client_address(request))])
    if wait:
        return too_many_requests(request, retry_after=wait, message=...)
    ... on a failed try: record([(rate, client_address(request))])
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cchc.accounts.security import client_ip

PREFIX = "cchc-rate"


@dataclass(frozen=True)
class Rate:
    """At most `limit` counted events per `window` seconds for one key, in the scope `scope` (a name that keeps
    the counts of different limits apart)."""

    scope: str
    limit: int
    window: int

    @classmethod
    def from_settings(cls, scope: str, limit_setting: str, minutes_setting: str) -> Rate:
        """The rate read now from two settings (so a test's override applies): the count and the window in minutes."""
        return cls(scope, int(getattr(settings, limit_setting)), 60 * int(getattr(settings, minutes_setting)))


def client_address(request: HttpRequest) -> str:
    """The client's address as the log-in lock-out sees it (django-axes' AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, or
    behind CCHC_TRUSTED_PROXIES proxies the X-Forwarded-For entry they appended)."""
    return client_ip(request) or "unknown"


def _window(rate: Rate, now: float) -> tuple[int, int]:
    """The current window's number and the seconds left in it."""
    window = max(rate.window, 1)
    number = int(now // window)
    return number, max(1, math.ceil((number + 1) * window - now))


def _key(rate: Rate, ident: str, number: int) -> str:
    # Hashed: a key is short and safe for every cache backend whatever the visitor typed, and the cache never holds
    # the addresses or codes themselves.
    digest = hashlib.sha256(f"{rate.scope}\0{ident}".encode()).hexdigest()[:40]
    return f"{PREFIX}:{rate.scope}:{digest}:{number}"


def count(rate: Rate, ident: str, *, now: float | None = None) -> int:
    """The events counted for `ident` in the current window."""
    number, _left = _window(rate, time.time() if now is None else now)
    return int(cache.get(_key(rate, ident, number), 0))


def blocked(pairs: Iterable[tuple[Rate, str]], *, now: float | None = None) -> int:
    """The seconds to wait before one more try is allowed for every (rate, key) pair: 0 when none is at its limit."""
    now = time.time() if now is None else now
    wait = 0
    for rate, ident in pairs:
        number, left = _window(rate, now)
        if int(cache.get(_key(rate, ident, number), 0)) >= rate.limit:
            wait = max(wait, left)
    return wait


def record(pairs: Iterable[tuple[Rate, str]], *, now: float | None = None) -> None:
    """Count one event for each (rate, key) pair in its current window."""
    now = time.time() if now is None else now
    # One transaction for the database cache: it commits once for all the pairs (a commit is most of its cost).
    with transaction.atomic() if isinstance(caches["default"], BaseDatabaseCache) else contextlib.nullcontext():
        for rate, ident in pairs:
            _record_one(rate, ident, now)


def _record_one(rate: Rate, ident: str, now: float) -> None:
    number, left = _window(rate, now)
    key = _key(rate, ident, number)
    # The first event of a window adds its key at 1 (one write); the next ones incr() it, which counts every event,
    # even from two servers at once, on Redis and on the database cache (cchc.lib.cache; not on Django's own
    # DatabaseCache). The key expires with its window.
    if cache.add(key, 1, timeout=left + 1):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=left + 1)


def too_many_requests(
    request: HttpRequest,
    *,
    retry_after: int,
    message: str,
    template: str = "portal/too_many_requests.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The 429 answer with Retry-After (seconds) and a page saying `message` and how long to wait."""
    minutes = max(1, math.ceil(retry_after / 60))
    response = render(
        request,
        template,
        {"message": message, "retry_minutes": minutes, **(context or {})},
        status=429,
    )
    response["Retry-After"] = str(int(retry_after))
    return response
