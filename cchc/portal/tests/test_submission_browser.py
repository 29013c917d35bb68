"""Online submission in chromium at phone and desktop width: the form with real files, everything wrong said at once,
the receipt with the code, the secret and the QR code; every page without a serious accessibility issue."""

from __future__ import annotations

import pytest

from cchc.dossiers.models import Channel, Dossier, DossierDocument, Status
from cchc.dossiers.tests.test_online_uploads import TINY_PDF, TINY_PNG
from cchc.procedures.models import OnlineService
from cchc.testing.browser import assert_accessible, shot
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def procedure(cast):
    procedure = ProcedureFactory.create(
        code="1.900030",
        name="Đăng ký kết hôn",
        online_service=OnlineService.PARTIAL,
        online_note="Hai bên nam, nữ có mặt tại Bộ phận Một cửa khi nhận Giấy chứng nhận kết hôn.",
    )
    ComponentDocumentFactory.create(procedure=procedure, name="Tờ khai đăng ký kết hôn", order=1)
    ComponentDocumentFactory.create(procedure=procedure, name="Giấy xác nhận tình trạng hôn nhân", order=2)
    ComponentDocumentFactory.create(procedure=procedure, name="Ảnh chân dung", order=3, required=False)
    return procedure


@pytest.mark.parametrize("width", ["phone", "page"])
def test_a_citizen_submits_online_with_files_and_gets_the_receipt(request, cast, live_server, procedure, width):
    page = request.getfixturevalue(width)
    form, status, photo = list(procedure.components.order_by("order"))
    page.goto(f"{live_server.url}/nop-ho-so/{procedure.code}/")
    assert "Đăng ký kết hôn" in page.locator("h1").inner_text()
    shot(page, f"submission-form-{width}")
    assert_accessible(page)

    # Sent without the documents and without a phone: everything is said at once, nothing is stored.
    page.select_option("#id_unit", str(cast.commune_a.pk))
    page.fill("#id_name", "Trần Văn Bình")
    page.fill("#id_id_number", "045099001234")
    page.fill("#id_address", "Thôn Xuân, xã Gio An")
    page.set_input_files(
        f"#id_file_{form.pk}",
        files=[{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": b"<html>not a pdf</html>"}],
    )
    page.get_by_role("button", name="Gửi hồ sơ").click()
    page.wait_for_load_state()
    errors = page.locator("#submit-errors")
    assert errors.count() == 1
    assert page.locator(".p-field-errors").count() >= 3  # the phone, the false PDF, the missing certificate
    assert "chọn lại các tệp" in page.locator("#files-again").inner_text()
    assert not Dossier.objects.exists() and not DossierDocument.objects.exists()
    shot(page, f"submission-errors-{width}")
    assert_accessible(page)

    page.fill("#id_phone", "0914 222 333")
    page.set_input_files(
        f"#id_file_{form.pk}", files=[{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}]
    )
    page.check(f"#id_bring_{status.pk}")
    page.set_input_files(
        f"#id_file_{photo.pk}", files=[{"name": "anh.png", "mimeType": "image/png", "buffer": TINY_PNG}]
    )
    page.get_by_role("button", name="Gửi hồ sơ").click()
    page.wait_for_url("**/nop-ho-so/da-nop/**")
    dossier = Dossier.objects.get()
    assert dossier.channel == Channel.ONLINE and dossier.status == Status.RECEIVED
    assert dossier.documents.count() == 2
    assert page.locator("#submitted-code").inner_text() == dossier.code
    assert page.locator("#submitted-secret").inner_text() == dossier.tracking_secret
    assert "Giấy xác nhận tình trạng hôn nhân" in page.locator("#submitted-bring").inner_text()
    qr = page.locator("#receipt svg[role=img]")
    assert qr.count() == 1 and qr.bounding_box()["width"] > 100
    assert page.locator("[data-print]").count() == 1
    shot(page, f"submission-receipt-{width}")
    assert_accessible(page)

    # The receipt as printed: only the official form.
    page.emulate_media(media="print")
    assert not page.locator(".s-done").is_visible()
    assert page.locator("#receipt").is_visible()
    shot(page, f"submission-receipt-print-{width}")
