"""The dossier services: each change is logged, deadlines move only by logged pauses, finishing fixes the times."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from cchc.dossiers import services
from cchc.dossiers.models import (
    Apology,
    Channel,
    DocumentKind,
    Dossier,
    DossierEvent,
    DossierPause,
    Outcome,
    PauseKind,
    Regime,
)
from cchc.dossiers.workflow import Action, Status, TransitionError
from cchc.testing.factories import (
    APPLICANT,
    ComponentDocumentFactory,
    ProcedureFactory,
    approved_dossier,
    awaiting_supplement_dossier,
    in_process_dossier,
    local,
    received_dossier,
    refused_dossier,
)


def test_receive_snapshots_the_procedure_and_sets_the_deadline(cast):
    """Receipt copies the time limit and online level, starts the clock and sets due_at; a later catalogue change
    leaves the dossier alone."""
    dossier = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    assert dossier.status == Status.RECEIVED
    assert dossier.processing_days == Decimal("3")
    assert dossier.online_service == cast.procedure.online_service
    assert dossier.processing_unit == cast.commune_a
    assert dossier.received_by == cast.desk_a
    assert dossier.regime == Regime.R2018
    assert dossier.clock_start_at == local(2023, 7, 3, 9, 0)
    assert dossier.due_at == local(2023, 7, 6, 9, 0)
    assert dossier.applicant_name == APPLICANT["name"]
    assert dossier.code == "000.21.27.H45-230703-0001"
    cast.procedure.processing_days = 10
    cast.procedure.save()
    dossier.refresh_from_db()
    assert dossier.processing_days == Decimal("3")


def test_receive_rejects_a_missing_name_and_unknown_fields(cast):
    """The applicant's name is required and unknown applicant keys are refused, with nothing saved."""
    for applicant in ({"name": ""}, {"name": "A", "nickname": "x"}):
        with pytest.raises(TransitionError):
            services.dossier_receive(
                by=cast.desk_a,
                unit=cast.commune_a,
                procedure=cast.procedure,
                channel=Channel.DIRECT,
                applicant=applicant,
                received_at=local(2023, 7, 3, 9),
            )
    assert not Dossier.objects.exists()


def test_full_life_cycle_logs_every_change_with_actor(cast):
    """Receive, assign, submit, send back, submit, approve, issue, deliver: one event per change, each with its
    actor and the status before and after."""
    d = received_dossier(cast.commune_a)
    services.dossier_assign(dossier=d, by=cast.leader_a, to=cast.specialist_a, note="please")
    assert d.assigned_to == cast.specialist_a and d.status == Status.IN_PROCESS
    services.dossier_submit(dossier=d, by=cast.specialist_a)
    services.dossier_send_back(dossier=d, by=cast.leader_a, note="fix the date")
    services.dossier_submit(dossier=d, by=cast.specialist_a)
    services.dossier_approve(dossier=d, by=cast.leader_a)
    services.dossier_issue_result(dossier=d, by=cast.specialist_a, at=local(2023, 7, 5, 10, 0), e_certified=True)
    assert d.outcome == Outcome.RESOLVED and d.finished_at == local(2023, 7, 5, 10, 0)
    assert d.e_certified is True
    assert d.processing_working_days == Decimal("2.13")  # 3 Jul 09:00 -> 5 Jul 10:00 = 17 h of 8 h days
    assert d.waiting_working_days == Decimal("0")
    services.dossier_deliver(dossier=d, by=cast.desk_a, at=local(2023, 7, 5, 14, 0))
    assert d.status == Status.DELIVERED and d.delivered_at == local(2023, 7, 5, 14, 0)
    rows = list(d.events.order_by("pk").values_list("action", "from_status", "to_status", "actor__username"))
    assert rows == [
        (Action.RECEIVE, "", Status.RECEIVED, "desk_a"),
        (Action.ASSIGN, Status.RECEIVED, Status.IN_PROCESS, "leader_a"),
        (Action.SUBMIT, Status.IN_PROCESS, Status.AWAITING_APPROVAL, "specialist_a"),
        (Action.SEND_BACK, Status.AWAITING_APPROVAL, Status.IN_PROCESS, "leader_a"),
        (Action.SUBMIT, Status.IN_PROCESS, Status.AWAITING_APPROVAL, "specialist_a"),
        (Action.APPROVE, Status.AWAITING_APPROVAL, Status.APPROVED, "leader_a"),
        (Action.ISSUE_RESULT, Status.APPROVED, Status.RESULT_ISSUED, "specialist_a"),
        (Action.DELIVER, Status.RESULT_ISSUED, Status.DELIVERED, "desk_a"),
    ]
    assert Dossier.objects.get(pk=d.pk).status == Status.DELIVERED


