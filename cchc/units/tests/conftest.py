"""The calendar tests read the rows that migration units 0003 ships."""

import pytest

from cchc.units.calendar_data import load_shipped_calendar
from cchc.units.models import CalendarDay, CalendarYear


@pytest.fixture(autouse=True)
def _shipped_calendar(request):
    """Load the shipped calendar again (it creates nothing when the migration's rows are there): a transactional
    test flushes every table, and a test database reused by a later run (--reuse-db) then lacks them."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        load_shipped_calendar(CalendarDay, CalendarYear)
