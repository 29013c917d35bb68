"""The working-day calendar that ships with CCHC, day by day for 2023-2026, against the Government's notices.

The expected days below are typed from the notices and the Labour Code, not computed from the data file:
civil servants work Monday to Friday; the days listed in DAYS_OFF are weekdays they do not work, the days in
SATURDAYS_WORKED are weekend days they do. Labour Code 45/2019/QH14 Art. 112(1): New Year 1 day, Tết 5 days,
Hùng Kings' day (10th day of the 3rd lunar month) 1 day, 30 April, 1 May, National Day 2 September and one
adjacent day; Art. 111(3): a holiday on a weekly rest day is compensated on the next working day; Art. 112(3):
the Prime Minister fixes the Tết and National Day days each year.
"""

from __future__ import annotations

import datetime as dt
import importlib

import holidays
import pytest
from django.apps import apps as django_apps

from cchc.lib.workdays import calendar
from cchc.units.calendar_data import DAY_OFF, WORKING_DAY, load_shipped_calendar, shipped_days, shipped_years
from cchc.units.models import CalendarDay, CalendarDayKind, CalendarYear

pytestmark = pytest.mark.django_db

D = dt.date

DAYS_OFF = {
    # --- 2023 ---
    # New Year: 1 January was a Sunday, so Monday 2 January is the compensatory day (Art. 111(3)).
    D(2023, 1, 2),
    # Công văn 8056/VPCP-KGVX (01/12/2022): "nghỉ Tết Âm lịch từ ngày 20 tháng 01 năm 2023 đến hết ngày 26 tháng 01
    # năm 2023" (Friday 20 to Thursday 26; 21-22 are the weekend).
    D(2023, 1, 20), D(2023, 1, 23), D(2023, 1, 24), D(2023, 1, 25), D(2023, 1, 26),
    # Hùng Kings' day fell on Saturday 29 April and 30 April on a Sunday: 1 May (Monday), then the compensatory
    # days Tuesday 2 and Wednesday 3 May (Art. 111(3)): "nghỉ 05 ngày liên tục, từ ngày 29/4 đến hết 3/5".
    D(2023, 5, 1), D(2023, 5, 2), D(2023, 5, 3),
    # Công văn 8056/VPCP-KGVX: "nghỉ lễ Quốc khánh từ ngày 01 tháng 9 năm 2023 đến hết ngày 04 tháng 9 năm 2023"
    # (Friday 1, Saturday 2 = National Day, Monday 4 its compensatory day).
    D(2023, 9, 1), D(2023, 9, 4),
    # --- 2024 ---
    D(2024, 1, 1),  # New Year, a Monday
    # Công văn 8662/VPCP-KGVX (03/11/2023): "nghỉ Tết Âm lịch từ ngày 08 tháng 02 năm 2024 đến hết ngày 14 tháng 02
    # năm 2024".
    D(2024, 2, 8), D(2024, 2, 9), D(2024, 2, 12), D(2024, 2, 13), D(2024, 2, 14),
    D(2024, 4, 18),  # Hùng Kings' day, 10/3 Giáp Thìn, a Thursday
    # Thông báo 1570/TB-BLĐTBXH (12/4/2024, after Công văn 2450/VPCP-KGVX): "working day of April 29th 2024
    # (Monday) swapped with May 4th 2024 (Saturday)": 05 consecutive days off, 27/4 to 1/5.
    D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1),
    # Công văn 8662/VPCP-KGVX: "nghỉ lễ Quốc khánh từ ngày 31 tháng 8 năm 2024 đến hết ngày 03 tháng 9 năm 2024".
    D(2024, 9, 2), D(2024, 9, 3),
    # --- 2025 ---
    D(2025, 1, 1),  # New Year, a Wednesday (no swap)
    # Công văn 8726/VPCP-KGVX (26/11/2024): Tết from Saturday 25/01 to Sunday 02/02/2025, 5 Tết days and 4 weekly
    # rest days (no swap: no Saturday is worked for it).
    D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31),
    D(2025, 4, 7),  # Hùng Kings' day, 10/3 Ất Tỵ, a Monday
    # Công văn 8726/VPCP-KGVX: 30/4 to 04/5/2025, "hoán đổi ngày làm việc thứ Sáu 02/5 sang thứ Bảy 26/4".
    D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2),
    # Công văn 8726/VPCP-KGVX: National Day 30/8 to 02/9/2025 (Monday 1 and Tuesday 2 September).
    D(2025, 9, 1), D(2025, 9, 2),
    # --- 2026 ---
    # Công văn 12729/VPCP-KGVX (25/12/2025): "nghỉ 4 ngày liên tục từ thứ Năm (ngày 1/1/2026) đến hết chủ nhật
    # (ngày 4/1/2026); hoán đổi từ ngày làm việc thứ Sáu (ngày 2/1/2026) sang ngày nghỉ hằng tuần thứ Bảy
    # (ngày 10/1/2026)".
    D(2026, 1, 1), D(2026, 1, 2),
    # Thông báo số 9441 of the Ministry of Home Affairs (16/10/2025): Tết "từ thứ hai 16/2/2026 (29 tháng Chạp năm
    # Ất Tỵ) đến hết thứ sáu ngày 20/02/2026", with 4 weekly rest days (14/02-22/02).
    D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20),
    # Hùng Kings' day, 10/3 Bính Ngọ, was Sunday 26 April: Monday 27 April is its compensatory day (Art. 111(3)).
    D(2026, 4, 27),
    D(2026, 4, 30), D(2026, 5, 1),  # Thursday and Friday
    # Thông báo số 9441: National Day "từ thứ Bảy ngày 29/8/2026 đến hết thứ Tư ngày 2/9/2026", "1 ngày được hoán
    # đổi ... thứ Hai ngày 31/8 sẽ chuyển sang thứ Bảy ngày 22/8".
    D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2),
    # UNVERIFIED: Vietnam Culture Day (Politburo Resolution 80-NQ/TW), a paid holiday in `holidays` 0.109; the stored
    # material shows the Labour Code amendment planned (Resolution 30/NQ-CP, 02/2026), not in force. Kept as the
    # package has it (see cchc/units/data/calendar_vn.csv).
    D(2026, 11, 24),
}  # fmt: skip

