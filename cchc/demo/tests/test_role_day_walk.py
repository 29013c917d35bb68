"""Each role's day on the demo, in chromium, from log-in and using only what the pages show (issue 9).

The demo is built as `make run` builds it (`cchc demo` into a fresh SQLite file) and served by `cchc runserver` in
its own process; the browser never types an address after the log-in page. The desk officer of xã Gio Linh guides
an incomplete dossier with the slip (Mẫu 02), receives it and a second one, prints the receipt and passes both to
the specialist; the specialist sends both to the leader; the leader approves one and refuses the other from the
landing list and issues the result; the desk hands the result over and finds it in the tracking book; the district's
reform officer opens the report page on the last quarter with data, imports a report-data file and audits the
hand-written Gio Linh report, whose three known arithmetic errors the audit finds.

Screenshots at 1366, 1024 and 390 px (CCHC_SCREENSHOTS=/some/dir keeps them as walk-<step>-<width>.png).
Set CCHC_WALK_URL to walk a server already running on the demo instead of building one (for local work).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from cchc.testing.browser import assert_accessible, assert_fits, chromium_page, follow, shot

pytestmark = [pytest.mark.browser]

PASSWORD = "cchc-demo-2023"  # the demo's shared password (cchc/demo/people.py)
DESK, SPECIALIST, LEADER, REFORM = (
    "motcua.xa-gio-linh",
    "chuyenvien.xa-gio-linh",
    "lanhdao.xa-gio-linh",
    "cchc.gio-linh",
)
WIDTHS = (1366, 1024, 390)
REPORT = Path(settings.BASE_DIR) / "cchc" / "reports" / "tests" / "data" / "audit" / "gio-linh-2023-q3-report.txt"
DOCUMENTS = (
    "unit_code,year,quarter,area,doc_type,number,date,issuer,summary\n"
    "gio-linh,2023,3,1,official_letter,1200/UBND-NV,2023-08-21,UBND huyện Gio Linh,"
    "về việc rà soát thủ tục hành chính quý III\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    """The demo served on a free port, as `make run` serves it (DEBUG=1, SQLite)."""
    if os.environ.get("CCHC_WALK_URL"):
        yield os.environ["CCHC_WALK_URL"].rstrip("/")
        return
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        # The walk never touches the test database: it builds the embedded demo (SQLite) in its own files. The
        # suite's SQLite run walks it; the PostgreSQL run would walk the very same thing again.
        pytest.skip("the walk runs on the embedded SQLite demo, in the suite's SQLite run")
    folder = tmp_path_factory.mktemp("walk")
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "CCHC_TASKS_BACKEND": "immediate",
    }
    env.pop("CACHE_URL", None)
    cchc = [sys.executable, "-c", "from config.cli import main; main()"]
    subprocess.run([*cchc, "demo"], env=env, check=True, capture_output=True, timeout=300, cwd=settings.BASE_DIR)
    port = _free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [*cchc, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=settings.BASE_DIR,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/can-bo/dang-nhap/", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("the demo server stopped: " + (folder / "server.log").read_text())
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def look(page, name: str, width: int, *, axe: bool = False) -> None:
    """What a person sees: no sideways scrolling of the page, a screenshot to look at, and (at 1366) axe."""
    assert_fits(page)
    shot(page, f"walk-{name}-{width}")
    if axe and width == 1366:
        assert_accessible(page)


def log_in(page, site: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(site + "/can-bo/dang-nhap/")  # the one typed address: the log-in page
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")
    page.wait_for_load_state("networkidle")


def menu(page, name: str) -> None:
    """Follow a link of the site's menu (opening the menu first where a phone folds it)."""
    toggle = page.locator("button.nav-toggle, #nav-toggle")
    if toggle.count() and toggle.first.is_visible():
        toggle.first.click()
    follow(page, page.locator("nav").get_by_role("link", name=name, exact=True).first)


def tab(page, tab_id: str) -> None:
    follow(page, page.locator(f"#tab-{tab_id}"))


def open_dossier(page, code: str) -> None:
    follow(page, page.get_by_role("link", name=code, exact=True).first)
    page.locator("#dossier-status").wait_for()


