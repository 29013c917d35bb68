"""The leaders' satisfaction page: for leaders and reform officers of the unit or above it; it names officers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.feedback.evaluations import evaluation_submit
from cchc.testing.factories import local, resolved_dossier

URL = "/can-bo/reports/satisfaction/"


@pytest.fixture
def evaluated(cast):
    at = local(2023, 7, 20, 9)
    a = resolved_dossier(cast.commune_a, to=cast.specialist_a)
    b = resolved_dossier(cast.commune_b, to=cast.specialist_b)
    evaluation_submit(
        dossier=a, satisfaction="very_satisfied", contacts=0, agencies=1, attitude="satisfied", submitted_at=at
    )
    evaluation_submit(dossier=b, satisfaction="unsatisfied", submitted_at=at)
    return a, b


def test_the_address_and_the_menu_entry(client, cast):
    assert reverse("reports:satisfaction") == URL
    client.force_login(cast.reform_officer)
    assert URL in client.get(reverse("web:worklist")).content.decode()
    client.force_login(cast.desk_a)
    assert URL not in client.get(reverse("web:worklist")).content.decode()


def test_the_district_reform_officer_reads_every_commune_and_its_officers(client, cast, evaluated):
    client.force_login(cast.reform_officer)
    response = client.get(URL, {"unit": "gio-linh", "period": "2023-Q3", "cutoff": "calendar"})
    html = response.content.decode()
    assert response.status_code == 200
    # Two forms, one very satisfied and one not: 1 / 2 = 50,00 %; index 1 both early: 2,0.
    assert "50,00%" in html and "2,0" in html
    for name in (cast.commune_a.display_name, cast.commune_b.display_name, str(cast.specialist_a), str(cast.desk_b)):
        assert str(name) in html
    # No applicant data on it.
    assert evaluated[0].applicant_name not in html


def test_a_commune_leader_reads_only_the_commune(client, cast, evaluated):
    client.force_login(cast.leader_a)
    assert client.get(URL, {"unit": "gio-linh", "period": "2023-Q3"}).status_code == 404
    assert client.get(URL, {"unit": "gio-chau", "period": "2023-Q3"}).status_code == 404
    html = client.get(URL, {"period": "2023-Q3", "cutoff": "calendar"}).content.decode()
    assert str(cast.specialist_a) in html and str(cast.specialist_b) not in html


def test_desk_officers_and_specialists_do_not(client, cast, evaluated):
    for user in (cast.desk_a, cast.specialist_a):
        client.force_login(user)
        assert client.get(URL, {"unit": "gio-an", "period": "2023-Q3"}).status_code == 403


@pytest.mark.parametrize("period", ["2023-Q5", "x" * 50, "1000-Q1", ""])
def test_a_bad_period_is_a_bad_request(client, cast, period):
    client.force_login(cast.reform_officer)
    assert client.get(URL, {"unit": "gio-linh", "period": period}).status_code == 400


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_page_in_chromium(live_server, cast, evaluated):
    from cchc.testing.browser import DESKTOP, chromium_page, shot

    with chromium_page(DESKTOP) as page:
        page.goto(f"{live_server.url}/can-bo/dang-nhap/")
        page.fill("#id_username", cast.reform_officer.username)
        page.fill("#id_password", "pass-1234")
        page.press("#id_password", "Enter")
        # The reform officer lands on the report page (the work lists follow the job: decision 0021).
        page.wait_for_url(f"{live_server.url}/can-bo/reports/**")
        page.get_by_role("link", name="Mức độ hài lòng").click()
        page.fill("#id_period", "2023-Q3")
        page.select_option("#id_cutoff", "calendar")
        page.get_by_role("button", name="Xem").click()
        assert page.locator("#by-unit tbody tr").count() == 3  # the district and its two communes
        assert page.locator("#by-handler tbody tr").count() == 2
        shot(page, "satisfaction-table")
