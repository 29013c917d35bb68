"""Deadlines set at receipt: the site calendar with admin corrections, cut-offs by channel, regimes by date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.dossiers.models import Channel, Regime
from cchc.dossiers.regimes import FormKind, regime_for, rules_for
from cchc.testing.factories import ProcedureFactory, local, received_dossier
from cchc.units.models import CalendarDay, CalendarDayKind


def test_deadline_across_tet_2023(cast):
    """Received 18 January 2023 09:00 with 3 working days: due Monday 30 January 09:00 (Tết 20-26 skipped)."""
    assert received_dossier(cast.commune_a, at=local(2023, 1, 18, 9, 0)).due_at == local(2023, 1, 30, 9, 0)


def test_admin_entered_make_up_saturday_and_swapped_day_off(cast):
    """CalendarDay rows entered by an administrator change the deadlines of later receipts."""
    CalendarDay.objects.create(date=dt.date(2023, 1, 28), kind=CalendarDayKind.WORKING_DAY, note="make-up")
    assert received_dossier(cast.commune_a, at=local(2023, 1, 18, 9, 0)).due_at == local(2023, 1, 28, 9, 0)
    CalendarDay.objects.filter(date=dt.date(2023, 1, 28)).delete()
    CalendarDay.objects.create(date=dt.date(2023, 1, 27), kind=CalendarDayKind.DAY_OFF, note="swapped")
    assert received_dossier(cast.commune_a, at=local(2023, 1, 18, 9, 0)).due_at == local(2023, 1, 31, 9, 0)


def test_half_day_procedure(cast):
    procedure = ProcedureFactory(code="2.000001", processing_days=Decimal("0.5"))
    half_day = received_dossier(cast.commune_a, procedure=procedure, at=local(2023, 7, 3, 9, 0))
    assert half_day.due_at == local(2023, 7, 3, 15, 0)


def test_paper_cutoff_at_15_00(cast):
    """A desk receipt at 15:00 starts the next working day; at 14:59 it starts at once."""
    before = received_dossier(cast.commune_a, at=local(2023, 7, 3, 14, 59))
    assert before.clock_start_at == local(2023, 7, 3, 14, 59)
    after = received_dossier(cast.commune_a, at=local(2023, 7, 3, 15, 0))
    assert after.clock_start_at == local(2023, 7, 4, 7, 0)
    assert after.due_at == local(2023, 7, 6, 17, 0)
    postal = received_dossier(cast.commune_a, at=local(2023, 7, 7, 15, 30), channel=Channel.POSTAL)
    assert postal.clock_start_at == local(2023, 7, 10, 7, 0)


def test_procedure_cutoff_overrides_the_default(cast):
    procedure = ProcedureFactory(code="2.000002", cutoff_time=dt.time(16, 0))
    before = received_dossier(cast.commune_a, procedure=procedure, at=local(2023, 7, 3, 15, 30))
    assert before.clock_start_at == local(2023, 7, 3, 15, 30)
    after = received_dossier(cast.commune_a, procedure=procedure, at=local(2023, 7, 3, 16, 0))
    assert after.clock_start_at == local(2023, 7, 4, 7, 0)


def test_default_cutoff_is_a_setting(cast, settings):
    settings.CCHC_DEFAULT_PAPER_CUTOFF = "16:30"
    assert received_dossier(cast.commune_a, at=local(2023, 7, 3, 16, 0)).clock_start_at == local(2023, 7, 3, 16, 0)


def test_online_receipt_follows_office_hours_not_the_cutoff(cast):
    """Online: 15:30 counts at once; after closing, at night or at the weekend, from the next working day."""
    online = Channel.ONLINE
    afternoon = received_dossier(cast.commune_a, at=local(2023, 7, 3, 15, 30), channel=online)
    assert afternoon.clock_start_at == local(2023, 7, 3, 15, 30)
    evening = received_dossier(cast.commune_a, at=local(2023, 7, 3, 18, 0), channel=online)
    assert evening.clock_start_at == local(2023, 7, 4, 7, 0)
    saturday = received_dossier(cast.commune_a, at=local(2023, 7, 8, 10, 0), channel=online)
    assert saturday.clock_start_at == local(2023, 7, 10, 7, 0)
    assert saturday.due_at == local(2023, 7, 12, 17, 0)
    lunch = received_dossier(cast.commune_a, at=local(2023, 7, 3, 12, 0), channel=online)
    assert lunch.clock_start_at == local(2023, 7, 3, 13, 30)


def test_regime_switches_on_1_july_2025(cast):
    """The regime follows the local receipt date: 30 June 2025 is 2018, 1 July 2025 (local) is 2025."""
    assert regime_for(local(2025, 6, 30, 23, 59)) == Regime.R2018
    assert regime_for(local(2025, 7, 1, 0, 0)) == Regime.R2025
    utc = dt.UTC
    assert regime_for(dt.datetime(2025, 6, 30, 17, 30, tzinfo=utc)) == Regime.R2025  # 00:30 local
    assert regime_for(dt.date(2025, 6, 30)) == Regime.R2018
    assert received_dossier(cast.commune_a, at=local(2025, 6, 30, 9, 0)).regime == Regime.R2018
    assert received_dossier(cast.commune_a, at=local(2025, 7, 1, 9, 0)).regime == Regime.R2025


def test_regime_rules(settings):
    """2018 always restarts the clock on a supplement; 2025 follows the setting; forms are numbered per regime."""
    settings.CCHC_2025_SUPPLEMENT_RESTARTS_CLOCK = False
    old, new = rules_for(Regime.R2018), rules_for("2025")
    assert old.supplement_restarts_clock is True and new.supplement_restarts_clock is False
    assert old.default_paper_cutoff == dt.time(15, 0)
    assert old.form_number(FormKind.TRACKING_BOOK) == "06" and new.form_number(FormKind.TRACKING_BOOK) == "07"
    assert old.form_number(FormKind.APOLOGY) == "04"
    assert old.form(FormKind.STOP_NOTICE) is None and new.form_number(FormKind.STOP_NOTICE) == "05"
    assert rules_for(regime_for(local(2023, 9, 1))).decree == "61/2018/NĐ-CP"
    settings.CCHC_REGIME_2025_FROM = "2026-01-01"
    assert regime_for(local(2025, 7, 1, 9, 0)) == Regime.R2018


@pytest.mark.parametrize("days", [Decimal("0"), Decimal("1"), Decimal("7")])
def test_due_at_is_clock_start_plus_the_limit(cast, days):
    from cchc.lib.workdays import calendar

    procedure = ProcedureFactory(code=f"3.{days}", processing_days=days)
    dossier = received_dossier(cast.commune_a, procedure=procedure, at=local(2023, 8, 30, 10, 0))
    assert dossier.due_at == calendar().add_working_days(dossier.clock_start_at, days)
    assert calendar().working_time_between(dossier.clock_start_at, dossier.due_at) == days
