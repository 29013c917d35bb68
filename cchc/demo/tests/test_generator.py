"""The generator and its plan, without a database: repeatable, and true to the report's figures."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from cchc.demo import catalogue
from cchc.demo.generator import SEED, build_rows
from cchc.demo.plan import build_plan
from cchc.demo.targets import DISTRICT, load_targets, printed_matches


@pytest.fixture(scope="module")
def rows():
    return build_rows(SEED)


def test_the_same_seed_gives_the_same_rows(rows):
    """Two builds with one seed are identical, row for row; another seed gives other dossiers."""
    again = build_rows(SEED)
    assert again.dossiers == rows.dossiers
    assert again.units == rows.units and again.procedures == rows.procedures
    other = build_rows(SEED + 1)
    assert other.dossiers != rows.dossiers
    assert len(other.dossiers) == len(rows.dossiers)


def test_it_makes_exactly_the_reports_dossiers(rows):
    """8,134 dossiers with unique codes, 1,365 at the district desk and 6,769 at the communes, none by post."""
    t = load_targets()
    assert len(rows.dossiers) == t.whole.total == 8134
    assert len({r["code"] for r in rows.dossiers}) == len(rows.dossiers)
    per_unit = Counter(r["unit_code"] for r in rows.dossiers)
    assert per_unit[DISTRICT] == t.district.total
    assert sum(n for code, n in per_unit.items() if code != DISTRICT) == t.commune_level.total
    assert set(per_unit) == {DISTRICT, *t.communes}
    assert {r["channel"] for r in rows.dossiers} == {"online", "direct"}
    assert all(r["outcome"] == "resolved" and r["finished_at"] for r in rows.dossiers)


def test_every_dossier_code_follows_the_national_pattern(rows):
    """<agency code>-<YYMMDD of receipt>-<4-digit sequence>."""
    agency = catalogue.agency_codes()
    for row in rows.dossiers[:500]:
        prefix, day, number = row["code"].rsplit("-", 2)
        assert prefix == agency[row["unit_code"]]
        assert row["received_at"][2:10].replace("-", "") == day
        assert len(number) == 4


def test_the_catalogue_has_the_posted_counts(rows):
    """272 district-level and 124 commune-level procedures, all posted, with time limits of 0.5 to 30 days."""
    levels = Counter(r["level"] for r in rows.procedures if r["posted"] == "true")
    assert levels == {"district": 272, "commune": 124}
    assert {Decimal(r["processing_days"]) for r in rows.procedures} <= {Decimal(d) for d in ("0.5", *range(1, 31))}
    assert len({r["code"] for r in rows.procedures}) == len(rows.procedures)


def test_the_plan_adds_up_to_the_printed_totals():
    """The per-commune counts add up to the communes' printed totals."""
    t = load_targets()
    communes = [p for code, p in build_plan().items() if code != DISTRICT]
    assert sum(p.online for p in communes) == t.commune_level.received_online
    assert sum(p.direct for p in communes) == t.commune_level.received_direct
    assert sum(p.carried_over for p in communes) == t.commune_level.carried_over
    assert sum(p.resolved for p in communes) == t.commune_level.resolved
    assert sum(p.pending for p in communes) == t.commune_level.pending
    assert sum(p.late for p in communes) == t.commune_level.resolved_late


@pytest.mark.parametrize("code", [DISTRICT, *load_targets().communes])
def test_the_plan_reaches_every_printed_rate_of_the_unit(code):
    """Digitized components (of received), results (of resolved) and online (of online-capable) read as printed."""
    t = load_targets()
    p = build_plan()[code]
    assert printed_matches(p.digitized_components, p.received, t.digitized_components[code])
    assert printed_matches(p.digitized_results, p.resolved, t.digitized_results[code])
    assert printed_matches(p.online, p.online_capable, t.online[code])
    assert p.online <= p.digitized_components  # an online dossier arrives as files


def test_printed_matches_rejects_double_rounding_luck():
    """255/604 is 42.22 %, printed 42.2; 255/605 is 42.15 %, not 42.2."""
    assert printed_matches(255, 604, Decimal("42.2"))
    assert not printed_matches(255, 605, Decimal("42.2"))
    assert printed_matches(434, 1063, Decimal("40.83"))
    assert not printed_matches(433, 1063, Decimal("40.83"))
