"""The unit tree keeps its paths right, through the admin and the services."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.accounts.models import User
from cchc.testing.factories import UnitFactory
from cchc.units import selectors, services
from cchc.units.models import CalendarDay, CalendarDayKind, Unit, UnitLevel


def test_changing_the_parent_in_admin_rewrites_the_subtree_paths(cast, client):
    """Moving a district in the admin moves its communes' paths with it."""
    other = UnitFactory(code="quang-binh", name="UBND tỉnh Quảng Bình", level=UnitLevel.PROVINCE, agency_code="X")
    admin = User.objects.create_superuser("root", "root@example.org", "pass-1234")
    client.force_login(admin)
    district = cast.district
    response = client.post(
        f"/admin/units/unit/{district.pk}/change/",
        {
            "code": district.code,
            "name": district.name,
            "short_name": "",
            "level": district.level,
            "desk_kind": district.desk_kind,
            "parent": other.pk,
            "agency_code": district.agency_code,
            "place_name": "",
            "valid_from": "",
            "valid_to": "",
            "successor": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert Unit.objects.get(pk=cast.commune_a.pk).path == "/quang-binh/gio-linh/gio-an/"
    assert Unit.objects.get(pk=cast.office.pk).path == "/quang-binh/gio-linh/gio-linh-tp/"


def test_admin_pages_open(cast, client):
    admin = User.objects.create_superuser("root", "root@example.org", "pass-1234")
    client.force_login(admin)
    for url in ["/admin/units/unit/", "/admin/units/calendarday/", f"/admin/units/unit/{cast.district.pk}/change/"]:
        assert client.get(url).status_code == 200, url


def test_unit_move_refuses_a_cycle(cast):
    with pytest.raises(ValueError):
        services.unit_move(unit=cast.district, by=None, parent=cast.commune_a)
    services.unit_move(unit=cast.commune_b, by=None, parent=cast.province)
    assert Unit.objects.get(pk=cast.commune_b.pk).path == "/quang-tri/gio-chau/"


def test_retire_and_subtree(cast):
    services.unit_retire(unit=cast.commune_b, by=None, valid_to=dt.date(2025, 6, 30), successor=cast.commune_a)
    assert set(selectors.unit_subtree(cast.district, on=dt.date(2025, 7, 1))) == {
        cast.district,
        cast.office,
        cast.commune_a,
    }
    assert cast.office not in selectors.desk_units()
    day = services.calendar_day_set(by=None, date=dt.date(2023, 1, 28), kind=CalendarDayKind.WORKING_DAY)
    assert CalendarDay.objects.get(date=dt.date(2023, 1, 28), unit__isnull=True).pk == day.pk
