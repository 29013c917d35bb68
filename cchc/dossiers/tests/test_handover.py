"""The desk's conversation with the applicant, service side (issue 9 point 4): who received the result and how,
the fee's amount and receipt, and the dossier's return to its handler after a supplement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from cchc.dossiers import services
from cchc.dossiers.delivery import delivery_from, fee_receipt_from
from cchc.dossiers.models import DossierPause
from cchc.dossiers.workflow import Action, Status, TransitionError
from cchc.lib.amounts import AmountError, parse_vn_amount
from cchc.testing.factories import (
    ProcedureFactory,
    awaiting_fee_dossier,
    awaiting_supplement_dossier,
    dossier_in,
    in_process_dossier,
    local,
    received_dossier,
    run_at,
)

PROXY_ID = "045099001234"  # a CCCD: 12 digits (Circular 07/2016/TT-BCA Art. 7)


def result_ready(cast):
    return dossier_in(Status.RESULT_ISSUED, cast.commune_a)


def deliver_event(d):
    return d.events.get(action=Action.DELIVER)


# --- who received the result and how (Decree 61/2018 Art. 16, Art. 20; the book's "Phương thức nhận kết quả") ---


def test_by_default_the_applicant_received_it_in_person_at_the_desk(cast):
    d = result_ready(cast)
    services.dossier_deliver(dossier=d, by=cast.desk_a)
    assert d.status == Status.DELIVERED
    facts = delivery_from(deliver_event(d).data)
    assert facts.method == "desk" and facts.applicant and facts.name == d.applicant_name
    assert facts.id_number == "" and facts.postal_reference == ""


def test_a_proxy_at_the_desk_is_named_with_id_number_and_authorisation(cast):
    d = result_ready(cast)
    services.dossier_deliver(
        dossier=d,
        by=cast.desk_a,
        recipient_name="Lê Văn Nam",
        recipient_id_number="045 099 001 234",
        authorisation="Giấy ủy quyền số 12/GUQ ngày 05/7/2023",
    )
    facts = delivery_from(deliver_event(d).data)
    assert (facts.method, facts.name, facts.applicant) == ("desk", "Lê Văn Nam", False)
    assert facts.id_number == PROXY_ID  # stored without the spaces typed between groups
    assert facts.authorisation == "Giấy ủy quyền số 12/GUQ ngày 05/7/2023"


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"recipient_id_number": "", "authorisation": "Giấy ủy quyền"}, "số định danh"),
        ({"recipient_id_number": "12345", "authorisation": "Giấy ủy quyền"}, "12345"),
        ({"recipient_id_number": PROXY_ID, "authorisation": ""}, "giấy ủy quyền"),
    ],
)
def test_a_proxy_without_id_number_or_authorisation_is_refused_and_nothing_is_written(cast, kwargs, words):
    d = result_ready(cast)
    with pytest.raises(TransitionError, match=words):
        services.dossier_deliver(dossier=d, by=cast.desk_a, recipient_name="Lê Văn Nam", **kwargs)
    d.refresh_from_db()
    assert d.status == Status.RESULT_ISSUED and d.delivered_at is None
    assert not d.events.filter(action=Action.DELIVER).exists()


def test_the_applicant_s_own_name_is_no_proxy(cast):
    d = result_ready(cast)
    services.dossier_deliver(dossier=d, by=cast.desk_a, recipient_name=f"  {d.applicant_name.upper()} ")
    assert delivery_from(deliver_event(d).data).applicant


def test_by_post_needs_the_postal_reference(cast):
    d = result_ready(cast)
    with pytest.raises(TransitionError, match="bưu gửi"):
        services.dossier_deliver(dossier=d, by=cast.desk_a, method="post")
    services.dossier_deliver(dossier=d, by=cast.desk_a, method="post", postal_reference="EL123456789VN")
    facts = delivery_from(deliver_event(d).data)
    assert (facts.method, facts.postal_reference, facts.applicant) == ("post", "EL123456789VN", True)


def test_the_desk_cannot_record_an_online_hand_over_or_an_unknown_method(cast):
    d = result_ready(cast)
    with pytest.raises(TransitionError, match="Cổng dịch vụ công"):
        services.dossier_deliver(dossier=d, by=cast.desk_a, method="online")
    with pytest.raises(TransitionError):
        services.dossier_deliver(dossier=d, by=cast.desk_a, method="pigeon")
    assert not d.events.filter(action=Action.DELIVER).exists()


def test_an_older_delivery_event_has_no_method_recorded():
    assert not delivery_from({}).recorded
    assert delivery_from({"online": True, "document": 1}).method == "online"


# --- fees: the amount asked, the amount paid and the receipt (Decree 61/2018 Art. 22: proof of payment travels
# with the dossier) ---


def test_the_fee_request_defaults_to_the_procedure_s_fee(cast):
    procedure = ProcedureFactory(code="1.000900", name="Cấp bản sao trích lục hộ tịch", fee=Decimal("8000"))
    d = in_process_dossier(cast.commune_a, procedure=procedure)
    run_at(local(2023, 7, 4, 9), services.dossier_request_fee, dossier=d, by=cast.specialist_a)
    assert d.events.get(action=Action.REQUEST_FEE).data["amount"] == "8000"


def test_the_fee_request_takes_the_officer_s_amount_and_refuses_a_negative_one(cast):
    d = in_process_dossier(cast.commune_a)
    with pytest.raises(TransitionError, match="số âm"):
        services.dossier_request_fee(dossier=d, by=cast.specialist_a, amount=-5)
    with pytest.raises(TransitionError, match="không phải là số tiền"):
        services.dossier_request_fee(dossier=d, by=cast.specialist_a, amount="mười nghìn")
    assert d.status == Status.IN_PROCESS and not DossierPause.objects.filter(dossier=d).exists()
    run_at(local(2023, 7, 4, 9), services.dossier_request_fee, dossier=d, by=cast.specialist_a, amount=75000)
    assert d.events.get(action=Action.REQUEST_FEE).data["amount"] == "75000"


def test_fee_paid_records_the_amount_and_the_receipt(cast):
    d = awaiting_fee_dossier(cast.commune_a)  # 50.000 đồng requested
    requested_at = d.events.get(action=Action.REQUEST_FEE).at
    paid_at = requested_at + dt.timedelta(hours=2)
    run_at(paid_at, services.dossier_fee_paid, dossier=d, by=cast.desk_a, receipt_number="0001234")
    receipt = fee_receipt_from(d.events.get(action=Action.FEE_PAID).data)
    # Nothing else given: the amount requested, the receipt dated the day the payment is recorded.
    assert (receipt.amount, receipt.number, receipt.day) == ("50.000 đồng", "0001234", paid_at.date())
    assert d.status == Status.IN_PROCESS


def test_fee_paid_without_a_receipt_or_with_a_bad_date_is_refused_and_nothing_is_written(cast):
    d = awaiting_fee_dossier(cast.commune_a)
    requested_at = d.events.get(action=Action.REQUEST_FEE).at
    paid_at = requested_at + dt.timedelta(days=1)
    with pytest.raises(TransitionError, match="biên lai"):
        run_at(paid_at, services.dossier_fee_paid, dossier=d, by=cast.desk_a, receipt_number="  ")
    for day in (paid_at.date() + dt.timedelta(days=1), requested_at.date() - dt.timedelta(days=1)):
        with pytest.raises(TransitionError, match="Ngày của biên lai"):
            run_at(paid_at, services.dossier_fee_paid, dossier=d, by=cast.desk_a, receipt_number="1", receipt_date=day)
    with pytest.raises(TransitionError, match="số âm"):
        run_at(paid_at, services.dossier_fee_paid, dossier=d, by=cast.desk_a, receipt_number="1", amount=-1)
    d.refresh_from_db()
    assert d.status == Status.AWAITING_FEE and not d.events.filter(action=Action.FEE_PAID).exists()
    assert d.pauses.get().ended_at is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [("75.000 đồng", 75000), ("75.000", 75000), ("75000", 75000), ("1.250.000đ", 1250000), ("75 000 VNĐ", 75000)],
)
def test_amounts_as_officers_type_them(text, amount):
    assert parse_vn_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["75,5", "75.5", "7.50.000", "abc", "75.000 USD"])
def test_what_is_not_an_amount(text):
    with pytest.raises(AmountError, match="75.000 đồng"):
        parse_vn_amount(text)


def test_a_negative_amount_is_refused():
    with translation.override("vi"), pytest.raises(AmountError, match="số âm"):
        parse_vn_amount("-5.000 đồng")
    assert parse_vn_amount("") is None


# --- after a supplement the dossier returns to its handler (Decree 61/2018 Art. 19(4)) ---


def test_the_supplemented_dossier_returns_to_the_specialist_who_asked(cast):
    d = awaiting_supplement_dossier(cast.commune_a)  # assigned to specialist_a, who asked
    assert d.assigned_to == cast.specialist_a
    services.dossier_supplement(dossier=d, by=cast.desk_a)
    d.refresh_from_db()
    assert d.status == Status.IN_PROCESS and d.assigned_to == cast.specialist_a
    data = d.events.get(action=Action.SUPPLEMENT).data
    assert data["returned_to"] == cast.specialist_a.pk and data["returned_to_name"] == str(cast.specialist_a)


def test_asked_at_reception_it_goes_to_the_desk(cast):
    d = received_dossier(cast.commune_a)
    services.dossier_request_supplement(dossier=d, by=cast.desk_a, reason="Thiếu bản sao", at=d.received_at)
    services.dossier_supplement(dossier=d, by=cast.desk_a)
    d.refresh_from_db()
    assert d.status == Status.IN_PROCESS and d.assigned_to is None
    assert d.events.get(action=Action.SUPPLEMENT).data["returned_to"] is None


def test_a_handler_who_left_the_unit_does_not_get_it_back(cast):
    d = awaiting_supplement_dossier(cast.commune_a)
    cast.specialist_a.memberships.all().delete()
    services.dossier_supplement(dossier=d, by=cast.desk_a)
    d.refresh_from_db()
    assert d.assigned_to is None  # the desk's list: it must be assigned again
