"""The shared cache in the database (cchc.lib.cache): the default, made by `migrate`, counting every event and
keeping a window's expiry (docs/decisions/0031)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection, connections
from django.utils import timezone

from cchc.lib.cache import TABLE
from cchc.portal import ratelimit
from cchc.portal.ratelimit import Rate


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()
    yield
    cache.clear()


def _expires(key: str) -> dt.datetime:
    """The stored expiry of a cache key, as an aware UTC datetime."""
    stored = cache.make_and_validate_key(key)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {connection.ops.quote_name(TABLE)} WHERE cache_key = %s", [stored])
        (value,) = cursor.fetchone()
    if isinstance(value, str):  # SQLite returns the text it stored (naive UTC)
        value = dt.datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)


def test_the_default_cache_is_the_table_migrate_made():
    assert settings.CACHES["default"]["BACKEND"] == "cchc.lib.cache.DatabaseCache"
    assert settings.CACHES["default"]["LOCATION"] == TABLE
    assert TABLE in connection.introspection.table_names()


def test_incr_adds_and_keeps_the_expiry_of_the_key():
    """Django's own DatabaseCache.incr writes the value back with the default timeout (300 s): a 60-minute window
    would then forget its count 5 minutes after the last event."""
    cache.add("k", 0, timeout=3600)
    before = _expires("k")
    assert cache.incr("k") == 1
    assert cache.incr("k", 5) == 6
    assert cache.get("k") == 6
    assert _expires("k") == before
    assert before > timezone.now() + dt.timedelta(minutes=59)


def test_incr_of_a_missing_or_expired_key_raises():
    with pytest.raises(ValueError):
        cache.incr("nothing")
    cache.set("old", 3, timeout=-1)  # stored already expired
    with pytest.raises(ValueError):
        cache.incr("old")


def test_a_rate_limit_counts_in_the_database_and_blocks_at_its_limit():
    rate = Rate("test-db", limit=3, window=3600)
    for _ in range(3):
        assert ratelimit.blocked([(rate, "203.0.113.5")]) == 0
        ratelimit.record([(rate, "203.0.113.5")])
    assert ratelimit.blocked([(rate, "203.0.113.5")]) > 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(TABLE)}")
        assert cursor.fetchone()[0] == 1
        # The key is hashed: the table holds no address.
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(TABLE)} WHERE cache_key LIKE %s", ["%203.0%"])
        assert cursor.fetchone()[0] == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_increments_on_several_connections_are_all_counted():
    """Four threads, each on its own database connection (as four server processes), count 25 events each on one
    key at the same time: 100, none lost (a read-then-write incr loses some)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has one writer at a time, so nothing can race there")
    cache.add("shared", 0, timeout=600)
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def count() -> None:
        try:
            own = caches.create_connection("default")
            barrier.wait()
            for _ in range(25):
                own.incr("shared")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert cache.get("shared") == 100
