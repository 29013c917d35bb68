"""Each group of the index on a hand-made history of one commune, March 2024, the expected points worked out by
hand from the rules of service-index.md §2 (linear: max × r; threshold t: min(max, max × r / t); each sub-score
rounded half-up to 2 decimals, then summed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.lib.periods import parse_period
from cchc.serviceindex.compute import area_index, trend, unit_index
from cchc.testing.factories import UnitFactory
from cchc.units.models import UnitLevel

pytestmark = pytest.mark.django_db
MARCH = parse_period("2024-03")


def _groups(result):
    return {g.group.code: g for g in result.groups}


def _subs(result):
    return {s.sub.code: s for g in result.groups for s in g.subs}


def test_publicity_has_no_data(history):
    """1.1-1.4 (publication decisions, national database, DVCQG sync) are not held: no data, 0 points."""
    result = unit_index(history["c1"], MARCH)
    assert all(s.no_data and s.points == 0 for s in _groups(result)["CKMB"].subs)
    assert _groups(result)["CKMB"].score == 0


def test_progress(history):
    """2.1 (finished on time + still in process within the deadline) / received in the period, linear 20:
    on time d1, d4, d5 of the five received (d2 late, d3 overdue; d0 was received in February) = 3/5 x 20 = 12.00."""
    result = unit_index(history["c1"], MARCH)
    sub = _subs(result)["2.1"]
    assert (sub.numerator, sub.denominator, sub.points) == (3, 5, Decimal("12.00"))
    assert (sub.numerator_key, sub.denominator_key) == ("received_handled_on_time", "received")


def test_online_services(history):
    """3.1 commune procedures offered online / commune procedures = 2/3 = 66.67 %, threshold 80 %: 2 x 0.6667 / 0.8
    = 1.67; 3.2 online procedures with >= 1 online dossier (A by d1, B by d2) / online procedures = 2/2 x 4 = 4.00;
    3.3 received online / received = 2/5 = 40 %, threshold 50 %: 6 x 0.4 / 0.5 = 4.80. Group: 10.47."""
    result = unit_index(history["c1"], MARCH)
    subs = _subs(result)
    assert (subs["3.1"].numerator, subs["3.1"].denominator, subs["3.1"].points) == (2, 3, Decimal("1.67"))
    assert (subs["3.2"].numerator, subs["3.2"].denominator, subs["3.2"].points) == (2, 2, Decimal("4.00"))
    assert (subs["3.3"].numerator, subs["3.3"].denominator, subs["3.3"].points) == (2, 5, Decimal("4.80"))
    assert _groups(result)["CLGQ"].score == Decimal("10.47")


def test_payment_has_no_transactions(history):
    """3.6 dossiers paid online / dossiers of fee-bearing procedures: the payments are not recorded, so no data and
    0, though the denominator is known (d2, procedure B with a fee); 3.4 and 3.5 no data."""
    result = unit_index(history["c1"], MARCH)
    subs = _subs(result)
    assert subs["3.6"].numerator is None and subs["3.6"].denominator == 1 and subs["3.6"].points == 0
    assert _groups(result)["TTTT"].score == 0


def test_satisfaction(history):
    """5.2 petitions answered on time / answered = 1/2 x 6 = 3.00; 5.3 (received - answered late) / received =
    1/2 x 6 = 3.00; 5.4 100 % - (overdue share + share with a petition or a dislike) = (3 on time - 1 disliked) / 5 =
    40 %, threshold 90 %: 6 x 0.4 / 0.9 = 2.67. Group 8.67."""
    result = unit_index(history["c1"], MARCH)
    subs = _subs(result)
    assert (subs["5.2"].numerator, subs["5.2"].denominator, subs["5.2"].points) == (1, 2, Decimal("3.00"))
    assert (subs["5.3"].numerator, subs["5.3"].denominator, subs["5.3"].points) == (1, 2, Decimal("3.00"))
    assert (subs["5.4"].numerator, subs["5.4"].denominator, subs["5.4"].points) == (2, 5, Decimal("2.67"))
    assert _groups(result)["MDHL"].score == Decimal("8.67")


def test_digitisation(history):
    """4.1 with an e-result / dossiers of procedures with a result document (d1, d3, d4, d5) = 1/4 x 6 = 1.50;
    4.2 components digitised and the e-result where one is issued (d1, d2) / received = 2/5 x 4 = 1.60; 4.3-4.5 no
    data; e-copy null/null scored 100 % = 2. Group 5.10."""
    result = unit_index(history["c1"], MARCH)
    subs = _subs(result)
    assert (subs["4.1"].numerator, subs["4.1"].denominator, subs["4.1"].points) == (1, 4, Decimal("1.50"))
    assert (subs["4.2"].numerator, subs["4.2"].denominator, subs["4.2"].points) == (2, 5, Decimal("1.60"))
    assert all(subs[c].no_data for c in ("4.3", "4.4", "4.5a", "4.5b"))
    assert _groups(result)["MDSH"].score == Decimal("5.10")


def test_total_band_and_ranking(history):
    """Total 0 + 12 + 10.47 + 0 + 8.67 + 5.10 = 36.24, below 50: "Yếu, kém". Xã C2 with no dossiers: 3.1 1.67,
    5.2 and 5.3 full (no petitions: 6 + 6), 5.4 0 (no dossiers), e-copy 2 = 15.67. The old commune, gone before
    March, is not ranked."""
    area = area_index(history["district"], MARCH)
    c1 = next(r for r in area.ranking if r.unit.code == "c1")
    assert c1.total == Decimal("36.24") and c1.band == "Yếu, kém"
    assert [(r.rank, r.unit.code, r.total) for r in area.ranking] == [
        (1, "c1", Decimal("36.24")),
        (2, "c2", Decimal("15.67")),
    ]
    assert not area.unit.comparable  # a district: pre-reform


def test_units_of_the_period_after_the_reform():
    """From 07/2025 the communes sit under the province, the districts are gone: each period ranks its own units."""
    province = UnitFactory.create(code="t", name="Tỉnh T", level=UnitLevel.PROVINCE)
    UnitFactory.create(
        code="h-old", name="Huyện cũ", level=UnitLevel.DISTRICT, parent=province, valid_to=dt.date(2025, 6, 30)
    )
    UnitFactory.create(code="x-new", name="Xã mới", parent=province, valid_from=dt.date(2025, 7, 1))
    assert [r.unit.code for r in area_index(province, parse_period("2025-Q1")).ranking] == ["h-old"]
    assert [r.unit.code for r in area_index(province, parse_period("2025-Q3")).ranking] == ["x-new"]


def test_bounded_queries(history, django_assert_max_num_queries):
    """One period costs a fixed number of aggregate queries, whatever the number of units ranked."""
    for n in range(10):
        UnitFactory.create(code=f"extra-{n}", parent=history["district"])
    with django_assert_max_num_queries(16):
        area_index(history["district"], MARCH)
    with django_assert_max_num_queries(6):
        points = trend(history["c1"], MARCH)
    assert len(points) == 12 and points[-1] is not None and points[-1].total == Decimal("36.24")


def test_trend_agrees_with_each_period(history):
    """The trend's one-scan counts are the figures of each period: every point equals the period's own index."""
    from cchc.serviceindex.compute import previous_periods

    for unit in (history["c1"], history["district"]):
        points = trend(unit, MARCH, count=3)
        for period, point in zip(previous_periods(MARCH, 3), points, strict=True):
            single = unit_index(unit, period)
            assert point is not None
            assert [s.points for g in point.groups for s in g.subs] == [s.points for g in single.groups for s in g.subs]
            assert [(s.numerator, s.denominator) for g in point.groups for s in g.subs] == [
                (s.numerator, s.denominator) for g in single.groups for s in g.subs
            ]
