"""End to end in Debian's chromium: a dossier from the desk to delivery, and the work list's overdue flag.

Set CCHC_SCREENSHOTS=/some/dir to keep screenshots of the reception form, receipt, work list and dossier page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cchc.accounts.models import Role
from cchc.dossiers.models import Dossier
from cchc.dossiers.workflow import Status
from cchc.testing.factories import received_dossier

# serialized_rollback: the rows of data migrations are put back after each test's flush (conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = os.environ.get("CCHC_SCREENSHOTS", "")


@pytest.fixture
def page(live_server):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
            headless=True,
        )
        context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="vi-VN")
        context.set_default_timeout(15000)
        yield context.new_page()
        browser.close()


def shot(page, name: str, pdf: bool = False) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
        if pdf:
            page.emulate_media(media="print")
            page.pdf(path=str(Path(SHOTS) / f"{name}.pdf"), prefer_css_page_size=True)
            page.emulate_media(media="screen")


def vi(label) -> str:
    with translation.override("vi"):
        return str(label)


def log_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit].btn-primary")
    page.wait_for_url(live_server.url + reverse("web:worklist"))


def act(page, action: str, expected_status: str, **fields: str) -> None:
    """Open the action's small form, fill it, post it (htmx) and wait for the refreshed status."""
    from playwright.sync_api import expect

    page.click(f"#action-{action} summary")
    for name, value in fields.items():
        selector = f"[name='{action}-{name}']"
        if page.locator(selector).evaluate("el => el.tagName") == "SELECT":
            page.select_option(selector, label=value)
        else:
            page.fill(selector, value)
    page.click(f"#action-{action} button[type=submit]")
    expect(page.locator("#dossier-status")).to_have_text(vi(Status(expected_status).label))


def test_a_dossier_from_the_desk_to_delivery(page, live_server, cast, components):
    from playwright.sync_api import expect

    log_in(page, live_server, cast.desk_a)
    page.click(f"nav a[href='{reverse('web:receive')}']")
    page.fill("#id_procedure_q", "khai sinh")
    page.wait_for_timeout(600)
    page.check(f"#id_procedure input[value='{cast.procedure.pk}']")
    expect(page.locator("#components input[type=checkbox]")).to_have_count(2)
    for box in page.locator("#components input[type=checkbox]").all():
        box.check()
    page.fill("#id_applicant_name", "Trần Văn Cường")
    page.fill("#id_applicant_id_number", "045099000321")
    page.fill("#id_applicant_phone", "0983000444")
    page.fill("#id_applicant_address", "Thôn Hảo Sơn, xã Gio An")
    shot(page, "1-reception-form")
    page.click("#reception-form button[type=submit]")

    dossier = Dossier.objects.get()
    page.wait_for_url(live_server.url + reverse("web:receipt", args=[dossier.code]))
    expect(page.locator("#receipt-code")).to_have_text(dossier.code)
    expect(page.locator("#receipt-appointment")).to_contain_text("giờ")
    expect(page.locator("#receipt-appointment")).to_contain_text(f"năm {dossier.due_at.year}")
    expect(page.locator("#receipt")).to_contain_text("Tờ khai đăng ký khai sinh")
    shot(page, "2-receipt", pdf=True)

    page.goto(live_server.url + dossier.get_absolute_url())
    handler = f"{cast.specialist_a} · {vi(Role.SPECIALIST.label)} · UBND xã Gio An"
    act(page, "assign", Status.IN_PROCESS, handler=handler)

    log_in(page, live_server, cast.specialist_a)
    page.goto(live_server.url + dossier.get_absolute_url())
    act(page, "submit", Status.AWAITING_APPROVAL, note="Hồ sơ đủ điều kiện")

    log_in(page, live_server, cast.leader_a)
    page.goto(live_server.url + dossier.get_absolute_url())
    act(page, "approve", Status.APPROVED)
    act(page, "issue_result", Status.RESULT_ISSUED)

    log_in(page, live_server, cast.desk_a)
    page.goto(live_server.url + dossier.get_absolute_url())
    act(page, "deliver", Status.DELIVERED, note="Công dân đã nhận")
    shot(page, "4-dossier-page")

    # The six workflow events, and the receipt printed at the desk (issue 9: prints show on the timeline).
    expect(page.locator("#timeline .event:not(.event-print):not(.event-upload)")).to_have_count(6)
    expect(page.locator("#timeline .event-print")).to_have_count(1)
    expect(page.locator("#timeline")).to_contain_text("Hồ sơ đủ điều kiện")
    expect(page.locator("#timeline")).to_contain_text("Công dân đã nhận")
    page.click(f"nav a[href='{reverse('web:tracking_book')}']")
    page.select_option("#id_unit", str(cast.commune_a.pk))
    # The book opens on the last complete quarter; today's dossier is in the current one, written as people do.
    page.fill("#id_period", f"quý {(timezone.localdate().month - 1) // 3 + 1}/{timezone.localdate().year}")
    page.click("form.filters button[type=submit]")
    expect(page.locator("#tracking-book")).to_contain_text(dossier.code)
    expect(page.locator("#tracking-book")).to_contain_text("Trần Văn Cường")
    shot(page, "5-tracking-book", pdf=True)

    dossier.refresh_from_db()
    assert dossier.status == Status.DELIVERED
    assert list(dossier.events.values_list("action", flat=True)) == [
        "receive",
        "assign",
        "submit",
        "approve",
        "issue_result",
        "deliver",
    ]


def test_the_work_list_highlights_an_overdue_dossier(page, live_server, cast, long_procedure):
    from django.utils import timezone
    from playwright.sync_api import expect

    overdue = received_dossier(cast.commune_a)
    on_time = received_dossier(cast.commune_a, at=timezone.now(), procedure=long_procedure)
    log_in(page, live_server, cast.desk_a)
    row = page.locator("tr", has=page.locator(f"a:text-is('{overdue.code}')"))
    expect(row).to_have_class("row-overdue")
    expect(row.locator(".flag-overdue")).to_be_visible()
    other = page.locator("tr", has=page.locator(f"a:text-is('{on_time.code}')"))
    expect(other).not_to_have_class("row-overdue")
    red = row.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert red == "rgb(253, 232, 232)"
    shot(page, "3-work-list")
