"""The handler's name in the lists: shown to everyone who may see the dossier, the applicant's name only to those
who handle it.

The rule (cchc.accounts.access.can_see_personal_data, issue 7 item 3): names, ID and phone numbers of the
applicant are shown only to those who handle the dossier; the officer handling it is not the applicant's personal
data, so overseers (the district's reform officer) and other staff see who has the dossier.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.testing.factories import APPLICANT, in_process_dossier

pytestmark = pytest.mark.django_db

HANDLER = "Nguyễn Thị Phương Thảo"


@pytest.fixture
def dossier(cast):
    cast.specialist_a.full_name = HANDLER
    cast.specialist_a.save(update_fields=["full_name"])
    return in_process_dossier(cast.commune_a, to=cast.specialist_a)


def test_the_overseer_sees_the_handler_but_not_the_applicant_in_search_results(client, cast, dossier):
    client.force_login(cast.reform_officer)
    html = client.get(reverse("web:search"), {"q": cast.procedure.code}).content.decode()
    assert dossier.code in html and HANDLER in html
    assert APPLICANT["name"] not in html


def test_the_handler_sees_both_names_in_search_results(client, cast, dossier):
    client.force_login(cast.specialist_a)
    html = client.get(reverse("web:search"), {"q": cast.procedure.code}).content.decode()
    assert HANDLER in html and APPLICANT["name"] in html


def test_the_overseer_sees_the_handler_but_not_the_applicant_in_the_work_list(client, cast, dossier):
    client.force_login(cast.reform_officer)
    html = client.get(reverse("web:worklist"), {"tab": "unit"}).content.decode()
    assert dossier.code in html and HANDLER in html
    assert APPLICANT["name"] not in html


def test_the_search_results_read_the_handlers_in_the_same_query(client, cast, dossier):
    """Twenty results cost the queries one does: the handlers come with the dossiers, not one query a row."""
    client.force_login(cast.reform_officer)

    def queries_of_search() -> tuple[int, str]:
        client.get(reverse("web:search"), {"q": cast.procedure.code})  # sessions and caches warmed
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("web:search"), {"q": cast.procedure.code}).content.decode()
        return len(queries), html

    one, html = queries_of_search()
    assert html.count(HANDLER) == 1
    for _ in range(19):
        in_process_dossier(cast.commune_a, to=cast.specialist_a)
    twenty, html = queries_of_search()
    assert html.count(HANDLER) == 20 and twenty == one
