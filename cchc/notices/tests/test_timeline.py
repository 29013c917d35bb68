"""The dossier page lists the notices sent to its applicant: when, channel, recipient (masked unless the reader
handles the dossier), status, attempts and the last error; the admin lists them read-only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from cchc.notices.models import Notice, NoticeChannel, NoticeStatus
from cchc.notices.services import deliver
from cchc.testing.factories import awaiting_supplement_dossier, received_dossier

from .conftest import APPLICANT


def page(client: Client, user, dossier) -> str:
    client.force_login(user)
    response = client.get(dossier.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="notices"') :]


def test_the_handler_sees_each_notice_its_recipient_state_and_text(client, cast, settings):
    settings.CCHC_NOTICE_BACKENDS = {"sms": "cchc.notices.tests.test_timeline.FailingBackend"}
    dossier = awaiting_supplement_dossier(cast.commune_a, applicant=APPLICANT, reason="Thiếu bản sao")
    sms = Notice.objects.get(dossier=dossier, channel=NoticeChannel.SMS, kind="received")
    assert deliver(sms.pk) == NoticeStatus.FAILED
    with translation.override("vi"):
        html = page(client, cast.specialist_a, dossier)
    assert html.count('class="notice"') == 4  # receipt and supplement request, each by e-mail and SMS
    assert "hoa.nguyen@example.vn" in html and "0914000111" in html
    assert "Tiếp nhận hồ sơ" in html and "Yêu cầu bổ sung" in html
    assert "Gửi lỗi" in html and "Chờ gửi" in html
    assert "1 lần gửi" in html and "gửi lại lúc" in html
    assert "gateway said no" in html
    assert "Thiếu bản sao" in html  # the text sent, for the handler


def test_an_overseer_sees_the_notices_masked_without_their_text(client, cast):
    dossier = awaiting_supplement_dossier(cast.commune_a, applicant=APPLICANT, reason="Thiếu bản sao")
    html = page(client, cast.reform_officer, dossier)
    assert html.count('class="notice"') == 4
    assert "hoa.nguyen@example.vn" not in html and "0914000111" not in html
    assert "h***@e***.vn" in html and "091****111" in html
    assert "Thiếu bản sao" not in html and dossier.tracking_secret not in html


def test_a_dossier_without_notices_says_so(client, cast):
    dossier = received_dossier(cast.commune_a, applicant={**APPLICANT, "phone": "", "email": ""})
    assert 'id="no-notices"' in page(client, cast.desk_a, dossier)


def test_the_admin_lists_notices_and_changes_none(client, cast, admin_user):
    dossier = received_dossier(cast.commune_a, applicant=APPLICANT)
    client.force_login(admin_user)
    listing = client.get("/admin/notices/notice/")
    assert listing.status_code == 200 and dossier.code in listing.content.decode()
    notice = Notice.objects.filter(dossier=dossier).first()
    assert client.get(f"/admin/notices/notice/{notice.pk}/change/").status_code == 200
    assert client.get("/admin/notices/notice/add/").status_code == 403
    assert client.post(f"/admin/notices/notice/{notice.pk}/delete/").status_code == 403


class FailingBackend:
    def send(self, notice):
        raise RuntimeError("gateway said no")


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield
