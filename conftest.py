"""What the tests share: the fixed cast (a province, a district with an office, two communes and their staff) and
the Gio Linh demo, built once per test session (per xdist worker)."""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from cchc.accounts.models import Role
from cchc.testing.factories import UnitFactory, birth_registration, user_with_role
from cchc.units.models import UnitLevel

# Playwright's sync API runs an event loop in the test thread; Django's ORM would otherwise refuse to run.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    """`--reuse-db` (make test-fast) keeps the SQLite test database in a file, var/test-cchc.sqlite3 (one per xdist
    worker, suffixed _gw0, _gw1), because an in-memory one cannot outlive the run. Without it (make test, CI) the
    test database is created afresh in memory; PostgreSQL keeps test_<name> with `--reuse-db` as it is."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if config.getoption("reuse_db", False) and database["ENGINE"] == "django.db.backends.sqlite3":
        test = database.setdefault("TEST", {})
        if not test.get("NAME"):
            test["NAME"] = str(settings.BASE_DIR / "var" / "test-cchc.sqlite3")
            (settings.BASE_DIR / "var").mkdir(exist_ok=True)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db):
    """Units: province > district (with an office) > communes A and B; a desk officer, specialist and leader
    in each commune and at the district, and the district's reform officer."""
    province = UnitFactory(
        code="quang-tri", name="UBND tỉnh Quảng Trị", level=UnitLevel.PROVINCE, agency_code="000.00.00.H45"
    )
    district = UnitFactory(
        code="gio-linh",
        name="UBND huyện Gio Linh",
        level=UnitLevel.DISTRICT,
        parent=province,
        agency_code="000.00.27.H45",
    )
    office = UnitFactory(
        code="gio-linh-tp",
        name="Phòng Tư pháp huyện Gio Linh",
        level=UnitLevel.OFFICE,
        parent=district,
        agency_code="000.01.27.H45",
    )
    commune_a = UnitFactory(
        code="gio-an",
        name="UBND xã Gio An",
        level=UnitLevel.COMMUNE,
        parent=district,
        agency_code="000.21.27.H45",
    )
    commune_b = UnitFactory(
        code="gio-chau",
        name="UBND xã Gio Châu",
        level=UnitLevel.COMMUNE,
        parent=district,
        agency_code="000.22.27.H45",
    )
    c = SimpleNamespace(province=province, district=district, office=office, commune_a=commune_a, commune_b=commune_b)
    for key, unit in [("a", commune_a), ("b", commune_b), ("district", district)]:
        setattr(c, f"desk_{key}", user_with_role(unit, Role.DESK_OFFICER, f"desk_{key}"))
        setattr(c, f"specialist_{key}", user_with_role(unit, Role.SPECIALIST, f"specialist_{key}"))
        setattr(c, f"leader_{key}", user_with_role(unit, Role.LEADER, f"leader_{key}"))
    c.specialist_office = user_with_role(office, Role.SPECIALIST, "specialist_office")
    c.leader_office = user_with_role(office, Role.LEADER, "leader_office")
    c.reform_officer = user_with_role(district, Role.REFORM_OFFICER, "reform_district")
    c.procedure = birth_registration()
    return c


class _DemoBuild:
    """The Gio Linh demo (`cchc demo`'s data: 8,134 imported dossiers and the 2025 live ones) loaded into the test
    database once, inside a transaction that is rolled back as soon as the last test that uses it is done.

    Each test runs in a savepoint inside that transaction (pytest-django's `db`), so the tests that use the demo
    share one build and no other test ever sees it. The tests that use it run together: collection moves them
    after the other database tests and puts them in the xdist group "demo" (one worker under `--dist loadgroup`).
    Should a test that does not use the demo come between two that do, the build is rolled back and made again.
    """

    def __init__(self) -> None:
        self.atomic: Any = None
        self.settings: Any = None
        self.data: dict[str, int] = {}
        self.builds = 0

    def open(self) -> dict[str, int]:
        from cchc.demo.load import demo_load

        if self.atomic is None:
            with _DB.blocker.unblock():
                self.settings = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
                self.settings.enable()
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
                self.data = demo_load()
                self.builds += 1
        return self.data

    def close(self) -> None:
        if self.atomic is None:
            return
        with _DB.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.settings.disable()
        self.atomic = self.settings = None


_DEMO = _DemoBuild()
# pytest-django's switch for database access, for the hooks below that work between tests.
_DB = SimpleNamespace(blocker=None)


def _uses_demo(item: pytest.Item | None) -> bool:
    return item is not None and "demo" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session", autouse=True)
def _db_blocker(django_db_blocker):
    _DB.blocker = django_db_blocker


@pytest.fixture(scope="module")
def demo(django_db_setup) -> dict[str, int]:
    """The Gio Linh demo in the test database (what `demo_load` returned when it was built)."""
    return _DEMO.open()


def _transactional(item: pytest.Item) -> bool:
    """A test that commits (and so flushes the database after it, data migrations' rows included)."""
    marker = item.get_closest_marker("django_db")
    flags = (marker.kwargs.get("transaction"), marker.kwargs.get("reset_sequences"), *marker.args[:1]) if marker else ()
    return any(flags) or bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """The demo's tests together and in one xdist group, so that each session (each worker) builds the demo once.

    pytest-django has already put the database tests first and the transactional ones after them (as Django's
    runner does); the demo's tests go at the end of the first block, before any test that flushes the database.
    """
    unserialized = [item.nodeid for item in items if _transactional(item) and not _serialized(item)]
    if unserialized:
        # A flush without the serialized rows runs post_migrate, which makes the content types again under new
        # ids; putting the serialized rows back after it (_restore_after_flush) then breaks every later test.
        raise pytest.UsageError(
            "Transactional tests must be marked django_db(transaction=True, serialized_rollback=True): "
            + ", ".join(unserialized)
        )
    users = [item for item in items if _uses_demo(item)]
    for item in users:
        item.add_marker(pytest.mark.xdist_group("demo"))
    rest = [item for item in items if not _uses_demo(item)]
    first_other = next((i for i, item in enumerate(rest) if _transactional(item) or not _uses_db(item)), len(rest))
    items[:] = rest[:first_other] + users + rest[first_other:]


def _serialized(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback")) or "django_db_serialized_rollback" in getattr(
        item, "fixturenames", ()
    )


def _uses_db(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in getattr(item, "fixturenames", ())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if _uses_demo(item) and not _uses_demo(nextitem):
        _DEMO.close()
    # After the session's last test the test database is already torn down and the settings name the real one
    # again (unless --reuse-db keeps it): restoring then would write into the real database.
    if _transactional(item) and (nextitem is not None or item.config.getoption("reuse_db", False)):
        _restore_after_flush()


def _restore_after_flush() -> None:
    """A transactional test flushes every table after it, the rows of data migrations too (the shipped working-day
    calendar); put back what the database held after migrating (serialized at set-up: those tests are marked
    `serialized_rollback=True`), so that the tests after it, and the next run with `--reuse-db`, find it. Saving a
    deserialized row updates it when it is there, so a test skipped before it flushed anything costs nothing."""
    from django.db import connections

    with _DB.blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents is not None:
                connection.creation.deserialize_db_from_string(contents)


def pytest_sessionfinish(session, exitstatus):
    _DEMO.close()
