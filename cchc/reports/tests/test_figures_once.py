"""The report page and the report file compute the dossier figures once: one grouped set of aggregate queries
gives the three scopes and the units below, and those sums equal what each scope counts on its own."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.accounts.models import User
from cchc.lib.periods import STATUTORY, parse_period
from cchc.reports.assembly import report_figures
from cchc.reports.figures.dossiers import Scope, area_figures, dossier_figures
from cchc.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

PERIOD = parse_period("2023-Q3", STATUTORY)


def _dossier_aggregates(queries) -> list[str]:
    # Every aggregate over the dossiers names its counts; "carried_over" is one of them.
    return [q["sql"] for q in queries if '"carried_over"' in q["sql"] and "dossiers_dossier" in q["sql"]]


@pytest.mark.parametrize("code", ["gio-linh", "xa-gio-linh"])
def test_the_scopes_summed_from_the_units_equal_each_scope_counted_alone(demo, code):
    unit = Unit.objects.get(code=code)
    area = area_figures(parent=unit, period=PERIOD)
    for scope in Scope:
        alone = dossier_figures(unit=unit, period=PERIOD, scope=scope)
        assert area.scopes[scope.value].to_json() == alone.to_json(), scope


def test_report_figures_reads_the_dossiers_in_three_aggregate_queries(demo):
    """Received in the period, open from before it, finished in or after it: three index ranges, once each."""
    unit = Unit.objects.get(code="gio-linh")
    with CaptureQueriesContext(connection) as captured:
        figures = report_figures(unit=unit, period=PERIOD)
    assert len(_dossier_aggregates(captured.captured_queries)) == 3
    assert len(captured.captured_queries) <= 8  # + the subtree and the apologies, evaluations and feedback
    assert figures.scopes[Scope.TREE.value].counts["total"] == 8134


def test_the_report_page_computes_the_figures_once(client, demo, django_assert_max_num_queries):
    client.force_login(User.objects.get(username="cchc.gio-linh"))
    url = f"{reverse('reports:report')}?unit=gio-linh&period=2023-Q3&cutoff=statutory"
    with django_assert_max_num_queries(60) as captured:  # 53 when written; 71 when each scope had its own queries
        response = client.get(url)
    assert response.status_code == 200
    assert len(_dossier_aggregates(captured.captured_queries)) == 3


def test_the_report_file_computes_the_figures_once(demo):
    from cchc.reports.models import ReportFormat, ReportSource
    from cchc.reports.services import report_render

    unit = Unit.objects.get(code="gio-linh")
    with CaptureQueriesContext(connection) as captured:
        report_render(
            unit=unit,
            period=PERIOD,
            cutoff=STATUTORY,
            formats=[ReportFormat.DOCX],
            by=None,
            source=ReportSource.COMMAND,
        )
    assert len(_dossier_aggregates(captured.captured_queries)) == 3
