"""Notices of the online channel: a partly online submission tells what to bring to the desk, a full-process one's
result says it is downloaded from the tracking page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.dossiers import services
from cchc.dossiers.models import DocumentKind
from cchc.dossiers.services import dossier_submit_online
from cchc.dossiers.tests.test_online_uploads import TINY_PDF
from cchc.notices.models import Notice, NoticeChannel, NoticeKind
from cchc.procedures.models import OnlineService
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory, approved_dossier, local, run_at

from .conftest import APPLICANT


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CCHC_PORTAL_URL = "https://dichvucong.quangtri.gov.vn"


def sent(dossier, kind: str) -> dict[str, Notice]:
    return {n.channel: n for n in Notice.objects.filter(dossier=dossier, kind=kind)}


def test_a_partly_online_submission_says_which_originals_to_bring(cast):
    procedure = ProcedureFactory.create(
        code="1.900001", name="Đăng ký kết hôn", online_service=OnlineService.PARTIAL, processing_days=3
    )
    form = ComponentDocumentFactory.create(procedure=procedure, name="Tờ khai đăng ký kết hôn", order=1)
    id_copy = ComponentDocumentFactory.create(procedure=procedure, name="Bản sao giấy tờ tùy thân", order=2)
    dossier = dossier_submit_online(
        unit=cast.commune_a,
        procedure=procedure,
        applicant=dict(APPLICANT),
        files={form: SimpleUploadedFile("to-khai.pdf", TINY_PDF, content_type="application/pdf")},
        bring_to_desk=[id_copy],
        submitted_at=local(2023, 7, 3, 9),
    )
    notices = sent(dossier, NoticeKind.RECEIVED)
    assert set(notices) == {NoticeChannel.EMAIL, NoticeChannel.SMS}
    email, sms = notices[NoticeChannel.EMAIL], notices[NoticeChannel.SMS]
    assert (
        "Vui lòng mang bản chính các giấy tờ sau đến Bộ phận Một cửa UBND xã Gio An:\n- Bản sao giấy tờ tùy thân"
        in email.body
    )
    assert "Ngày hẹn trả kết quả: 09:00 06/07/2023." in email.body
    assert sms.body.startswith(f"Hồ sơ {dossier.code} đã được tiếp nhận; vui lòng mang bản chính giấy tờ")
    assert f"bi-mat={dossier.tracking_secret}" in sms.body


def test_a_full_process_result_is_downloaded_from_the_tracking_page(cast):
    procedure = ProcedureFactory.create(
        code="1.900002", name="Cấp bản sao trích lục", online_service=OnlineService.FULL, processing_days=3
    )
    dossier = approved_dossier(cast.commune_a, procedure=procedure, applicant=APPLICANT)
    services.dossier_attach_document(
        dossier=dossier,
        by=cast.specialist_a,
        kind=DocumentKind.RESULT,
        file=SimpleUploadedFile("ket-qua.pdf", TINY_PDF, content_type="application/pdf"),
        name="Bản sao trích lục",
    )
    run_at(local(2023, 7, 4, 9), services.dossier_issue_result, dossier=dossier, by=cast.specialist_a)
    notices = sent(dossier, NoticeKind.RESULT_READY)
    assert "Ông/bà tải kết quả trên trang tra cứu hồ sơ." in notices[NoticeChannel.EMAIL].body
    assert notices[NoticeChannel.SMS].body.startswith(f"Hồ sơ {dossier.code} đã có kết quả, tải về tại: https://")
