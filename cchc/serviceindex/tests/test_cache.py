"""The page keeps each unit's inputs per period in the shared cache (cchc.serviceindex.cached): a second view
counts no dossier for past periods, a changed setting shows at once, an import is seen at once."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc.accounts.models import Role
from cchc.dossiers.models import Dossier
from cchc.feedback.models import Feedback
from cchc.serviceindex.cached import bump_figures_version
from cchc.serviceindex.models import ClassificationBand, SubIndicatorSetting
from cchc.testing.factories import user_with_role

pytestmark = pytest.mark.django_db

COUNTED = (Dossier._meta.db_table, Feedback._meta.db_table)


def _figures(html: str) -> str:
    """The page's numbers: from the total on, without the charts (pygal names each chart at random)."""
    return re.sub(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+", "", html.split('id="total"')[1])


def _view(client, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("serviceindex:index"), {"unit": "h", "period": "2024-03", **query})
    assert response.status_code == 200
    counting = [q["sql"] for q in queries if any(f'"{table}"' in q["sql"] for table in COUNTED)]
    return response.content.decode(), counting


@pytest.fixture
def leader_client(client, history):
    cache.clear()
    client.force_login(user_with_role(history["district"], Role.LEADER))
    return client


def test_second_view_counts_nothing_for_past_periods(leader_client):
    first, counted = _view(leader_client)
    assert counted, "the first view counts the dossiers"
    assert "Số liệu tính lúc" not in first  # counted for this view: no time to state
    second, counted = _view(leader_client)
    assert counted == []
    # Same figures (36.24 worked out by hand in test_groups.py), and the time they were computed.
    assert "36,24" in second and "Số liệu tính lúc" in second
    assert _figures(first) == _figures(second)


def test_changed_setting_changes_the_result_at_once(leader_client):
    _view(leader_client)
    ClassificationBand.objects.create(min_score=Decimal("0"), name="Hạng thử nghiệm")
    # 3.1 (unverified) corrected to 0 points: the cached counts are scored again by the new rules.
    SubIndicatorSetting.objects.create(code="3.1", max_points=Decimal("0"))
    html, counted = _view(leader_client)
    assert counted == []
    assert "Hạng thử nghiệm" in html


def test_import_is_seen_at_once(leader_client):
    _view(leader_client)
    bump_figures_version()  # what `cchc import dossiers` does after writing
    _, counted = _view(leader_client)
    assert counted, "after an import the page counts again"


def test_trend_from_cache_agrees_with_counting(leader_client):
    """A quarter whose trend is partly kept (the months viewed before) and partly counted gives the same page."""
    _view(leader_client, period="2024-Q1")
    cache.clear()
    counted_all, _ = _view(leader_client, period="2024-Q1")
    cache.clear()
    _view(leader_client, period="2023-Q3")  # keeps 2020-Q4..2023-Q3: 2024-Q1's trend then counts only 2023-Q4
    partly, _ = _view(leader_client, period="2024-Q1")
    assert _figures(partly) == _figures(counted_all)


def test_dossiers_import_forgets_the_kept_index(django_capture_on_commit_callbacks):
    """`cchc import dossiers` bumps the figures version once its transaction commits (a dry run does not)."""
    from cchc.exchange.services import dossiers_import, procedures_import, units_import
    from cchc.exchange.tables import read_table
    from cchc.exchange.tests.files import DATA
    from cchc.serviceindex.cached import figures_version

    def load(name, service, **kwargs):
        header, rows = read_table(DATA / name)
        return service(rows=rows, header=header, **kwargs)

    cache.clear()
    assert load("units.csv", units_import).ok and load("procedures.csv", procedures_import).ok
    before = figures_version()
    with django_capture_on_commit_callbacks(execute=True):
        assert load("dossiers.csv", dossiers_import, dry_run=True).ok
    assert figures_version() == before
    with django_capture_on_commit_callbacks(execute=True):
        assert load("dossiers.csv", dossiers_import).created == 5
    assert figures_version() == before + 1
