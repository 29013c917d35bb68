"""The figures' definitions (cchc.reports.figures.definitions) against the words of docs/metrics.md.

No database: the module holds the rules in plain Python. Expected values are worked out by hand from the rule
quoted above each test, not from the code.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from cchc.reports.figures import definitions
from cchc.reports.figures.definitions import (
    COUNT_KEYS,
    DURATION_KEYS,
    RATE_DEFINITIONS,
    Rate,
    Timeliness,
    percent,
    rate_from_counts,
    timeliness,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")  # UTC+7


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=HCM)


# metrics.md "Rates": "`percent` is `100 * numerator / denominator` rounded half-up to 2 decimals (Decimal, not
# float `round`), and `null` when the denominator is 0".
@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (4, 7614, "0.05"),  # 400/7614 = 0.05253... -> 0.05 (the seed printed 0,5%)
        (5756, 7614, "75.60"),  # 575600/7614 = 75.5975... -> 75.60 (the seed printed 77,53%)
        (7610, 7614, "99.95"),  # 761000/7614 = 99.9474... -> 99.95
        (1, 800, "0.13"),  # 0.125 exactly: a tie, rounded up
        (1, 8, "12.50"),  # 12.5 exactly, two decimals kept
        (3, 8, "37.50"),
        (1, 3, "33.33"),  # 33.333...
        (2, 3, "66.67"),  # 66.666...
        (7, 7, "100.00"),
        (0, 5, "0.00"),
        (12345, 1000000, "1.23"),  # 1.2345 -> 1.23 (the third decimal is 4)
        (123456, 10000000, "1.23"),  # 1.23456 -> 1.23
    ],
)
def test_percent_is_half_up_to_two_decimals(numerator, denominator, expected):
    assert percent(numerator, denominator) == Decimal(expected)
    assert str(percent(numerator, denominator)) == expected


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        # 100 * numerator / denominator ending exactly in 5 at the third decimal is a tie: half-up goes up,
        # where banker's rounding (Python's round, Decimal's default) would go to the even neighbour.
        (Decimal("0.00125"), 1, "0.13"),  # 0.125: half-even would give 0.12
        (Decimal("0.00145"), 1, "0.15"),  # 0.145: half-even would give 0.14
        (Decimal("0.02345"), 1, "2.35"),  # 2.345: half-even would give 2.34
        (Decimal("0.00135"), 1, "0.14"),  # 0.135: both give 0.14
        (1, 1600, "0.06"),  # 0.0625: the third decimal is 2, no tie, down
        (1, 40, "2.50"),  # 2.5 exactly
    ],
)
def test_a_tie_at_the_third_decimal_rounds_up_not_to_even(numerator, denominator, expected):
    assert percent(numerator, denominator) == Decimal(expected)


def test_budget_amounts_in_million_vnd_use_the_same_rounding():
    # The seed's revenue line: 485.358 / 461.006 million VND = 105.2823... % -> 105.28 %.
    assert percent(Decimal("485358"), Decimal("461006")) == Decimal("105.28")
    # Disbursement: 79.461,612 / 242.322,798 million VND = 32.7916... % -> 32.79 %.
    assert percent(Decimal("79461.612"), Decimal("242322.798")) == Decimal("32.79")


def test_zero_denominator_has_no_percent():
    assert percent(0, 0) is None
    assert percent(5, 0) is None
    assert percent(Decimal(3), Decimal(0)) is None
    assert Rate(0, 0).percent is None
    assert Rate(0, 0).to_json() == {"numerator": 0, "denominator": 0, "percent": None}


def test_rate_json_is_numerator_denominator_and_percent():
    # metrics.md: "Each rate is reported as `{numerator, denominator, percent}`".
    assert Rate(7610, 7614).to_json() == {"numerator": 7610, "denominator": 7614, "percent": 99.95}


def test_rates_are_made_of_the_counts_metrics_md_names():
    # metrics.md: on_time_of_resolved = (resolved_early + resolved_on_time) / resolved; late_of_due = late / due.
    counts = {"resolved_early": 7200, "resolved_on_time": 410, "resolved": 7614, "late": 4, "due": 7614}
    assert rate_from_counts("on_time_of_resolved", counts) == Rate(7610, 7614)
    assert rate_from_counts("late_of_due", counts) == Rate(4, 7614)
    assert rate_from_counts("apology_coverage", counts) == Rate(0, 4)  # late_with_apology missing: 0
    with pytest.raises(KeyError):
        rate_from_counts("no_such_rate", counts)


# metrics.md's tables, typed out from the document ("more keys may be added, none renamed").
METRICS_MD_COUNTS = (
    "received_online", "received_direct", "received_postal", "received", "carried_over", "total", "resolved",
    "resolved_early", "resolved_on_time", "resolved_late", "withdrawn_or_returned", "pending", "pending_overdue",
    "pending_within_deadline", "due", "late", "apologies", "late_with_apology", "late_kept_new_date", "evaluations",
    "e_certifications", "digitized_components", "digitized_results", "online_capable_received",
    "online_capable_received_online", "full_online_received", "full_online_received_online", "feedback_received",
    "feedback_resolved",
)  # fmt: skip
METRICS_MD_RATES = {
    "on_time_of_resolved": (("resolved_early", "resolved_on_time"), "resolved"),
    "late_of_resolved": (("resolved_late",), "resolved"),
    "on_time_of_due": (("resolved_early", "resolved_on_time"), "due"),
    "late_of_due": (("late",), "due"),
    "digitized_components": (("digitized_components",), "received"),
    "digitized_results": (("digitized_results",), "resolved"),
    "online": (("online_capable_received_online",), "online_capable_received"),
    "full_online": (("full_online_received_online",), "full_online_received"),
    "apology_coverage": (("late_with_apology",), "late"),
    "evaluation": (("evaluations",), "resolved"),
}


def test_the_keys_are_those_of_metrics_md():
    assert [key for key in COUNT_KEYS if key in METRICS_MD_COUNTS] == list(METRICS_MD_COUNTS)  # all, in order
    assert len(COUNT_KEYS) == len(set(COUNT_KEYS))
    for key, definition in METRICS_MD_RATES.items():
        assert RATE_DEFINITIONS[key] == definition, key
    for numerators, denominator in RATE_DEFINITIONS.values():
        assert set(numerators) | {denominator} <= set(COUNT_KEYS)
    assert DURATION_KEYS == ("processing_working_days_avg", "waiting_working_days_avg")


# metrics.md "Counts": resolved_early = "finished on a calendar day before the day of `due_at`";
# resolved_on_time = "finished on the day of `due_at`, not after `due_at`"; resolved_late = "finished after
# `due_at`". Days are local days (Asia/Ho_Chi_Minh, "Inputs").
DUE = at(2023, 7, 6, 9, 0)  # deadline: 6 July 2023, 09:00 local (02:00 UTC)


@pytest.mark.parametrize(
    ("finished", "expected"),
    [
        (at(2023, 7, 5, 23, 59, 59), Timeliness.EARLY),  # the last second of the day before
        (at(2023, 7, 1, 10, 0), Timeliness.EARLY),
        (at(2023, 7, 6, 0, 0), Timeliness.ON_TIME),  # local midnight starts the deadline's day
        (at(2023, 7, 6, 8, 59), Timeliness.ON_TIME),
        (DUE, Timeliness.ON_TIME),  # "not after due_at": at the very moment is on time
        (at(2023, 7, 6, 9, 0, 1), Timeliness.LATE),  # one second after
        (at(2023, 7, 6, 16, 0), Timeliness.LATE),  # same day, after the deadline's time
        (at(2023, 7, 7, 8, 0), Timeliness.LATE),
    ],
)
def test_early_on_time_late_at_the_day_boundaries(finished, expected):
    assert timeliness(finished, DUE) == expected


def test_days_are_local_days_not_utc_days():
    # 5 July 23:30 local is 5 July 16:30 UTC, and 6 July 06:30 local is 5 July 23:30 UTC: in UTC both fall on
    # 5 July, the day before the deadline's UTC day (6 July 02:00 UTC), but locally the second one is on the
    # deadline's day, so it is on time, not early.
    utc = dt.UTC
    assert timeliness(at(2023, 7, 5, 23, 30).astimezone(utc), DUE.astimezone(utc)) == Timeliness.EARLY
    assert timeliness(at(2023, 7, 6, 6, 30).astimezone(utc), DUE.astimezone(utc)) == Timeliness.ON_TIME
    # A deadline at 00:30 local (17:30 UTC the day before): a dossier finished at 18:00 local the previous
    # evening is early by the local calendar.
    due = at(2023, 7, 6, 0, 30)
    assert timeliness(at(2023, 7, 5, 18, 0), due) == Timeliness.EARLY
    assert timeliness(at(2023, 7, 6, 0, 10), due) == Timeliness.ON_TIME


def test_the_zone_can_be_named_explicitly():
    # Locally both instants fall on 6 July: on time. In UTC the first falls on 5 July (23:30) and the deadline on
    # 6 July (01:00): early, when the caller asks for UTC days.
    finished, due = at(2023, 7, 6, 6, 30), at(2023, 7, 6, 8, 0)
    assert timeliness(finished, due) == Timeliness.ON_TIME
    assert timeliness(finished, due, dt.UTC) == Timeliness.EARLY


def test_naive_datetimes_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="aware datetimes"):
        timeliness(dt.datetime(2023, 7, 6, 8, 0), DUE)


def test_the_module_has_no_database_code():
    tree = ast.parse(inspect.getsource(definitions))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m and (m.startswith("django.db") or m.startswith("cchc"))}