SATURDAYS_WORKED = {
    D(2024, 5, 4),  # Thông báo 1570/TB-BLĐTBXH: "May 4th 2024 (Saturday) will be the compensatory working day"
    D(2025, 4, 26),  # Công văn 8726/VPCP-KGVX: Friday 02/5 swapped to Saturday 26/4/2025
    D(2026, 1, 10),  # Công văn 12729/VPCP-KGVX: Friday 2/1/2026 swapped to Saturday 10/1/2026
    D(2026, 8, 22),  # Thông báo số 9441 (Bộ Nội vụ): Monday 31/8 swapped to Saturday 22/8/2026
}


def every_day(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def test_the_typed_schedule_is_consistent():
    """The lists above hold what they say: weekdays off, and weekend days worked."""
    assert all(day.weekday() < 5 for day in DAYS_OFF)
    assert all(day.weekday() >= 5 for day in SATURDAYS_WORKED)


def test_every_day_of_2023_to_2026_is_as_the_notices_say():
    """All 1,461 days: working exactly when a weekday not listed off, or a listed Saturday."""
    cal = calendar()
    wrong = [
        (day.isoformat(), cal.is_working_day(day))
        for day in every_day(D(2023, 1, 1), D(2026, 12, 31))
        if cal.is_working_day(day) != ((day.weekday() < 5 and day not in DAYS_OFF) or day in SATURDAYS_WORKED)
    ]
    assert wrong == []


def test_working_days_per_year():
    """Counted by hand from the lists: 2023 has 260 weekdays, 11 of them off; 2024 262, 12 off, 1 Saturday worked;
    2025 261, 12 off, 1 Saturday; 2026 261, 14 off, 2 Saturdays."""
    cal = calendar()
    assert [cal.working_days_in(D(y, 1, 1), D(y, 12, 31)) for y in (2023, 2024, 2025, 2026)] == [249, 251, 250, 249]


def test_each_shipped_row_corrects_the_holidays_package():
    """Only what `holidays` 0.109 lacks or gets wrong ships: each row reverses the package's answer."""
    assert holidays.__version__ == "0.109"
    for day in shipped_days():
        package_off = day.date.weekday() >= 5 or day.date in holidays.country_holidays("VN", years=[day.date.year])
        assert package_off == (day.kind == WORKING_DAY), day
        assert day.source, day


def test_the_migration_loads_the_shipped_rows_and_years():
    """Migration units 0003, run on a database without them, creates the national rows and the checked years."""
    migration = importlib.import_module("cchc.units.migrations.0003_shipped_calendar")
    CalendarDay.objects.all().delete()
    CalendarYear.objects.all().delete()
    migration.load(django_apps, None)
    national = CalendarDay.objects.filter(unit__isnull=True)
    assert sorted((d.date, d.kind) for d in national) == [
        (D(2024, 5, 4), CalendarDayKind.WORKING_DAY),
        (D(2025, 4, 26), CalendarDayKind.WORKING_DAY),
        (D(2026, 1, 2), CalendarDayKind.DAY_OFF),
        (D(2026, 1, 10), CalendarDayKind.WORKING_DAY),
        (D(2026, 8, 22), CalendarDayKind.WORKING_DAY),
    ]
    assert all(national.get(date=day.date).source == day.source for day in shipped_days())
    assert list(CalendarYear.objects.values_list("year", flat=True)) == [2023, 2024, 2025, 2026]
    assert [y.year for y in shipped_years()] == [2023, 2024, 2025, 2026]


def test_loading_again_creates_nothing_and_keeps_the_administrators_changes():
    """The loader is idempotent and never overwrites: a row an administrator changed, or removed and re-entered
    differently, stays as they left it."""
    edited = CalendarDay.objects.get(date=D(2026, 8, 22), unit__isnull=True)
    edited.kind, edited.note, edited.source = DAY_OFF, "tỉnh không làm bù", "Công văn của UBND tỉnh"
    edited.save()
    CalendarYear.objects.filter(year=2023).update(source="checked again")
    assert load_shipped_calendar(CalendarDay, CalendarYear) == (0, 0)
    edited.refresh_from_db()
    assert (edited.kind, edited.note, edited.source) == (DAY_OFF, "tỉnh không làm bù", "Công văn của UBND tỉnh")
    assert CalendarYear.objects.get(year=2023).source == "checked again"
    assert CalendarDay.objects.filter(unit__isnull=True).count() == len(shipped_days())


def test_a_deleted_shipped_row_comes_back_only_when_loaded_again():
    CalendarDay.objects.filter(date=D(2025, 4, 26)).delete()
    CalendarYear.objects.filter(year=2025).delete()
    assert calendar().is_working_day(D(2025, 4, 26)) is False
    assert load_shipped_calendar(CalendarDay, CalendarYear) == (1, 1)
    assert calendar().is_working_day(D(2025, 4, 26)) is True
