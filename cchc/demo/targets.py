"""The figures the demo data must reproduce, read from the copy of the Gio Linh Q3/2023 report's figures.

Only the figures the report states consistently are targets. Its known inconsistencies (the 0.5 % late rate,
the 77.53 % evaluation rate, "9/9 late dossiers" with 4 late dossiers) are printed errors that no set of records
can reproduce; the records reproduce the counts they are computed from instead.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from cchc.reports.figures.definitions import percent

FIGURES_FILE = Path(__file__).resolve().parent / "data" / "gio-linh-2023-q3-figures.json"
DISTRICT = "gio-linh"
PROVINCE = "quang-tri"


def slug(name: str) -> str:
    """`Gio Mỹ` -> `gio-my`, `TT Cửa Việt` -> `tt-cua-viet`: lower case, no diacritics, hyphens."""
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if unicodedata.category(c) != "Mn")
    return "-".join(plain.lower().split())


def round_half_up(value: Decimal, places: int) -> Decimal:
    """`value` half-up to `places` decimals: how a printed figure of the seed reads at its own precision."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def printed_matches(numerator: int, denominator: int, printed: Decimal) -> bool:
    """Whether the rate, computed as metrics.md says (2 places), reads as `printed` at the printed precision."""
    if denominator <= 0 or not 0 <= numerator <= denominator:
        return False
    exponent = printed.normalize().as_tuple().exponent
    assert isinstance(exponent, int), printed  # a finite number
    places = max(0, -exponent)
    exact = Decimal(100 * numerator) / Decimal(denominator)
    two = percent(numerator, denominator)  # the rate as the figures state it
    assert two is not None  # the denominator is positive
    # Both the exact value and the 2-place figure must round to the printed one (no double-rounding luck).
    return round_half_up(exact, places) == printed and round_half_up(two, places) == printed


@dataclass(frozen=True)
class ScopeTargets:
    received_online: int
    received_direct: int
    carried_over: int
    total: int
    resolved: int
    resolved_early_or_on_time: int
    resolved_late: int
    pending: int
    pending_within_deadline: int
    pending_overdue: int


@dataclass(frozen=True)
class Targets:
    """The consistent figures of the report, keyed by unit code where they are per unit."""

    period_start: dt.date
    period_end: dt.date
    communes: dict[str, str]  # code -> name as the report prints it ("TT Gio Linh")
    procedures_posted: dict[str, int]  # level -> count
    district: ScopeTargets  # the district's own desk (scope self)
    commune_level: ScopeTargets  # the communes (scope children)
    whole: ScopeTargets  # scope tree
    apologies: int
    evaluations: int
    e_certifications: int
    digitized_components: dict[str, Decimal]  # unit code -> printed percent
    digitized_results: dict[str, Decimal]
    online: dict[str, Decimal]
    full_online: dict[str, tuple[int, int]]  # unit code -> (received online, received)


def _scope(raw: dict) -> ScopeTargets:
    return ScopeTargets(**{name: raw[name] for name in ScopeTargets.__dataclass_fields__})


def _by_code(raw: dict, communes: dict[str, str]) -> dict[str, Decimal]:
    code_of = {slug(name): code for code, name in communes.items()}
    code_of["gio-hai"] = "gio-hai"  # the report spells it "Gio Hai" once
    result = {}
    for name, value in raw.items():
        code = DISTRICT if name == "district_level" else code_of[slug(name)]
        result[code] = Decimal(str(value))
    return result


@cache
def load_targets() -> Targets:
    """The targets, from the JSON copy kept in cchc/demo/data (see SOURCE.md there)."""
    raw = json.loads(FIGURES_FILE.read_text(encoding="utf-8"))
    communes = {slug(name): name for name in raw["units"]["communes"]}
    full = raw["full_online_dossiers"]
    full_online = {code: (0, -1) for code in communes}  # -1: some dossiers, none online (the report's "0 %")
    for name, value in full.items():
        if not name.startswith("_"):
            full_online[slug(name)] = (value["received_online"], value["arising"])
    dossiers = raw["dossiers"]
    return Targets(
        period_start=dt.date.fromisoformat(raw["period"]["start"]),
        period_end=dt.date.fromisoformat(raw["period"]["end"]),
        communes=communes,
        procedures_posted={
            "district": raw["procedures_posted"]["district_level"],
            "commune": raw["procedures_posted"]["commune_level"],
        },
        district=_scope(dossiers["district_level"]),
        commune_level=_scope(dossiers["commune_level"]),
        whole=_scope(dossiers["whole_district"]),
        apologies=raw["apologies"]["issued"],
        evaluations=raw["evaluations"]["forms"],
        e_certifications=raw["e_certifications"],
        digitized_components=_by_code(raw["digitized_components_pct"], communes),
        digitized_results=_by_code(raw["digitized_results_pct"], communes),
        online=_by_code(raw["online_dossier_pct"], communes),
        full_online=full_online,
    )
