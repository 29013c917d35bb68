"""A province's own corrections, and the warning when a year's schedule has not been entered."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from cchc.accounts.models import User
from cchc.lib.workdays import calendar
from cchc.testing.factories import UnitFactory, local
from cchc.units import services
from cchc.units.checks import CALENDAR_NOT_ENTERED, calendar_years_entered
from cchc.units.models import CalendarDay, CalendarDayKind, CalendarYear, UnitLevel
from cchc.units.selectors import calendar_years_missing, province_of

SATURDAY_WORKED_2026 = dt.date(2026, 8, 22)  # Thông báo số 9441 (Bộ Nội vụ): worked in exchange for Monday 31/8


@pytest.fixture
def other_province(db):
    return UnitFactory(code="quang-binh", name="UBND tỉnh Quảng Bình", level=UnitLevel.PROVINCE)


def test_province_of_walks_up_the_path(cast, other_province):
    assert province_of(cast.commune_a) == cast.province
    assert province_of(cast.office) == cast.province
    assert province_of(cast.province) == cast.province
    assert province_of(other_province) == other_province
    assert province_of(UnitFactory(code="lonely", level=UnitLevel.COMMUNE)) is None


def test_a_provinces_row_wins_over_the_national_row_for_its_units_only(cast, other_province):
    """Quảng Trị decides not to work Saturday 22/8/2026 (the national make-up day): its communes and district
    keep the day off; the national calendar and another province's units still work it."""
    services.calendar_day_set(
        by=None,
        date=SATURDAY_WORKED_2026,
        kind=CalendarDayKind.DAY_OFF,
        source="Công văn UBND tỉnh",
        unit=cast.province,
    )
    for unit in (cast.province, cast.district, cast.office, cast.commune_a):
        assert calendar(unit).is_working_day(SATURDAY_WORKED_2026) is False, unit
    assert calendar().is_working_day(SATURDAY_WORKED_2026) is True
    assert calendar(other_province).is_working_day(SATURDAY_WORKED_2026) is True
    # The national row is untouched; the province's row is a row of its own.
    assert CalendarDay.objects.get(date=SATURDAY_WORKED_2026, unit__isnull=True).kind == CalendarDayKind.WORKING_DAY


def test_a_provinces_own_day_off_moves_its_deadlines(cast):
    """Three working days from Wednesday 18/11/2026 09:00 (office hours 07:00-11:30, 13:30-17:00): Thursday 19,
    Friday 20, Monday 23 at 09:00 nationally; with a provincial day off on Friday 20, Tuesday 24 would be next,
    but 24/11/2026 is a holiday in `holidays` 0.109 (UNVERIFIED, see the data file), so Wednesday 25 at 09:00."""
    start = local(2026, 11, 18, 9, 0)
    assert calendar(cast.commune_a).add_working_days(start, 3) == local(2026, 11, 23, 9, 0)
    services.calendar_day_set(
        by=None, date=dt.date(2026, 11, 20), kind=CalendarDayKind.DAY_OFF, note="lũ lụt", unit=cast.province
    )
    assert calendar(cast.commune_a).add_working_days(start, 3) == local(2026, 11, 25, 9, 0)
    assert calendar().add_working_days(start, 3) == local(2026, 11, 23, 9, 0)


def test_a_correction_belongs_to_the_nation_or_a_province(cast):
    with pytest.raises(ValidationError) as raised:
        services.calendar_day_set(by=None, date=dt.date(2026, 11, 20), kind=CalendarDayKind.DAY_OFF, unit=cast.district)
    assert "unit" in raised.value.message_dict
    assert not CalendarDay.objects.filter(date=dt.date(2026, 11, 20)).exists()


def test_one_national_row_per_date(db):
    with pytest.raises(ValidationError):
        CalendarDay(date=SATURDAY_WORKED_2026, kind=CalendarDayKind.DAY_OFF).full_clean()


# --- the yearly warning (2023-2026 ship with the product; nothing for 2027 has been announced in the stored
# material as of 1 December 2026) ---