def act(page, action: str, status: str, fill: dict[str, str] | None = None, check: tuple[str, ...] = ()) -> None:
    """Open the action's form on the dossier page, fill it and send it; wait for the new status."""
    page.locator(f"#action-{action} summary").click()
    form = page.locator(f"#action-{action} form")
    for label in check:
        form.get_by_label(label, exact=True).check()
    for label, value in (fill or {}).items():
        form.get_by_label(label).fill(value)
    form.locator("button[type=submit]").click()
    page.locator("#dossier-status", has_text=status).wait_for()


def receive(page, *, name: str, phone: str, leave_out_required: bool = False) -> str:
    """Fill the reception form for a birth registration and tick its documents, all of them or all but the first
    required one (whose name is returned)."""
    page.fill("#id_procedure_q", "dang ky khai sinh")  # without diacritics, as officers type in a hurry
    page.wait_for_timeout(700)  # the picker asks the server after a pause in typing (htmx, delay:300ms)
    page.wait_for_load_state("networkidle")
    first = page.locator("#id_procedure input[type=radio]").first
    first.wait_for()
    assert "khai sinh" in page.locator("#id_procedure label").first.inner_text().lower()
    first.check()
    documents = page.locator("#components label.check")
    documents.first.wait_for()
    left_out = ""
    for document in documents.all():
        required = document.locator("abbr.req").count() > 0
        if leave_out_required and required and not left_out:
            left_out = document.locator("span").first.inner_text().split(" × ")[0].split(" (")[0]
            document.locator("input").uncheck()
        else:
            document.locator("input").check()
    page.fill("#id_applicant_name", name)
    page.fill("#id_applicant_phone", phone)
    page.fill("#id_applicant_address", "Thôn Hà Thanh, xã Gio Linh")
    return left_out


