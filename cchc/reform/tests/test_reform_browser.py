"""The reform officer's quarter in chromium, from log-in and using only what the pages show: the report page and
its tabs, the import of a report-data file (a bad one first, which changes nothing), the audit of a hand-written
report, and the submission with its confirmation; at 1366, 1024 and 390 px with no sideways overflow.

Set CCHC_SCREENSHOTS=/some/dir to keep the screenshots (reform-<step>-<width>.png).
"""

from __future__ import annotations

import pytest

from cchc.reform.models import DirectiveDocument, PeriodStatus, ReportPeriod
from cchc.testing.browser import assert_accessible, assert_fits, chromium_page, follow, shot
from cchc.testing.factories import received_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADER = "unit_code,year,quarter,area,doc_type,number,date,issuer,summary\n"
ROW = "gio-linh,2023,3,1,official_letter,1033/UBND-NC,2023-07-12,UBND huyện Gio Linh,về việc tự đánh giá CCHC\n"
REPORT = (
    "Đã giải quyết 90/100 hồ sơ, đạt 95%.\n"
    "Tổng số hồ sơ tiếp nhận: 100 hồ sơ (trực tuyến: 60 hồ sơ, trực tiếp: 40 hồ sơ)\n"
)


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/can-bo/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    page.wait_for_load_state("networkidle")


def step(page, name: str, width: int, *, axe: bool = True) -> None:
    assert_fits(page)
    shot(page, f"reform-{name}-{width}")
    if axe and width == 1366:
        assert_accessible(page)


def upload(page, name: str, content: str, mime: str) -> None:
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": mime, "buffer": content.encode("utf-8")}])


@pytest.mark.parametrize("width", (1366, 1024, 390))
def test_the_reform_officers_quarter(live_server, cast, width):
    received_dossier(cast.commune_a)  # July 2023: a figure on the report
    with chromium_page({"width": width, "height": 900}) as page:
        log_in(page, live_server, cast.reform_officer)
        assert "/can-bo/reports/" in page.url
        page.fill("#id_period", "Q3/2023")
        follow(page, page.locator("form.report-filters button[type=submit]"))
        tabs = page.locator("nav.report-tabs a")
        assert tabs.count() == 4 and tabs.nth(0).get_attribute("aria-current") == "page"
        step(page, "report-dossiers", width)

        # The tabs are links: each part at its own address, the current one marked, reachable by keyboard.
        for index, name in ((1, "units"), (2, "text"), (3, "data")):
            tabs.nth(index).focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            page.wait_for_load_state("networkidle")
            assert f"tab={name}" in page.url
            assert (
                page.locator("nav.report-tabs a[aria-current=page]")
                .get_attribute("href")
                .endswith(f"tab={name}#report-part")
            )
            step(page, f"report-{name}", width)

        # Import: a bad file changes nothing and names the row and column; the corrected one loads whole.
        follow(page, page.locator("#data a[href$='/reform/import/']"))
        page.select_option("#id_kind", "documents")
        upload(page, "van-ban.csv", HEADER + ROW + ROW.replace("2023-07-12", "31/02/2023"), "text/csv")
        follow(page, page.locator("#import-form button[type=submit]"))
        errors = page.locator("#errors tbody tr")
        assert errors.count() == 1 and errors.first.locator("td").nth(0).inner_text() == "3"
        assert errors.first.locator("td").nth(1).inner_text() == "date"
        assert "không có dữ liệu nào được nhập" in page.locator("#errors").inner_text()
        assert not DirectiveDocument.objects.exists() and not ReportPeriod.objects.exists()
        step(page, "import-refused", width)
        page.select_option("#id_kind", "documents")
        upload(page, "van-ban.csv", HEADER + ROW, "text/csv")
        follow(page, page.locator("#import-form button[type=submit]"))
        assert "đã nhập 1 dòng" in page.locator(".messages").inner_text().lower()
        assert DirectiveDocument.objects.count() == 1
        step(page, "import-done", width)

        # The audit of a hand-written report: 90 of 100 is 90%, not the stated 95%.
        follow(page, page.locator(".crumbs a").first)
        follow(page, page.locator("a[href$='/reform/audit/']").first)
        upload(page, "bao-cao-quy-3.txt", REPORT, "text/plain")
        follow(page, page.locator("#audit-form button[type=submit]"))
        findings = page.locator("#findings tbody tr")
        assert findings.count() == 1
        assert [findings.first.locator("td").nth(i).inner_text() for i in (0, 3, 4)] == ["1", "95%", "90%"]
        step(page, "audit", width)

        # The period: the imported row in its section, then submit after the confirmation.
        follow(page, page.locator(".crumbs a").first)
        follow(page, page.locator("a[href$='/reform/gio-linh/2023/q3/']").first)
        follow(page, page.locator(".side-menu a[href*='section=documents']"))
        assert page.locator(".side-menu a[aria-current=page]").get_attribute("href").startswith("?section=documents")
        assert "1033/UBND-NC" in page.locator("#documents").inner_text()
        step(page, "period", width)
        follow(page, page.locator("a[href$='/submit/']"))
        assert "Không ai mở khóa được" in page.locator(".confirm-card").inner_text()
        assert ReportPeriod.objects.get().status == PeriodStatus.DRAFT  # asking writes nothing
        step(page, "confirm", width)
        follow(page, page.locator(".confirm-card button[type=submit]"))
        assert ReportPeriod.objects.get().status == PeriodStatus.SUBMITTED
        assert page.locator("a[href$='/submit/']").count() == 0
        step(page, "submitted", width, axe=False)
