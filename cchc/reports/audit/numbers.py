"""Vietnamese number notation: "." groups thousands, "," marks decimals ("8.134", "99,95", "79.461,612")."""

from __future__ import annotations

import re
from decimal import Decimal

from cchc.lib.formatting import vn_amount, vn_decimal

# A grouped number must have whole groups of three digits, so "242.322,798" is one number and the "."
# ending a sentence ("... 520.") is not taken as part of it.
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

# Not glued to another number, a slash or a decimal mark: "12/7/2023" and "12/2019/QĐ-UBND" hold no figure.
NOT_AFTER_NUMBER = r"(?<![\d.,/])"
NOT_BEFORE_NUMBER = r"(?![\d/]|[.,]\d)"
NUM = rf"{NOT_AFTER_NUMBER}(?:{NUMBER}){NOT_BEFORE_NUMBER}"
# The two sides of a ratio "a/b": each glued only to the slash between them.
NUMERATOR = rf"{NOT_AFTER_NUMBER}(?:{NUMBER})(?!\d|[.,]\d)"
DENOMINATOR = rf"(?:{NUMBER}){NOT_BEFORE_NUMBER}"

NUMBER_RE = re.compile(NUM)


def parse_number(token: str) -> Decimal:
    """Read a number written the Vietnamese way ("8.134" is eight thousand, "0,5" is a half)."""
    return Decimal(token.strip().replace(".", "").replace(",", "."))


def decimals_of(token: str) -> int:
    """How many decimals the number was printed with."""
    _, comma, fraction = token.partition(",")
    return len(fraction) if comma else 0


def format_number(value: Decimal, decimals: int = 0) -> str:
    """Write a number the Vietnamese way, rounded half-up to the given decimals (cchc.lib.formatting's notation)."""
    return vn_decimal(value, decimals)


def format_amount(value: Decimal) -> str:
    """Write an exact amount with as many decimals as it has (a sum of printed amounts)."""
    return vn_amount(value)


def format_percent(value: Decimal, printed_decimals: int) -> str:
    """Write a correct percentage: at least two decimals so that 0,05% is not shown as 0,1%, none when whole."""
    if value == value.to_integral_value():
        return f"{format_number(value, 0)}%"
    return f"{format_number(value, max(printed_decimals, 2))}%"


def percent_matches(stated: Decimal, printed_decimals: int, exact: Decimal) -> bool:
    """True when the printed percentage is the exact one rounded to the decimals it was printed with."""
    half_unit = Decimal(5).scaleb(-printed_decimals - 1)
    return abs(stated - exact) <= half_unit
