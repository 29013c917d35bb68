"""Units that stop existing, and the 2025 receipt for another unit (issue 6 rules 5 and 6).

The law the expectations come from (../shared/spec/domain.md, copied here):
- §8: "Units are effective-dated (valid_from, valid_to) ... Never rewrite a unit in place." "A dossier keeps the
  receiving unit as it existed at receipt plus the unit that continues processing; the carried-over pending
  dossiers of an abolished district must move to a successor with an audit event." The district level "is not
  organised any more from 01/07/2025": its desks closed on 30/06/2025.
- docs/metrics.md: "A dossier that passes between agencies ... counted once, at the unit whose desk received it."
- §8: from 2025 provinces handle procedures "regardless of administrative boundary within the province".
"""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cchc.accounts import access
from cchc.accounts.models import Role, User
from cchc.dossiers import services
from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.selectors import worklist_for_user
from cchc.dossiers.workflow import Action, Status, TransitionError
from cchc.lib.periods import parse_period
from cchc.procedures.models import ProcedureLevel
from cchc.reports.figures.dossiers import dossier_figures_by_unit
from cchc.testing.factories import (
    APPLICANT,
    ProcedureFactory,
    UnitFactory,
    awaiting_supplement_dossier,
    imported_dossier,
    in_process_dossier,
    local,
    received_dossier,
    resolved_dossier,
    run_at,
)
from cchc.units.models import DeskKind, Unit, UnitLevel
from cchc.units.services import UnitNotInForce, UnitRetireError, check_unit_in_force, unit_retire

JULY = "2023-07-01..2023-07-31"


def counts(unit: Unit, period: str = JULY, scope: str = "self") -> dict:
    out = StringIO()
    call_command("stats", "--unit", unit.code, "--period", period, "--scope", scope, "--json", stdout=out)
    return json.loads(out.getvalue())["counts"]


def close(unit: Unit, last_day: dt.date) -> None:
    Unit.objects.filter(pk=unit.pk).update(valid_to=last_day)
    unit.refresh_from_db()


# --- a unit outside its dates takes no act ---


def test_check_unit_in_force_names_the_unit_and_its_dates(cast):
    close(cast.district, dt.date(2025, 6, 30))
    check_unit_in_force(cast.district, dt.date(2025, 6, 30))  # its last day is still a day of the unit
    with pytest.raises(UnitNotInForce) as exc:
        check_unit_in_force(cast.district, dt.date(2025, 7, 1))
    message = str(exc.value)
    assert "UBND huyện Gio Linh" in message and "30/06/2025" in message and "01/07/2025" in message


def test_a_receipt_after_the_unit_closed_is_refused_and_writes_nothing(cast):
    """The district desks closed on 30 June 2025 (domain.md §8): a receipt there on 1 July is refused."""
    close(cast.commune_a, dt.date(2025, 6, 30))
    received_dossier(cast.commune_a, at=local(2025, 6, 30, 9))  # the last day: received
    with pytest.raises(TransitionError) as exc:
        received_dossier(cast.commune_a, at=local(2025, 7, 1, 9))
    assert "UBND xã Gio An" in str(exc.value) and "30/06/2025" in str(exc.value)
    assert Dossier.objects.count() == 1


def test_a_receipt_before_the_unit_exists_is_refused(cast):
    Unit.objects.filter(pk=cast.commune_a.pk).update(valid_from=dt.date(2025, 7, 1))
    cast.commune_a.refresh_from_db()
    with pytest.raises(TransitionError) as exc:
        received_dossier(cast.commune_a, at=local(2025, 6, 30, 9))
    assert "01/07/2025" in str(exc.value)
    assert not Dossier.objects.exists()


def test_an_assignment_to_a_unit_that_no_longer_exists_is_refused(cast):
    """The district's office closed with the district: no dossier is assigned to it afterwards."""
    dossier = received_dossier(cast.commune_a, at=local(2025, 6, 27, 9))
    close(cast.office, dt.date(2025, 6, 30))
    events = dossier.events.count()
    with pytest.raises(TransitionError) as exc:
        run_at(
            local(2025, 7, 1, 9),
            services.dossier_assign,
            dossier=dossier,
            by=cast.desk_a,
            to=cast.specialist_office,
            processing_unit=cast.office,
        )
    assert "Phòng Tư pháp huyện Gio Linh" in str(exc.value)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.processing_unit, dossier.events.count()) == (
        Status.RECEIVED,
        cast.commune_a,
        events,
    )
    # On its last day it still takes the dossier.
    run_at(
        local(2025, 6, 30, 9),
        services.dossier_assign,
        dossier=dossier,
        by=cast.desk_a,
        to=cast.specialist_office,
        processing_unit=cast.office,
    )
    assert Dossier.objects.get(pk=dossier.pk).processing_unit == cast.office


