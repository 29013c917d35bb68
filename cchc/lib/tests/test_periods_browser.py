"""The report page and the tracking book in Debian's chromium, from the log-in, at 1360, 1024 and 390 px: they open
on the last complete quarter of a unit that existed then, and read a period typed as people write it or picked as
two dates. Set CCHC_SCREENSHOTS=/some/dir to keep the screenshots."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc.lib.periods import default_quarter
from cchc.testing.browser import DESKTOP, PHONE, assert_accessible, chromium_page, shot
from cchc.testing.factories import local, received_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
WIDTHS = {"desktop": DESKTOP, "1024": {"width": 1024, "height": 768}, "phone": PHONE}


def log_in(page, live_server, user) -> None:
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def open_from_menu(page, url_name: str) -> None:
    link = page.locator(f"a[href='{reverse(url_name)}']").first
    if not link.is_visible():  # the phone's menu is folded
        page.locator("header button, nav button, .nav-toggle").first.click()
    link.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_of_an_abolished_district_opens_on_its_last_quarter(live_server, cast, width):
    from playwright.sync_api import expect

    cast.district.valid_to = dt.date(2025, 6, 30)  # as the Gio Linh demo district
    cast.district.save()
    with chromium_page(WIDTHS[width]) as page:
        log_in(page, live_server, cast.reform_officer)
        if "/reports/" not in page.url:
            open_from_menu(page, "reports:report")
        # the district's last complete quarter: Q2/2025, statutory cut-off 15/03/2025 - 14/06/2025
        expect(page.locator("#id_period")).to_have_value("2025-Q2")
        expect(page.locator("main")).to_contain_text("quý II năm 2025")
        expect(page.locator("main")).to_contain_text("15/03/2025")
        shot(page, f"periods-report-default-{width}")
        page.fill("#id_period", "quý III năm 2023")
        page.press("#id_period", "Enter")
        page.wait_for_load_state()
        expect(page.locator("main")).to_contain_text("quý III năm 2023")
        expect(page.locator("main")).to_contain_text("14/09/2023")
        assert_accessible(page)
        page.fill("#id_period", "quý ba")
        page.press("#id_period", "Enter")
        page.wait_for_load_state()
        expect(page.locator("[role=alert]")).to_contain_text("quý ba")
        shot(page, f"periods-report-error-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_tracking_book_opens_on_the_last_quarter_and_takes_two_dates(live_server, cast, width):
    from playwright.sync_api import expect

    july = received_dossier(cast.commune_a, at=local(2023, 7, 10, 9))
    august = received_dossier(cast.commune_a, at=local(2023, 8, 10, 9))
    with chromium_page(WIDTHS[width]) as page:
        log_in(page, live_server, cast.desk_a)
        open_from_menu(page, "web:tracking_book")
        expect(page.locator("#id_period")).to_have_value(default_quarter())
        page.fill("#id_period", "")
        page.fill("#id_date_from", "2023-07-01")
        page.fill("#id_date_to", "2023-07-31")
        page.locator("form.filters button[type=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("#tracking-book")).to_contain_text("01/07/2023")
        expect(page.locator("#tracking-book")).to_contain_text(july.code)
        expect(page.locator("#tracking-book")).not_to_contain_text(august.code)
        # the two dates were a one-time pick: the text field now names the range, the pickers are empty again
        expect(page.locator("#id_period")).to_have_value("01/07/2023-31/07/2023")
        expect(page.locator("#id_date_from")).to_have_value("")
        shot(page, f"periods-book-dates-{width}")
        page.fill("#id_period", "tháng 8 năm 2023")
        page.locator("form.filters button[type=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("#tracking-book")).to_contain_text(august.code)
        expect(page.locator("#tracking-book")).not_to_contain_text(july.code)
        assert_accessible(page)
