"""Vietnamese notation of numbers, percentages and dates (seed report and Decree 30/2020/NĐ-CP)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.lib.formatting import (
    document_number,
    roman,
    two_digits,
    vn_amount,
    vn_date,
    vn_date_long,
    vn_decimal,
    vn_int,
    vn_percent,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (7, "7"), (520, "520"), (8134, "8.134"), (242322, "242.322"), (1234567, "1.234.567"), (-8134, "-8.134")],
)
def test_whole_numbers_group_thousands_with_dots(value, text):
    assert vn_int(value) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (Decimal("79461.612"), 3, "79.461,612"),
        (Decimal("242322.798"), 3, "242.322,798"),
        (Decimal("0.125"), 2, "0,13"),  # half-up, where float round() gives 0,12
        (Decimal("2.675"), 2, "2,68"),
        (Decimal("-0.001"), 2, "0,00"),
        (7000, 3, "7.000,000"),
    ],
)
def test_decimals_use_a_comma_and_round_half_up(value, decimals, text):
    assert vn_decimal(value, decimals) == text


def test_amounts_keep_their_own_decimals():
    assert vn_amount(Decimal("79461.612")) == "79.461,612"
    assert vn_amount(Decimal("7000")) == "7.000"
    assert vn_amount(Decimal("113800.000")) == "113.800"


def test_floats_are_refused():
    with pytest.raises(TypeError):
        vn_decimal(99.95, 2)


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (Decimal("99.95"), {}, "99,95%"),
        (Decimal("0.05"), {}, "0,05%"),
        (Decimal("75.5976"), {}, "75,60%"),
        (Decimal("75.60"), {}, "75,60%"),
        (Decimal("100.00"), {"strip_zeros": True}, "100%"),
        (Decimal("42.20"), {"strip_zeros": True}, "42,2%"),
        (Decimal("99.31"), {"strip_zeros": True}, "99,31%"),
        (Decimal("105.28"), {"decimals": 1}, "105,3%"),
    ],
)
def test_percentages(value, kwargs, text):
    assert vn_percent(value, **kwargs) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2023, 9, 15), "ngày 15 tháng 9 năm 2023"),
        (dt.date(2023, 2, 5), "ngày 05 tháng 02 năm 2023"),
        (dt.date(2023, 1, 31), "ngày 31 tháng 01 năm 2023"),
        (dt.date(2023, 3, 9), "ngày 09 tháng 3 năm 2023"),
        (dt.date(2023, 12, 10), "ngày 10 tháng 12 năm 2023"),
    ],
)
def test_long_dates_follow_decree_30(day, text):
    assert vn_date_long(day) == text


def test_short_dates_take_the_same_leading_zeros():
    assert vn_date(dt.date(2023, 9, 15)) == "15/9/2023"
    assert vn_date(dt.date(2023, 8, 4)) == "04/8/2023"
    assert vn_date(dt.date(2023, 2, 17)) == "17/02/2023"
    assert vn_date(dt.date(2022, 3, 10)) == "10/3/2022"


def test_document_numbers_get_two_digits():
    assert two_digits(4) == "04"
    assert two_digits(123) == "123"
    assert document_number(4, "BC-UBND") == "Số: 04/BC-UBND"
    assert document_number(215, "BC-UBND") == "Số: 215/BC-UBND"
    assert document_number(None, "BC-UBND").startswith("Số:")
    assert document_number(None, "BC-UBND").endswith(" /BC-UBND")


def test_roman_numerals():
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14)] == ["I", "II", "III", "IV", "IX", "XIV"]
    with pytest.raises(ValueError):
        roman(0)
