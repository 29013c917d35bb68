import secrets

import pytest
from django.urls import reverse

from cchc.reform import services
from cchc.reform.models import Correction, DirectiveDocument, PeriodStatus, ReportPeriod

DOC_POST = {
    "documents-area": "1",
    "documents-doc_type": "official_letter",
    "documents-number": "15/UBND",
    "documents-date": "2023-07-20",
    "documents-issuer": "UBND xã Gio An",
    "documents-summary": "về việc kiện toàn Bộ phận Một cửa",
}


def once(data):
    """`data` with a fresh one-time token, as each add form carries one (OneTimeTokenForm)."""
    return {**data, "form_token": secrets.token_urlsafe(32)}


def url(name, unit, *extra):
    return reverse(f"reform:{name}", args=[unit.code, 2023, 3, *extra])


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def test_login_required(client, cast):
    response = client.get(url("period", cast.commune_a))
    assert response.status_code == 302 and "/can-bo/dang-nhap/" in response["Location"]


def test_officer_adds_a_row_to_own_commune(cast, login):
    client = login(cast.specialist_a)
    page = client.get(url("period", cast.commune_a))
    assert page.status_code == 200 and b'action="/can-bo/reform/gio-an/2023/q3/documents/add/"' in page.content
    assert url("submit", cast.commune_a).encode() not in page.content  # a specialist does not submit
    assert url("submit", cast.commune_a).encode() in login(cast.leader_a).get(url("period", cast.commune_a)).content
    client = login(cast.specialist_a)
    response = client.post(url("row_add", cast.commune_a, "documents"), once(DOC_POST))
    assert response.status_code == 302
    doc = DirectiveDocument.objects.get()
    assert doc.period.unit == cast.commune_a and doc.created_by == cast.specialist_a
    assert "15/UBND" in client.get(url("period", cast.commune_a)).content.decode()


def test_other_commune_neither_reads_nor_writes(cast, login):
    client = login(cast.leader_b)
    assert client.get(url("period", cast.commune_a)).status_code == 404
    assert client.post(url("row_add", cast.commune_a, "documents"), once(DOC_POST)).status_code == 404
    assert not ReportPeriod.objects.exists()


def test_district_reform_officer_reads_communes_but_edits_only_the_district(cast, login):
    client = login(cast.reform_officer)
    page = client.get(url("period", cast.commune_a))
    assert page.status_code == 200 and b"/documents/add/" not in page.content
    assert client.post(url("row_add", cast.commune_a, "documents"), once(DOC_POST)).status_code == 403
    assert client.post(url("row_add", cast.district, "documents"), once(DOC_POST)).status_code == 302
    assert DirectiveDocument.objects.get().period.unit == cast.district


def test_invalid_row_shows_errors(cast, login):
    client = login(cast.leader_a)
    response = client.post(
        url("row_add", cast.commune_a, "documents"), once({**DOC_POST, "documents-date": "31/02/2023"})
    )
    assert response.status_code == 200 and response.context["form"].errors["date"]
    assert not DirectiveDocument.objects.exists()


def test_submit_then_edit_needs_a_reason(cast, login):
    client = login(cast.leader_a)
    client.post(url("row_add", cast.commune_a, "documents"), once(DOC_POST))
    doc = DirectiveDocument.objects.get()
    assert login(cast.specialist_a).post(url("submit", cast.commune_a)).status_code == 403
    client = login(cast.leader_a)
    assert client.post(url("submit", cast.commune_a)).status_code == 302
    assert ReportPeriod.objects.get().status == PeriodStatus.SUBMITTED
    assert url("submit", cast.commune_a).encode() not in client.get(url("period", cast.commune_a)).content

    edit = url("row_edit", cast.commune_a, "documents", doc.pk)
    response = client.post(edit, {**DOC_POST, "documents-number": "16/UBND"})
    assert response.status_code == 200 and response.context["reason_form"].errors["reason"]
    doc.refresh_from_db()
    assert doc.number == "15/UBND"

    response = client.post(edit, {**DOC_POST, "documents-number": "16/UBND", "correction-reason": "Ghi nhầm số"})
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.old_value, correction.new_value, correction.by) == ("15/UBND", "16/UBND", cast.leader_a)
    assert "Ghi nhầm số" in client.get(url("period", cast.commune_a), {"section": "corrections"}).content.decode()

    delete = url("row_delete", cast.commune_a, "documents", doc.pk)
    assert client.post(delete).status_code == 200
    assert client.post(delete, {"correction-reason": "Trùng"}).status_code == 302
    assert not DirectiveDocument.objects.exists()


def test_draft_row_edit_and_delete(cast, login):
    period = services.period_get_or_create(unit=cast.commune_a, year=2023, quarter=3, by=None)
    row = services.section_row_create(
        period=period, kind="procedure-reviews", data={"reviewed": 0, "proposed": 0, "simplified": 0}, by=None
    )
    client = login(cast.desk_a)
    section = {"section": "procedure-reviews"}
    page = client.get(url("period", cast.commune_a), section).content.decode()
    assert "none arising" in page or "không phát sinh" in page
    edit = url("row_edit", cast.commune_a, "procedure-reviews", row.pk)
    data = {"procedure-reviews-reviewed": "5", "procedure-reviews-proposed": "2", "procedure-reviews-simplified": "2"}
    assert client.post(edit, data).status_code == 302
    # Vietnamese notation whatever the interface language (the decimal comma).
    assert "100,00%" in client.get(url("period", cast.commune_a), section).content.decode()
    assert client.post(url("row_delete", cast.commune_a, "procedure-reviews", row.pk)).status_code == 302
    assert not Correction.objects.exists()
    assert login(cast.desk_b).get(edit).status_code == 404


def test_rollup_only_for_the_district_overseers(cast, login):
    assert login(cast.reform_officer).get(url("rollup", cast.district)).status_code == 200
    assert login(cast.leader_district).get(url("rollup", cast.district)).status_code == 200
    assert login(cast.desk_district).get(url("rollup", cast.district)).status_code == 403
    assert login(cast.leader_a).get(url("rollup", cast.commune_a)).status_code == 403
    assert login(cast.leader_a).get(url("rollup", cast.district)).status_code == 404


def test_settings_page(cast, login):
    client = login(cast.reform_officer)
    settings_url = reverse("reform:settings", args=[cast.district.code])
    response = client.post(
        settings_url, {"issuer_name": "UBND HUYỆN GIO LINH", "symbol": "BC-UBND", "place": "Gio Linh"}
    )
    assert response.status_code == 302
    assert cast.district.report_settings.place == "Gio Linh"
    assert login(cast.leader_a).get(settings_url).status_code == 404


def test_index_redirects_to_the_chosen_period(cast, login):
    client = login(cast.leader_a)
    assert client.get(reverse("reform:index")).status_code == 200
    response = client.get(reverse("reform:index"), {"unit": "gio-an", "year": 2023, "quarter": 3})
    assert response["Location"] == url("period", cast.commune_a)
    assert client.get(reverse("reform:index"), {"unit": "gio-chau", "year": 2023, "quarter": 3}).status_code == 200


def test_the_index_lists_the_units_periods_and_preselects_a_unit(client, cast):
    """The picker opens on the user's first unit and lists the periods already started, linked."""
    services.period_get_or_create(unit=cast.district, year=2023, quarter=3, by=cast.reform_officer)
    client.force_login(cast.reform_officer)
    html = client.get(reverse("reform:index")).content.decode()
    assert reverse("reform:period", args=["gio-linh", 2023, 3]) in html
    assert '<option value="gio-linh" selected>UBND huyện Gio Linh</option>' in html
