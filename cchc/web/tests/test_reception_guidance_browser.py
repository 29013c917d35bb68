"""In chromium: a desk officer fills an incomplete reception, prints the guidance slip (Mẫu 02, A5), then goes on
from the slip, ticks what the applicant brought and receives the dossier. At 1366 and 390 px.

Set CCHC_SCREENSHOTS=/some/dir to keep the screenshots (and the slip as an A5 PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from cchc.dossiers.models import Dossier, ReceptionGuidance
from cchc.testing.browser import PHONE, SHOTS, assert_accessible, chromium_page, shot

from .test_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE = {"width": 1366, "height": 900}


def choose_procedure(page, pk: int) -> None:
    """The procedure picker: a radio per procedure (or, on an older form, a list box)."""
    page.fill("#id_procedure_q", "khai sinh")
    page.wait_for_timeout(600)
    radio = page.locator(f"#id_procedure input[value='{pk}']")
    if radio.count():
        radio.check()
    else:
        page.select_option("#id_procedure", str(pk))


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_an_incomplete_reception_is_guided_then_received(live_server, cast, components, viewport):
    from playwright.sync_api import expect

    declaration, certificate = components
    size = viewport["width"]
    with chromium_page(viewport) as page:
        log_in(page, live_server, cast.desk_a)
        page.goto(live_server.url + reverse("web:receive"))
        choose_procedure(page, cast.procedure.pk)
        expect(page.locator("#components input[type=checkbox]")).to_have_count(2)
        page.check(f"#components input[value='{certificate.pk}']")  # the declaration is missing
        page.fill("#id_applicant_name", "Trần Văn Cường")
        page.fill("#id_applicant_phone", "0983000444")
        page.fill("#id_applicant_address", "Thôn Hảo Sơn, xã Gio An")
        page.click(".actions-bar button[type=submit]")

        # Not received: the error, and the offer of the slip listing exactly what is missing.
        expect(page.locator("#reception-form .errors")).to_contain_text(declaration.name)
        offer = page.locator("#guidance-offer")
        expect(offer).to_be_visible()
        expect(offer).to_contain_text(declaration.name)
        expect(offer).not_to_contain_text(certificate.name)
        page.fill(f"[name='guidance-reason-{declaration.pk}']", "Tờ khai phải có chữ ký của người đi đăng ký")
        page.fill("[name='guidance-note']", "Mang theo CCCD bản chính khi nộp lại")
        offer.scroll_into_view_if_needed()
        shot(page, f"guidance-1-offer-{size}")
        assert_accessible(page)
        page.click("#print-guidance")

        guidance = ReceptionGuidance.objects.get()
        page.wait_for_url(live_server.url + reverse("web:print_guidance", args=[guidance.pk]))
        slip = page.locator("#desk-form")
        expect(page.locator("#form-title")).to_have_text("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ")
        expect(page.locator("#form-doc-number")).to_have_text(f"Số: {guidance.number}/HDHS")
        expect(page.locator("#guidance-items tr")).to_have_count(1)
        expect(page.locator("#guidance-items")).to_contain_text("Tờ khai phải có chữ ký của người đi đăng ký")
        expect(slip).to_contain_text("Trần Văn Cường")
        expect(slip).to_contain_text("Đăng ký khai sinh")
        expect(page.locator("#form-signer")).to_have_text(str(cast.desk_a))
        shot(page, f"guidance-2-slip-{size}")
        assert_accessible(page)
        if SHOTS and size == WIDE["width"]:
            page.emulate_media(media="print")
            page.pdf(path=str(Path(SHOTS) / "guidance-slip-a5.pdf"), prefer_css_page_size=True)
            page.set_viewport_size({"width": 560, "height": 794})  # A5 (148 × 210 mm) at 96 dpi
            shot(page, "guidance-3-slip-a5-print")
            page.emulate_media(media="screen")
            page.set_viewport_size(viewport)
        assert not Dossier.objects.exists()

        # The applicant brings the declaration: the form opens filled from the slip; tick it and receive.
        page.click("#continue-reception")
        expect(page.locator("#id_applicant_name")).to_have_value("Trần Văn Cường")
        expect(page.locator(f"#components input[value='{certificate.pk}']")).to_be_checked()
        page.check(f"#components input[value='{declaration.pk}']")
        shot(page, f"guidance-4-continue-{size}")
        page.click(".actions-bar button[type=submit]")
        dossier = Dossier.objects.get()
        page.wait_for_url(live_server.url + reverse("web:receipt", args=[dossier.code]))
        expect(page.locator("#receipt-components")).to_contain_text(declaration.name)
        assert dossier.applicant_name == "Trần Văn Cường" and dossier.received_by == cast.desk_a
