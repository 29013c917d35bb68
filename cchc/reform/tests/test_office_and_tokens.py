"""The district's specialist offices enter the district's report data (issue 7, item 10), and a report data row
posted twice is added once (item 4).

cchc/reform/access.py: "A unit's members edit its own data, and so do the members of its specialist offices (the
finance office enters the district's budget lines). Leaders and reform officers submit." An office's staff must
therefore open the district's quarter to enter it; they do not read the communes' data (not overseers), and they do
not submit the district's quarter (not its leader or reform officer).
"""

from __future__ import annotations

import re

from django.urls import reverse

from cchc.accounts.models import FormToken
from cchc.reform.models import DirectiveDocument

from .test_views import DOC_POST, once, url

TOKEN_INPUT = re.compile(r'<input type="hidden" name="form_token" value="([^"]+)"')


def test_an_office_specialist_enters_the_districts_report_data(client, cast):
    client.force_login(cast.specialist_office)
    page = client.get(url("period", cast.district))
    assert page.status_code == 200
    assert url("row_add", cast.district, "documents").encode() in page.content
    response = client.post(url("row_add", cast.district, "documents"), once(DOC_POST))
    assert response.status_code == 302
    doc = DirectiveDocument.objects.get()
    assert (doc.period.unit, doc.created_by) == (cast.district, cast.specialist_office)
    edit = url("row_edit", cast.district, "documents", doc.pk)
    assert client.post(edit, {**DOC_POST, "documents-number": "16/UBND"}).status_code == 302
    doc.refresh_from_db()
    assert doc.number == "16/UBND"
    assert client.post(url("row_delete", cast.district, "documents", doc.pk)).status_code == 302
    assert not DirectiveDocument.objects.exists()


def test_the_index_offers_the_office_its_district(client, cast):
    client.force_login(cast.specialist_office)
    html = client.get(reverse("reform:index")).content.decode()
    assert '<option value="gio-linh"' in html and '<option value="gio-an"' not in html


def test_an_office_neither_reads_the_communes_nor_submits_the_district(client, cast):
    client.force_login(cast.leader_office)
    assert client.get(url("period", cast.commune_a)).status_code == 404
    assert client.post(url("row_add", cast.commune_a, "documents"), once(DOC_POST)).status_code == 404
    assert client.post(url("submit", cast.district)).status_code == 403
    assert client.get(url("rollup", cast.district)).status_code == 403
    assert not DirectiveDocument.objects.exists()


def test_a_row_posted_twice_is_added_once(client, cast):
    client.force_login(cast.specialist_a)
    data = once(DOC_POST)
    first = client.post(url("row_add", cast.commune_a, "documents"), data)
    second = client.post(url("row_add", cast.commune_a, "documents"), data)
    assert DirectiveDocument.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == url("period", cast.commune_a) + "?section=documents#section"
    assert FormToken.objects.get().token == data["form_token"]
    # A new form (a new token) adds a second row.
    assert client.post(url("row_add", cast.commune_a, "documents"), once(DOC_POST)).status_code == 302
    assert DirectiveDocument.objects.count() == 2


def test_a_row_without_a_token_is_refused(client, cast):
    client.force_login(cast.specialist_a)
    response = client.post(url("row_add", cast.commune_a, "documents"), DOC_POST)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not DirectiveDocument.objects.exists()


def test_each_add_form_of_the_period_page_carries_its_own_token(client, cast):
    client.force_login(cast.specialist_a)
    # One section a page (the side menu's address for each): every page's add form has a fresh token.
    pages = [client.get(url("period", cast.commune_a), {"section": kind}) for kind in ("documents", "trainings")]
    pages.append(client.get(url("period", cast.commune_a), {"section": "documents"}))
    tokens = [token for page in pages for token in TOKEN_INPUT.findall(page.content.decode())]
    assert len(tokens) == 3 and len(set(tokens)) == len(tokens)