def test_assign_to_the_district_office_hands_it_to_the_office(cast):
    """A commune dossier assigned to the district office's specialist becomes the office's to act on."""
    d = received_dossier(cast.commune_a)
    with pytest.raises(TransitionError):
        services.dossier_assign(dossier=d, by=cast.desk_a, to=cast.specialist_office)
    services.dossier_assign(dossier=d, by=cast.desk_a, to=cast.specialist_office, processing_unit=cast.office)
    assert d.processing_unit == cast.office
    services.dossier_submit(dossier=d, by=cast.specialist_office)
    services.dossier_approve(dossier=d, by=cast.leader_office)
    event = d.events.get(action=Action.ASSIGN)
    assert event.data["processing_unit"] == cast.office.code
    with pytest.raises(TransitionError):
        services.dossier_approve(dossier=d, by=cast.leader_b)


def test_officer_of_commune_b_cannot_act_on_commune_a(cast):
    """Roles count only at the dossier's own units."""
    d = received_dossier(cast.commune_a)
    for user in (cast.desk_b, cast.leader_b, cast.reform_officer):
        with pytest.raises(TransitionError):
            services.dossier_assign(dossier=d, by=user, to=cast.specialist_a)
    assert Dossier.objects.get(pk=d.pk).status == Status.RECEIVED
    assert d.events.count() == 1


def test_supplement_restarts_the_clock_under_2018(cast):
    """Decree 61/2018 Art. 19(4): once the dossier is complete the full time limit runs again from zero."""
    d = in_process_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    services.dossier_request_supplement(
        dossier=d, by=cast.specialist_a, reason="Missing ID copy", items=["ID copy"], at=local(2023, 7, 4, 9, 0)
    )
    assert d.status == Status.AWAITING_SUPPLEMENT
    assert DossierPause.objects.get(dossier=d).kind == PauseKind.SUPPLEMENT
    services.dossier_supplement(dossier=d, by=cast.desk_a, at=local(2023, 7, 10, 9, 0))
    assert d.status == Status.IN_PROCESS
    assert d.due_at == local(2023, 7, 13, 9, 0)  # 3 working days from Monday 10 July 09:00
    pause = DossierPause.objects.get(dossier=d)
    assert pause.ended_at == local(2023, 7, 10, 9, 0) and pause.working_days == Decimal("4.00")
    assert d.waiting_working_days == Decimal("4.00")
    event = d.events.get(action=Action.SUPPLEMENT)
    assert event.data["old_due_at"].startswith("2023-07-06T09:00")
    assert event.data["new_due_at"].startswith("2023-07-13T09:00")
    assert event.data["rule"] == "restart"
    request = d.events.get(action=Action.REQUEST_SUPPLEMENT)
    assert request.data["items"] == ["ID copy"] and request.data["old_due_at"].startswith("2023-07-06T09:00")


def test_supplement_after_the_cutoff_restarts_next_morning(cast):
    """A paper supplement brought after 15:00 starts the new time limit at the next working day's opening."""
    d = awaiting_supplement_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    services.dossier_supplement(dossier=d, by=cast.desk_a, at=local(2023, 7, 7, 16, 0))  # Friday 16:00
    assert d.due_at == local(2023, 7, 12, 17, 0)  # Mon 10, Tue 11, Wed 12 July (whole days)


def test_supplement_extends_by_the_pause_when_the_regime_does_not_restart(cast, settings):
    """With the 2025 setting off, the deadline moves by the working time paused instead of restarting."""
    settings.CCHC_2025_SUPPLEMENT_RESTARTS_CLOCK = False
    d = received_dossier(cast.commune_a, at=local(2025, 7, 7, 9, 0))
    assert d.regime == Regime.R2025
    assert d.due_at == local(2025, 7, 10, 9, 0)
    services.dossier_request_supplement(dossier=d, by=cast.desk_a, reason="Missing", at=local(2025, 7, 8, 9, 0))
    services.dossier_supplement(dossier=d, by=cast.desk_a, at=local(2025, 7, 9, 13, 30))  # 10.5 h paused
    assert d.due_at == local(2025, 7, 11, 11, 30)
    assert d.events.get(action=Action.SUPPLEMENT).data["rule"] == "extend"