# --- retiring a unit hands its pending dossiers to the successor ---


def _commune_b_dossiers(cast):
    received = received_dossier(cast.commune_b)
    in_process = in_process_dossier(cast.commune_b)
    waiting = awaiting_supplement_dossier(cast.commune_b)
    finished = resolved_dossier(cast.commune_b)
    return received, in_process, waiting, finished


def test_retire_moves_the_pending_dossiers_and_keeps_the_receiving_unit_for_the_figures(cast):
    received, in_process, waiting, finished = _commune_b_dossiers(cast)
    # Four dossiers received at commune B's desk in July 2023, one of them resolved: counted there, once.
    before_b, before_a = counts(cast.commune_b), counts(cast.commune_a)
    assert (before_b["received"], before_b["resolved"], before_a["received"]) == (4, 1, 0)

    result = unit_retire(unit=cast.commune_b, by=None, valid_to=dt.date(2023, 7, 31), successor=cast.commune_a)

    assert {d.pk for d in result.moved} == {received.pk, in_process.pk, waiting.pk}
    cast.commune_b.refresh_from_db()
    assert (cast.commune_b.valid_to, cast.commune_b.successor) == (dt.date(2023, 7, 31), cast.commune_a)
    for dossier, status in [
        (received, Status.RECEIVED),
        (in_process, Status.IN_PROCESS),
        (waiting, Status.AWAITING_SUPPLEMENT),
    ]:
        dossier.refresh_from_db()
        # The status stays; the receiving unit never changes; the desk and the processing move to the successor.
        assert (dossier.status, dossier.receiving_unit, dossier.current_desk_unit, dossier.processing_unit) == (
            status,
            cast.commune_b,
            cast.commune_a,
            cast.commune_a,
        )
        event = dossier.events.last()
        assert (event.action, event.from_status, event.to_status) == (Action.TRANSFER, status, status)
        assert (event.data["from_unit"], event.data["to_unit"]) == ("gio-chau", "gio-an")
    # The handler of the old unit is no longer assigned: the successor's head assigns one.
    assert in_process.assigned_to is None
    finished.refresh_from_db()
    assert (finished.current_desk_unit, finished.processing_unit) == (None, cast.commune_b)
    assert not finished.events.filter(action=Action.TRANSFER).exists()

    # The figures of the past period stay where the dossiers were received (metrics.md: counted once there).
    assert counts(cast.commune_b) == before_b
    assert counts(cast.commune_a) == before_a


def test_after_the_transfer_the_successor_handles_and_the_old_desk_only_reads(cast):
    received, in_process, waiting, _finished = _commune_b_dossiers(cast)
    unit_retire(unit=cast.commune_b, by=None, valid_to=dt.date(2023, 7, 31), successor=cast.commune_a)
    moved = Dossier.objects.filter(pk__in=[received.pk, in_process.pk, waiting.pk])
    for dossier in moved:
        assert access.roles_for(cast.desk_a, dossier) == {Role.DESK_OFFICER}
        assert access.roles_for(cast.desk_b, dossier) == set()
    assert set(worklist_for_user(cast.desk_a)) >= set(moved)
    # The old desk's staff keep reading their desk's history (access.py: members of the receiving unit see it).
    assert set(access.dossiers_visible_to(cast.desk_b)) >= set(moved)
    assert set(Dossier.objects.filter(access.handled_q(cast.desk_b))) == {_finished}
    # The successor's desk returns it: the withdrawal (a desk act) is now commune A's.
    services.dossier_withdraw(dossier=received, by=cast.desk_a, reason="The applicant asked to stop")
    assert Dossier.objects.get(pk=received.pk).status == Status.WITHDRAWN
    with pytest.raises(TransitionError):
        services.dossier_withdraw(dossier=waiting, by=cast.desk_b, reason="x")


