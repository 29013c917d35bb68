"""The work list in chromium, as each role meets it after log-in: the desk, the specialist, the leader on their
job tabs, the reform officer on the report page; at 1366, 1024 and 390 px wide with no sideways overflow.

Set CCHC_SCREENSHOTS=/some/dir to keep the screenshots (worklist-<role>-<width>.png).
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from cchc.dossiers.workflow import Status
from cchc.testing.browser import assert_accessible, assert_fits, chromium_page, shot
from cchc.testing.factories import (
    ProcedureFactory,
    awaiting_approval_dossier,
    awaiting_supplement_dossier,
    dossier_in,
    in_process_dossier,
    received_dossier,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (1366, 1024, 390)
LONG_NAME = (
    "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi (liên thông thủ tục "
    "hành chính)"
)


@pytest.fixture
def day(cast):
    """Work waiting for each role at Gio An: new receptions, a supplement awaited, a result to hand over, the
    specialist's dossiers, one to approve; one overdue, one due soon."""
    long_one = ProcedureFactory(code="1.001999", name=LONG_NAME)
    received_dossier(cast.commune_a)  # overdue (July 2023)
    received_dossier(cast.commune_a, at=timezone.now(), procedure=long_one)
    awaiting_supplement_dossier(cast.commune_a)
    dossier_in(Status.RESULT_ISSUED, cast.commune_a)
    in_process_dossier(cast.commune_a, to=cast.specialist_a, at=timezone.now())
    in_process_dossier(cast.commune_a, to=cast.specialist_a)
    awaiting_approval_dossier(cast.commune_a)
    return cast


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/can-bo/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("role", "tab"), [("desk_a", "check"), ("specialist_a", "assigned"), ("leader_a", "approve")])
def test_each_role_lands_on_its_tab(live_server, day, role, tab, width):
    with chromium_page({"width": width, "height": 900}) as page:
        log_in(page, live_server, getattr(day, role))
        assert page.url == f"{live_server.url}/can-bo/"
        active = page.locator(".wl-tab.active")
        assert active.get_attribute("id") == f"tab-{tab}"
        count = int(active.locator(".count").inner_text())
        assert count >= 1 and page.locator("table.worklist tbody tr").count() == count
        assert_fits(page)
        shot(page, f"worklist-{role}-{width}")
        if width == 1366:
            assert_accessible(page)
        # The filters narrow the rows in place (htmx): the overdue ones only.
        page.get_by_label("Quá hạn").check()
        page.wait_for_url("**loc=overdue**")
        page.wait_for_load_state("networkidle")
        for row in page.locator("table.worklist tbody tr").all():
            assert "row-overdue" in (row.get_attribute("class") or "") or "Không có hồ sơ" in row.inner_text()
        assert_fits(page)


def test_the_desk_goes_through_its_tabs(live_server, day):
    with chromium_page({"width": 1024, "height": 900}) as page:
        log_in(page, live_server, day.desk_a)
        page.locator("#tab-handover").click()
        page.wait_for_url("**tab=handover**")
        assert page.locator("table.worklist tbody tr").count() == 1
        assert "Đã có kết quả" in page.locator("table.worklist tbody").inner_text()
        page.locator("#tab-guide").click()
        page.wait_for_url("**tab=guide**")
        shot(page, "worklist-desk-guide-1024")
        page.locator("table.worklist a.code").first.click()
        page.wait_for_url("**/can-bo/dossiers/**")


@pytest.mark.parametrize("width", (1366, 390))
def test_the_reform_officer_lands_on_the_report(live_server, day, width):
    with chromium_page({"width": width, "height": 900}) as page:
        log_in(page, live_server, day.reform_officer)
        assert "/can-bo/reports/" in page.url
        shot(page, f"landing-reform-{width}")
