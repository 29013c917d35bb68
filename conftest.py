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
    share one build and no other test ever sees it. The tests that use it run together: collection moves them to
    the end of the run and puts them in the xdist group "demo" (one worker under `--dist loadgroup`). Should a
    test that does not use the demo come between two that do, the build is rolled back and made again.
    """

    def __init__(self) -> None:
        self.atomic: Any = None
        self.settings: Any = None
        self.blocker: Any = None
        self.data: dict[str, int] = {}
        self.builds = 0

    def open(self, blocker) -> dict[str, int]:
        from cchc.demo.load import demo_load

        if self.atomic is None:
            self.blocker = blocker
            with blocker.unblock():
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
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.settings.disable()
        self.atomic = self.settings = None


_DEMO = _DemoBuild()


def _uses_demo(item: pytest.Item | None) -> bool:
    return item is not None and "demo" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> dict[str, int]:
    """The Gio Linh demo in the test database (what `demo_load` returned when it was built)."""
    return _DEMO.open(django_db_blocker)


def pytest_collection_modifyitems(config, items):
    """The demo's tests last and in one xdist group, so that each session (each worker) builds the demo once."""
    users = [item for item in items if _uses_demo(item)]
    for item in users:
        item.add_marker(pytest.mark.xdist_group("demo"))
    items[:] = [item for item in items if not _uses_demo(item)] + users


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if _uses_demo(item) and not _uses_demo(nextitem):
        _DEMO.close()


def pytest_sessionfinish(session, exitstatus):
    _DEMO.close()