def test_retire_without_a_successor_is_refused_when_dossiers_are_pending(cast):
    received_dossier(cast.commune_b)
    events = DossierEvent.objects.count()
    with pytest.raises(UnitRetireError) as exc:
        unit_retire(unit=cast.commune_b, by=None, valid_to=dt.date(2023, 7, 31))
    assert "UBND xã Gio Châu" in str(exc.value)
    cast.commune_b.refresh_from_db()
    assert cast.commune_b.valid_to is None and DossierEvent.objects.count() == events


def test_retire_without_anything_pending_needs_no_successor(cast):
    """With nothing pending, a unit may end without a successor (domain.md §8: Gio Châu's is UNVERIFIED)."""
    resolved_dossier(cast.commune_b)
    result = unit_retire(unit=cast.commune_b, by=None, valid_to=dt.date(2025, 6, 30))
    assert result.moved == [] and Unit.objects.get(pk=cast.commune_b.pk).valid_to == dt.date(2025, 6, 30)


def test_retire_refuses_a_successor_not_in_force_the_next_day(cast):
    received_dossier(cast.commune_b)
    new = UnitFactory(
        code="xa-moi", name="UBND xã Mới", level=UnitLevel.COMMUNE, parent=cast.province, valid_from=dt.date(2025, 7, 2)
    )
    with pytest.raises(UnitRetireError) as exc:
        unit_retire(unit=cast.commune_b, by=None, valid_to=dt.date(2025, 6, 30), successor=new)
    assert "UBND xã Mới" in str(exc.value) and "01/07/2025" in str(exc.value)
    assert Unit.objects.get(pk=cast.commune_b.pk).valid_to is None
    assert not DossierEvent.objects.filter(action=Action.TRANSFER).exists()


def test_the_command_retires_with_a_dry_run_first(cast):
    received = received_dossier(cast.commune_b)
    Unit.objects.filter(pk=cast.commune_b.pk).update(successor=cast.commune_a)
    out = StringIO()
    call_command("units", "retire", "gio-chau", "--on", "2023-07-31", "--dry-run", stdout=out)
    assert received.code in out.getvalue()
    received.refresh_from_db()
    assert received.current_desk_unit is None and Unit.objects.get(pk=cast.commune_b.pk).valid_to is None

    out = StringIO()
    call_command("units", "retire", "gio-chau", "--on", "2023-07-31", stdout=out)
    received.refresh_from_db()
    assert received.current_desk_unit == cast.commune_a
    assert Unit.objects.get(pk=cast.commune_b.pk).valid_to == dt.date(2023, 7, 31)

    with pytest.raises(CommandError):
        call_command("units", "retire", "no-such-unit", "--on", "2023-07-31")
    with pytest.raises(CommandError):
        call_command("units", "retire", "gio-an", "--on", "31/07/2023")


def test_the_admin_action_retires_on_the_day_entered(cast, client):
    received = received_dossier(cast.commune_b)
    Unit.objects.filter(pk=cast.commune_b.pk).update(successor=cast.commune_a, valid_to=dt.date(2023, 7, 31))
    admin = User.objects.create_superuser("root", "root@example.org", "pass-1234")
    client.force_login(admin)
    response = client.post(
        "/admin/units/unit/", {"action": "retire", "_selected_action": [cast.commune_b.pk]}, follow=True
    )
    assert response.status_code == 200
    received.refresh_from_db()
    assert received.current_desk_unit == cast.commune_a
    assert received.events.last().actor == admin


# --- a district's specialist office counts at the district ---


def test_a_dossier_received_at_the_district_office_counts_at_the_district_never_under_a_commune(cast):
    """Decree 61/2018 Art. 7 (domain.md §1.1): the district's desk is the district's; its specialist offices have
    no desk of their own, so what they received is the district's own (scope self) figure."""
    imported_dossier(cast.office)
    received_dossier(cast.commune_a)
    assert counts(cast.district)["received"] == 1
    assert counts(cast.district, scope="tree")["received"] == 2
    assert counts(cast.district, scope="children")["received"] == 1
    assert counts(cast.commune_a)["received"] == 1
    by_unit = dossier_figures_by_unit(parent=cast.district, period=parse_period(JULY))
    assert cast.office.code not in by_unit
    assert by_unit[cast.district.code].counts["received"] == 1
    assert by_unit[cast.commune_a.code].counts["received"] == 1


# --- 2025: receipt regardless of administrative boundary ---

JULY_2025 = "2025-07-01..2025-07-31"


