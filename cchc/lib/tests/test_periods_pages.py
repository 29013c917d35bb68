"""The report page and the tracking book read periods as people write them and open on the last complete quarter
of a unit that existed then (issue 9 point 3).

Today is fixed at 1 December 2026. Q4/2026 is not over (calendar end 31/12/2026; statutory end 14/12/2026, Decree
09/2019/NĐ-CP Art. 12), so a live unit opens on Q3/2026. A district abolished on 30/06/2025 (as the Gio Linh demo)
opens on Q2/2025, its last quarter, not on an empty Q3/2026.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cchc.testing.factories import local, received_dossier

pytestmark = pytest.mark.django_db
TODAY = local(2026, 12, 1, 9)


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def report(client, cast, **params):
    client.force_login(cast.reform_officer)
    return client.get(reverse("reports:report"), params)


def book(client, cast, **params):
    client.force_login(cast.desk_a)
    return client.get(reverse("web:tracking_book"), params)


def span(period) -> tuple[dt.date, dt.date]:
    return period.start, period.end


def test_the_report_of_a_live_unit_opens_on_the_last_complete_quarter(client, cast, today):
    response = report(client, cast)
    assert response.status_code == 200
    assert response.context["form"].data["period"] == "2026-Q3"
    # statutory Q3/2026: 15/06/2026 - 14/09/2026
    assert span(response.context["period"]) == (dt.date(2026, 6, 15), dt.date(2026, 9, 14))


def test_the_report_of_an_abolished_district_opens_on_its_last_quarter(client, cast, today):
    cast.district.valid_to = dt.date(2025, 6, 30)
    cast.district.save()
    response = report(client, cast)
    assert response.context["unit"] == cast.district
    assert response.context["period"].label == "2025-Q2"
    # statutory Q2/2025: 15/03/2025 - 14/06/2025
    assert span(response.context["period"]) == (dt.date(2025, 3, 15), dt.date(2025, 6, 14))
    # a unit chosen without a period opens on its own last complete quarter too
    response = report(client, cast, unit=cast.commune_a.code, cutoff="calendar")
    assert response.context["period"].label == "2026-Q3"


@pytest.mark.parametrize(
    ("params", "label", "start", "end"),
    [
        ({"period": "quý III năm 2023"}, "2023-Q3", dt.date(2023, 6, 15), dt.date(2023, 9, 14)),
        ({"period": "Q3/2023", "cutoff": "calendar"}, "2023-Q3", dt.date(2023, 7, 1), dt.date(2023, 9, 30)),
        ({"period": "6 thang dau nam 2023"}, "2023-H1", dt.date(2022, 12, 15), dt.date(2023, 6, 14)),
        ({"period": "tháng 9/2023", "cutoff": "calendar"}, "2023-09", dt.date(2023, 9, 1), dt.date(2023, 9, 30)),
        # the date pair of a calendar quarter is that quarter
        (
            {"date_from": "2023-07-01", "date_to": "2023-09-30", "cutoff": "calendar"},
            "2023-Q3",
            dt.date(2023, 7, 1),
            dt.date(2023, 9, 30),
        ),
        # and the statutory quarter's dates, written day/month/year, are the statutory quarter
        ({"period": "15/06/2023-14/09/2023"}, "2023-Q3", dt.date(2023, 6, 15), dt.date(2023, 9, 14)),
    ],
)
def test_the_report_reads_periods_as_people_write_them(client, cast, params, label, start, end):
    response = report(client, cast, unit=cast.district.code, **params)
    assert response.status_code == 200, response.context["form"].errors
    assert response.context["period"].label == label
    assert span(response.context["period"]) == (start, end)
    assert f"period={label}" in response.context["query"]


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"period": "quý ba 2023"}, "quý ba 2023"),
        ({"period": "năm 2023"}, "năm 2023"),  # a year is no report period
        ({"date_from": "2023-07-01", "date_to": "2023-08-15"}, "2023-07-01..2023-08-15"),
        ({"date_from": "2023-07-01"}, "ngày"),
    ],
)
def test_the_report_refuses_what_is_no_report_period(client, cast, params, needle):
    response = report(client, cast, unit=cast.district.code, cutoff="calendar", **params)
    assert response.status_code == 400
    assert needle in response.content.decode()


def test_the_book_opens_on_the_units_last_complete_quarter(client, cast, today):
    in_q3 = received_dossier(cast.commune_a, at=local(2026, 8, 10, 9))
    now = received_dossier(cast.commune_a, at=local(2026, 11, 30, 9))
    response = book(client, cast)
    assert response.context["form"].cleaned_data["unit"] == cast.commune_a
    assert span(response.context["period"]) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    html = response.content.decode()
    assert in_q3.code in html and now.code not in html


def test_the_book_of_an_abolished_commune_opens_on_its_last_quarter(client, cast, today):
    cast.commune_a.valid_to = dt.date(2025, 6, 30)
    cast.commune_a.save()
    response = book(client, cast)
    assert span(response.context["period"]) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))


@pytest.mark.parametrize(
    ("params", "start", "end"),
    [
        ({"period": "tháng 9 năm 2023"}, dt.date(2023, 9, 1), dt.date(2023, 9, 30)),
        ({"period": "quy 3/2023"}, dt.date(2023, 7, 1), dt.date(2023, 9, 30)),
        ({"period": "1/7/2023 đến 15/8/2023"}, dt.date(2023, 7, 1), dt.date(2023, 8, 15)),
        ({"period": "9 tháng 2023"}, dt.date(2023, 1, 1), dt.date(2023, 9, 30)),
        ({"date_from": "2023-07-01", "date_to": "2023-07-31"}, dt.date(2023, 7, 1), dt.date(2023, 7, 31)),
    ],
)
def test_the_book_reads_periods_as_people_write_them(client, cast, params, start, end):
    response = book(client, cast, unit=cast.commune_a.pk, **params)
    assert response.status_code == 200
    assert span(response.context["period"]) == (start, end)


def test_the_book_names_a_text_it_cannot_read(client, cast):
    response = book(client, cast, unit=cast.commune_a.pk, period="quý 5/2023")
    assert response.status_code == 400
    assert "quý 5/2023" in response.content.decode()


def test_a_date_pair_is_shown_back_as_the_period_it_makes(client, cast):
    response = book(
        client, cast, unit=cast.commune_a.pk, period="2023-Q3", date_from="2023-07-01", date_to="2023-07-31"
    )
    assert span(response.context["period"]) == (dt.date(2023, 7, 1), dt.date(2023, 7, 31))
    html = response.content.decode()
    assert 'value="01/07/2023-31/07/2023"' in html and 'value="2023-07-01"' not in html
    response = report(
        client, cast, unit=cast.district.code, cutoff="calendar", date_from="2023-07-01", date_to="2023-09-30"
    )
    assert 'value="2023-Q3"' in response.content.decode()


def test_an_abolished_district_whose_figures_end_earlier_opens_on_its_last_quarter_with_figures(client, cast, today):
    # The Gio Linh demo: the district was abolished on 30/06/2025, its dossiers are of 2023; Q2/2025 would be empty.
    cast.district.valid_to = dt.date(2025, 6, 30)
    cast.district.save()
    received_dossier(cast.commune_a, at=local(2023, 9, 10, 9))  # a commune under it
    response = report(client, cast)
    assert response.context["period"].label == "2023-Q3"


def test_a_live_unit_opens_on_the_last_quarter_even_without_figures(client, cast, today):
    received_dossier(cast.commune_a, at=local(2023, 9, 10, 9))
    assert report(client, cast).context["period"].label == "2026-Q3"
    assert span(book(client, cast).context["period"]) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
