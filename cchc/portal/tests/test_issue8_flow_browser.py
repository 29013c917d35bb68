"""Issue 8 end to end, in Debian's chromium: the citizen at phone width, the officers at desktop width, the desk's
tablet at 820 px; then the figures the flow must have moved.

a. the citizen finds a full-process online procedure typing without diacritics, downloads its sample form,
   submits online with a PDF and a PNG, gets the code, the tracking secret and the QR code;
b. the desk officer sees it in the work list (sent online, to check) and asks once for a supplement;
c. the citizen opens the tracking link in a fresh browser, sees what is asked, uploads it: the dossier is in process;
d. the officers take it to its result on the staff pages: assign (desk), submit (specialist), approve (leader),
   issue the result and attach the signed PDF (specialist);
e. the citizen sees the result, downloads it (the same bytes), the dossier is delivered; then evaluates it;
f. the citizen sends a feedback, the unit's leader answers and publishes it, the citizen sees it published;
g. the desk's tablet takes an evaluation of another dossier with a result.

Every portal page passes axe-core (no serious or critical issue) and is screenshotted (CCHC_SCREENSHOTS).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from cchc.accounts.models import Membership, Role
from cchc.dossiers.models import Channel, DocumentKind, Dossier
from cchc.dossiers.workflow import Status
from cchc.feedback.models import Evaluation, EvaluationChannel, Feedback
from cchc.procedures.models import OnlineService
from cchc.testing.browser import DESKTOP, PHONE, assert_accessible, shot
from cchc.testing.factories import APPLICANT, ComponentDocumentFactory, ProcedureFactory, resolved_dossier
from cchc.testing.files import TINY_PDF, TINY_PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TABLET = {"width": 820, "height": 1180}
SAMPLE_FORM = TINY_PDF.replace(b"%%EOF", b"% to khai mau\n%%EOF")
# The signed result: a PDF of its own, so the download is known to be this file and not another.
RESULT_PDF = TINY_PDF.replace(b"%%EOF", b"% ket qua da ky so\n%%EOF")
CITIZEN = {"name": "Trần Văn Bình", "id_number": "045099001234", "phone": "0914 222 333"}


@pytest.fixture(autouse=True)
def _media_and_limits(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # the portal's rate limits count in the cache
    yield
    cache.clear()


@pytest.fixture
def procedure(cast):
    """A posted commune procedure done entirely online, two required documents, the first with a sample form."""
    procedure = ProcedureFactory.create(
        code="1.004837",
        name="Đăng ký giám hộ",
        field="Hộ tịch",
        processing_days=3,
        online_service=OnlineService.FULL,
        legal_basis="Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP",
    )
    declaration = ComponentDocumentFactory.create(procedure=procedure, name="Tờ khai đăng ký giám hộ", order=1)
    declaration.sample_form.save("to-khai-giam-ho.pdf", ContentFile(SAMPLE_FORM))
    ComponentDocumentFactory.create(procedure=procedure, name="Văn bản cử người giám hộ", order=2)
    return procedure


def new_page(browser: Any, viewport: dict[str, int]) -> Any:
    """A page of a fresh browser context (its own cookies) at `viewport`, as chromium_page makes them."""
    options: dict[str, Any] = {"viewport": viewport, "locale": "vi-VN"}
    if viewport["width"] < 600:
        options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
    context = browser.new_context(**options)
    context.set_default_timeout(15000)
    return context.new_page()


def portal_page(page: Any, name: str) -> None:
    """Every page of the portal the flow meets: screenshotted and checked by axe-core."""
    shot(page, f"issue8-{name}")
    assert_accessible(page)


def log_in(page: Any, live_server: Any, username: str) -> None:
    """Log in on the staff site as `username` (whoever was logged in before is forgotten)."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/can-bo/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    # Each role lands on its own job (web:landing): any staff page but the log-in.
    page.wait_for_url(lambda address: "/can-bo/" in address and "/dang-nhap/" not in address)


def act(page: Any, action: str, fields: dict[str, str] | None = None, check: tuple[str, ...] = ()) -> None:
    """Open the action's box on the dossier page, fill it and send it; wait for the panel htmx puts back."""
    box = page.locator(f"#action-{action}")
    box.locator("summary").click()
    for selector, value in (fields or {}).items():
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    for selector in check:
        page.check(selector)
    page.evaluate("document.getElementById('dossier-panel').dataset.before = '1'")
    box.locator("button[type=submit]").click()
    page.wait_for_selector("#dossier-panel:not([data-before])")
    assert page.locator("#dossier-panel .errors").count() == 0, page.locator("#dossier-panel .errors").all_inner_texts()


