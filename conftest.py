"""The fixed cast the tests share: a province, a district with an office, two communes and their staff."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

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
