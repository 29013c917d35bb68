"""The staff search page (issue 9, point 2): words without diacritics, filters, paging, deadline flags, and
personal data only for those who handle the dossier."""

from __future__ import annotations

from django.urls import reverse

from cchc.dossiers import search
from cchc.dossiers.states import Status
from cchc.testing.factories import APPLICANT, awaiting_supplement_dossier, local, received_dossier

THU = {**APPLICANT, "name": "Trần Văn Thử", "phone": "0912345678"}


def get(client, **params):
    return client.get(reverse("web:search"), params)


def test_a_name_without_diacritics_lists_the_dossier_with_its_applicant(client, cast):
    thu = received_dossier(cast.commune_a, applicant=THU)
    client.force_login(cast.desk_a)
    response = get(client, q="tran van thu")
    html = response.content.decode()
    assert response.status_code == 200
    assert thu.code in html and "Trần Văn Thử" in html


def test_the_phone_in_international_spelling_and_part_of_a_code(client, cast):
    thu = received_dossier(cast.commune_a, applicant=THU)
    client.force_login(cast.desk_a)
    assert list(get(client, q="+84 912 345 678").context["results"]) == [thu]
    assert list(get(client, q=thu.code[-11:]).context["results"]) == [thu]
    # A whole code in lower case opens the dossier.
    response = get(client, q=thu.code.lower())
    assert response.status_code == 302 and response["Location"] == thu.get_absolute_url()


def test_the_reform_officer_finds_by_procedure_but_sees_no_applicant(client, cast):
    thu = received_dossier(cast.commune_a, applicant=THU)
    client.force_login(cast.reform_officer)
    html = get(client, q="dang ky khai sinh").content.decode()
    assert thu.code in html and "Trần Văn Thử" not in html
    assert list(get(client, q="tran van thu").context["results"]) == []


def test_filters_and_a_bad_period_is_a_bad_request_naming_it(client, cast):
    july = received_dossier(cast.commune_a, applicant=THU, at=local(2023, 7, 3, 9))
    august = awaiting_supplement_dossier(cast.commune_a, applicant=THU, at=local(2023, 8, 7, 9))
    client.force_login(cast.desk_a)
    assert list(get(client, q="thu", status=Status.AWAITING_SUPPLEMENT).context["results"]) == [august]
    assert list(get(client, q="thu", period="2023-07").context["results"]) == [july]
    assert list(get(client, q="thu", unit=cast.commune_a.pk).context["results"]) == [august, july]
    response = get(client, q="thu", period="tháng mười ba")
    assert response.status_code == 400 and "tháng mười ba" in response.content.decode()


def test_a_unit_the_user_cannot_see_is_refused(client, cast):
    received_dossier(cast.commune_b, applicant=THU)
    client.force_login(cast.desk_a)
    response = get(client, q="thu", unit=cast.commune_b.pk)
    assert response.status_code == 400 and list(response.context["results"]) == []


def test_the_overdue_flag_is_shown(client, cast):
    late = received_dossier(cast.commune_a, applicant=THU, at=local(2023, 7, 3, 9))  # due 6 July 2023: long past
    client.force_login(cast.desk_a)
    html = get(client, q="thu").content.decode()
    assert late.code in html and 'class="flag flag-overdue"' in html


def test_paging_newest_first(client, cast, monkeypatch):
    monkeypatch.setattr(search, "PAGE_SIZE", 2)
    rows = [received_dossier(cast.commune_a, applicant=THU, at=local(2023, 7, 3 + day, 9)) for day in range(3)]
    client.force_login(cast.desk_a)
    first = get(client, q="thu")
    assert list(first.context["results"]) == [rows[2], rows[1]] and first.context["has_next"]
    assert 'rel="next"' in first.content.decode()
    second = get(client, q="thu", page=2)
    assert list(second.context["results"]) == [rows[0]] and not second.context["has_next"]
    assert 'rel="prev"' in second.content.decode()
