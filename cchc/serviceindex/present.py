"""How the index is written for people: Vietnamese numbers, the links to the dossiers behind each input."""

from __future__ import annotations

from decimal import Decimal

from cchc.lib.formatting import vn_decimal, vn_int, vn_percent
from cchc.reports.views import figure_url

from .compute import SubScore, UnitIndex


def points_text(value: Decimal) -> str:
    return vn_decimal(value, 2)


def input_links(result: UnitIndex, sub: SubScore) -> dict[str, str]:
    """Numerator and denominator as written, and the drill-down of each that is a dossier figure."""

    def link(key: str) -> str:
        return figure_url(unit=result.unit, scope="tree", period=result.period, cutoff="calendar", key=key)

    out = {"numerator": "", "denominator": "", "numerator_url": "", "denominator_url": "", "percent": ""}
    if sub.numerator is not None:
        out["numerator"] = vn_int(sub.numerator)
        if sub.numerator_key:
            out["numerator_url"] = link(sub.numerator_key)
    if sub.denominator is not None:
        out["denominator"] = vn_int(sub.denominator)
        if sub.denominator_key:
            out["denominator_url"] = link(sub.denominator_key)
    if sub.percent is not None:
        out["percent"] = vn_percent(sub.percent)
    return out
