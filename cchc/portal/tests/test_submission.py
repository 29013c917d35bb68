"""The portal's online submission pages (cchc/portal/views/submission.py): the form, the refusals shown on it, the
double post, the receipt with its QR code, and who may open it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cchc.dossiers.models import Channel, Dossier, DossierDocument, Status
from cchc.dossiers.tests.test_online_uploads import TINY_PDF, TINY_PNG
from cchc.lib.qr import qr_svg
from cchc.portal import access, links
from cchc.procedures.models import OnlineService
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def procedure(cast):
    procedure = ProcedureFactory.create(
        code="1.900010",
        name="Đăng ký kết hôn",
        online_service=OnlineService.PARTIAL,
        online_note="Mang bản gốc CCCD khi nhận kết quả.",
    )
    ComponentDocumentFactory.create(procedure=procedure, name="Tờ khai đăng ký kết hôn", order=1)
    ComponentDocumentFactory.create(procedure=procedure, name="Bản sao CCCD", order=2)
    ComponentDocumentFactory.create(procedure=procedure, name="Ảnh", order=3, required=False)
    return procedure


def components(procedure):
    return list(procedure.components.order_by("order"))


def token(response) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', response.content.decode())
    assert match, "the form carries a one-time token"
    return match.group(1)


def post_data(cast, procedure, form_token: str, **extra):
    form, id_copy, photo = components(procedure)
    data = {
        "form_token": form_token,
        "unit": cast.commune_a.pk,
        "applicant_kind": "person",
        "name": "Trần Văn Bình",
        "id_number": "045099001234",
        "phone": "0914222333",
        "email": "",
        "address": "Thôn Xuân, xã Gio An",
        "submitted_by_name": "",
        f"file_{form.pk}": SimpleUploadedFile("to-khai.pdf", TINY_PDF),
        f"bring_{id_copy.pk}": "on",
        f"file_{photo.pk}": SimpleUploadedFile("anh.png", TINY_PNG),
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_lists_the_documents_and_the_desks(client, cast, procedure):
    response = client.get(reverse("portal:submit", args=[procedure.code]))
    assert response.status_code == 200
    html = response.content.decode()
    for component in components(procedure):
        assert component.name in html
        assert f'name="file_{component.pk}"' in html
        assert f'name="bring_{component.pk}"' in html
    assert 'accept=".pdf,.jpg,.jpeg,.png' in html
    assert 'enctype="multipart/form-data"' in html
    assert cast.commune_a.name in html and cast.commune_b.name in html
    assert procedure.online_note in html
    assert reverse("portal:submit", args=[procedure.code]) == f"/nop-ho-so/{procedure.code}/"


def test_a_single_desk_is_chosen_already_and_a_full_process_one_requires_the_files(client, cast):
    district = ProcedureFactory.create(code="2.900010", level="district", online_service=OnlineService.FULL)
    component = ComponentDocumentFactory.create(procedure=district, name="Đơn đề nghị")
    html = client.get(reverse("portal:submit", args=[district.code])).content.decode()
    assert re.search(rf'<option value="{cast.district.pk}" selected>', html)
    assert f'name="bring_{component.pk}"' not in html  # nothing to bring: everything is online
    assert re.search(rf'<input[^>]*name="file_{component.pk}"[^>]*required', html)


def test_a_procedure_not_online_or_not_posted(client, cast):
    offline = ProcedureFactory.create(code="1.900011", online_service=OnlineService.NONE)
    response = client.get(reverse("portal:submit", args=[offline.code]))
    assert response.status_code == 200
    assert "cannot be submitted online" in response.content.decode()
    assert client.post(reverse("portal:submit", args=[offline.code]), {}).status_code == 200
    unposted = ProcedureFactory.create(code="1.900012", posted=False)
    assert client.get(reverse("portal:submit", args=[unposted.code])).status_code == 404
    assert client.get(reverse("portal:submit", args=["9.999999"])).status_code == 404
    assert not Dossier.objects.exists()


def test_a_submission_gives_the_code_the_secret_and_the_receipt_with_its_qr_code(client, cast, procedure, settings):
    settings.CCHC_PORTAL_URL = "https://dichvucong.example.gov.vn"
    page = client.get(reverse("portal:submit", args=[procedure.code]))
    response = client.post(reverse("portal:submit", args=[procedure.code]), post_data(cast, procedure, token(page)))
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/nop-ho-so/da-nop/{dossier.code}/"
    assert dossier.channel == Channel.ONLINE and dossier.status == Status.RECEIVED and dossier.received_by is None
    assert DossierDocument.objects.filter(dossier=dossier).count() == 2
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert dossier.code in html and dossier.tracking_secret in html
    assert "Keep the code and the secret" in html
    assert "Bản sao CCCD" in html  # to bring to the desk
    assert "Trần Văn Bình" in html and "045099001234" in html  # the applicant's own receipt
    link = f"https://dichvucong.example.gov.vn/tra-cuu/?ma={dossier.code}&bi-mat={dossier.tracking_secret}"
    assert links.tracking_link(dossier) == link
    assert link.replace("&", "&amp;") in html
    with translation.override("vi"):  # the receipt is the official form, in Vietnamese
        label = translation.gettext("QR code of the tracking page of dossier %(code)s") % {"code": dossier.code}
    assert str(qr_svg(link, label=label, css_class="qr s-qr-img")) in html
    assert "data-print" in html
    assert "<script>" not in html and "data:" not in html  # nothing the Content-Security-Policy forbids


def test_without_the_portal_address_the_qr_link_is_the_request_s(client, cast, procedure):
    page = client.get(reverse("portal:submit", args=[procedure.code]))
    response = client.post(reverse("portal:submit", args=[procedure.code]), post_data(cast, procedure, token(page)))
    dossier = Dossier.objects.get()
    html = client.get(response["Location"]).content.decode()
    assert f"http://testserver/tra-cuu/?ma={dossier.code}&amp;bi-mat={dossier.tracking_secret}" in html


def test_a_double_post_makes_one_dossier_and_shows_the_same_receipt(client, cast, procedure):
    page = client.get(reverse("portal:submit", args=[procedure.code]))
    form_token = token(page)
    first = client.post(reverse("portal:submit", args=[procedure.code]), post_data(cast, procedure, form_token))
    second = client.post(reverse("portal:submit", args=[procedure.code]), post_data(cast, procedure, form_token))
    assert Dossier.objects.count() == 1
    assert DossierDocument.objects.count() == 2
    assert second.status_code == 302 and second["Location"] == first["Location"]
    # Another browser cannot replay the token to see the receipt.
    other = Client()
    other.cookies["django_language"] = "en"
    replay = other.post(reverse("portal:submit", args=[procedure.code]), post_data(cast, procedure, form_token))
    assert replay.status_code == 200
    assert Dossier.objects.count() == 1


def test_missing_documents_and_bad_files_are_all_shown_and_nothing_is_kept(client, cast, procedure, settings):
    form, id_copy, photo = components(procedure)
    page = client.get(reverse("portal:submit", args=[procedure.code]))
    data = post_data(
        cast,
        procedure,
        token(page),
        phone="",
        **{
            f"bring_{id_copy.pk}": None,
            f"file_{form.pk}": SimpleUploadedFile("to-khai.pdf", b"<html><body>not a pdf</body></html>"),
        },
    )
    response = client.post(reverse("portal:submit", args=[procedure.code]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The dossier was not sent" in html
    assert "content was checked" in html  # the HTML behind a .pdf name
    assert "upload it, or tick that you will bring the original" in html  # the ID copy
    assert "This field is required" in html  # the phone
    assert "choose your files again" in html
    assert not Dossier.objects.exists() and not DossierDocument.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]
    # The page shown again carries a fresh token, so the corrected form can be sent.
    assert token(response) != data["form_token"]
    fixed = post_data(cast, procedure, token(response))
    assert client.post(reverse("portal:submit", args=[procedure.code]), fixed).status_code == 302
    assert Dossier.objects.count() == 1


def test_the_receipt_opens_only_for_a_session_that_holds_the_dossier(client, cast, procedure):
    page = client.get(reverse("portal:submit", args=[procedure.code]))
    response = client.post(reverse("portal:submit", args=[procedure.code]), post_data(cast, procedure, token(page)))
    dossier = Dossier.objects.get()
    stranger = Client()
    assert stranger.get(response["Location"]).status_code == 404
    # A browser that proved the dossier on the tracking page sees the receipt, without the personal data.
    tracker = Client()
    tracker.cookies["django_language"] = "en"
    request = tracker.get("/").wsgi_request
    session = tracker.session
    access.remember(request, dossier)
    session[access.SESSION_KEY] = request.session[access.SESSION_KEY]
    session.save()
    html = tracker.get(response["Location"]).content.decode()
    assert dossier.tracking_secret in html
    assert "045099001234" not in html and "Trần Văn Bình" not in html and "0914222333" not in html
