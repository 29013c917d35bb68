"""The queue in chromium: a visitor takes a number at the kiosk, the desk officer calls it, the hall display shows
it within two seconds without reloading and speaks it (when the sound is on), recall and skip work, and the
leader's statistics add up. Screenshots: kiosk at 1024 × 768 and 1920 × 1080, display at 1920 × 1080, the
officer's page at 1366 and 390 px."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from cchc.queueing.models import Ticket, TicketStatus
from cchc.testing.browser import assert_accessible, chromium_page, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
TABLET = {"width": 1024, "height": 768}
STAND = {"width": 1920, "height": 1080}
LIVE = 2500  # ms: the display polls every second


def log_in(page, base, user):
    page.goto(f"{base}/can-bo/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{base}/can-bo/**")


def take_number(kiosk, base, group: str) -> str:
    kiosk.goto(f"{base}/lay-so/gio-an/")
    kiosk.get_by_role("button", name=group).click()
    kiosk.wait_for_url("**/lay-so/gio-an/so/*/")
    return kiosk.locator(".q-t-number").inner_text()


def printed_on_a_receipt_roll(page, tmp_path) -> None:
    """The ticket's print is one page 80 mm wide (226.8 pt) with the unit, the group and the number, read back
    from chromium's PDF of the print media."""
    if not shutil.which("pdfinfo"):
        pytest.skip("poppler's pdfinfo is not installed")
    pdf = tmp_path / "ticket.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x", info)
    assert size, info
    width = float(size.group(1))
    assert abs(width - 80 / 25.4 * 72) < 1, info
    assert re.search(r"Pages:\s+1\n", info), info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "UBND xã Gio An" in text and "Hộ tịch" in text and "In lại" not in text


def test_kiosk_officer_display_and_statistics(live_server, hall, cast, tmp_path):
    base = live_server.url
    with chromium_page(STAND) as display:
        context = display.context
        # Headless chromium has no voices: record what the display asks the browser to say.
        context.add_init_script(
            "window.__spoken = []; if (window.speechSynthesis) { window.speechSynthesis.speak ="
            " function (u) { window.__spoken.push(u.lang + '|' + u.text); }; }"
        )
        display.goto(f"{base}/man-hinh/gio-an/")
        display.get_by_text("Hôm nay chưa gọi số nào").wait_for()
        display.get_by_role("button", name="Bật âm thanh").click()
        display.evaluate("window.__notReloaded = true")

        # The kiosk, the display and the officer's computer are three devices: three browser contexts.
        browser = context.browser
        kiosk = browser.new_context(viewport=TABLET, locale="vi-VN", has_touch=True).new_page()
        # The ticket prints itself on opening: count the calls instead of opening chromium's print job, which
        # would race the test's own PDF of the print media ("Page is already being printed").
        kiosk.context.add_init_script("window.__prints = 0; window.print = function () { window.__prints += 1; };")
        kiosk.goto(f"{base}/lay-so/gio-an/")
        shot(kiosk, "queue-kiosk-1024")
        assert_accessible(kiosk)
        assert take_number(kiosk, base, "Hộ tịch 0 người đang chờ") == "1"
        assert kiosk.get_by_text("Có 0 người chờ trước bạn").is_visible()
        shot(kiosk, "queue-ticket")
        assert_accessible(kiosk)
        for _ in range(50):  # the page asks to print 300 ms after opening (polled: the CSP forbids eval)
            if kiosk.evaluate("window.__prints") >= 1:
                break
            kiosk.wait_for_timeout(100)
        assert kiosk.evaluate("window.__prints") == 1
        printed_on_a_receipt_roll(kiosk, tmp_path)
        kiosk.set_viewport_size(STAND)
        assert take_number(kiosk, base, "Hộ tịch 1 người đang chờ") == "2"
        assert kiosk.get_by_text("Có 1 người chờ trước bạn").is_visible()
        kiosk.goto(f"{base}/lay-so/gio-an/")
        shot(kiosk, "queue-kiosk-1920")
        display.locator(f"[data-waiting='{hall.civil.pk}']", has_text="2").wait_for(timeout=LIVE)

        officer = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN").new_page()
        log_in(officer, base, cast.desk_a)
        officer.get_by_role("link", name="Quầy của tôi").click()
        shot(officer, "queue-officer-choose-1366")
        assert_accessible(officer)
        officer.locator("li", has_text="Quầy 1").get_by_role("button", name="Ngồi quầy này").click()
        officer.get_by_role("button", name="Gọi số tiếp theo").click()
        assert officer.locator("[data-current]").inner_text() == "1"

        # The display shows it within two seconds, without a reload, and says it in Vietnamese.
        display.locator(".q-last-number", has_text="1").wait_for(timeout=LIVE)
        assert display.locator("td[data-counter='1']").inner_text() == "1"
        assert display.evaluate("window.__notReloaded") is True
        display.wait_for_function("() => window.__spoken.length >= 1", timeout=LIVE)
        assert display.evaluate("window.__spoken[0]") == "vi-VN|Mời số 1 đến quầy số 1"
        shot(display, "queue-display-1920")
        assert_accessible(display)

        # Recall: announced again.
        officer.get_by_role("button", name="Gọi lại").click()
        officer.get_by_text("đã gọi lại 1 lần").wait_for()
        display.wait_for_function("() => window.__spoken.length >= 3", timeout=LIVE + 3500)
        assert display.evaluate("window.__spoken[2]") == "vi-VN|Mời số 1 đến quầy số 1"
        shot(officer, "queue-officer-1366")
        assert_accessible(officer)

        # Skip the absent visitor, call the next one, serve them.
        officer.get_by_role("button", name="Bỏ qua (vắng mặt)").click()
        officer.get_by_text("Quầy của bạn chưa có số nào.").wait_for()
        officer.get_by_role("button", name="Gọi số tiếp theo").click()
        assert officer.locator("[data-current]").inner_text() == "2"
        display.locator(".q-last-number", has_text="2").wait_for(timeout=LIVE)
        officer.set_viewport_size({"width": 390, "height": 844})
        shot(officer, "queue-officer-390")
        assert officer.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        officer.get_by_role("button", name="Đã phục vụ xong").click()
        officer.get_by_text("Quầy của bạn chưa có số nào.").wait_for()
        display.locator("td[data-counter='1']", has_text="–").wait_for(timeout=LIVE)
        assert display.evaluate("window.__notReloaded") is True
        assert [(t.number, t.status, t.recalls) for t in Ticket.objects.order_by("number")] == [
            (1, TicketStatus.SKIPPED, 1),
            (2, TicketStatus.DONE, 0),
        ]

    with chromium_page({"width": 1366, "height": 900}) as leader:
        log_in(leader, base, cast.leader_a)
        leader.get_by_role("link", name="Thống kê số thứ tự").click()
        total = leader.locator("table[data-table='1'] tbody tr").first
        # Two numbers taken, both called, one served, one skipped.
        assert total.locator("td").all_inner_texts()[:4] == ["2", "2", "1", "1"]
        counter = leader.locator("table[data-table='2'] tbody tr").first
        assert counter.locator("th").text_content() == "Quầy 1"
        assert counter.locator("td").all_inner_texts()[:4] == ["–", "2", "1", "1"]
        shot(leader, "queue-statistics-1366")
        assert_accessible(leader)
