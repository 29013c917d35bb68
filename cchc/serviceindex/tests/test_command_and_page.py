"""`cchc index --json`, the staff page (leaders and reform officers) and its .xlsx, on the hand-made history."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from cchc.accounts.models import Role
from cchc.testing.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_command_json(history):
    out = io.StringIO()
    call_command("index", "--unit", "c1", "--period", "2024-03", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["unit"]["code"] == "c1" and data["period"] == {"start": "2024-03-01", "end": "2024-03-31"}
    groups = {g["code"]: g for g in data["groups"]}
    assert [g["max"] for g in data["groups"]] == [18, 20, 12, 10, 18, 22]
    # Worked out in test_groups.py: TDGQ 3/5 x 20 = 12; total 36.24.
    assert groups["TDGQ"]["score"] == 12.0 and data["total"] == 36.24 and data["max"] == 100
    progress = groups["TDGQ"]["subs"][0]
    assert (progress["numerator"], progress["denominator"], progress["numerator_figure"]) == (
        3,
        5,
        "received_handled_on_time",
    )
    payment = groups["TTTT"]["subs"][0]
    assert payment["no_data"] and payment["numerator"] is None and payment["score"] == 0


def test_command_unknown_unit(history):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nope"):
        call_command("index", "--unit", "nope", "--period", "2024-03", "--json", stdout=io.StringIO())


def test_page_links_inputs_to_their_dossiers(client, history):
    leader = user_with_role(history["district"], Role.LEADER)
    client.force_login(leader)
    response = client.get(reverse("serviceindex:index"), {"unit": "h", "period": "2024-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "36,24" in html and "Xã C1" in html and "data:image/svg+xml;base64," in html
    # The drill-down of 2.1's numerator lists exactly the three dossiers it counts (for c1, from its page).
    response = client.get(reverse("serviceindex:index"), {"unit": "c1", "period": "2024-03"})
    link = next(
        part.split('"')[0] for part in response.content.decode().split('href="') if "received_handled_on_time" in part
    )
    drill = client.get(link.replace("&amp;", "&"))
    assert drill.status_code == 200 and drill.context["count"] == 3


def test_page_is_for_leaders_and_reform_officers(client, history):
    desk = user_with_role(history["c1"], Role.DESK_OFFICER)
    client.force_login(desk)
    assert client.get(reverse("serviceindex:index")).status_code == 403
    assert client.get(reverse("serviceindex:xlsx"), {"unit": "c1", "period": "2024-03"}).status_code == 403


def test_bad_period_is_named(client, history):
    client.force_login(user_with_role(history["c1"], Role.REFORM_OFFICER))
    response = client.get(reverse("serviceindex:index"), {"unit": "c1", "period": "quý 5"})
    assert response.status_code == 400
    assert "không phải là một kỳ" in response.content.decode() or "quý 5" in response.content.decode()


def test_xlsx_read_back(client, history):
    client.force_login(user_with_role(history["district"], Role.REFORM_OFFICER))
    response = client.get(reverse("serviceindex:xlsx"), {"unit": "h", "period": "2024-03"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    index, ranking = book.worksheets
    rows = list(index.iter_rows(values_only=True))
    by_code = {r[0]: r for r in rows if r and r[0]}
    assert by_code["TDGQ"][2] == 12.0 and by_code["2.1"][4:6] == (3, 5)
    ranks = list(ranking.iter_rows(values_only=True))
    assert ranks[1][0] == 1 and ranks[1][1] == "Xã C1" and ranks[1][-2] == 36.24
