"""The portal's tracking pages (cchc/portal/views/tracking.py): the look-up, the neutral refusal, the rate limits,
the dossier's page without staff's personal data, the supplement sent online and the full-online result."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cchc.accounts.models import FormToken, User
from cchc.dossiers import services
from cchc.dossiers.models import Channel, DocumentKind, Dossier
from cchc.dossiers.workflow import Action, Status
from cchc.feedback.evaluations import evaluation_submit
from cchc.procedures.models import OnlineService
from cchc.testing.factories import (
    APPLICANT,
    ProcedureFactory,
    dossier_in,
    in_process_dossier,
    local,
    received_dossier,
    run_at,
)
from cchc.testing.files import TINY_PDF

PDF = TINY_PDF
ITEMS = ["Bản sao giấy chứng sinh", "Bản sao CCCD"]
NOT_FOUND = "No dossier was found with this code, or the secret or phone number does not match it."


@pytest.fixture(autouse=True)
def _setup(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CCHC_TRACKING_GUESSES_PER_ADDRESS = 5
    settings.CCHC_TRACKING_GUESSES_PER_CODE = 3
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


@pytest.fixture
def client(client):
    """The portal in English (the interface's language cookie), so the tests read the English texts."""
    client.cookies["django_language"] = "en"
    return client


def look_up(client, dossier=None, *, code=None, secret=None, phone=None, address="198.51.100.7"):
    params = {"ma": code if code is not None else dossier.code}
    if secret is not None:
        params["bi-mat"] = secret
    if phone is not None:
        params["sdt"] = phone
    return client.get(reverse("portal:tracking"), params, REMOTE_ADDR=address)


def page_of(client, dossier):
    return client.get(reverse("portal:tracking_dossier", args=[dossier.code]))


def rows() -> dict[str, int]:
    """The rows of every table a look-up could touch: the dossiers' app, form tokens, sessions."""
    counts = {model.__name__: model._default_manager.count() for model in apps.get_app_config("dossiers").get_models()}
    counts.update(FormToken=FormToken.objects.count(), Session=Session.objects.count())
    return counts


def test_the_form_is_shown_without_a_query(cast, client):
    response = client.get(reverse("portal:tracking"))
    assert response.status_code == 200
    assert 'name="ma"' in response.content.decode() and NOT_FOUND not in response.content.decode()


def test_the_receipts_link_with_the_secret_opens_the_dossier(cast, client):
    d = received_dossier(cast.commune_a)
    response = look_up(client, d, secret=d.tracking_secret.lower())
    assert response.status_code == 302 and response["Location"] == f"/tra-cuu/{d.code}/"
    page = page_of(client, d).content.decode()
    assert "Received, waiting for an officer&#x27;s check" in page
    assert "Nguyễn T** H**" in page and APPLICANT["name"] not in page
    assert d.procedure.name in page and "06/07/2023 09:00" in page  # the appointment (3 working days)


@pytest.mark.parametrize("typed", ["0914000111", "+84 914 000 111", "0914.000.111"])
def test_the_applicants_phone_number_opens_the_dossier(cast, client, typed):
    d = received_dossier(cast.commune_a)
    assert look_up(client, d, phone=typed).status_code == 302
    assert page_of(client, d).status_code == 200


@pytest.mark.parametrize(
    "kwargs",
    [
        {"secret": "WRONG234"},
        {"code": "000.21.27.H45-230703-9999", "secret": "K7QF9XPM"},
        {"secret": ""},
        {"phone": "0914000112"},
        {"phone": "000111"},
        {"secret": "X" * 500},
    ],
)
def test_every_failed_look_up_gets_the_same_neutral_answer(cast, client, kwargs):
    d = received_dossier(cast.commune_a)
    response = look_up(client, d, **kwargs)
    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_FOUND in page and "Received, waiting" not in page and d.procedure.name not in page
    assert page_of(client, d).status_code == 404


def test_the_follow_up_pages_need_the_proof_in_this_session(cast, client):
    d = dossier_in(Status.RESULT_ISSUED, cast.commune_a, channel=Channel.ONLINE)
    doc = services.dossier_attach_document(
        dossier=d, by=cast.specialist_a, kind=DocumentKind.RESULT, file=SimpleUploadedFile("k.pdf", PDF), name=""
    )
    assert page_of(client, d).status_code == 404
    assert client.post(reverse("portal:supplement", args=[d.code]), {}).status_code == 404
    assert client.get(reverse("portal:result", args=[d.code, doc.pk])).status_code == 404
    look_up(client, d, secret=d.tracking_secret)
    assert page_of(client, d).status_code == 200
    # Another dossier stays closed to this session.
    other = received_dossier(cast.commune_a)
    assert page_of(client, other).status_code == 404


def test_a_burst_of_guesses_from_one_address_is_refused_and_writes_nothing(cast, client, settings):
    dossiers = [received_dossier(cast.commune_a) for _ in range(2)]
    before = rows()
    limit = settings.CCHC_TRACKING_GUESSES_PER_ADDRESS
    for n in range(limit):
        # Guesses spread over several codes (so the per-code limit is not what stops them).
        response = look_up(client, code=f"000.21.27.H45-230703-{n:04d}", secret="WRONG234")
        assert response.status_code == 200 and NOT_FOUND in response.content.decode()
    response = look_up(client, code="000.21.27.H45-230703-0999", secret="WRONG234")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= settings.CCHC_TRACKING_ADDRESS_WINDOW_MINUTES * 60
    assert "Too many attempts" in response.content.decode()
    # Over the limit even the right secret is refused, and nothing was written at all.
    assert look_up(client, dossiers[0], secret=dossiers[0].tracking_secret).status_code == 429
    assert rows() == before
    assert page_of(client, dossiers[0]).status_code == 404
    # Another address is not held back.
    assert look_up(client, dossiers[1], secret=dossiers[1].tracking_secret, address="203.0.113.9").status_code == 302


def test_a_burst_of_guesses_on_one_code_from_many_addresses_is_refused(cast, client, settings):
    d = received_dossier(cast.commune_a)
    before = rows()
    for n in range(settings.CCHC_TRACKING_GUESSES_PER_CODE):
        assert look_up(client, d, secret=f"WRONG{n:03d}", address=f"192.0.2.{n + 1}").status_code == 200
    response = look_up(client, d, secret="WRONG999", address="192.0.2.200")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert look_up(client, d, secret=d.tracking_secret, address="192.0.2.201").status_code == 429
    assert rows() == before
    # The code is counted as typed, whatever its case.
    assert look_up(client, code=d.code.lower(), secret=d.tracking_secret, address="192.0.2.202").status_code == 429


def test_the_forwarded_address_counts_only_behind_trusted_proxies(cast, client, settings):
    settings.CCHC_TRUSTED_PROXIES = 1
    for n in range(settings.CCHC_TRACKING_GUESSES_PER_ADDRESS):
        client.get(
            reverse("portal:tracking"),
            {"ma": f"X-{n}", "bi-mat": "WRONG234"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.50",
        )
    # The proxy's own address is not blocked: the client behind it is.
    blocked = {"ma": "X-99", "bi-mat": "WRONG234"}
    assert client.get(reverse("portal:tracking"), blocked, HTTP_X_FORWARDED_FOR="203.0.113.50").status_code == 429
    assert client.get(reverse("portal:tracking"), blocked, HTTP_X_FORWARDED_FOR="203.0.113.51").status_code == 200


def walked(cast) -> Dossier:
    """A dossier through every step an officer takes: a supplement asked and brought, fees, approval, result."""
    d = in_process_dossier(cast.commune_a)
    run_at(
        local(2023, 7, 3, 11),
        services.dossier_request_supplement,
        dossier=d,
        by=cast.specialist_a,
        reason="Thiếu bản sao",
        items=ITEMS,
    )
    run_at(local(2023, 7, 4, 9), services.dossier_supplement, dossier=d, by=cast.desk_a, note="desk_a nhận")
    run_at(
        local(2023, 7, 4, 10),
        services.dossier_request_fee,
        dossier=d,
        by=cast.specialist_a,
        amount=50000,
        note="specialist_a: gọi 0905",
    )
    run_at(local(2023, 7, 4, 11), services.dossier_fee_paid, dossier=d, by=cast.desk_a, receipt_number="0000123")
    run_at(local(2023, 7, 5, 9), services.dossier_submit, dossier=d, by=cast.specialist_a, note="Ghi chú nội bộ")
    run_at(local(2023, 7, 5, 10), services.dossier_approve, dossier=d, by=cast.leader_a)
    run_at(local(2023, 7, 5, 11), services.dossier_issue_result, dossier=d, by=cast.specialist_a)
    return d


def test_no_officer_and_no_personal_data_on_the_dossiers_page(cast, client):
    d = walked(cast)
    look_up(client, d, secret=d.tracking_secret)
    page = page_of(client, d).content.decode()
    assert "The result is ready" in page and "The supplement was received" in page
    assert "Thiếu bản sao" in page  # the supplement request's reason is addressed to the applicant
    for user in User.objects.all():
        assert user.username not in page, user.username
        if user.full_name:
            assert user.full_name not in page, user.full_name
    for secret in (
        "Ghi chú nội bộ",
        "0905",
        "desk_a nhận",
        APPLICANT["name"],
        APPLICANT["id_number"],
        APPLICANT["phone"],
        APPLICANT["address"],
    ):
        assert secret not in page
    assert "Collect it at the one-stop desk of UBND xã Gio An" in page
    assert reverse("portal:tracking_dossier", args=[d.code]) in page or d.code in page


def proven_supplement_page(cast, client) -> Dossier:
    d = in_process_dossier(cast.commune_a)
    services.dossier_request_supplement(
        dossier=d, by=cast.specialist_a, reason="Thiếu giấy tờ", items=ITEMS, at=local(2023, 7, 4, 9, 0)
    )
    look_up(client, d, secret=d.tracking_secret)
    return d


def form_token(page: str) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_the_supplement_is_asked_and_sent_on_the_tracking_page(cast, client, time_machine):
    d = proven_supplement_page(cast, client)
    page = page_of(client, d).content.decode()
    assert "What you need to do: supplement the dossier" in page and all(item in page for item in ITEMS)
    post = {
        "form_token": form_token(page),
        "tep-0": SimpleUploadedFile("chung-sinh.pdf", PDF),
        "tep-1": SimpleUploadedFile("cccd.pdf", PDF),
        "ghi-chu": "Gửi bổ sung",
    }
    # Sent on Wednesday 5 July 2023 09:00 (the session, saved then, lasts CCHC_SESSION_IDLE_MINUTES from then).
    time_machine.move_to(local(2023, 7, 5, 9, 0), tick=False)
    response = client.post(reverse("portal:supplement", args=[d.code]), post)
    assert response.status_code == 302 and response["Location"] == f"/tra-cuu/{d.code}/"
    d.refresh_from_db()
    assert d.status == Status.IN_PROCESS
    # Decree 61/2018 Art. 19(4): the 3 working days run again from the complete dossier, Wednesday 5 July 09:00.
    assert d.due_at == local(2023, 7, 10, 9, 0)
    assert d.documents.filter(kind=DocumentKind.COMPONENT).count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "the supplement was sent" in page and "10/07/2023 09:00" in page
    # The same form posted again (a double click) changes nothing and answers with the same page.
    post["tep-0"], post["tep-1"] = SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)
    again = client.post(reverse("portal:supplement", args=[d.code]), post)
    assert again.status_code == 302 and again["Location"] == f"/tra-cuu/{d.code}/"
    assert d.events.filter(action=Action.SUPPLEMENT).count() == 1 and d.documents.count() == 2


def test_a_bad_supplement_is_refused_with_a_clear_message_and_nothing_stored(cast, client, settings):
    d = proven_supplement_page(cast, client)
    page = page_of(client, d).content.decode()
    before = rows()
    post = {"form_token": form_token(page), "tep-0": SimpleUploadedFile("gia.pdf", b"<html>not a pdf</html>")}
    response = client.post(reverse("portal:supplement", args=[d.code]), post)
    assert response.status_code == 200
    text = response.content.decode()
    assert "gia.pdf: The file is not a PDF, JPEG or PNG" in text and "No file for: Bản sao CCCD" in text
    assert rows() == before and Dossier.objects.get(pk=d.pk).status == Status.AWAITING_SUPPLEMENT
    assert not list((settings.MEDIA_ROOT).rglob("*.*")) if settings.MEDIA_ROOT.exists() else True
    # The page shown again carries a fresh token, so the corrected form can be sent.
    assert form_token(text) != post["form_token"]


def full_online(cast, status=Status.RESULT_ISSUED, online=OnlineService.FULL) -> Dossier:
    procedure = ProcedureFactory.create(code=f"1.88{online[:1]}001", name="Thủ tục toàn trình", online_service=online)
    return dossier_in(status, cast.commune_a, procedure=procedure, channel=Channel.ONLINE)


def test_the_full_online_result_downloads_and_its_first_download_delivers(cast, client):
    d = full_online(cast)
    doc = services.dossier_attach_document(
        dossier=d, by=cast.specialist_a, kind=DocumentKind.RESULT, file=SimpleUploadedFile("../kq.pdf", PDF), name=""
    )
    look_up(client, d, secret=d.tracking_secret)
    page = page_of(client, d).content.decode()
    url = reverse("portal:result", args=[d.code, doc.pk])
    assert url in page and "Download the result" in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="ket-qua-{d.code}.pdf"'
    d.refresh_from_db()
    assert d.status == Status.DELIVERED and d.delivered_at is not None
    assert client.get(url).status_code == 200
    assert d.events.filter(action=Action.DELIVER).count() == 1
    assert "The result has been handed over" in page_of(client, d).content.decode()


def test_a_partial_online_result_is_collected_at_the_desk(cast, client):
    d = full_online(cast, online=OnlineService.PARTIAL)
    doc = services.dossier_attach_document(
        dossier=d, by=cast.specialist_a, kind=DocumentKind.RESULT, file=SimpleUploadedFile("kq.pdf", PDF), name=""
    )
    look_up(client, d, secret=d.tracking_secret)
    page = page_of(client, d).content.decode()
    assert "Collect it at the one-stop desk of UBND xã Gio An from" in page
    assert client.get(reverse("portal:result", args=[d.code, doc.pk])).status_code == 404
    assert Dossier.objects.get(pk=d.pk).status == Status.RESULT_ISSUED


def test_the_evaluation_link_is_offered_once_the_result_is_there_until_evaluated(cast, client):
    d = dossier_in(Status.RESULT_ISSUED, cast.commune_a)
    look_up(client, d, secret=d.tracking_secret)
    assert f"/danh-gia/{d.code}/" in page_of(client, d).content.decode()
    evaluation_submit(dossier=d, satisfaction="satisfied")
    assert f"/danh-gia/{d.code}/" not in page_of(client, d).content.decode()
    open_one = received_dossier(cast.commune_a)
    look_up(client, open_one, secret=open_one.tracking_secret)
    assert "/danh-gia/" not in page_of(client, open_one).content.decode()


def test_the_fee_and_the_apology_are_shown(cast, client):
    d = dossier_in(Status.AWAITING_FEE, cast.commune_a)
    look_up(client, d, secret=d.tracking_secret)
    page = page_of(client, d).content.decode()
    assert "What you need to do: pay the fees" in page and "50,000" in page


def test_an_apology_shows_the_new_appointment_and_its_reason(cast, client):
    d = in_process_dossier(cast.commune_a)  # due Thursday 6 July 2023 09:00
    run_at(
        local(2023, 7, 4, 10),
        services.dossier_apologize,
        dossier=d,
        by=cast.leader_a,
        reason="Cần xác minh thêm",
        new_due_at=local(2023, 7, 10, 9, 0),
    )
    look_up(client, d, secret=d.tracking_secret)
    page = page_of(client, d).content.decode()
    assert "06/07/2023 09:00" in page and "New appointment:" in page and "10/07/2023 09:00" in page
    assert "Cần xác minh thêm" in page and "An apology letter gave a new appointment" in page


def test_a_procedure_without_a_time_limit_says_so(cast, client):
    procedure = ProcedureFactory.create(code="1.889001", processing_days=None)
    d = received_dossier(cast.commune_a, procedure=procedure)
    look_up(client, d, secret=d.tracking_secret)
    assert "The law sets no time limit for this procedure." in page_of(client, d).content.decode()


def test_the_staff_page_says_how_a_full_online_result_reaches_the_applicant(cast, client):
    d = full_online(cast, status=Status.APPROVED)
    paper = received_dossier(cast.commune_a)
    client.force_login(cast.specialist_a)
    assert 'id="online-result-help"' in client.get(reverse("web:dossier_detail", args=[d.code])).content.decode()
    client.force_login(cast.desk_a)
    assert (
        'id="online-result-help"' not in client.get(reverse("web:dossier_detail", args=[paper.code])).content.decode()
    )


def test_the_receipts_link_of_an_online_submission_shows_what_to_bring(cast, client):
    from cchc.portal.links import tracking_path
    from cchc.testing.factories import ComponentDocumentFactory

    procedure = ProcedureFactory.create(code="1.889002", name="Thủ tục một phần", online_service=OnlineService.PARTIAL)
    form = ComponentDocumentFactory.create(procedure=procedure, name="Tờ khai", required=True)
    original = ComponentDocumentFactory.create(procedure=procedure, name="Giấy chứng sinh (bản chính)", required=True)
    d = services.dossier_submit_online(
        unit=cast.commune_a,
        procedure=procedure,
        applicant={"name": "Trần Văn Bình", "phone": "0905123456"},
        files={form: SimpleUploadedFile("to-khai.pdf", PDF)},
        bring_to_desk=[original],
    )
    response = client.get(tracking_path(d), REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 302
    page = page_of(client, d).content.decode()
    assert "Received, waiting for an officer&#x27;s check" in page and "submitted online" in page
    assert "To bring to the desk" in page and "Giấy chứng sinh (bản chính)" in page
    assert "Trần V** B**" in page and "Trần Văn Bình" not in page and "0905123456" not in page