def _receive_for(cast, competent, at=None):
    return services.dossier_receive(
        by=cast.desk_a,
        unit=cast.commune_a,
        procedure=cast.procedure,
        channel="direct",
        applicant=dict(APPLICANT),
        received_at=at or local(2025, 7, 7, 9),
        competent_unit=competent,
    )


def test_a_2025_receipt_for_another_commune_records_both_and_counts_once_at_the_receiving_desk(cast):
    dossier = _receive_for(cast, cast.commune_b)
    assert (dossier.receiving_unit, dossier.competent_unit) == (cast.commune_a, cast.commune_b)
    # metrics.md: counted once, at the unit whose desk received it.
    assert counts(cast.commune_a, JULY_2025)["received"] == 1
    assert counts(cast.commune_b, JULY_2025)["received"] == 0
    assert counts(cast.district, JULY_2025, scope="tree")["received"] == 1
    # The competent unit's staff see it in their work lists and act on it.
    assert dossier in worklist_for_user(cast.leader_b)
    assert dossier in worklist_for_user(cast.leader_b, unit=cast.commune_b)
    assert access.roles_for(cast.leader_b, dossier) == {Role.LEADER}
    assert access.can_see_personal_data(cast.specialist_b, dossier)


def test_the_same_unit_as_competent_records_nothing(cast):
    assert _receive_for(cast, cast.commune_a).competent_unit is None


def test_a_receipt_for_another_unit_is_refused_under_2018(cast):
    with pytest.raises(TransitionError):
        _receive_for(cast, cast.commune_b, at=local(2023, 7, 3, 9))
    assert not Dossier.objects.exists()


def test_a_receipt_for_a_unit_of_another_province_is_refused(cast):
    other = UnitFactory(code="hue", name="UBND thành phố Huế", level=UnitLevel.PROVINCE, agency_code="000.00.00.H46")
    commune = UnitFactory(code="phu-vang", name="UBND xã Phú Vang", level=UnitLevel.COMMUNE, parent=other)
    with pytest.raises(TransitionError) as exc:
        _receive_for(cast, commune)
    assert "UBND xã Phú Vang" in str(exc.value)
    assert not Dossier.objects.exists()


def test_the_setting_turns_the_receipt_for_another_unit_off(cast, settings):
    settings.CCHC_2025_RECEIPT_REGARDLESS_OF_BOUNDARY = False
    with pytest.raises(TransitionError):
        _receive_for(cast, cast.commune_b)
    assert not Dossier.objects.exists()


def test_a_closed_competent_unit_is_refused(cast):
    close(cast.commune_b, dt.date(2025, 6, 30))
    with pytest.raises(TransitionError) as exc:
        _receive_for(cast, cast.commune_b)
    assert "UBND xã Gio Châu" in str(exc.value)


# --- the desk kind ---


def test_a_unit_desk_is_a_one_stop_unit_unless_marked_a_centre(cast):
    assert cast.commune_a.desk_kind == DeskKind.ONE_STOP
    assert cast.commune_a.desk_title == "Bộ phận tiếp nhận và trả kết quả"
    centre = UnitFactory(code="xa-gio-linh", name="UBND xã Gio Linh", level=UnitLevel.COMMUNE, parent=cast.province)
    centre.desk_kind = DeskKind.SERVICE_CENTRE
    assert centre.desk_title == "Trung tâm phục vụ hành chính công"


def test_an_import_row_at_a_unit_that_no_longer_existed_is_refused_on_its_unit_code(cast):
    """The same rule for the dossiers brought from another system: a row received at the district after its
    desks closed (30/06/2025) is an error of the unit_code column, and the file writes nothing."""
    from cchc.exchange.services import dossiers_import
    from cchc.testing.factories import import_row

    close(cast.district, dt.date(2025, 6, 30))
    procedure = ProcedureFactory(code="2.000001", name="Thủ tục cấp huyện", level=ProcedureLevel.DISTRICT)
    rows = [
        import_row(cast.district, procedure=procedure, received_at=local(2025, 6, 30, 9)),
        import_row(cast.district, procedure=procedure, received_at=local(2025, 7, 1, 9)),
    ]
    result = dossiers_import(rows=rows)
    assert not result.ok
    assert [(error.row, error.column) for error in result.errors] == [(3, "unit_code")]
    assert "UBND huyện Gio Linh" in str(result.errors[0]) and "30/06/2025" in str(result.errors[0])
    assert not Dossier.objects.exists()
