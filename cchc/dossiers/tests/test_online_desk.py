"""The desk's side of an online dossier (Decree 61/2018 Art. 17(2)): it waits in the desk's work list with a marker and
a filter, its page shows the uploaded files and the originals to bring, the desk refuses it with reasons or asks once
for everything missing, and the printed forms and the receipt (with the tracking QR code) work without a receiving
officer."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cchc.dossiers import services
from cchc.dossiers.models import Dossier, Status
from cchc.dossiers.services import dossier_submit_online
from cchc.procedures.models import OnlineService
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory, local, received_dossier

from .test_online_uploads import TINY_PDF

APPLICANT = {"name": "Lê Thị Thu", "id_number": "045199004321", "phone": "0915333444", "address": "Thôn Đông"}


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


@pytest.fixture
def online(cast) -> Dossier:
    procedure = ProcedureFactory.create(
        code="1.900020", name="Đăng ký thường trú", online_service=OnlineService.PARTIAL
    )
    form = ComponentDocumentFactory.create(procedure=procedure, name="Tờ khai thay đổi thông tin cư trú", order=1)
    proof = ComponentDocumentFactory.create(procedure=procedure, name="Giấy tờ chứng minh chỗ ở", order=2)
    return dossier_submit_online(
        unit=cast.commune_a,
        procedure=procedure,
        applicant=dict(APPLICANT),
        files={form: SimpleUploadedFile("to-khai.pdf", TINY_PDF)},
        bring_to_desk=[proof],
        submitted_at=local(2023, 7, 3, 9, 0),
    )


def logged_in(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def test_it_waits_in_the_desk_s_own_work_list_marked_and_filtered(client, cast, online):
    paper = received_dossier(cast.commune_a)
    page = logged_in(client, cast.desk_a).get(reverse("web:worklist")).content.decode()
    assert online.code in page and "to check" in page  # "my dossiers" of the desk: nobody received it by hand
    assert paper.code in page
    only = client.get(reverse("web:worklist"), {"tab": "mine", "truc-tuyen": "1"}).content.decode()
    assert online.code in only and paper.code not in only
    assert 'name="truc-tuyen"' in only
    other = logged_in(client, cast.desk_b).get(reverse("web:worklist"), {"tab": "unit"}).content.decode()
    assert online.code not in other
    # Once assigned it is the handler's, no longer the desk's to check.
    services.dossier_assign(dossier=online, by=cast.desk_a, to=cast.specialist_a)
    again = logged_in(client, cast.desk_a).get(reverse("web:worklist"), {"truc-tuyen": "1"}).content.decode()
    assert online.code not in again


def test_its_page_shows_the_files_and_the_originals_to_bring(client, cast, online):
    page = logged_in(client, cast.desk_a).get(online.get_absolute_url()).content.decode()
    assert 'id="online-check"' in page
    assert 'id="bring-to-desk"' in page and "Giấy tờ chứng minh chỗ ở" in page
    document = online.documents.get()
    assert reverse("web:document", args=[online.code, document.pk]) in page
    download = client.get(reverse("web:document", args=[online.code, document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == TINY_PDF


def test_the_desk_s_receipt_carries_the_secret_and_the_qr_code(client, cast, online):
    page = logged_in(client, cast.desk_a).get(reverse("web:receipt", args=[online.code])).content.decode()
    assert 'id="receipt-secret"' in page and online.tracking_secret in page
    assert f"/tra-cuu/?ma={online.code}&amp;bi-mat={online.tracking_secret}" in page
    assert '<svg role="img"' in page
    # A partial online service: the result is collected at the desk, not online.
    with translation.override("vi"):  # the receipt is the official form, in Vietnamese
        online_result = translation.gettext("online, on the public service portal")
    assert online_result not in page
    paper = received_dossier(cast.commune_a)  # a paper dossier has its secret too
    page = client.get(reverse("web:receipt", args=[paper.code])).content.decode()
    assert paper.tracking_secret in page and '<svg role="img"' in page


def test_refused_with_reasons_and_its_refusal_form_prints(client, cast, online):
    services.dossier_return(
        dossier=online, by=cast.desk_a, reason="Không thuộc thẩm quyền của xã", at=local(2023, 7, 3, 10, 0)
    )
    online.refresh_from_db()
    assert online.status == Status.RETURNED and online.received_by is None
    response = logged_in(client, cast.desk_a).get(reverse("web:print_refusal", args=[online.code]))
    assert response.status_code == 200
    assert "Không thuộc thẩm quyền của xã" in response.content.decode()


def test_asked_once_for_everything_missing_and_its_form_prints(client, cast, online):
    services.dossier_request_supplement(
        dossier=online,
        by=cast.desk_a,
        reason="Hồ sơ chưa đầy đủ",
        items=["Bản sao giấy chứng nhận quyền sử dụng đất", "Ảnh chụp rõ tờ khai"],
        at=local(2023, 7, 3, 10, 0),
    )
    online.refresh_from_db()
    assert online.status == Status.AWAITING_SUPPLEMENT and online.received_by is None
    response = logged_in(client, cast.desk_a).get(reverse("web:print_supplement_request", args=[online.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản sao giấy chứng nhận quyền sử dụng đất" in html and "Ảnh chụp rõ tờ khai" in html
