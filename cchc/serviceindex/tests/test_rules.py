"""The scoring rules against the published worked examples of service-index.md §5 (copied into decision-766.json)."""

from __future__ import annotations

from decimal import Decimal

from cchc.lib.periods import parse_period
from cchc.serviceindex import rules
from cchc.serviceindex.compute import Rules, score_from_inputs
from cchc.units.models import Unit, UnitLevel


def _given(inputs: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    return {code: (pair[0], pair[1]) for code, pair in inputs.items()}


def test_xuan_lanh_reproduces_the_portal_scores():
    """UBND xã Xuân Lãnh, 2026 year to date (captured 10/10/2026): the portal's CKMB 11.85, TDGQ 19.26,
    MDSH 10.78, TTTT 7.16, MDHL 18 and, with the portal's CLGQ 6.36 (sub-ratios not captured), total 73.41."""
    example = rules.load_data()["worked_example"]
    unit = Unit(code="xa-xuan-lanh", name=example["unit"], level=UnitLevel.COMMUNE)
    result = score_from_inputs(
        unit,
        parse_period("2026"),
        None,
        catalogue=None,
        online_procedures_used=None,
        the_rules=Rules(rules.default_groups(), rules.default_bands()),
        given=_given(example["inputs"]),
    )
    scores = {g.group.code: g.score for g in result.groups}
    for code, published in example["portal_groups"].items():
        if code != "CLGQ":
            assert scores[code] == Decimal(str(published)), code
    assert sum(v for k, v in scores.items() if k != "CLGQ") + Decimal("6.36") == Decimal(str(example["portal_total"]))
    # The sub-scores as the note works them out: 1.2 79/82 -> 4 x 0.9634 = 3.85; 4.3 984/2735 = 35.98 % / 80 % x 2
    # -> 0.90; 3.4 18/41 = 43.9 % / 80 % x 2 -> 1.10; 4.5a 36/389 -> 0.19; e-copy null/null -> 2.
    subs = {s.sub.code: s.points for g in result.groups for s in g.subs}
    assert subs["1.2"] == Decimal("3.85")
    assert subs["4.3"] == Decimal("0.90")
    assert subs["3.4"] == Decimal("1.10")
    assert subs["4.5a"] == Decimal("0.19")
    assert subs["4.6"] == Decimal("2.00")
    assert subs["5.4"] == Decimal("6.00")  # 96.31 % >= 90 %: the threshold caps it at the maximum


def test_ea_sup_payment():
    """Ea Súp, payment: 6119/7017, 20/40, 10/40 -> 5.23 + 1.25 + 0.63 = 7.11 (portal 7.11)."""
    example = rules.load_data()["second_example"]
    result = score_from_inputs(
        Unit(code="ea-sup", name=example["unit"], level=UnitLevel.COMMUNE),
        parse_period("2026"),
        None,
        catalogue=None,
        online_procedures_used=None,
        the_rules=Rules(rules.default_groups(), rules.default_bands()),
        given=_given(example["inputs"]),
    )
    payment = next(g for g in result.groups if g.group.code == "TTTT")
    assert [s.points for s in payment.subs] == [Decimal("5.23"), Decimal("1.25"), Decimal("0.63")]
    assert payment.score == Decimal("7.11")


def test_maxima_sum_to_100_and_bands():
    groups = rules.default_groups()
    # service-index.md §1: 18 + 20 + 12 + 10 + 18 + 22 = 100, each group the sum of its rows.
    assert [g.max for g in groups] == [18, 20, 12, 10, 18, 22]
    assert all(g.max == sum(s.max for s in g.subs) for g in groups)
    bands = rules.default_bands()
    # The Đắk Lắk tool's bands (UNVERIFIED): >= 90 Xuất sắc, >= 80 Tốt, >= 70 Khá, >= 50 Trung bình, else Yếu/Kém.
    assert rules.band_for(Decimal("90"), bands) == "Xuất sắc"
    assert rules.band_for(Decimal("73.41"), bands) == "Khá"
    assert rules.band_for(Decimal("49.99"), bands) == "Yếu, kém"


def test_unverified_rows_take_the_administrators_correction():
    groups = rules.with_overrides(rules.default_groups(), {"3.1": (None, Decimal("100")), "1.1": (Decimal("1"), None)})
    sub31 = next(s for g in groups for s in g.subs if s.code == "3.1")
    sub11 = next(s for g in groups for s in g.subs if s.code == "1.1")
    assert sub31.threshold == 100 and sub11.max == 6  # 1.1 is not unverified: it keeps the data's value
    # threshold 100 %: 2 x 0.8 / 1.0 = 1.60
    assert rules.points(sub31, 8, 10) == Decimal("1.60")
