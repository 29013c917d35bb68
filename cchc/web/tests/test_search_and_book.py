"""Search (a code goes straight to the dossier) and the printable tracking book."""

from __future__ import annotations

from django.urls import reverse

from cchc.dossiers import services
from cchc.lib.periods import default_quarter
from cchc.testing.factories import local, received_dossier


def test_an_exact_code_goes_straight_to_the_dossier(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.specialist_a)
    response = client.get(reverse("web:search"), {"q": dossier.code})
    assert response.status_code == 302 and response["Location"] == dossier.get_absolute_url()


def test_search_by_procedure_and_by_applicant(client, cast):
    mine, theirs = received_dossier(cast.commune_a), received_dossier(cast.commune_b)
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:search"), {"q": "khai sinh"}).content.decode()
    assert mine.code in html and theirs.code not in html
    html = client.get(reverse("web:search"), {"q": "Nguyễn Thị Hoa"}).content.decode()
    assert mine.code in html and theirs.code not in html


def test_another_commune_code_is_not_found(client, cast):
    theirs = received_dossier(cast.commune_b)
    client.force_login(cast.desk_a)
    response = client.get(reverse("web:search"), {"q": theirs.code})
    assert response.status_code == 200 and list(response.context["results"]) == []
    assert f'href="{theirs.get_absolute_url()}"' not in response.content.decode()


def test_the_reform_officer_cannot_search_by_applicant(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.reform_officer)
    assert dossier.code not in client.get(reverse("web:search"), {"q": "Nguyễn Thị Hoa"}).content.decode()
    html = client.get(reverse("web:search"), {"q": "khai sinh"}).content.decode()
    assert dossier.code in html and "Nguyễn Thị Hoa" not in html


def book(client, **params):
    return client.get(reverse("web:tracking_book"), params)


def test_the_tracking_book_lists_a_quarter_in_receipt_order(client, cast):
    first = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    second = received_dossier(cast.commune_a, at=local(2023, 9, 29, 10, 0))
    outside = received_dossier(cast.commune_a, at=local(2023, 10, 2, 9, 0))
    services.dossier_assign(dossier=first, by=cast.desk_a, to=cast.specialist_a)
    services.dossier_withdraw(dossier=second, by=cast.desk_a, reason="Rút", at=local(2023, 9, 29, 11, 0))
    client.force_login(cast.desk_a)
    response = book(client, unit=cast.commune_a.pk, period="2023-Q3")
    html = response.content.decode()
    assert response.status_code == 200
    assert first.code in html and second.code in html and outside.code not in html
    assert html.index(first.code) < html.index(second.code)
    assert "SỔ THEO DÕI HỒ SƠ" in html and "css/page-a4-landscape.css" in html
    assert "Nguyễn Thị Hoa" in html and "Thôn An Hướng" in html


def test_the_tracking_book_takes_a_month_or_two_dates(client, cast):
    july = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    august = received_dossier(cast.commune_a, at=local(2023, 8, 7, 9, 0))
    client.force_login(cast.desk_a)
    html = book(client, unit=cast.commune_a.pk, period="2023-08").content.decode()
    assert august.code in html and july.code not in html
    html = book(client, unit=cast.commune_a.pk, date_from="2023-07-01", date_to="2023-07-31").content.decode()
    assert july.code in html and august.code not in html


def test_a_bad_period_is_reported(client, cast):
    client.force_login(cast.desk_a)
    response = book(client, unit=cast.commune_a.pk, period="quý 3")
    assert response.status_code == 400 and response.context["form"].errors
    assert response.context["rows"] == []


def test_a_commune_officer_cannot_open_another_commune_book(client, cast):
    theirs = received_dossier(cast.commune_b)
    client.force_login(cast.desk_a)
    response = book(client, unit=cast.commune_b.pk, period="2023-Q3")
    assert response.context["form"].errors["unit"] and theirs.code not in response.content.decode()


def test_the_reform_officer_reads_the_book_without_personal_data(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.reform_officer)
    html = book(client, unit=cast.commune_a.pk, period="2023-Q3").content.decode()
    assert dossier.code in html and "Nguyễn Thị Hoa" not in html and "0914000111" not in html


def test_the_book_opens_on_the_users_unit_and_last_complete_quarter(client, cast):
    # (the quarter itself, for live and abolished units: cchc/lib/tests/test_periods_pages.py)
    client.force_login(cast.desk_a)
    response = book(client)
    assert response.context["form"].cleaned_data["unit"] == cast.commune_a
    assert response.context["period"].label == default_quarter()
