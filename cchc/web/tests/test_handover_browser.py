"""In chromium: a desk officer hands a result over to a proxy in person, from the work list, and the tracking book
shows who received it and how; at 1366 and 390 px wide with no sideways overflow.

Set CCHC_SCREENSHOTS=/some/dir to keep the screenshots (handover-<step>-<width>.png).
"""

from __future__ import annotations

import pytest

from cchc.dossiers import services
from cchc.dossiers.workflow import Status
from cchc.testing.browser import SHOTS, assert_accessible, assert_fits, chromium_page, shot
from cchc.testing.factories import awaiting_supplement_dossier, dossier_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/can-bo/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", (1366, 390))
def test_the_desk_hands_a_result_to_a_proxy_and_the_book_shows_it(live_server, cast, width):
    d = dossier_in(Status.RESULT_ISSUED, cast.commune_a)  # received 3 July 2023
    with chromium_page({"width": width, "height": 900}) as page:
        log_in(page, live_server, cast.desk_a)
        page.click("#tab-handover")
        page.wait_for_load_state("networkidle")
        with page.expect_navigation():
            page.get_by_role("link", name=d.code).click()
        page.locator("#action-deliver summary").click()
        form = page.locator("#action-deliver form")
        form.get_by_label("Trực tiếp tại Bộ phận một cửa").check()
        form.get_by_label("Người khác nhận thay người nộp hồ sơ").check()
        form.get_by_label("Họ tên người nhận thay").fill("Lê Văn Nam")
        form.get_by_label("Số định danh của người nhận thay").fill("045099001234")
        form.get_by_label("Giấy ủy quyền (loại giấy, số, ngày)").fill("Giấy ủy quyền số 12/GUQ ngày 05/7/2023")
        shot(page, f"handover-form-{width}")
        assert_fits(page)
        form.get_by_role("button", name="Trả kết quả").click()
        page.locator("#dossier-status", has_text="Đã trả kết quả").wait_for()
        recipient = page.locator("#delivery-recipient")
        assert "Lê Văn Nam" in recipient.inner_text() and "045099001234" in recipient.inner_text()
        assert "Lê Văn Nam" in page.locator("#timeline").inner_text()
        shot(page, f"handover-dossier-{width}")
        if SHOTS:  # the parts to look at closely on a long page
            page.locator("#timeline").screenshot(path=f"{SHOTS}/handover-timeline-{width}.png")
            page.locator("dl.facts").screenshot(path=f"{SHOTS}/handover-facts-{width}.png")
        assert_fits(page)
        if width == 1366:
            assert_accessible(page)
        # The tracking book, from the menu, for the quarter the dossier was received in.
        menu = page.locator("button.nav-toggle, #nav-toggle")
        if width < 600 and menu.count() and menu.first.is_visible():
            menu.first.click()
        with page.expect_navigation():
            page.get_by_role("link", name="Sổ theo dõi hồ sơ").first.click()
        page.fill("#id_period", "Q3/2023")
        with page.expect_navigation():
            page.get_by_role("button", name="Xem").click()
        row = page.locator("#tracking-book tbody tr", has_text=d.code)
        assert "Trực tiếp tại Bộ phận một cửa" in row.locator(".book-method").inner_text()
        signed = row.locator(".sign-cell").inner_text()
        assert "Lê Văn Nam" in signed and "nhận thay" in signed and "045099001234" in signed
        shot(page, f"handover-book-{width}")


@pytest.mark.parametrize("width", (1366, 390))
def test_the_specialist_finds_the_supplemented_dossier_flagged_and_records_the_fee(live_server, cast, width):
    d = awaiting_supplement_dossier(cast.commune_a)
    services.dossier_supplement(dossier=d, by=cast.desk_a)
    with chromium_page({"width": width, "height": 900}) as page:
        log_in(page, live_server, cast.specialist_a)
        row = page.locator("table.worklist tbody tr", has_text=d.code)
        assert row.locator(".flag-supplement").inner_text().strip().lower() == "đã có bổ sung"
        assert_fits(page)
        shot(page, f"handover-worklist-{width}")
        with page.expect_navigation():
            row.get_by_role("link", name=d.code).click()
        page.locator("#action-request_fee summary").click()
        page.locator("#action-request_fee form").get_by_label("Số tiền").fill("75.000 đồng")
        page.locator("#action-request_fee form").get_by_role("button").click()
        page.locator("#fee-requested", has_text="75.000 đồng").wait_for()
        page.locator("#action-fee_paid summary").click()
        paid = page.locator("#action-fee_paid form")
        assert paid.get_by_label("Số tiền đã nộp").input_value() == "75.000 đồng"
        paid.get_by_label("Số biên lai thu phí, lệ phí").fill("0001234")
        shot(page, f"handover-fee-{width}")
        assert_fits(page)
        paid.get_by_role("button").click()
        page.locator("#fee-paid", has_text="0001234").wait_for()
        assert "75.000 đồng" in page.locator("#fee-paid").inner_text()