def test_next_year_is_expected_from_the_first_of_december(db):
    assert calendar_years_missing(dt.date(2026, 11, 30)) == []
    assert calendar_years_missing(dt.date(2026, 12, 1)) == [2027]
    assert calendar_years_missing(dt.date(2027, 1, 5)) == [2027]
    assert calendar_years_missing(dt.date(2027, 12, 1)) == [2027, 2028]


def test_a_year_is_entered_by_a_national_row_with_a_source_or_a_checked_mark(cast):
    today = dt.date(2026, 12, 1)
    CalendarDay.objects.create(date=dt.date(2027, 2, 4), kind=CalendarDayKind.DAY_OFF)  # no source
    CalendarDay.objects.create(
        date=dt.date(2027, 2, 3), kind=CalendarDayKind.DAY_OFF, source="Công văn UBND tỉnh", unit=cast.province
    )
    assert calendar_years_missing(today) == [2027]
    national = CalendarDay.objects.create(
        date=dt.date(2027, 2, 11), kind=CalendarDayKind.DAY_OFF, source="Công văn .../VPCP-KGVX"
    )
    assert calendar_years_missing(today) == []
    national.delete()
    CalendarYear.objects.create(year=2027, source="Thông báo của Bộ Nội vụ: không hoán đổi")
    assert calendar_years_missing(today) == []


def test_cchc_check_warns_naming_the_year(db, capsys):
    with time_machine.travel(local(2026, 12, 1, 8, 0), tick=False):
        warnings = calendar_years_entered()
        assert [w.id for w in warnings] == [CALENDAR_NOT_ENTERED]
        assert "2027" in warnings[0].msg
        # A warning does not stop `cchc check`; --fail-level WARNING makes it an error, naming the check.
        call_command("check")
        with pytest.raises(SystemCheckError, match="cchc.W001"):
            call_command("check", fail_level="WARNING")
    with time_machine.travel(local(2026, 11, 30, 8, 0), tick=False):
        assert calendar_years_entered() == []
        call_command("check", fail_level="WARNING")


@pytest.fixture
def admin_client(client, db, settings):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pass-1234"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the messages below are asserted in English
    return client


@pytest.mark.parametrize("url", ["/admin/units/calendarday/", "/admin/units/calendaryear/"])
def test_the_calendar_admin_says_which_year_is_missing(admin_client, url):
    with time_machine.travel(local(2026, 12, 1, 8, 0), tick=False):
        response = admin_client.get(url)
        assert response.status_code == 200
        messages = [str(m) for m in response.context["messages"]]
        assert any("2027" in m for m in messages), messages
        CalendarYear.objects.create(year=2027, source="checked")
        response = admin_client.get(url)
        assert not any("2027" in str(m) for m in response.context["messages"])


def test_the_admin_adds_a_provinces_correction(admin_client, cast):
    response = admin_client.post(
        "/admin/units/calendarday/add/",
        {"date": "2026-08-22", "kind": CalendarDayKind.DAY_OFF, "unit": cast.province.pk, "note": "", "source": "CV"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert CalendarDay.objects.filter(date=SATURDAY_WORKED_2026).count() == 2
    # A second national row for the same date is refused with the constraint's message.
    response = admin_client.post(
        "/admin/units/calendarday/add/",
        {"date": "2026-08-22", "kind": CalendarDayKind.DAY_OFF, "unit": "", "note": "", "source": ""},
    )
    assert response.status_code == 200
    assert "The national calendar already has a correction for this date." in response.content.decode()
    # A district is not offered (limit_choices_to) and not accepted.
    response = admin_client.post(
        "/admin/units/calendarday/add/",
        {"date": "2026-08-24", "kind": CalendarDayKind.DAY_OFF, "unit": cast.district.pk, "note": "", "source": ""},
    )
    assert response.status_code == 200
    assert not CalendarDay.objects.filter(date=dt.date(2026, 8, 24)).exists()
