"""Vietnamese notation for numbers and dates, as official documents print them.

Numbers: "." groups thousands and "," marks decimals (8.134; 79.461,612; 99,95%). Rounding is half-up on
Decimal, never float `round` (which rounds half to even and carries binary error).
Dates: "ngày 15 tháng 9 năm 2023" in running text and the place-and-date line; Decree 30/2020/NĐ-CP
(Appendix I, box 4) writes days below 10 and the months 1 and 2 with a leading zero ("ngày 05 tháng 02 năm
2023") so that nobody can add a digit in front of them. Short dates in running text follow the seed report
("15/9/2023", "04/8/2023", "17/02/2023"), with the same leading zeros.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

Number = int | Decimal


def _as_decimal(value: Number | str) -> Decimal:
    if isinstance(value, float):
        raise TypeError("pass an int or a Decimal, not a float (binary floats misround percentages)")
    return value if isinstance(value, Decimal) else Decimal(value)


def _group(whole: str) -> str:
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ".".join(groups)


def vn_decimal(value: Number | str, decimals: int = 0, *, strip_zeros: bool = False) -> str:
    """Write a number rounded half-up to `decimals`: `vn_decimal(Decimal("79461.612"), 3) == "79.461,612"`.

    With `strip_zeros`, trailing zeros of the fraction are dropped ("42,2" rather than "42,20", "100").
    """
    quantum = Decimal(1).scaleb(-decimals)
    rounded = _as_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    if strip_zeros:
        fraction = fraction.rstrip("0")
    text = ("-" if rounded < 0 else "") + _group(whole)
    return f"{text},{fraction}" if fraction else text


def vn_int(value: int) -> str:
    """Write a whole number with "." between thousands: `vn_int(8134) == "8.134"`."""
    return vn_decimal(value, 0)


def vn_amount(value: Number | str) -> str:
    """Write an exact amount with the decimals it carries: 79461.612 -> "79.461,612", 7000 -> "7.000"."""
    number = _as_decimal(value)
    exponent = number.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return vn_decimal(number, decimals)


def vn_percent(value: Number | str, decimals: int = 2, *, strip_zeros: bool = False) -> str:
    """Write a percentage: `vn_percent(Decimal("99.95")) == "99,95%"`; with `strip_zeros` 100.00 -> "100%"."""
    return f"{vn_decimal(value, decimals, strip_zeros=strip_zeros)}%"


def two_digits(number: int) -> str:
    """Numbers below 10 get a leading zero, as Decree 30 writes document numbers and counts ("04", "12")."""
    return f"{number:02d}"


def vn_date(day: dt.date) -> str:
    """Short date as running text prints it: "15/9/2023", with Decree 30's leading zeros ("04/8/2023", "17/02/2023")."""
    month = two_digits(day.month) if day.month <= 2 else str(day.month)
    return f"{two_digits(day.day)}/{month}/{day.year}"


def vn_date_long(day: dt.date) -> str:
    """The place-and-date form: "ngày 15 tháng 9 năm 2023"; "ngày 05 tháng 02 năm 2023" (Decree 30, box 4)."""
    month = two_digits(day.month) if day.month <= 2 else str(day.month)
    return f"ngày {two_digits(day.day)} tháng {month} năm {day.year}"


def document_number(number: int | None, symbol: str) -> str:
    """The "Số:" line: "Số: 04/BC-UBND"; a draft without a number leaves room for the clerk ("Số:     /BC-UBND")."""
    if number is None:
        return f"Số:{' ' * 6}/{symbol}"
    return f"Số: {two_digits(number)}/{symbol}"


def roman(number: int) -> str:
    """Roman numerals for quarters and section numbers: 3 -> "III"."""
    if not 0 < number < 40:
        raise ValueError(f"roman numerals are used here for 1..39, not {number}")
    out = []
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)
