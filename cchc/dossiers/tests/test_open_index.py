"""The index of open dossiers by receipt (`dossier_open_recv`, finished_at null-aware) exists in the database. That
the planner reads it for the figures' "received before the period and still open" part depends on the table's
statistics: shown at 1,000,000 dossiers on PostgreSQL with EXPLAIN ANALYZE (bench/README.md)."""

from __future__ import annotations

import pytest
from django.db import connection

from cchc.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_the_index_of_open_dossiers_exists():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Dossier._meta.db_table)
    assert constraints["dossier_open_recv"]["columns"] == ["received_at"]
    assert constraints["dossier_open_recv"]["index"]
