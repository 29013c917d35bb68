"""What real exports from other systems contain (issue 6, rule 7): procedures with no legal time limit, dossiers
received before Decree 61/2018, names stored decomposed, and each province's own calendar."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from io import StringIO

import pytest
from django.core.management import call_command

from cchc.accounts.models import Role
from cchc.dossiers.models import Dossier
from cchc.dossiers.selectors import dossier_search
from cchc.dossiers.workflow import TransitionError
from cchc.exchange.services import dossiers_import, procedures_import, units_import
from cchc.procedures.models import Procedure
from cchc.procedures.selectors import receivable_procedures
from cchc.testing.factories import (
    UnitFactory,
    birth_registration,
    import_row,
    imported_dossier,
    local,
    received_dossier,
    resolved_dossier,
    staff,
)
from cchc.units.models import CalendarDay, CalendarDayKind, Unit

from .files import snapshot

pytestmark = pytest.mark.django_db

PROCEDURE = {"name": "Trợ cấp xã hội hằng tháng", "level": "commune", "field": "Bảo trợ xã hội"}


def stats(unit: Unit, period: str = "2023-Q3") -> dict:
    out = StringIO()
    call_command("stats", "--unit", unit.code, "--period", period, "--scope", "self", "--json", stdout=out)
    return json.loads(out.getvalue())["counts"]


def no_limit_procedure(code: str = "2.000286") -> Procedure:
    result = procedures_import(rows=[{"code": code, **PROCEDURE, "processing_days": "không quy định"}])
    assert result.ok, result.errors
    return Procedure.objects.get(code=code)


# --- procedures with no legal time limit ---


def test_the_catalogue_takes_khong_quy_dinh_as_no_time_limit():
    """docs/import-format.md: processing_days "không quy định" (any letter case) means the law sets none."""
    rows = [
        {"code": "b", **PROCEDURE, "processing_days": "Không quy định"},
        {"code": "c", **PROCEDURE, "processing_days": "KHÔNG QUY ĐỊNH"},
        {"code": "d", **PROCEDURE, "processing_days": "5"},
    ]
    result = procedures_import(rows=rows)
    assert (result.created, result.errors) == (3, [])
    days = dict(Procedure.objects.values_list("code", "processing_days"))
    assert days == {"b": None, "c": None, "d": 5}
    assert procedures_import(rows=rows).unchanged == 3


def test_an_empty_time_limit_is_an_error_not_no_limit():
    # A forgotten cell must not make a procedure whose dossiers are never late: "none" is written out.
    before = snapshot()
    result = procedures_import(rows=[{"code": "a", **PROCEDURE, "processing_days": ""}])
    assert [(e.row, e.column) for e in result.errors] == [(2, "processing_days")]
    assert snapshot() == before


def test_any_other_text_is_still_an_error_and_writes_nothing():
    before = snapshot()
    result = procedures_import(rows=[{"code": "x", **PROCEDURE, "processing_days": "không giới hạn"}])
    assert [(e.row, e.column) for e in result.errors] == [(2, "processing_days")]
    assert "not a number" in result.errors[0].message
    assert snapshot() == before


def test_imported_dossiers_of_such_a_procedure_are_never_late_and_the_figures_say_how_many():
    """No time limit, no due date: never overdue, never late. metrics.md: a resolved one counts in
    resolved_on_time (never early, never late), a pending one in pending_within_deadline."""
    unit = UnitFactory(code="xa-a")
    procedure = no_limit_procedure()
    # Received 3 July 2023; one resolved on 28 September (more than 60 working days later), one still open.
    resolved = imported_dossier(
        unit, procedure=procedure, finished_at=local(2023, 9, 28, 10), outcome="resolved", code="NL-1"
    )
    pending = imported_dossier(unit, procedure=procedure, code="NL-2")
    for dossier in (resolved, pending):
        assert (dossier.processing_days, dossier.due_at) == (None, None)
    assert not Dossier.objects.overdue(local(2023, 12, 31, 23)).exists()

    counts = stats(unit)
    assert (counts["received"], counts["resolved"], counts["pending"]) == (2, 1, 1)
    assert (counts["resolved_early"], counts["resolved_on_time"], counts["resolved_late"]) == (0, 1, 0)
    assert counts["resolved"] == counts["resolved_early"] + counts["resolved_on_time"] + counts["resolved_late"]
    assert (counts["pending_overdue"], counts["pending_within_deadline"], counts["late"]) == (0, 1, 0)
    assert (counts["no_time_limit_received"], counts["no_time_limit_resolved"]) == (2, 1)


def test_the_desk_receives_such_a_procedure_without_a_due_date():
    """dossier_receive copies "no time limit" onto the dossier: no due date; the figures count it as on time."""
    unit = UnitFactory(code="xa-b")
    procedure = no_limit_procedure()
    dossier = received_dossier(unit, procedure=procedure, at=local(2023, 7, 3, 9))
    assert (dossier.processing_days, dossier.due_at) == (None, None)
    assert dossier.events.get().data["due_at"] is None
    resolved_dossier(unit, procedure=procedure)
    dated = received_dossier(unit, procedure=birth_registration(), at=local(2023, 7, 3, 9))
    assert dated.due_at == local(2023, 7, 6, 9)  # 3 working days of 8 hours from Monday 09:00

    counts = stats(unit)
    assert (counts["received"], counts["no_time_limit_received"], counts["no_time_limit_resolved"]) == (3, 2, 1)
    assert (counts["resolved_on_time"], counts["resolved_early"], counts["resolved_late"]) == (1, 0, 0)
    # The dated dossier is overdue at the end of Q3 (due 6 July); the undated one is within the deadline for ever.
    assert (counts["pending_overdue"], counts["pending_within_deadline"]) == (1, 1)


# --- before Decree 61/2018 ---


def test_a_dossier_received_before_decree_61_keeps_its_imported_due_date():
    """Decree 61/2018 took effect on 21/06/2018: earlier dossiers carry the pre2018 regime, and the due date the
    old system gave stands."""
    unit = UnitFactory(code="xa-c")
    given = imported_dossier(unit, received_at=local(2017, 3, 1, 9), due_at=local(2017, 3, 10, 17), code="OLD-1")
    assert (given.regime, given.due_at) == ("pre2018", local(2017, 3, 10, 17))


def test_a_dossier_received_before_decree_61_without_a_due_date_gets_one_from_the_calendar():
    """Wednesday 1 March 2017 09:00, 3 working days of 8 hours: Thursday, Friday, Monday 6 March 09:00."""
    unit = UnitFactory(code="xa-d")
    computed = imported_dossier(unit, received_at=local(2017, 3, 1, 9), code="OLD-2")
    assert (computed.regime, computed.due_at) == ("pre2018", local(2017, 3, 6, 9))


def test_the_desk_refuses_a_receipt_dated_before_decree_61():
    unit = UnitFactory(code="xa-e")
    staff(unit, Role.DESK_OFFICER)
    with pytest.raises(TransitionError, match="before 21/06/2018 .*can only be imported"):
        received_dossier(unit, at=local(2018, 6, 20, 9))
    assert not Dossier.objects.exists()


# --- names stored decomposed ---


def test_decomposed_names_are_stored_composed_and_found_by_every_search():
    """An old system's "Tra\u0302\u0300n Va\u0306n Thu\u031b\u0309" (letters and combining marks) is stored as
    NFC, so the staff search and the reception picker find it by the composed name."""
    decomposed_person = "Tra\u0302\u0300n Va\u0306n Thu\u031b\u0309"
    composed_person = "Trần Văn Thử"
    assert decomposed_person != composed_person == unicodedata.normalize("NFC", decomposed_person)
    decomposed_unit = unicodedata.normalize("NFD", "UBND xã Gio Hải")
    decomposed_procedure = unicodedata.normalize("NFD", "Đăng ký khai tử")
    assert units_import(rows=[{"code": "gio-hai", "name": decomposed_unit, "level": "commune"}]).ok
    assert procedures_import(
        rows=[{"code": "1.000656", "name": decomposed_procedure, "level": "commune", "processing_days": "3"}]
    ).ok
    unit = Unit.objects.get(code="gio-hai")
    assert unit.name == "UBND xã Gio Hải"
    procedure = Procedure.objects.get(code="1.000656")
    assert procedure.name == "Đăng ký khai tử"

    result = dossiers_import(rows=[import_row(unit, procedure=procedure, code="T-1", applicant_name=decomposed_person)])
    assert result.ok, result.errors
    dossier = Dossier.objects.get(code="T-1")
    assert dossier.applicant_name == composed_person

    officer = staff(unit, Role.DESK_OFFICER)  # handles the dossiers of its desk, so sees personal data
    assert list(dossier_search(officer, composed_person)) == [dossier]
    assert list(dossier_search(officer, "khai tử")) == [dossier]
    assert list(dossier_search(officer, unicodedata.normalize("NFD", "khai tử"))) == [dossier]
    assert list(receivable_procedures(unit, "khai tử")) == [procedure]


# --- the province's calendar ---


def test_imported_deadlines_follow_the_province_of_each_unit():
    """A day off the province of Quảng Trị adds (Tuesday 4 July 2023) moves the deadlines of its units' imported
    dossiers by a day; a unit of another province keeps the national calendar."""
    rows = [
        {"code": "quang-tri", "name": "UBND tỉnh Quảng Trị", "level": "province"},
        {"code": "gio-an", "name": "UBND xã Gio An", "level": "commune", "parent_code": "quang-tri"},
        {"code": "hue", "name": "UBND thành phố Huế", "level": "province"},
        {"code": "phu-vang", "name": "UBND xã Phú Vang", "level": "commune", "parent_code": "hue"},
    ]
    assert units_import(rows=rows).ok
    CalendarDay.objects.create(
        date=dt.date(2023, 7, 4), kind=CalendarDayKind.DAY_OFF, unit=Unit.objects.get(code="quang-tri")
    )
    birth_registration()
    gio_an, phu_vang = Unit.objects.get(code="gio-an"), Unit.objects.get(code="phu-vang")
    result = dossiers_import(rows=[import_row(gio_an, code="QT-1"), import_row(phu_vang, code="H-1")])
    assert result.ok, result.errors
    # Monday 3 July 09:00 plus 3 working days: Thursday 6 July, or Friday 7 July with Tuesday off.
    assert Dossier.objects.get(code="QT-1").due_at == local(2023, 7, 7, 9)
    assert Dossier.objects.get(code="H-1").due_at == local(2023, 7, 6, 9)


def test_a_row_whose_procedure_the_desk_does_not_receive_is_an_error_naming_both(cast):
    # Decree 61/2018 Art. 14: a district desk receives district procedures; a commune procedure received "at the
    # district" is a wrong row of the old system, not a dossier to count at the district.
    from cchc.exchange.services import dossiers_import
    from cchc.testing.factories import import_row

    row = import_row(cast.district, procedure=cast.procedure)
    result = dossiers_import(rows=[row])
    assert [(e.row, e.column) for e in result.errors] == [(2, "procedure_code")]
    assert cast.procedure.code in result.errors[0].message and "gio-linh" in result.errors[0].message
    assert not Dossier.objects.exists()
