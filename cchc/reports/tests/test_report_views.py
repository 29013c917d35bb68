"""The report page on the Gio Linh demo: figures on screen, each a link to the very dossiers it counts, the
CSV export of that list, downloads that are logged, and access limited to the units whose figures one reads."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from django.urls import reverse

from cchc.accounts.models import User
from cchc.lib.formatting import vn_int
from cchc.lib.periods import STATUTORY, parse_period
from cchc.reports.figures.dossiers import dossier_figures
from cchc.reports.models import GeneratedReport, ReportFormat, ReportSource
from cchc.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

PERIOD = parse_period("2023-Q3", STATUTORY)
QUERY = "unit=gio-linh&period=2023-Q3&cutoff=statutory"
LINK = re.compile(r'<a href="(/can-bo/reports/dossiers/\?[^"]+)" class="figure-link">([^<]+)</a>')


def login(client, username: str) -> User:
    user = User.objects.get(username=username)
    client.force_login(user)
    return user


def listed_count(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    found = re.search(r'id="figure-count">([^<]+)<', response.content.decode())
    assert found, url
    return found[1]


def drill_url(unit: str, scope: str, key: str) -> str:
    return f"{reverse('reports:figure_dossiers')}?unit={unit}&scope={scope}&period=2023-Q3&cutoff=statutory&key={key}"


@pytest.fixture
def page(client, demo):
    login(client, "cchc.gio-linh")
    # The page's parts are tabs, each at its own address: read them all.
    parts = []
    for tab in ("", "units", "text", "data"):
        response = client.get(f"{reverse('reports:report')}?{QUERY}" + (f"&tab={tab}" if tab else ""))
        assert response.status_code == 200
        parts.append(response.content.decode())
    return "\n".join(parts)


def test_the_page_shows_the_section_figures_and_the_units(page):
    assert "8.134" in page and "1.365" in page and "6.769" in page
    assert "99,95%" in page and "0,05%" in page and "75,60%" in page
    for name in ("UBND xã Trung Hải", "UBND thị trấn Gio Linh", "UBND xã Gio An"):
        assert name in page
    assert "(số liệu tính từ ngày 15/6/2023 đến hết ngày 14/9/2023)" in page
    for fmt in ReportFormat.values:
        assert f"{reverse('reports:download', args=[fmt])}?{QUERY}" in html.unescape(page)


def test_every_figure_on_the_page_lists_exactly_the_records_it_counts(client, page):
    """Follow each link of the page: the list behind it has as many records as the figure says."""
    links = LINK.findall(page)
    assert len(links) > 150  # 20 counts x 3 scopes, the rates' counts and 18 units x 4 rates x 2
    seen = set()
    for url, text in links:
        url = html.unescape(url)
        if url in seen:
            continue
        seen.add(url)
        assert listed_count(client, url) == text, url


@pytest.mark.parametrize(
    ("unit", "scope", "key"),
    [
        ("gio-linh", "tree", "total"),
        ("gio-linh", "self", "resolved_late"),
        ("gio-linh", "tree", "apologies"),
        ("gio-linh", "tree", "late_with_apology"),
        ("trung-hai", "tree", "digitized_components"),
        ("tt-gio-linh", "tree", "full_online_received_online"),
    ],
)
def test_the_csv_export_has_one_line_per_counted_record(client, demo, unit, scope, key):
    login(client, "cchc.gio-linh")
    expected = dossier_figures(unit=Unit.objects.get(code=unit), period=PERIOD, scope=scope).counts[key]
    assert listed_count(client, drill_url(unit, scope, key)) == vn_int(expected)
    response = client.get(drill_url(unit, scope, key) + "&export=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == expected
    if expected:
        assert set(rows[0]) >= {"code", "procedure", "unit", "channel", "received", "due", "finished", "outcome"}


def test_the_list_is_paginated(client, demo):
    login(client, "cchc.gio-linh")
    response = client.get(drill_url("gio-linh", "tree", "total") + "&page=2")
    body = response.content.decode()
    assert body.count('class="figure-row"') == 50
    assert "Trang 2/163" in body  # 8.134 records, 50 a page (the interface is Vietnamese)


def test_personal_data_only_for_those_who_handle_the_dossiers(client, demo):
    url = drill_url("tt-gio-linh", "tree", "resolved")
    login(client, "motcua.tt-gio-linh")
    handler_view = client.get(url).content.decode()
    login(client, "cchc.gio-linh")
    overseer_view = client.get(url).content.decode()
    handler_cells, overseer_cells = APPLICANT.findall(handler_view), APPLICANT.findall(overseer_view)
    assert len(handler_cells) == len(overseer_cells) == 50
    assert all(cell and "—" not in cell for cell in handler_cells)
    assert all("—" in cell for cell in overseer_cells)


APPLICANT = re.compile(r"<td>([^<]*|<span class=\"muted\">—</span>)</td>\s*</tr>")


@pytest.mark.parametrize(
    "url",
    [
        drill_url("gio-chau", "tree", "total"),
        drill_url("gio-linh", "tree", "total"),
        "/can-bo/reports/?unit=gio-chau&period=2023-Q3&cutoff=statutory",
        "/can-bo/reports/download/docx/?unit=gio-chau&period=2023-Q3&cutoff=statutory",
    ],
)
def test_another_units_officer_gets_404(client, demo, url):
    login(client, "motcua.gio-an")
    assert client.get(url).status_code == 404


def test_an_unknown_figure_is_404_and_a_bad_period_400(client, demo):
    login(client, "cchc.gio-linh")
    assert client.get(drill_url("gio-linh", "tree", "no_such_key")).status_code == 404
    assert client.get(drill_url("gio-linh", "nowhere", "total")).status_code == 404
    assert client.get(drill_url("gio-linh", "tree", "total").replace("2023-Q3", "2023-Q9")).status_code == 400


def test_anonymous_visitors_are_sent_to_log_in(client, demo):
    for url in (reverse("reports:report"), drill_url("gio-linh", "tree", "total")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("fmt", [ReportFormat.DOCX, ReportFormat.XLSX])
def test_downloads_are_logged(client, demo, fmt):
    user = login(client, "cchc.gio-linh")
    response = client.get(f"{reverse('reports:download', args=[fmt])}?{QUERY}")
    assert response.status_code == 200
    assert f'filename="bao-cao-cchc-gio-linh-2023-Q3.{fmt}"' in response["Content-Disposition"]
    row = GeneratedReport.objects.get(format=fmt, source=ReportSource.WEB)
    assert row.generated_by == user and row.unit.code == "gio-linh" and row.size == len(response.content)
    assert (row.start.isoformat(), row.end.isoformat(), row.cutoff) == ("2023-06-15", "2023-09-14", "statutory")


def test_the_menu_links_to_the_report_for_reform_officers(client, demo):
    login(client, "cchc.gio-linh")
    assert reverse("reports:report") in client.get(reverse("web:worklist")).content.decode()
    login(client, "motcua.gio-an")
    assert reverse("reports:report") not in client.get(reverse("web:worklist")).content.decode()
