"""The definitions of the figures of docs/metrics.md, in plain Python: one home for every rule they share.

What each count and rate is called, how a rate is made of counts, how a percentage is rounded, and when a
dossier was resolved early, on time or late. No database code here: cchc.reports.figures.dossiers states
the same rules as database conditions and takes its names from this module; the renderers, the narrative,
the printed forms and the reform models use it directly.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

# Counts (integers), in the order of metrics.md "Counts".
COUNT_KEYS: tuple[str, ...] = (
    "received_online",
    "received_direct",
    "received_postal",
    "received",
    "carried_over",
    "total",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn_or_returned",
    "pending",
    "pending_overdue",
    "pending_within_deadline",
    "due",
    "late",
    "apologies",
    "late_with_apology",
    "late_with_apology_in_time",
    "late_kept_new_date",
    "evaluations",
    "evaluations_satisfied",
    "e_certifications",
    "digitized_components",
    "digitized_results",
    "online_capable_received",
    "online_capable_received_online",
    "full_online_received",
    "full_online_received_online",
    "feedback_received",
    "feedback_resolved",
    "feedback_answered_on_time",
    "feedback_overdue",
    "no_time_limit_received",
    "no_time_limit_resolved",
    # The service index of Decision 766 (cchc.serviceindex), over the dossiers received in the period.
    "received_handled_on_time",
    "received_with_complaint",
    "received_paper_result",
    "received_paper_result_digitized",
    "received_digitized_fully",
    "received_fee_bearing",
    "feedback_received_late",
)

# Durations of metrics.md "Durations": means over `resolved`, in working days.
DURATION_KEYS: tuple[str, ...] = ("processing_working_days_avg", "waiting_working_days_avg")

# Rates of metrics.md "Rates": key -> (numerator count keys, summed; denominator count key).
RATE_DEFINITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "on_time_of_resolved": (("resolved_early", "resolved_on_time"), "resolved"),
    "late_of_resolved": (("resolved_late",), "resolved"),
    "on_time_of_due": (("resolved_early", "resolved_on_time"), "due"),
    "late_of_due": (("late",), "due"),
    "digitized_components": (("digitized_components",), "received"),
    "digitized_results": (("digitized_results",), "resolved"),
    "online": (("online_capable_received_online",), "online_capable_received"),
    "full_online": (("full_online_received_online",), "full_online_received"),
    "apology_coverage": (("late_with_apology",), "late"),
    "apology_in_time_coverage": (("late_with_apology_in_time",), "late"),
    "evaluation": (("evaluations",), "resolved"),
    "satisfaction": (("evaluations_satisfied",), "evaluations"),
    "feedback_on_time": (("feedback_answered_on_time",), "feedback_resolved"),
}

CENT = Decimal("0.01")


def percent(numerator: int | Decimal, denominator: int | Decimal) -> Decimal | None:
    """100 * numerator / denominator rounded half-up to 2 decimals; None when the denominator is 0.

    metrics.md "Rates": "rounded half-up to 2 decimals (Decimal, not float `round`), and `null` when the
    denominator is 0". The quotient is rounded in exact integer arithmetic, so no intermediate rounding can
    move a value across the half. Amounts (million VND with 3 decimals) are divided the same way.
    """
    if not denominator:
        return None
    p, q = Decimal(numerator).as_integer_ratio()
    r, s = Decimal(denominator).as_integer_ratio()
    # 100 * numerator / denominator in hundredths = 10000 * (p / q) / (r / s) = 10000 * p * s / (q * r)
    top, bottom = 10000 * p * s, q * r
    negative = (top < 0) != (bottom < 0)
    top, bottom = abs(top), abs(bottom)
    cents = (2 * top + bottom) // (2 * bottom)  # floor(top / bottom + 1/2): half-up, a tie away from zero
    value = Decimal(cents).scaleb(-2)
    return (-value if negative and cents else value).quantize(CENT)


def json_number(value: Decimal | None) -> float | None:
    """A Decimal figure for JSON: of at most 2 places and 15 digits, it prints back identically as a float."""
    return None if value is None else float(value)


@dataclass(frozen=True)
class Rate:
    """k of n, with its percentage (metrics.md: 2 decimals, half-up, None when n is 0)."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)

    def to_json(self) -> dict[str, Any]:
        return {"numerator": self.numerator, "denominator": self.denominator, "percent": json_number(self.percent)}


def rate_from_counts(key: str, counts: Mapping[str, int]) -> Rate:
    """The rate `key` of RATE_DEFINITIONS made of `counts` (a missing count is 0). KeyError for an unknown rate."""
    numerator_keys, denominator_key = RATE_DEFINITIONS[key]
    return Rate(sum(int(counts.get(k, 0)) for k in numerator_keys), int(counts.get(denominator_key, 0)))


class Timeliness(enum.StrEnum):
    """How a resolved dossier (or a step of it) stands against its deadline: the three counts of metrics.md."""

    EARLY = "early"  # resolved_early
    ON_TIME = "on_time"  # resolved_on_time
    LATE = "late"  # resolved_late


def local_zone() -> ZoneInfo:
    """The zone whose calendar days the figures count in (settings.TIME_ZONE, Asia/Ho_Chi_Minh)."""
    return ZoneInfo(settings.TIME_ZONE)


def timeliness(finished_at: dt.datetime, due_at: dt.datetime | None, tz: dt.tzinfo | None = None) -> Timeliness:
    """Early, on time or late, by metrics.md: early = "finished on a calendar day before the day of `due_at`";
    on time = "finished on the day of `due_at`, not after `due_at`"; late = "finished after `due_at`". With no
    `due_at` (a procedure with no legal time limit) it is on time: never late, never early.

    Days are local calendar days (`tz`, by default settings.TIME_ZONE), as the database conditions count them.
    """
    if due_at is None:
        return Timeliness.ON_TIME
    if finished_at.tzinfo is None or due_at.tzinfo is None:
        raise ValueError("timeliness needs aware datetimes (finished_at and due_at with a time zone)")
    if finished_at > due_at:
        return Timeliness.LATE
    zone = tz or local_zone()
    if finished_at.astimezone(zone).date() < due_at.astimezone(zone).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