def test_fee_wait_pauses_the_clock(cast):
    """Waiting for fees moves due_at by exactly the working time paused, and is counted as waiting time."""
    d = in_process_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    services.dossier_request_fee(dossier=d, by=cast.specialist_a, amount=8000, at=local(2023, 7, 4, 9, 0))
    assert d.status == Status.AWAITING_FEE
    # 10.5 working hours
    services.dossier_fee_paid(dossier=d, by=cast.desk_a, receipt_number="0000123", at=local(2023, 7, 5, 13, 30))
    assert d.due_at == local(2023, 7, 7, 11, 30)
    assert d.waiting_working_days == Decimal("1.31")
    event = d.events.get(action=Action.FEE_PAID)
    assert event.data["old_due_at"].startswith("2023-07-06T09:00")
    assert event.data["new_due_at"].startswith("2023-07-07T11:30")
    assert d.events.get(action=Action.REQUEST_FEE).data["amount"] == "8000"


def test_fee_wait_leaves_the_deadline_when_the_setting_is_off(cast, settings):
    settings.CCHC_FEE_WAIT_PAUSES_CLOCK = False
    d = in_process_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    services.dossier_request_fee(dossier=d, by=cast.specialist_a, at=local(2023, 7, 4, 9, 0))
    services.dossier_fee_paid(dossier=d, by=cast.desk_a, receipt_number="0000123", at=local(2023, 7, 5, 13, 30))
    assert d.due_at == local(2023, 7, 6, 9, 0)


def test_supplement_without_a_request_is_refused(cast):
    d = in_process_dossier(cast.commune_a)
    with pytest.raises(TransitionError):
        services.dossier_supplement(dossier=d, by=cast.desk_a, at=local(2023, 7, 4, 9))
    with pytest.raises(TransitionError):
        services.dossier_fee_paid(dossier=d, by=cast.desk_a, receipt_number="0000123", at=local(2023, 7, 4, 9))


def test_finishing_subtracts_waiting_from_processing_time(cast):
    """processing_working_days = working time from clock start to finish less the waits."""
    d = in_process_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    services.dossier_request_fee(dossier=d, by=cast.specialist_a, at=local(2023, 7, 4, 9, 0))
    services.dossier_fee_paid(dossier=d, by=cast.desk_a, receipt_number="0000123", at=local(2023, 7, 5, 9, 0))
    services.dossier_submit(dossier=d, by=cast.specialist_a)
    services.dossier_approve(dossier=d, by=cast.leader_a)
    services.dossier_issue_result(dossier=d, by=cast.leader_a, at=local(2023, 7, 6, 9, 0))
    assert d.waiting_working_days == Decimal("1.00")
    assert d.processing_working_days == Decimal("2.00")


def test_withdraw_while_waiting_closes_the_pause(cast):
    """Withdrawing during a supplement wait ends the wait and counts it; the outcome is withdrawn."""
    d = in_process_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    services.dossier_request_supplement(dossier=d, by=cast.specialist_a, reason="x", at=local(2023, 7, 4, 9, 0))
    services.dossier_withdraw(dossier=d, by=cast.desk_a, reason="Applicant's letter", at=local(2023, 7, 5, 9, 0))
    assert (d.status, d.outcome, d.finished_at) == (Status.WITHDRAWN, Outcome.WITHDRAWN, local(2023, 7, 5, 9, 0))
    assert d.waiting_working_days == Decimal("1.00") and d.processing_working_days == Decimal("1.00")
    assert not DossierPause.objects.filter(ended_at__isnull=True).exists()


def test_return_and_refuse_set_their_outcomes(cast):
    returned = services.dossier_return(
        dossier=received_dossier(cast.commune_a), by=cast.leader_a, reason="Not our competence"
    )
    assert (returned.status, returned.outcome) == (Status.RETURNED, Outcome.RETURNED)
    refused = refused_dossier(cast.commune_a, reason="Not eligible")
    assert (refused.status, refused.outcome) == (Status.REFUSED, Outcome.RESOLVED)
    assert refused.events.get(action=Action.REFUSE).data["reasons"] == ["Not eligible"]
    with pytest.raises(TransitionError):
        services.dossier_refuse(dossier=in_process_dossier(cast.commune_a), by=cast.leader_a, reasons=[])


