"""The work list: per officer and per unit, deadlines flagged, personal data only for handlers, htmx filters."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from cchc.dossiers import services
from cchc.dossiers.workflow import Status
from cchc.testing.factories import received_dossier


def rows_html(client, **params) -> str:
    return client.get(reverse("web:worklist"), params, HTTP_HX_REQUEST="true").content.decode()


def row_of(html: str, code: str) -> str:
    start = html.rindex("<tr", 0, html.index(code))
    return html[start : html.index("</tr>", start)]


def test_overdue_rows_are_red_and_due_soon_rows_amber(client, cast, half_day_procedure, long_procedure):
    overdue = received_dossier(cast.commune_a)  # received in July 2023, three working days: long past
    soon = received_dossier(cast.commune_a, at=timezone.now(), procedure=half_day_procedure)
    later = received_dossier(cast.commune_a, at=timezone.now(), procedure=long_procedure)
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:worklist")).content.decode()
    assert 'class="row-overdue"' in row_of(html, overdue.code)
    assert 'class="row-soon"' in row_of(html, soon.code) and "flag-soon" in row_of(html, soon.code)
    assert "row-overdue" not in row_of(html, later.code) and "row-soon" not in row_of(html, later.code)


def test_mine_shows_what_the_user_received_or_was_given(client, cast):
    given = received_dossier(cast.commune_a)
    waiting = received_dossier(cast.commune_a)
    services.dossier_assign(dossier=given, by=cast.desk_a, to=cast.specialist_a)
    client.force_login(cast.specialist_a)
    mine = rows_html(client, tab="mine")
    assert given.code in mine and waiting.code not in mine
    unit = rows_html(client, tab="unit")
    assert given.code in unit and waiting.code in unit


def test_the_htmx_filter_returns_only_the_table(client, cast):
    first, second = received_dossier(cast.commune_a), received_dossier(cast.commune_a)
    services.dossier_assign(dossier=first, by=cast.desk_a, to=cast.specialist_a)
    client.force_login(cast.desk_a)
    html = rows_html(client, tab="unit", status=Status.IN_PROCESS)
    assert "<html" not in html and "<tbody>" in html
    assert first.code in html and second.code not in html


def test_unit_filter_and_scoping(client, cast):
    mine, theirs = received_dossier(cast.commune_a), received_dossier(cast.commune_b)
    client.force_login(cast.desk_a)
    html = rows_html(client, tab="unit", unit=cast.commune_a.pk)
    assert mine.code in html and theirs.code not in html
    assert theirs.code not in rows_html(client, tab="unit")
    # a unit the user does not belong to is not a valid filter: it falls back to the user's own dossiers
    assert theirs.code not in rows_html(client, tab="unit", unit=cast.commune_b.pk)


def test_reform_officer_sees_the_district_dossiers_without_personal_data(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.reform_officer)
    html = rows_html(client, tab="unit")
    assert dossier.code in html
    assert "Nguyễn Thị Hoa" not in html
    client.force_login(cast.desk_a)
    assert "Nguyễn Thị Hoa" in rows_html(client, tab="unit")


def test_only_desk_officers_are_offered_the_reception_form(client, cast):
    """The menu link and the button to receive a dossier show only to those who may receive."""
    client.force_login(cast.desk_a)
    assert reverse("web:receive") in client.get(reverse("web:worklist")).content.decode()
    client.force_login(cast.reform_officer)
    assert reverse("web:receive") not in client.get(reverse("web:worklist")).content.decode()
