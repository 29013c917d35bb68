"""Screens of every size (issue 9 point 7): the work list, the dossier page, the reception form and the search
results in chromium at 1366, 1024 and 390 px with the data that breaks layouts (procedure names of 150+
characters, a company as the applicant, a procedure with a dozen documents).

Each page must fit the window (no sideways scrolling of the page: a wide table scrolls in its own box or turns
into cards), no table cell may be squeezed below about one word, no placeholder may be cut, and the reception
picker shows a long procedure name whole, wrapped.

Set CCHC_SCREENSHOTS=/some/dir to keep the screenshots (screens-<page>-<width>.png).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.dossiers.workflow import Status
from cchc.testing.browser import assert_accessible, chromium_page, shot
from cchc.testing.factories import (
    ComponentDocumentFactory,
    ProcedureFactory,
    awaiting_supplement_dossier,
    dossier_in,
    in_process_dossier,
    received_dossier,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (1366, 1024, 390)
# A real commune procedure of the national catalogue (1.004227 and its inter-linked siblings run this long).
LONG_NAME = (
    "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em "
    "dưới 6 tuổi và cấp giấy chứng nhận quyền sử dụng đất tạm thời"
)
COMPANY = {
    "name": "Công ty Trách nhiệm hữu hạn Thương mại Dịch vụ Xây dựng và Vận tải Hoàng Gia Quảng Trị",
    "id_number": "045085001234",  # the director who brings it
    "phone": "0233 3856 789",
    "address": "Lô 14, Khu công nghiệp Quán Ngang, thị trấn Gio Linh, huyện Gio Linh, tỉnh Quảng Trị",
}
HANDLER_NAME = "Nguyễn Thị Phương Thảo"


@pytest.fixture
def busy(cast):
    """Gio An's desk with a long-named procedure of twelve documents, a company applicant, dossiers overdue,
    due soon and waiting; the specialist has a four-word name."""
    assert len(LONG_NAME) >= 150
    long_one = ProcedureFactory(code="1.004227", name=LONG_NAME, processing_days=5)
    for n in range(1, 13):
        ComponentDocumentFactory(
            procedure=long_one,
            name=f"Bản sao giấy tờ chứng minh số {n} theo quy định tại khoản {n} Điều 9 Nghị định 104/2022/NĐ-CP",
            form="Bản sao có chứng thực hoặc bản sao kèm bản chính để đối chiếu",
            order=n,
            required=n <= 3,
        )
    cast.specialist_a.full_name = HANDLER_NAME
    cast.specialist_a.save(update_fields=["full_name"])
    now = timezone.now()
    fresh = received_dossier(cast.commune_a, at=now, procedure=long_one, applicant=COMPANY)
    in_process_dossier(cast.commune_a, procedure=long_one, applicant=COMPANY, to=cast.specialist_a)  # overdue
    in_process_dossier(cast.commune_a, at=now - dt.timedelta(days=4), procedure=long_one, to=cast.specialist_a)
    awaiting_supplement_dossier(cast.commune_a, procedure=long_one, applicant=COMPANY)
    dossier_in(Status.RESULT_ISSUED, cast.commune_a, applicant=COMPANY)
    received_dossier(cast.commune_a)
    cast.long_procedure, cast.fresh = long_one, fresh
    return cast


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/can-bo/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-1234")
    page.press("#id_password", "Enter")
    page.wait_for_load_state("networkidle")


# What the page shows wrong, one line each: the page wider than the window, table cells narrower than about one
# word (5 em, or the cell's whole text if shorter), placeholders wider than their box.
LAYOUT_FAULTS = """() => {
  const faults = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    faults.push(`page ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
  }
  const ctx = document.createElement('canvas').getContext('2d');
  const textWidth = (el, text) => { ctx.font = getComputedStyle(el).font; return ctx.measureText(text).width; };
  for (const cell of document.querySelectorAll('td, th')) {
    const text = cell.innerText.replace(/\\s+/g, ' ').trim();
    const hidden = el => { for (; el && el !== document.body; el = el.parentElement) {
      const r = el.getBoundingClientRect(); if (r.width <= 2 || r.height <= 2) return true; } return false; };
    if (!text || hidden(cell)) continue;  // not shown (the phone cards' visually hidden header row)
    const style = getComputedStyle(cell);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const need = Math.min(textWidth(cell, text), 5 * parseFloat(style.fontSize));
    if (inner + 1 < need) {
      faults.push(`cell "${text.slice(0, 40)}" ${Math.round(inner)}px wide, needs ${Math.round(need)}px`);
    }
  }
  for (const input of document.querySelectorAll('input[placeholder]')) {
    if (!input.offsetParent || !input.placeholder) continue;
    const style = getComputedStyle(input);
    const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const need = textWidth(input, input.placeholder);
    if (inner + 1 < need) {
      faults.push(`placeholder "${input.placeholder}" cut: ${Math.round(need)}px in ${Math.round(inner)}px`);
    }
  }
  return faults;
}"""


def assert_fits(page) -> None:
    faults = page.evaluate(LAYOUT_FAULTS)
    assert not faults, f"{page.url} at {page.viewport_size['width']}px:\n" + "\n".join(faults)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_desk_pages_fit_every_screen(live_server, busy, width):
    from playwright.sync_api import expect

    with chromium_page({"width": width, "height": 900}) as page:
        log_in(page, live_server, busy.desk_a)

        # The work list: the desk's new receptions, then every open dossier of the unit.
        assert page.locator("table.worklist tbody tr").count() >= 2
        assert_fits(page)
        shot(page, f"screens-worklist-{width}")
        page.locator("#tab-unit").click()
        page.wait_for_url("**tab=unit**")
        assert HANDLER_NAME in page.locator("table.worklist tbody").inner_text()
        assert_fits(page)
        shot(page, f"screens-worklist-unit-{width}")

        # The dossier page of the company's long-named dossier.
        page.locator(f"table.worklist a.code:text-is('{busy.fresh.code}')").click()
        page.wait_for_url(f"**{busy.fresh.get_absolute_url()}")
        assert COMPANY["name"] in page.locator(".facts").inner_text()
        assert_fits(page)
        shot(page, f"screens-dossier-{width}")

        # The search results for the long procedure.
        page.fill(".nav-search input", "chứng nhận quyền sử dụng đất tạm thời")
        page.press(".nav-search input", "Enter")
        page.wait_for_url("**/can-bo/search/**")
        assert page.locator("table.search-results tbody tr").count() == 4
        assert_fits(page)
        shot(page, f"screens-search-{width}")

        # The reception form: the long name found by a word, shown whole and wrapped; choosing it loads its twelve
        # documents.
        page.click(f"nav a[href='{reverse('web:receive')}']")
        page.wait_for_url(f"**{reverse('web:receive')}")
        assert_fits(page)
        page.fill("#id_procedure_q", "tạm thời")
        expect(page.locator("#id_procedure label.pick")).to_have_count(1)  # the list narrowed (htmx)
        pick = page.locator("#id_procedure label.pick", has_text="1.004227")
        assert LONG_NAME in " ".join(pick.inner_text().split())
        geometry = pick.evaluate(
            """el => ({height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight),
                       cut: el.scrollWidth > el.clientWidth,
                       box: el.parentElement.scrollWidth > el.parentElement.clientWidth})"""
        )
        assert not geometry["cut"] and not geometry["box"], geometry
        assert geometry["height"] > 2 * geometry["line"], geometry  # wrapped over lines, not cut to one
        pick.locator("input").check()
        expect(page.locator("#components input[type=checkbox]")).to_have_count(12)
        assert_fits(page)
        shot(page, f"screens-reception-{width}")
        if width == 1366:
            assert_accessible(page)


@pytest.mark.parametrize("width", (1024, 390))
def test_the_reform_officer_sees_the_handler_not_the_applicant(live_server, busy, width):
    """The district's reform officer oversees Gio An: the officer handling each dossier is named (an officer's
    name is not the applicant's personal data), the applicant is not."""
    with chromium_page({"width": width, "height": 900}) as page:
        log_in(page, live_server, busy.reform_officer)
        page.goto(f"{live_server.url}{reverse('web:search')}?q=1.004227")
        results = page.locator("table.search-results").inner_text()
        assert HANDLER_NAME in results and COMPANY["name"] not in results
        assert_fits(page)
        shot(page, f"screens-search-overseer-{width}")
