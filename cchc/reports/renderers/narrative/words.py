"""The blocks the report is made of, and numbers and rates in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from cchc.lib.formatting import vn_int, vn_percent
from cchc.reports.figures.definitions import Rate

SECTION, CLAUSE, SUBCLAUSE, PARA, ITEM, SUBITEM, NOTE = (
    "section",
    "clause",
    "subclause",
    "para",
    "item",
    "subitem",
    "note",
)


@dataclass(frozen=True)
class Block:
    """One paragraph of the body. `lead` is printed bold before `text` (e.g. "Cấp huyện:")."""

    kind: str
    text: str
    lead: str = ""

    @property
    def full_text(self) -> str:
        return f"{self.lead} {self.text}".strip() if self.lead else self.text


# --- numbers in words ---
def pct(value: Decimal | None) -> str:
    """A dossier rate: 2 decimals ("99,95%", "0,05%", "75,60%"), a whole value without them ("100%")."""
    if value is None:
        return "không phát sinh"
    return vn_percent(value, 2, strip_zeros=value == value.to_integral_value())


def unit_pct(value: Decimal | None) -> str:
    """A rate in a per-unit list, trailing zeros dropped as the seed prints them ("42,2%", "100%")."""
    if value is None:
        return "không phát sinh"
    return vn_percent(value, 2, strip_zeros=True)


def reached(rate: Rate, verb: str = "đạt") -> str:
    """ "đạt 99,95%", or "không phát sinh" when there is nothing to divide by (0/0 is no rate at all)."""
    return f"{verb} {pct(rate.percent)}" if rate.denominator else "không phát sinh"


def k_of_n(rate: Rate) -> str:
    return f"{vn_int(rate.numerator)}/{vn_int(rate.denominator)}"


def _join(parts: Iterable[str], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)
