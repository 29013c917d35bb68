"""A citizen finds a procedure without typing diacritics and reads what to submit, at phone and desktop width."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc.procedures.models import OnlineService, ProcedureLevel
from cchc.testing.browser import assert_accessible, shot
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def catalogue(cast):
    birth = cast.procedure
    birth.legal_basis = "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"
    birth.result_description = "Giấy khai sinh (bản chính)"
    birth.online_note = "Xuất trình bản chính giấy tờ tùy thân khi nhận kết quả."
    birth.save()
    ComponentDocumentFactory(procedure=birth, name="Tờ khai đăng ký khai sinh", form="Bản chính", order=1)
    ComponentDocumentFactory(procedure=birth, name="Giấy chứng sinh", form="Bản chính", order=2)
    ComponentDocumentFactory(procedure=birth, name="Văn bản ủy quyền", form="Bản sao", order=3, required=False)
    ProcedureFactory(code="1.000910", name="Đăng ký lại khai sinh", processing_days=Decimal("5"))
    ProcedureFactory(code="1.000911", name="Đăng ký kết hôn", fee=Decimal("0"))
    ProcedureFactory(
        code="2.000910",
        name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        field="Xây dựng",
        level=ProcedureLevel.DISTRICT,
        fee=Decimal("75000"),
        online_service=OnlineService.NONE,
    )
    ProcedureFactory(code="1.000912", name="Đăng ký khai sinh (chưa công bố)", posted=False)
    return birth


@pytest.mark.parametrize("width", ["phone", "page"])
def test_a_citizen_finds_birth_registration_without_diacritics(request, live_server, catalogue, width):
    page = request.getfixturevalue(width)
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox").fill("dang ky khai sinh")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/thu-tuc/?q=dang+ky+khai+sinh")
    results = page.locator(".p-cat-item h2")
    assert results.all_inner_texts() == ["Đăng ký khai sinh", "Đăng ký lại khai sinh"]
    assert "Tìm thấy 2 thủ tục" in page.locator(".p-cat-count").inner_text()
    assert "chưa công bố" not in page.content()
    shot(page, f"catalogue-list-{width}")
    assert_accessible(page)

    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()
    page.wait_for_url(f"**/thu-tuc/{catalogue.code}/")
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh"
    body = page.locator("main").inner_text()
    for text in (
        "3 ngày làm việc",
        "Không thu phí",
        "Tờ khai đăng ký khai sinh",
        "Giấy chứng sinh",
        "Không bắt buộc",
        "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP",
        "UBND xã Gio An",
        "Xuất trình bản chính giấy tờ tùy thân",
    ):
        assert text in body, text
    submit = page.get_by_role("link", name="Nộp hồ sơ trực tuyến")
    assert submit.get_attribute("href").endswith(f"/nop-ho-so/{catalogue.code}/")
    shot(page, f"catalogue-detail-{width}")
    assert_accessible(page)


@pytest.mark.parametrize("width", ["phone", "page"])
def test_the_filters_narrow_the_list(request, live_server, catalogue, width):
    page = request.getfixturevalue(width)
    page.goto(live_server.url + "/thu-tuc/")
    page.locator("summary").click()
    page.get_by_label("Cấp thực hiện").select_option("district")
    page.get_by_role("button", name="Lọc", exact=True).click()
    page.wait_for_url("**cap=district**")
    assert page.locator(".p-cat-item h2").all_inner_texts() == ["Cấp giấy phép xây dựng nhà ở riêng lẻ"]
    shot(page, f"catalogue-filtered-{width}")
    assert_accessible(page)
    page.get_by_role("link", name="Cấp giấy phép xây dựng nhà ở riêng lẻ").click()
    page.wait_for_url("**/thu-tuc/*/")
    body = page.locator("main").inner_text()
    assert "75.000 đồng" in body and "Nộp hồ sơ trực tuyến" not in body
    assert_accessible(page)
