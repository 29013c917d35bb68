"""Issue 8's flow through the real pages without a browser (the portal's and the staff site's views, Django's test
client), then `cchc stats`: the online dossier, the two evaluations and the answered feedback are counted.

The same flow in chromium, with the accessibility check and the screenshots, is test_issue8_flow_browser.py; this
one runs in the fast suite and fixes the clock, so that the dates the law sets can be checked.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import Membership, Role
from cchc.dossiers.models import Channel, DocumentKind, Dossier
from cchc.dossiers.workflow import Action, Status
from cchc.feedback.models import Evaluation, EvaluationChannel, Feedback, FeedbackKind
from cchc.procedures.models import OnlineService
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory, local, resolved_dossier
from cchc.testing.files import TINY_PDF, TINY_PNG

RESULT_PDF = TINY_PDF.replace(b"%%EOF", b"% ket qua da ky so\n%%EOF")
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _media_and_limits(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def procedure(cast):
    procedure = ProcedureFactory.create(
        code="1.004837", name="Đăng ký giám hộ", processing_days=3, online_service=OnlineService.FULL
    )
    ComponentDocumentFactory.create(procedure=procedure, name="Tờ khai đăng ký giám hộ", order=1)
    ComponentDocumentFactory.create(procedure=procedure, name="Văn bản cử người giám hộ", order=2)
    return procedure


def token(client: Client, url: str, params: dict[str, str] | None = None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    found = TOKEN.search(response.content.decode())
    assert found is not None, f"{url} carries a one-time form token"
    return found.group(1)


def staff(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def act(client: Client, dossier: Dossier, action: str, **fields: str) -> None:
    """The action's form on the staff dossier page, posted as the browser posts it (prefixed fields)."""
    url = reverse("web:dossier_action", args=[dossier.code, action])
    response = client.post(url, {f"{action}-{name}": value for name, value in fields.items()})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("web:dossier_detail", args=[dossier.code])  # done, not sent to log in