@pytest.mark.parametrize("width", WIDTHS)
def test_each_roles_day_on_the_demo(site, width):
    viewport = {"width": width, "height": 900}
    with chromium_page(viewport) as page:
        # --- The desk officer: lands on the work list of the desk.
        log_in(page, site, DESK)
        assert page.locator("#tab-check").count(), "the desk officer lands on the desk's work list"
        look(page, "1-desk-landing", width, axe=True)

        # An applicant without the declaration: not received; the guidance slip (Mẫu 02) lists what is missing.
        menu(page, "Tiếp nhận")
        missing = receive(page, name="Hoàng Thị Mai Lan", phone="0912 345 678", leave_out_required=True)
        assert missing
        follow(page, page.locator(".actions-bar button[type=submit]"))
        offer = page.locator("#guidance-offer")
        assert missing in offer.inner_text()
        page.locator("#guidance-offer textarea, #guidance-offer input[type=text]").first.fill(
            "Tờ khai chưa có chữ ký của người đi đăng ký"
        )
        look(page, "2-desk-guidance-offer", width)
        follow(page, page.locator("#print-guidance"))
        assert "PHIẾU YÊU CẦU BỔ SUNG" in page.locator("#form-title").inner_text()
        assert "Tờ khai chưa có chữ ký" in page.locator("#desk-form").inner_text()
        shot(page, f"walk-3-desk-guidance-slip-{width}")

        # She comes back with it: the form reopens filled from the slip; tick it and receive.
        follow(page, page.locator("#continue-reception"))
        assert page.locator("#id_applicant_name").input_value() == "Hoàng Thị Mai Lan"
        for box in page.locator("#components input[type=checkbox]").all():
            box.check()
        follow(page, page.locator(".actions-bar button[type=submit]"))
        first = page.locator("#receipt-code").inner_text().strip()
        assert re.fullmatch(r"[\w.]+-\d{6}-\d{4}", first), first
        look(page, "4-desk-receipt", width)

        # A second, complete dossier (to be refused on the merits later).
        menu(page, "Tiếp nhận")
        receive(page, name="Phan Văn Đức", phone="0905 111 222")
        follow(page, page.locator(".actions-bar button[type=submit]"))
        second = page.locator("#receipt-code").inner_text().strip()

        # Both wait in "new receptions": pass each to the commune's specialist.
        for code in (first, second):
            menu(page, "Hồ sơ cần xử lý")
            tab(page, "check")
            open_dossier(page, code)
            page.locator("#action-assign summary").click()
            handler = page.locator("#action-assign select").first
            specialist = handler.locator("option", has_text="Chuyên viên").first
            handler.select_option(value=specialist.get_attribute("value"))
            page.locator("#action-assign button[type=submit]").click()
            page.locator("#dossier-status", has_text="Đang xử lý").wait_for()
        look(page, "5-desk-assigned", width)

        # --- The specialist: lands on "assigned to me"; sends both for approval.
        log_in(page, site, SPECIALIST)
        for code in (first, second):
            tab(page, "mine")
            open_dossier(page, code)
            act(page, "submit", "Chờ phê duyệt", fill={"Ghi chú": "Hồ sơ hợp lệ, đề nghị lãnh đạo xem xét"})
            menu(page, "Hồ sơ cần xử lý")
        look(page, "6-specialist-list", width)

        # --- The leader: lands on the dossiers awaiting approval; approves one, refuses the other.
        log_in(page, site, LEADER)
        assert page.get_by_role("link", name=first, exact=True).count(), "the leader lands on the approvals"
        look(page, "7-leader-landing", width, axe=True)
        open_dossier(page, first)
        act(page, "approve", "Đã phê duyệt")
        act(page, "issue_result", "Đã có kết quả")
        menu(page, "Hồ sơ cần xử lý")
        open_dossier(page, second)
        page.locator("#action-refuse summary").click()
        page.locator("#action-refuse textarea").first.fill("Người yêu cầu không cư trú trên địa bàn xã")
        page.locator("#action-refuse button[type=submit]").click()
        page.locator("#dossier-status", has_text="Từ chối").wait_for()
        look(page, "8-leader-refused", width)

        # --- The desk again: both results to hand over; the first in person to the applicant herself.
        log_in(page, site, DESK)
        tab(page, "handover")
        assert page.get_by_role("link", name=second, exact=True).count()
        open_dossier(page, first)
        act(page, "deliver", "Đã trả kết quả", check=("Trực tiếp tại Bộ phận một cửa",))
        look(page, "9-desk-delivered", width)
        menu(page, "Sổ theo dõi hồ sơ")
        today = time.localtime()
        page.fill("#id_period", f"quý {(today.tm_mon - 1) // 3 + 1}/{today.tm_year}")
        follow(page, page.get_by_role("button", name="Xem"))
        row = page.locator("#tracking-book tbody tr", has_text=first)
        assert "Trực tiếp tại Bộ phận một cửa" in row.inner_text()
        shot(page, f"walk-10-desk-tracking-book-{width}")

        # --- The district's reform officer: lands on the report page, on the last quarter with data.
        log_in(page, site, REFORM)
        assert "/can-bo/reports/" in page.url
        assert page.locator("#id_period").input_value() in ("2023-Q3", "Q3/2023", "quý III/2023", "quý 3/2023")
        look(page, "11-reform-report", width, axe=True)
        follow(page, page.locator("nav.report-tabs a").nth(3))
        # Import a report-data file (one directive document of the district).
        follow(page, page.locator("#data a[href$='/reform/import/']"))
        page.select_option("#id_kind", "documents")
        page.set_input_files(
            "#id_file", files=[{"name": "van-ban.csv", "mimeType": "text/csv", "buffer": DOCUMENTS.encode()}]
        )
        follow(page, page.locator("#import-form button[type=submit]"))
        assert "đã nhập 1 dòng" in page.locator(".messages").inner_text().lower()
        look(page, "12-reform-imported", width)
        # Audit the hand-written report: its three known arithmetic errors (figures.json, known_inconsistencies:
        # lines 114, 124 and 130 of the report).
        follow(page, page.locator(".crumbs a").first)
        follow(page, page.locator("a[href$='/reform/audit/']").first)
        page.set_input_files(
            "#id_file",
            files=[{"name": REPORT.name, "mimeType": "text/plain", "buffer": REPORT.read_bytes()}],
        )
        follow(page, page.locator("#audit-form button[type=submit]"))
        lines = {row.locator("td").first.inner_text().strip() for row in page.locator("#findings tbody tr").all()}
        assert {"114", "124", "130"} <= lines, lines
        look(page, "13-reform-audit", width)
