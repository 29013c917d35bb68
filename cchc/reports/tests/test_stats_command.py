"""`cchc stats`: JSON and table output, defaults, and clear errors."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cchc.reports.figures.dossiers import COUNT_KEYS, RATE_DEFINITIONS

from .builders import dossier, local, save, unit_tree


@pytest.fixture
def units(db):
    tree = unit_tree()
    received = local(2023, 7, 3, 9)
    save(
        dossier(unit=tree["d1"], received_at=received, finished_at=local(2023, 7, 4, 9)),
        dossier(unit=tree["c1"], received_at=received),
        dossier(unit=tree["c1"], received_at=local(2023, 6, 20, 9)),
    )
    return tree


def stats(*args: str) -> str:
    out = StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def test_json_output_defaults_to_tree_and_the_calendar_period(units):
    """--json prints metrics.md's shape; the scope defaults to tree and a named period to the calendar one."""
    data = json.loads(stats("--unit", "d1", "--period", "2023-Q3", "--json"))
    assert data["unit"] == {"code": "d1", "name": "Huyện D1"}
    assert data["scope"] == "tree"
    assert data["period"] == {"start": "2023-07-01", "end": "2023-09-30"}
    assert list(data["counts"]) == list(COUNT_KEYS)
    assert set(data["rates"]) == set(RATE_DEFINITIONS)
    assert (data["counts"]["received"], data["counts"]["carried_over"], data["counts"]["total"]) == (2, 1, 3)
    assert data["rates"]["on_time_of_resolved"] == {"numerator": 1, "denominator": 1, "percent": 100.0}


def test_scope_and_statutory_cutoff_options(units):
    """--scope self counts the unit's own desk; --cutoff statutory takes the 15th-to-14th period."""
    data = json.loads(
        stats("--unit", "d1", "--period", "2023-Q3", "--cutoff", "statutory", "--scope", "self", "--json")
    )
    assert data["scope"] == "self"
    assert data["period"] == {"start": "2023-06-15", "end": "2023-09-14"}
    assert data["counts"]["received"] == 1
    assert data["counts"]["total"] == 1


def test_table_output_lists_every_figure(units):
    """Without --json a readable table names the unit and period and lists counts, durations and rates."""
    text = stats("--unit", "d1", "--period", "2023-07-01..2023-09-30", "--scope", "children")
    assert "Huyện D1 (d1)" in text
    assert "2023-07-01" in text and "2023-09-30" in text
    lines = text.splitlines()
    assert len(lines) > len(COUNT_KEYS) + len(RATE_DEFINITIONS)
    assert any(line.rstrip().endswith("(0/0)") for line in lines)  # a rate with nothing to divide by


def test_unknown_unit_is_a_clear_error(units):
    """An unknown unit code is named in the error."""
    with pytest.raises(CommandError, match="nowhere"):
        stats("--unit", "nowhere", "--period", "2023-Q3")


@pytest.mark.parametrize(
    ("period", "named"),
    [
        ("2023-Q5", "2023-Q5"),
        ("2023-13", "2023-13"),
        ("yesterday", "yesterday"),
        ("2023-09-30..2023-07-01", "2023-07-01"),
    ],
)
def test_bad_period_is_a_clear_error(units, period, named):
    """A period that does not parse is named in the error."""
    with pytest.raises(CommandError, match=named):
        stats("--unit", "d1", "--period", period)


def test_bad_scope_is_refused(units):
    """Only self, children and tree are scopes."""
    with pytest.raises(CommandError, match="scope"):
        stats("--unit", "d1", "--period", "2023-Q3", "--scope", "everything")