def test_the_flow_through_the_pages_and_the_figures_it_moves(cast, procedure, time_machine):
    # Tuesday 1 July 2025, 09:00: a working day, within office hours (Gio An's calendar).
    time_machine.move_to(local(2025, 7, 1, 9, 0), tick=False)
    handed_over = resolved_dossier(cast.commune_a)  # received in 2023: counted in no figure of July 2025
    citizen = Client()
    declaration, appointment = list(procedure.components.order_by("order"))

    # The citizen finds the procedure without diacritics and submits it online.
    assert procedure.name in citizen.get(reverse("portal:catalogue"), {"q": "dang ky giam ho"}).content.decode()
    submit_url = reverse("portal:submit", args=[procedure.code])
    response = citizen.post(
        submit_url,
        {
            "form_token": token(citizen, submit_url),
            "unit": cast.commune_a.pk,
            "applicant_kind": "person",
            "name": "Trần Văn Bình",
            "id_number": "045099001234",
            "phone": "0914222333",
            "address": "Thôn Xuân, xã Gio An",
            f"file_{declaration.pk}": SimpleUploadedFile("to-khai.pdf", TINY_PDF),
            f"file_{appointment.pk}": SimpleUploadedFile("van-ban.png", TINY_PNG),
        },
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get(procedure=procedure)
    assert (dossier.channel, dossier.status, dossier.received_by) == (Channel.ONLINE, Status.RECEIVED, None)
    # Decree 61/2018 Art. 19: 3 working days from the receipt, Tuesday 09:00 -> Friday 4 July 09:00.
    assert dossier.due_at == local(2025, 7, 4, 9, 0)
    assert citizen.get(response["Location"]).status_code == 200

    # The desk officer finds it to check in the work list and asks once for what is missing.
    desk = staff(cast.desk_a)
    assert dossier.code in desk.get(reverse("web:worklist"), {"truc-tuyen": "1"}).content.decode()
    page = desk.get(reverse("web:dossier_detail", args=[dossier.code])).content.decode()
    # The applicant's own receipt is shown as the applicant's step, not the system's.
    assert 'class="event-by-applicant"' in page
    act(desk, dossier, Action.REQUEST_SUPPLEMENT, reason="Văn bản cử chưa có xác nhận.", items="Văn bản cử có xác nhận")

    # Wednesday 2 July 10:00 the citizen tracks it with the secret and sends the supplement.
    time_machine.move_to(local(2025, 7, 2, 10, 0), tick=False)
    look_up = citizen.get(reverse("portal:tracking"), {"ma": dossier.code, "bi-mat": dossier.tracking_secret})
    assert look_up.status_code == 302
    tracking_url = look_up["Location"]
    response = citizen.post(
        reverse("portal:supplement", args=[dossier.code]),
        {"form_token": token(citizen, tracking_url), "tep-0": SimpleUploadedFile("van-ban-xac-nhan.pdf", TINY_PDF)},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    # Decree 61/2018 Art. 19(4): the time limit runs again in full from the complete supplement, Wednesday
    # 10:00 + 3 working days = Monday 7 July 10:00.
    assert dossier.status == Status.IN_PROCESS and dossier.due_at == local(2025, 7, 7, 10, 0)

    # The officers take it to its result on the staff pages; the specialist attaches the signed PDF.
    time_machine.move_to(local(2025, 7, 3, 9, 0), tick=False)
    handler = Membership.objects.get(user=cast.specialist_a, unit=cast.commune_a, role=Role.SPECIALIST)
    desk = staff(cast.desk_a)  # the next morning's log-in
    act(desk, dossier, Action.ASSIGN, handler=str(handler.pk))
    specialist, leader = staff(cast.specialist_a), staff(cast.leader_a)
    act(specialist, dossier, Action.SUBMIT)
    act(leader, dossier, Action.APPROVE)
    act(specialist, dossier, Action.ISSUE_RESULT, result_digitized="on")
    response = specialist.post(
        reverse("web:dossier_upload", args=[dossier.code]),
        {"kind": DocumentKind.RESULT, "name": "Quyết định", "file": SimpleUploadedFile("ket-qua.pdf", RESULT_PDF)},
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:dossier_detail", args=[dossier.code])
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_ISSUED
    result = dossier.documents.get(kind=DocumentKind.RESULT)

    # The citizen downloads it (the same bytes): delivered; then evaluates it once.
    # The next day: the session of Wednesday has expired, the citizen opens the link of the notice again.
    time_machine.move_to(local(2025, 7, 3, 15, 0), tick=False)
    again = citizen.get(reverse("portal:tracking"), {"ma": dossier.code, "bi-mat": dossier.tracking_secret})
    assert again.status_code == 302 and again["Location"] == tracking_url
    download = citizen.get(reverse("portal:result", args=[dossier.code, result.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == RESULT_PDF
    dossier.refresh_from_db()
    assert dossier.status == Status.DELIVERED
    evaluate_url = reverse("portal:evaluate", args=[dossier.code])
    answers = {"satisfaction": "very_satisfied", "attitude": "satisfied", "contacts": "1", "extra_costs": "no"}
    response = citizen.post(evaluate_url, {"form_token": token(citizen, evaluate_url), **answers})
    assert response.status_code == 302
    assert Evaluation.objects.get(dossier=dossier).channel == EvaluationChannel.ONLINE

    # A feedback, answered and published by the unit's leader.
    feedback_url = reverse("portal:feedback")
    response = citizen.post(
        feedback_url,
        {
            "form_token": token(citizen, feedback_url),
            "unit": cast.commune_a.code,
            "kind": FeedbackKind.REGULATION,
            "subject": "Hướng dẫn nộp hồ sơ",
            "content": "Trang nộp hồ sơ không nói rõ cần chụp mặt sau CCCD.",
            "sender_name": "Trần Văn Bình",
            "sender_phone": "0914222333",
        },
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    time_machine.move_to(local(2025, 7, 4, 9, 0), tick=False)
    leader = staff(cast.leader_a)  # the next morning's log-in
    response = leader.post(
        reverse("web:feedback_detail", args=[feedback.pk]),
        {"answer": "Đã bổ sung hướng dẫn.", "publish": "on", "public_subject": "", "public_content": "Hướng dẫn."},
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:feedback_detail", args=[feedback.pk])
    assert "Đã bổ sung hướng dẫn." in citizen.get(feedback_url).content.decode()

    # The desk's tablet takes an evaluation of another dossier with a result.
    kiosk = reverse("web:kiosk")
    desk = staff(cast.desk_a)
    kiosk_token = token(desk, kiosk, {"ma": handed_over.code})
    response = desk.post(kiosk, {"form_token": kiosk_token, "ma": handed_over.code, "satisfaction": "satisfied"})
    assert response.status_code == 302
    assert Evaluation.objects.get(dossier=handed_over).channel == EvaluationChannel.KIOSK

    # The figures of July 2025 (docs/metrics.md): "received in P, by channel" -> the online dossier; "satisfaction
    # evaluations submitted in P" -> the online one and the tablet's (the tablet's dossier itself is from 2023);
    # "feedback received / answered in P" -> the one feedback, answered.
    out = StringIO()
    call_command("stats", "--unit", cast.commune_a.code, "--period", "2025-07", "--json", stdout=out)
    counts = json.loads(out.getvalue())["counts"]
    assert counts["received_online"] == 1 and counts["received"] == 1
    assert counts["full_online_received_online"] == 1
    assert counts["evaluations"] == 2
    assert (counts["feedback_received"], counts["feedback_resolved"]) == (1, 1)
    # The district's figures take in its communes.
    out = StringIO()
    call_command("stats", "--unit", cast.district.code, "--period", "2025-07", "--json", stdout=out)
    district = json.loads(out.getvalue())["counts"]
    assert (district["received_online"], district["evaluations"], district["feedback_received"]) == (1, 2, 1)
