"""The desk's conversation with the applicant on the staff pages (issue 9 point 4): the hand-over form, the fee
forms, the timeline's uploads and prints, the tracking book's and control sheet's hand-over columns, and the
supplemented dossier in its handler's work list."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cchc.accounts.models import PersonalDataView
from cchc.dossiers import services
from cchc.dossiers.delivery import delivery_from
from cchc.dossiers.workflow import Action, Status
from cchc.testing.factories import (
    awaiting_fee_dossier,
    awaiting_supplement_dossier,
    dossier_in,
    received_dossier,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def act(client, dossier, action, **fields):
    data = {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(reverse("web:dossier_action", args=[dossier.code, action]), data, HTTP_HX_REQUEST="true")


def vi(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "vi"


def test_the_desk_hands_the_result_to_a_proxy_in_person(client, cast):
    d = dossier_in(Status.RESULT_ISSUED, cast.commune_a)
    vi(client, cast.desk_a)
    response = act(
        client,
        d,
        Action.DELIVER,
        method="desk",
        recipient="other",
        recipient_name="Lê Văn Nam",
        recipient_id_number="045099001234",
        authorisation="Giấy ủy quyền số 12/GUQ ngày 05/7/2023",
    )
    assert response.status_code == 200
    d.refresh_from_db()
    assert d.status == Status.DELIVERED
    facts = delivery_from(d.events.get(action=Action.DELIVER).data)
    assert (facts.name, facts.applicant, facts.id_number) == ("Lê Văn Nam", False, "045099001234")
    html = client.get(d.get_absolute_url()).content.decode()
    assert 'id="delivery-recipient"' in html and "Lê Văn Nam" in html and "nhận thay" in html


def test_the_hand_over_form_says_in_vietnamese_what_is_missing(client, cast):
    d = dossier_in(Status.RESULT_ISSUED, cast.commune_a)
    vi(client, cast.desk_a)
    html = act(client, d, Action.DELIVER, method="post", recipient="other").content.decode()
    assert "Nhập số hiệu bưu gửi" in html
    assert "Nhập họ tên người nhận kết quả" in html
    html = act(
        client, d, Action.DELIVER, method="desk", recipient="other", recipient_name="Lê Văn Nam"
    ).content.decode()
    assert "Nhập số định danh của người nhận" in html and "Nhập giấy ủy quyền" in html
    d.refresh_from_db()
    assert d.status == Status.RESULT_ISSUED


def test_the_fee_forms_take_vietnamese_amounts_and_the_receipt(client, cast):
    d = dossier_in(Status.IN_PROCESS, cast.commune_a)
    vi(client, cast.specialist_a)
    html = act(client, d, Action.REQUEST_FEE, amount="mười nghìn").content.decode()
    assert "không phải là số tiền" in html
    html = act(client, d, Action.REQUEST_FEE, amount="-5.000 đồng").content.decode()
    assert "không thể là số âm" in html
    act(client, d, Action.REQUEST_FEE, amount="75.000 đồng")
    d.refresh_from_db()
    assert d.status == Status.AWAITING_FEE and d.events.get(action=Action.REQUEST_FEE).data["amount"] == "75000"
    page = client.get(d.get_absolute_url())
    paid_form = next(f for f in page.context["action_forms"] if f.prefix == Action.FEE_PAID)
    assert paid_form["amount"].value() == "75.000 đồng"  # the amount requested, to confirm
    today = timezone.localdate().isoformat()
    html = act(client, d, Action.FEE_PAID, amount="75.000", receipt_number="", receipt_date=today).content.decode()
    assert "Nhập số biên lai thu phí" in html
    act(client, d, Action.FEE_PAID, amount="75.000", receipt_number="0001234", receipt_date=today)
    d.refresh_from_db()
    assert d.status == Status.IN_PROCESS
    html = client.get(d.get_absolute_url()).content.decode()
    assert 'id="fee-requested">75.000 đồng' in html
    assert "0001234" in html and timezone.localdate().strftime("%d/%m/%Y") in html
    assert html.count("75.000 đồng") >= 3  # the details and the two timeline entries


def test_the_fee_request_form_offers_the_procedure_s_fee(client, cast):
    cast.procedure.fee = 8000
    cast.procedure.save()
    d = dossier_in(Status.IN_PROCESS, cast.commune_a, procedure=cast.procedure)
    vi(client, cast.specialist_a)
    form = next(f for f in client.get(d.get_absolute_url()).context["action_forms"] if f.prefix == Action.REQUEST_FEE)
    assert form["amount"].value() == "8.000 đồng"


def test_uploads_and_prints_show_on_the_timeline(client, cast):
    d = awaiting_supplement_dossier(cast.commune_a)
    vi(client, cast.desk_a)
    upload = SimpleUploadedFile("to-khai-hoa.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("web:dossier_upload", args=[d.code]), {"kind": "component", "name": "Tờ khai của Hoa", "file": upload}
    )
    assert response.status_code == 302
    start = timezone.now().replace(second=5, microsecond=0)
    with time_machine.travel(start, tick=False):
        for _ in range(3):  # three refreshes within a minute: one print
            assert client.get(reverse("web:print_supplement_request", args=[d.code])).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        client.get(reverse("web:print_supplement_request", args=[d.code]))
        client.get(reverse("web:receipt", args=[d.code]))
    timeline = client.get(d.get_absolute_url()).context["timeline"]
    kinds = [e.kind for e in timeline]
    assert kinds.count("upload") == 1 and kinds.count("print") == 3
    html = client.get(d.get_absolute_url()).content.decode()
    assert "Tờ khai của Hoa" in html and str(cast.desk_a) in html
    # Every opening is still in the personal data log; the timeline shows one per form, user and minute.
    assert PersonalDataView.objects.filter(dossier=d, page="web:print_supplement_request").count() == 4
    # Someone who does not handle the dossier sees the upload and the print, not the file's name.
    vi(client, cast.reform_officer)
    html = client.get(d.get_absolute_url()).content.decode()
    assert "event-upload" in html and "event-print" in html and "Tờ khai của Hoa" not in html


def test_the_tracking_book_prints_who_received_the_result_and_how(client, cast):
    by_proxy = dossier_in(Status.RESULT_ISSUED, cast.commune_a)
    by_post = dossier_in(Status.RESULT_ISSUED, cast.commune_a)
    services.dossier_deliver(
        dossier=by_proxy,
        by=cast.desk_a,
        recipient_name="Lê Văn Nam",
        recipient_id_number="045099001234",
        authorisation="Giấy ủy quyền số 12/GUQ",
    )
    services.dossier_deliver(dossier=by_post, by=cast.desk_a, method="post", postal_reference="EL123456789VN")
    vi(client, cast.desk_a)
    html = client.get(reverse("web:tracking_book"), {"unit": cast.commune_a.pk, "period": "2023-Q3"}).content.decode()
    assert "Trực tiếp tại Bộ phận một cửa" in html and "Qua bưu chính" in html
    assert "EL123456789VN" in html and "Lê Văn Nam" in html and "045099001234" in html
    # Not to those who do not handle the dossiers: the method yes, the person no.
    vi(client, cast.reform_officer)
    html = client.get(reverse("web:tracking_book"), {"unit": cast.commune_a.pk, "period": "2023-Q3"}).content.decode()
    assert "Qua bưu chính" in html and "Lê Văn Nam" not in html and "045099001234" not in html


def test_the_control_sheet_names_the_proxy_who_received_it(client, cast):
    d = dossier_in(Status.RESULT_ISSUED, cast.commune_a)
    services.dossier_deliver(
        dossier=d,
        by=cast.desk_a,
        recipient_name="Lê Văn Nam",
        recipient_id_number="045099001234",
        authorisation="GUQ 12",
    )
    vi(client, cast.desk_a)
    rows = client.get(reverse("web:print_control_sheet", args=[d.code])).context["rows"]
    last = rows[-1]
    assert last.action == Action.DELIVER and last.receiver == "Lê Văn Nam"
    assert "Người nhận thay" in last.receiver_unit and "045099001234" in last.receiver_unit


def test_the_supplemented_dossier_is_flagged_in_its_handler_s_list(client, cast):
    d = awaiting_supplement_dossier(cast.commune_a)
    services.dossier_supplement(dossier=d, by=cast.desk_a)
    at_reception = received_dossier(cast.commune_a)
    services.dossier_request_supplement(
        dossier=at_reception, by=cast.desk_a, reason="Thiếu", at=at_reception.received_at
    )
    services.dossier_supplement(dossier=at_reception, by=cast.desk_a)
    vi(client, cast.specialist_a)
    response = client.get(reverse("web:worklist"), {"tab": "assigned"})
    rows = {row.code: row for row in response.context["rows"]}
    assert rows[d.code].supplement_arrived and at_reception.code not in rows
    assert "Đã có bổ sung" in response.content.decode()
    vi(client, cast.desk_a)
    desk = [row.code for row in client.get(reverse("web:worklist"), {"tab": "supplemented"}).context["rows"]]
    assert desk == [at_reception.code]
    html = client.get(d.get_absolute_url()).content.decode()
    assert "Trở lại người xử lý" in html


def test_an_online_supplement_returns_the_dossier_to_its_handler(client, cast):
    d = awaiting_supplement_dossier(cast.commune_a)
    files = [("", SimpleUploadedFile("bo-sung.pdf", PDF, content_type="application/pdf"))]
    services.dossier_supplement_online(dossier=d, files=files)
    d.refresh_from_db()
    assert d.status == Status.IN_PROCESS and d.assigned_to == cast.specialist_a
    vi(client, cast.specialist_a)
    rows = {row.code: row for row in client.get(reverse("web:worklist"), {"tab": "assigned"}).context["rows"]}
    assert rows[d.code].supplement_arrived


def test_a_fee_dossier_s_page_offers_the_receipt_fields(client, cast):
    d = awaiting_fee_dossier(cast.commune_a)
    vi(client, cast.desk_a)
    html = client.get(d.get_absolute_url()).content.decode()
    assert 'name="fee_paid-receipt_number"' in html and 'name="fee_paid-receipt_date"' in html
    assert "50.000 đồng" in html
