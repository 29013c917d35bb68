"""The scoring rules of the service index of Decision 766/QĐ-TTg, as data/decision-766.json states them.

No database code here: a sub-score is made of a numerator, a denominator and its rule; a group's score is the sum
of its sub-scores, each rounded half-up to 2 decimals first (service-index.md §4 "Rounding"). The rows marked
unverified in the data (and the classification bands) take an administrator's correction from
cchc.serviceindex.models when there is one.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).parent / "data" / "decision-766.json"
CENT = Decimal("0.01")

LINEAR, THRESHOLD = "linear", "threshold"
# What a zero denominator gives (service-index.md §2): 0 by default ([S6] "a zero denominator gives ratio 0"),
# the maximum where the note says so (5.2, 5.3: "0 petitions ⇒ 6"; the e-copy row: "null/null is scored as 100 %").
EMPTY_ZERO, EMPTY_MAX = "zero", "max"


@functools.cache
def load_data() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class SubIndicator:
    code: str
    name: str
    name_vi: str
    group: str
    max: Decimal
    rule: str
    threshold: Decimal | None  # percent, for the threshold rule
    empty: str
    input: str
    status: str
    unverified: bool
    province_only: bool  # 1.1-1.3: the province's procedure publication, copied by every unit below it


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    name_vi: str
    max: Decimal
    subs: tuple[SubIndicator, ...]


@dataclass(frozen=True)
class Band:
    min: Decimal
    name: str


def default_groups() -> tuple[Group, ...]:
    groups = []
    for g in load_data()["groups"]:
        subs = tuple(
            SubIndicator(
                code=s["code"],
                name=s["name"],
                name_vi=s["name_vi"],
                group=g["code"],
                max=Decimal(str(s["max"])),
                rule=s["rule"],
                threshold=Decimal(str(s["threshold"])) if "threshold" in s else None,
                empty=s.get("empty", EMPTY_ZERO),
                input=s["input"],
                status=s["status"],
                unverified=bool(s["unverified"]),
                province_only=s.get("level") == "province",
            )
            for s in g["subs"]
        )
        groups.append(Group(g["code"], g["name"], g["name_vi"], Decimal(str(g["max"])), subs))
    return tuple(groups)


def default_bands() -> tuple[Band, ...]:
    return tuple(Band(Decimal(str(b["min"])), b["name"]) for b in load_data()["bands"]["default"])


def with_overrides(
    groups: tuple[Group, ...], overrides: dict[str, tuple[Decimal | None, Decimal | None]]
) -> tuple[Group, ...]:
    """`groups` with the administrator's maxima and thresholds (code -> (max, threshold)) on unverified rows; a
    group's maximum is then the sum of its rows'."""
    out = []
    for group in groups:
        subs = []
        for sub in group.subs:
            if sub.unverified and sub.code in overrides:
                new_max, new_threshold = overrides[sub.code]
                sub = replace(
                    sub,
                    max=sub.max if new_max is None else new_max,
                    threshold=sub.threshold if new_threshold is None else new_threshold,
                )
            subs.append(sub)
        out.append(replace(group, subs=tuple(subs), max=sum((s.max for s in subs), Decimal(0))))
    return tuple(out)


def round_points(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def points(sub: SubIndicator, numerator: int | None, denominator: int | None) -> Decimal:
    """The sub-score: linear `max × r`, or threshold t `min(max, max × r / t)`, r = numerator / denominator,
    rounded half-up to 2 decimals. No data (None) scores 0; a zero denominator scores by `sub.empty`."""
    if numerator is None or denominator is None:
        return Decimal("0.00")
    if denominator == 0:
        return round_points(sub.max) if sub.empty == EMPTY_MAX else Decimal("0.00")
    ratio = Decimal(numerator) / Decimal(denominator)
    if sub.rule == THRESHOLD:
        assert sub.threshold is not None
        value = min(sub.max, sub.max * ratio * 100 / sub.threshold)
    else:
        value = min(sub.max, sub.max * ratio)
    return round_points(max(value, Decimal(0)))


def band_for(total: Decimal, bands: tuple[Band, ...]) -> str:
    for band in sorted(bands, key=lambda b: b.min, reverse=True):
        if total >= band.min:
            return band.name
    return ""
