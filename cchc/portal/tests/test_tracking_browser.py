"""Tracking in chromium at phone and desktop width: the receipt's link, the state, a supplement sent online; the
look-up form and its neutral refusal; every page without a serious accessibility issue."""

from __future__ import annotations

import pytest

from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.dossiers.workflow import Status
from cchc.testing.browser import assert_accessible, shot
from cchc.testing.factories import in_process_dossier, local
from cchc.testing.files import TINY_PDF, TINY_PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PDF = TINY_PDF
PNG = TINY_PNG


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("width", ["phone", "page"])
def test_a_citizen_opens_the_receipts_link_and_sends_the_supplement(request, cast, live_server, width):
    page = request.getfixturevalue(width)
    d = in_process_dossier(cast.commune_a)
    services.dossier_request_supplement(
        dossier=d,
        by=cast.specialist_a,
        reason="Hồ sơ còn thiếu giấy tờ chứng minh nơi sinh",
        items=["Bản sao giấy chứng sinh", "Ảnh chụp CCCD của người đi khai sinh"],
        at=local(2023, 7, 4, 9, 0),
    )
    # The address printed in the receipt's QR code.
    page.goto(f"{live_server.url}/tra-cuu/?ma={d.code}&bi-mat={d.tracking_secret}")
    assert page.url.endswith(f"/tra-cuu/{d.code}/")
    assert "Cần bổ sung hồ sơ" in page.locator("#t-status").inner_text()
    assert page.get_by_text("Bản sao giấy chứng sinh").count() >= 1
    shot(page, f"tracking-supplement-asked-{width}")
    assert_accessible(page)

    page.set_input_files(
        "#t-file-0", files=[{"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.set_input_files("#t-file-1", files=[{"name": "cccd.png", "mimeType": "image/png", "buffer": PNG}])
    page.fill("#t-note", "Tôi gửi bổ sung đủ hai giấy tờ.")
    page.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
    page.wait_for_url(f"**/tra-cuu/{d.code}/")
    assert "Đang giải quyết" in page.locator("#t-status").inner_text()
    assert page.locator(".p-msg-success").count() == 1
    assert page.locator("#t-supplement").count() == 0
    shot(page, f"tracking-supplement-sent-{width}")
    assert_accessible(page)
    d = Dossier.objects.get(pk=d.pk)
    assert d.status == Status.IN_PROCESS and d.documents.count() == 2


@pytest.mark.parametrize("width", ["phone", "page"])
def test_the_look_up_form_and_its_neutral_refusal(request, cast, live_server, width):
    page = request.getfixturevalue(width)
    d = in_process_dossier(cast.commune_a)
    page.goto(f"{live_server.url}/tra-cuu/")
    shot(page, f"tracking-form-{width}")
    assert_accessible(page)
    page.fill("#t-code", d.code)
    page.fill("#t-secret", "WRONG234")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_selector("#lookup-error")
    shot(page, f"tracking-refused-{width}")
    assert_accessible(page)
    page.fill("#t-phone", "0914 000 111")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(f"**/tra-cuu/{d.code}/")
    assert "Đang giải quyết" in page.locator("#t-status").inner_text()
    shot(page, f"tracking-in-process-{width}")
    assert_accessible(page)


def test_the_429_page_after_a_burst_of_guesses(cast, live_server, phone, settings):
    from django.core.cache import cache

    cache.clear()
    settings.CCHC_TRACKING_GUESSES_PER_ADDRESS = 1
    phone.goto(f"{live_server.url}/tra-cuu/?ma=000.21.27.H45-230703-0042&bi-mat=WRONG234")
    response = phone.goto(f"{live_server.url}/tra-cuu/?ma=000.21.27.H45-230703-0043&bi-mat=WRONG234")
    assert response.status == 429 and int(response.headers["retry-after"]) > 0
    assert phone.locator("h1").inner_text() == "Quá nhiều lần thử"
    shot(phone, "tracking-429-phone")
    assert_accessible(phone)
    cache.clear()