def test_apology_once_only_and_due_at_unchanged(cast):
    """The apology keeps due_at, stores the new date beside it, and cannot be issued twice."""
    d = in_process_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    due = d.due_at
    with pytest.raises(TransitionError):
        services.dossier_apologize(dossier=d, by=cast.leader_a, reason="Busy", new_due_at=due)
    with pytest.raises(TransitionError):
        services.dossier_apologize(
            dossier=d, by=cast.specialist_a, reason="Busy", new_due_at=due + dt.timedelta(days=3)
        )
    services.dossier_apologize(
        dossier=d, by=cast.leader_a, reason="Verification", new_due_at=local(2023, 7, 10, 17, 0), at=local(2023, 7, 5)
    )
    assert d.due_at == due and d.extended_due_at == local(2023, 7, 10, 17, 0)
    assert Apology.objects.get(dossier=d).new_due_at == local(2023, 7, 10, 17, 0)
    event = d.events.get(action=Action.APOLOGIZE)
    assert (event.from_status, event.to_status) == (Status.IN_PROCESS, Status.IN_PROCESS)
    with pytest.raises(TransitionError):
        services.dossier_apologize(dossier=d, by=cast.leader_a, reason="Again", new_due_at=local(2023, 7, 20, 17, 0))
    assert Apology.objects.count() == 1
    assert Dossier.objects.get(pk=d.pk).extended_due_at == local(2023, 7, 10, 17, 0)


def test_dossier_act_dispatches_by_action_name(cast):
    d = received_dossier(cast.commune_a)
    services.dossier_act(dossier=d, by=cast.desk_a, action="assign", to=cast.specialist_a)
    services.dossier_act(dossier=d, by=cast.specialist_a, action=Action.SUBMIT)
    assert Dossier.objects.get(pk=d.pk).status == Status.AWAITING_APPROVAL
    with pytest.raises(TransitionError):
        services.dossier_act(dossier=d, by=cast.specialist_a, action="receive")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_components_digitized_when_every_required_component_has_a_file(cast, media):
    procedure = ProcedureFactory(code="1.000001")
    first, second = ComponentDocumentFactory(procedure=procedure), ComponentDocumentFactory(procedure=procedure)
    ComponentDocumentFactory(procedure=procedure, required=False)
    d = received_dossier(cast.commune_a, procedure=procedure)
    services.dossier_attach_document(
        dossier=d,
        by=cast.desk_a,
        kind=DocumentKind.COMPONENT,
        file=ContentFile(b"%PDF-1.4", name="a.pdf"),
        name="To khai",
        component=first,
    )
    assert Dossier.objects.get(pk=d.pk).components_digitized is False
    services.dossier_attach_document(
        dossier=d,
        by=cast.desk_a,
        kind=DocumentKind.COMPONENT,
        file=ContentFile(b"%PDF-1.4", name="b.pdf"),
        name="CCCD",
        component=second,
    )
    assert Dossier.objects.get(pk=d.pk).components_digitized is True
    with pytest.raises(TransitionError):
        services.dossier_attach_document(
            dossier=d, by=cast.desk_b, kind=DocumentKind.RESULT, file=ContentFile(b"%PDF-1.4", name="r.pdf"), name="r"
        )


def test_result_file_marks_the_result_digitized(cast, media):
    """Without listed components one component file is enough; a result file makes the result digitized."""
    d = approved_dossier(cast.commune_a)
    services.dossier_attach_document(
        dossier=d,
        by=cast.specialist_a,
        kind=DocumentKind.COMPONENT,
        file=ContentFile(b"%PDF-1.4", name="c.pdf"),
        name="c",
    )
    assert d.components_digitized is True and d.result_digitized is False
    services.dossier_attach_document(
        dossier=d, by=cast.specialist_a, kind=DocumentKind.RESULT, file=ContentFile(b"%PDF-1.4", name="r.pdf"), name="r"
    )
    services.dossier_issue_result(dossier=d, by=cast.leader_a)
    assert Dossier.objects.get(pk=d.pk).result_digitized is True


def test_events_are_immutable(cast):
    event = received_dossier(cast.commune_a).events.get()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert DossierEvent.objects.count() == 1
