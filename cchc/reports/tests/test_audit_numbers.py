"""Vietnamese number notation as the audit reads and writes it."""

from decimal import Decimal

import pytest

from cchc.reports.audit.numbers import (
    decimals_of,
    format_amount,
    format_number,
    format_percent,
    parse_number,
    percent_matches,
)


@pytest.mark.parametrize(
    ("token", "value", "decimals"),
    [
        ("8.134", Decimal("8134"), 0),
        ("99,95", Decimal("99.95"), 2),
        ("79.461,612", Decimal("79461.612"), 3),
        ("04", Decimal("4"), 0),
        ("0,5", Decimal("0.5"), 1),
    ],
)
def test_it_reads_dots_as_thousands_and_commas_as_decimals(token, value, decimals):
    """ "8.134" is eight thousand; the decimals are counted after the comma."""
    assert parse_number(token) == value
    assert decimals_of(token) == decimals


def test_it_writes_numbers_the_vietnamese_way_rounding_half_up():
    """Thousands grouped with dots, a decimal comma, and 0,125 rounds up to 0,13."""
    assert format_number(Decimal("242322.798"), 3) == "242.322,798"
    assert format_number(Decimal("0.125"), 2) == "0,13"
    assert format_number(Decimal("1234567"), 0) == "1.234.567"
    assert format_amount(Decimal("79461.6120")) == "79.461,612"


def test_a_correct_percentage_keeps_two_decimals_unless_it_is_whole():
    """4 of 7.614 shows as 0,05% (not 0,1%) even when the report printed one decimal; 9/9 shows as 100%."""
    assert format_percent(100 * Decimal(4) / Decimal(7614), 1) == "0,05%"
    assert format_percent(Decimal(100), 0) == "100%"
    assert format_percent(100 * Decimal(5756) / Decimal(7614), 2) == "75,60%"


@pytest.mark.parametrize(
    ("stated", "exact", "matches"),
    [
        ("105,3", 100 * Decimal(485358) / Decimal(461006), True),
        ("0,5", 100 * Decimal(4) / Decimal(7614), False),
        ("0,05", 100 * Decimal(4) / Decimal(7614), True),
        ("99,95", 100 * Decimal(7610) / Decimal(7614), True),
        ("77,53", 100 * Decimal(5756) / Decimal(7614), False),
        ("33", Decimal(100) / 3, True),
        ("34", Decimal(100) / 3, False),
    ],
)
def test_a_percentage_is_allowed_the_precision_it_is_printed_with(stated, exact, matches):
    """105,3 for 105,28 is right; 0,5 for 0,05 is wrong."""
    assert percent_matches(parse_number(stated), decimals_of(stated), exact) is matches