def no_staff_names(page: Any, cast: Any) -> None:
    """No officer's name or user name on a portal page (Decree 61/2018's public tracking shows the steps only)."""
    html = page.content()
    for user in (cast.desk_a, cast.specialist_a, cast.leader_a):
        assert user.full_name not in html and user.username not in html


def stats(unit_code: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    out = StringIO()
    call_command("stats", "--unit", unit_code, "--period", f"{start}..{end}", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_issue8_end_to_end(live_server, cast, procedure, phone):
    url = live_server.url
    browser = phone.context.browser
    officer = new_page(browser, DESKTOP)
    today = timezone.localdate()
    # Ready before the flow: a dossier of the desk with its result, for the tablet at the end (step g).
    handed_over = resolved_dossier(cast.commune_a)

    # --- a. The citizen finds the procedure without diacritics and submits it online ---
    phone.goto(url + "/")
    portal_page(phone, "a1-home-phone")
    phone.goto(url + "/thu-tuc/")
    phone.fill("#cat-q", "dang ky giam ho")
    phone.press("#cat-q", "Enter")
    phone.wait_for_url(re.compile(r"/thu-tuc/\?q=dang"))
    portal_page(phone, "a2-catalogue-search-phone")
    phone.get_by_role("link", name="Đăng ký giám hộ").click()
    phone.wait_for_url(f"**/thu-tuc/{procedure.code}/")
    assert "Đăng ký giám hộ" in phone.locator("h1").inner_text()
    portal_page(phone, "a3-procedure-phone")
    with phone.expect_download() as sample:
        phone.locator("a.p-sample").first.click()
    assert sample.value.path().read_bytes() == SAMPLE_FORM

    phone.locator("a.p-btn-primary", has_text="Nộp hồ sơ trực tuyến").click()
    phone.wait_for_url(f"**/nop-ho-so/{procedure.code}/")
    portal_page(phone, "a4-submit-form-phone")
    declaration, appointment = list(procedure.components.order_by("order"))
    if phone.locator("#id_unit").evaluate("e => e.tagName") == "SELECT":
        phone.select_option("#id_unit", str(cast.commune_a.pk))
    phone.fill("#id_name", CITIZEN["name"])
    phone.fill("#id_id_number", CITIZEN["id_number"])
    phone.fill("#id_phone", CITIZEN["phone"])
    phone.fill("#id_address", "Thôn Xuân, xã Gio An")
    phone.set_input_files(
        f"#id_file_{declaration.pk}",
        files=[{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}],
    )
    phone.set_input_files(
        f"#id_file_{appointment.pk}",
        files=[{"name": "van-ban-cu.png", "mimeType": "image/png", "buffer": TINY_PNG}],
    )
    phone.get_by_role("button", name="Gửi hồ sơ").click()
    phone.wait_for_url("**/nop-ho-so/da-nop/**")
    dossier = Dossier.objects.get(procedure=procedure)
    assert (dossier.channel, dossier.status, dossier.receiving_unit) == (
        Channel.ONLINE,
        Status.RECEIVED,
        cast.commune_a,
    )
    assert dossier.documents.count() == 2
    assert phone.locator("#submitted-code").inner_text() == dossier.code
    assert phone.locator("#submitted-secret").inner_text() == dossier.tracking_secret
    assert phone.locator("#receipt svg[role=img]").count() == 1
    portal_page(phone, "a5-receipt-phone")

    # --- b. The desk officer checks it and asks once for what is missing ---
    log_in(officer, live_server, cast.desk_a.username)
    officer.goto(url + "/can-bo/?truc-tuyen=1")
    row = officer.locator("tr", has=officer.locator(f"a.code:text-is('{dossier.code}')"))
    assert row.count() == 1 and "trực tuyến · chờ kiểm tra" in row.inner_text().lower()
    shot(officer, "issue8-b1-worklist-desktop")
    row.locator("a.code").click()
    officer.wait_for_url(f"**/can-bo/dossiers/{dossier.code}/")
    assert officer.locator("#online-check").count() == 1
    # The applicant's own step (the online receipt) is said to be the applicant's, not "the system"'s.
    assert officer.locator("#timeline .event").first.locator(".event-by-applicant").inner_text() == "Người nộp hồ sơ"
    shot(officer, "issue8-b2-dossier-online-desktop")
    act(
        officer,
        "request_supplement",
        {
            "#id_request_supplement-reason": "Văn bản cử người giám hộ chưa có chữ ký xác nhận của UBND xã.",
            "#id_request_supplement-items": "Văn bản cử người giám hộ có xác nhận của UBND xã",
        },
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_SUPPLEMENT
    shot(officer, "issue8-b3-supplement-asked-desktop")

    # --- c. The citizen opens the tracking link in a fresh browser and sends the supplement ---
    citizen = new_page(browser, PHONE)
    citizen.goto(f"{url}/tra-cuu/")
    portal_page(citizen, "c0-tracking-lookup-phone")
    citizen.goto(f"{url}/tra-cuu/?ma={dossier.code}&bi-mat={dossier.tracking_secret}")
    citizen.wait_for_url(f"**/tra-cuu/{dossier.code}/")
    assert "Cần bổ sung hồ sơ" in citizen.locator("#t-status").inner_text()
    assert "Văn bản cử người giám hộ có xác nhận của UBND xã" in citizen.locator("#t-supplement").inner_text()
    no_staff_names(citizen, cast)
    portal_page(citizen, "c1-tracking-supplement-asked-phone")
    citizen.set_input_files(
        "#t-file-0", files=[{"name": "van-ban-cu-xac-nhan.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}]
    )
    citizen.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
    citizen.wait_for_url(f"**/tra-cuu/{dossier.code}/")
    assert citizen.locator(".p-msg-success").count() == 1
    assert "Đang giải quyết" in citizen.locator("#t-status").inner_text()
    portal_page(citizen, "c2-tracking-supplement-sent-phone")
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROCESS and dossier.documents.count() == 3

    # --- d. The officers take it to its result, each on the staff pages ---
    dossier_url = f"{url}/can-bo/dossiers/{dossier.code}/"
    officer.goto(dossier_url)
    handler = Membership.objects.get(user=cast.specialist_a, unit=cast.commune_a, role=Role.SPECIALIST)
    act(officer, "assign", {"#id_assign-handler": str(handler.pk)})
    log_in(officer, live_server, cast.specialist_a.username)
    officer.goto(dossier_url)
    act(officer, "submit")
    log_in(officer, live_server, cast.leader_a.username)
    officer.goto(dossier_url)
    act(officer, "approve")
    log_in(officer, live_server, cast.specialist_a.username)
    officer.goto(dossier_url)
    act(officer, "issue_result", check=("#id_issue_result-result_digitized",))
    assert officer.locator("#online-result-help").count() == 1
    officer.select_option("#id_kind", DocumentKind.RESULT)
    officer.fill("#id_name", "Quyết định công nhận giám hộ")
    officer.set_input_files(
        "#id_file", files=[{"name": "ket-qua.pdf", "mimeType": "application/pdf", "buffer": RESULT_PDF}]
    )
    officer.evaluate("document.getElementById('dossier-panel').dataset.before = '1'")
    officer.get_by_role("button", name="Đính kèm").click()
    officer.wait_for_selector("#dossier-panel:not([data-before])")
    shot(officer, "issue8-d1-result-attached-desktop")
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_ISSUED
    assert dossier.documents.filter(kind=DocumentKind.RESULT).count() == 1

    # --- e. The citizen downloads the result, the dossier is delivered, then evaluates it ---
    citizen.goto(f"{url}/tra-cuu/{dossier.code}/")
    assert citizen.locator("#t-result").count() == 1
    portal_page(citizen, "e1-tracking-result-phone")
    with citizen.expect_download() as result:
        citizen.locator("#t-result .t-downloads a").first.click()
    assert result.value.path().read_bytes() == RESULT_PDF
    dossier.refresh_from_db()
    assert dossier.status == Status.DELIVERED and dossier.delivered_at is not None
    citizen.goto(f"{url}/tra-cuu/{dossier.code}/")
    assert "result handed over" not in citizen.content()  # the page speaks Vietnamese
    no_staff_names(citizen, cast)
    portal_page(citizen, "e2-tracking-delivered-phone")
    citizen.locator("#t-evaluate").click()
    citizen.wait_for_url(f"**/danh-gia/{dossier.code}/")
    portal_page(citizen, "e3-evaluation-form-phone")
    for question, value in [("satisfaction", "very_satisfied"), ("attitude", "satisfied"), ("contacts", "1")]:
        citizen.locator(f"fieldset.e-q-{question} input[value='{value}']").check()
    citizen.get_by_role("button", name="Gửi đánh giá").click()
    citizen.wait_for_url(f"**/danh-gia/{dossier.code}/cam-on/")
    portal_page(citizen, "e4-evaluation-thanks-phone")
    online_evaluation = Evaluation.objects.get(dossier=dossier)
    assert online_evaluation.channel == EvaluationChannel.ONLINE
    assert online_evaluation.satisfaction == "very_satisfied"

    # --- f. A feedback: sent by the citizen, answered and published by the unit, seen published ---
    citizen.goto(url + "/phan-anh/")
    portal_page(citizen, "f1-feedback-form-phone")
    citizen.select_option("#fb-unit", cast.commune_a.code)
    citizen.fill("#fb-subject", "Hướng dẫn nộp hồ sơ trực tuyến")
    citizen.fill("#fb-content", "Trang nộp hồ sơ không nói rõ cần chụp mặt sau CCCD. Tôi là Trần Văn Bình.")
    citizen.fill("#fb-sender_name", CITIZEN["name"])
    citizen.fill("#fb-sender_phone", CITIZEN["phone"])
    citizen.get_by_role("button", name=re.compile("Gửi phản ánh")).click()
    citizen.wait_for_url(re.compile(r"/phan-anh/PAKN-\d{6}-\d{4}/$"))
    feedback = Feedback.objects.get()
    portal_page(citizen, "f2-feedback-sent-phone")

    log_in(officer, live_server, cast.leader_a.username)
    officer.goto(url + "/can-bo/phan-anh/")
    officer.get_by_role("link", name=feedback.code).click()
    officer.fill("#id_answer", "Bộ phận một cửa đã bổ sung hướng dẫn chụp hai mặt CCCD trên trang nộp hồ sơ.")
    officer.check("#id_publish")
    officer.fill("#id_public_content", "Trang nộp hồ sơ không nói rõ cần chụp mặt sau CCCD.")
    officer.get_by_role("button", name="Gửi kết quả trả lời").click()
    officer.wait_for_selector(".msg-success")
    shot(officer, "issue8-f3-feedback-answered-desktop")

    citizen.goto(url + "/phan-anh/")
    assert "chụp hai mặt CCCD" in citizen.locator(".p-fb-item").first.inner_text()
    assert CITIZEN["name"] not in citizen.content() and CITIZEN["phone"] not in citizen.content()
    no_staff_names(citizen, cast)
    portal_page(citizen, "f4-feedback-published-phone")
    citizen.goto(f"{url}/phan-anh/{feedback.code}/")
    assert "chụp hai mặt CCCD" in citizen.content()
    portal_page(citizen, "f5-feedback-detail-phone")

    # --- g. The desk's tablet takes an evaluation of another dossier with a result ---
    tablet = new_page(browser, TABLET)
    log_in(tablet, live_server, cast.desk_a.username)
    tablet.goto(url + "/can-bo/kiosk/")
    shot(tablet, "issue8-g1-kiosk-start-tablet")
    assert_accessible(tablet)
    tablet.get_by_label("Nhập mã hồ sơ").fill(handed_over.code)
    tablet.get_by_role("button", name="Tiếp tục").click()
    tablet.locator("fieldset.e-q-satisfaction").wait_for()
    html = tablet.content()
    assert APPLICANT["name"] not in html and cast.desk_a.full_name not in html
    tablet.locator("fieldset.e-q-satisfaction input[value='satisfied']").check()
    tablet.locator("fieldset.e-q-attitude input[value='very_satisfied']").check()
    shot(tablet, "issue8-g2-kiosk-chosen-tablet")
    tablet.get_by_role("button", name="Gửi đánh giá").click()
    tablet.wait_for_url("**/can-bo/kiosk/cam-on/")
    shot(tablet, "issue8-g3-kiosk-thanks-tablet")
    assert_accessible(tablet)
    assert Evaluation.objects.get(dossier=handed_over).channel == EvaluationChannel.KIOSK

    # --- The figures after the flow (docs/metrics.md), over a period from today on ---
    # "received in P, by channel": the one online dossier (received today, or at the next working session when
    # sent outside office hours, so within the month ahead); "satisfaction evaluations submitted in P": the
    # online one and the tablet's, both today; "feedback received / answered in P": the one feedback, answered.
    figures = stats(cast.commune_a.code, today, today + dt.timedelta(days=30))["counts"]
    assert figures["received_online"] == 1
    assert figures["evaluations"] == 2
    assert (figures["feedback_received"], figures["feedback_resolved"]) == (1, 1)
