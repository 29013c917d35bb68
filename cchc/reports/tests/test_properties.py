"""Property tests: on random dossier histories, every count equals a plain Python recount, and the identities of
metrics.md hold (total = resolved + withdrawn_or_returned + pending; resolved = early + on time + late;
tree = self + children; carried_over of a period = pending of the period ending the day before)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.dossiers.models import Channel, Dossier
from cchc.lib.periods import Period
from cchc.procedures.models import OnlineService
from cchc.reports.figures.dossiers import COUNT_KEYS, Scope, dossier_figures

from . import builders
from .builders import LOCAL

BASE = dt.datetime(2023, 5, 1, tzinfo=LOCAL)
MINUTES = st.integers(min_value=0, max_value=200 * 24 * 60)
UNIT_CODES = ["p", "d1", "d10", "c1", "c2", "c3"]


@dataclass
class History:
    dossiers: list[dict]
    feedback: list[dict]


def _at(minutes: int) -> dt.datetime:
    return BASE + dt.timedelta(minutes=minutes)


@st.composite
def dossier_specs(draw) -> dict:
    received = draw(MINUTES)
    due = received + draw(st.integers(min_value=0, max_value=30 * 24 * 60))
    midnight = due - due % 1440  # BASE is a local midnight, so this is the due day's local midnight
    # Deadlines and finishes around local midnight exercise the local-day comparisons.
    due = max(received, draw(st.sampled_from([due, midnight + 30, midnight + 23 * 60 + 30, midnight + 17 * 60])))
    finished = draw(
        st.none()
        | st.integers(min_value=received, max_value=received + 60 * 24 * 60)
        | st.sampled_from([due, due + 1, due - 1, midnight + 23 * 60 + 30, midnight + 10, midnight - 10]).map(
            lambda m: max(m, received)
        )
    )
    apology = draw(st.none() | st.integers(min_value=received, max_value=received + 40 * 24 * 60))
    # A wait for the applicant (supplement or fees): started after receipt, ended or still open.
    pause_start = draw(st.none() | st.integers(min_value=received, max_value=received + 40 * 24 * 60))
    pause_end = None if pause_start is None else draw(st.none() | st.integers(pause_start, pause_start + 20 * 1440))
    return {
        "unit": draw(st.sampled_from(UNIT_CODES)),
        "received_at": _at(received),
        "due_at": _at(due),
        "finished_at": None if finished is None else _at(finished),
        "outcome": "" if finished is None else draw(st.sampled_from(["resolved", "resolved", "withdrawn", "returned"])),
        "channel": draw(st.sampled_from(list(Channel.values))),
        "online_service": draw(st.sampled_from(list(OnlineService.values))),
        "components_digitized": draw(st.booleans()),
        "result_digitized": draw(st.booleans()),
        "e_certified": draw(st.booleans()),
        "extended_due_at": draw(st.none() | st.builds(_at, st.integers(received, received + 70 * 24 * 60))),
        "processing_working_days": draw(st.none() | st.decimals(0, 40, places=2)),
        "waiting_working_days": draw(st.decimals(0, 10, places=2)),
        "apology_at": None if apology is None else _at(apology),
        "apology_in_time": draw(st.booleans()),
        "pause": None if pause_start is None else (_at(pause_start), None if pause_end is None else _at(pause_end)),
        # Set when the wait began after the deadline (the deadline it had already missed).
        "missed_due_at": draw(st.none() | st.just(_at(due))),
        "evaluations": draw(st.lists(st.builds(_at, MINUTES), max_size=2)),
    }


@st.composite
def feedback_specs(draw) -> dict:
    received = draw(MINUTES)
    answered = draw(st.none() | st.integers(min_value=received, max_value=received + 60 * 24 * 60))
    return {
        "unit": draw(st.sampled_from(UNIT_CODES)),
        "received_at": _at(received),
        "answered_at": None if answered is None else _at(answered),
    }


histories = st.builds(History, st.lists(dossier_specs(), max_size=25), st.lists(feedback_specs(), max_size=4))

periods = st.builds(
    lambda start, days: Period(BASE.date() + dt.timedelta(days=start), BASE.date() + dt.timedelta(days=start + days)),
    st.integers(min_value=0, max_value=170),
    st.integers(min_value=0, max_value=100),
)


def build(history: History, units: dict) -> None:
    rows = builders.save(
        *(
            builders.dossier(
                unit=units[spec["unit"]],
                **{
                    k: v
                    for k, v in spec.items()
                    if k not in ("unit", "apology_at", "apology_in_time", "pause", "evaluations")
                },
            )
            for spec in history.dossiers
        )
    )
    for row, spec in zip(rows, history.dossiers, strict=True):
        spec["row"] = row
        if spec["apology_at"]:
            builders.apology(row, spec["apology_at"], spec["extended_due_at"], in_time=spec["apology_in_time"])
        if spec["pause"]:
            builders.pause(row, *spec["pause"])
        for at in spec["evaluations"]:
            builders.evaluation(row, at)
    for f in history.feedback:
        builders.feedback(units[f["unit"]], f["received_at"], f["answered_at"])


def in_scope(unit_path: str, unit, scope: Scope) -> bool:
    if scope == Scope.SELF:
        return unit_path == unit.path
    below = unit_path.startswith(unit.path) and unit_path != unit.path
    return below if scope == Scope.CHILDREN else unit_path.startswith(unit.path)


def recount(history: History, units: dict, unit, period: Period, scope: Scope) -> tuple[dict, dict]:
    """The figures of metrics.md by plain Python over the specs (no database)."""
    start, end = period.start_at, period.end_at

    def within(at):
        return at is not None and start <= at < end

    def day(at):
        return at.astimezone(LOCAL).date()

    c = dict.fromkeys(COUNT_KEYS, 0)
    sums: dict[str, list[Decimal]] = {"processing": [], "waiting": []}
    for s in history.dossiers:
        if not in_scope(units[s["unit"]].path, unit, scope):
            continue
        received, due, finished, outcome = s["received_at"], s["due_at"], s["finished_at"], s["outcome"]
        is_received = within(received)
        carried = received < start and (finished is None or finished >= start)
        resolved = outcome == "resolved" and within(finished)
        missed = s["missed_due_at"]
        # deadlines.py: late when finished after due_at or after missing the deadline before a wait; overdue at the
        # period's end when pending and the deadline passed while not waiting for the applicant then (or missed).
        resolved_late = resolved and (finished > due or missed is not None)
        pending = received < end and (finished is None or finished >= end)
        paused = s["pause"] is not None and s["pause"][0] <= end and (s["pause"][1] is None or s["pause"][1] > end)
        overdue = pending and ((missed is not None and missed < end) or (due < end and not paused))
        late = resolved_late or overdue
        online_capable = is_received and s["online_service"] in ("partial", "full")
        full_online = is_received and s["online_service"] == "full"
        flags = {
            "received_online": is_received and s["channel"] == "online",
            "received_direct": is_received and s["channel"] == "direct",
            "received_postal": is_received and s["channel"] == "postal",
            "received": is_received,
            "carried_over": carried,
            "total": carried or is_received,
            "resolved": resolved,
            "resolved_early": resolved and missed is None and day(finished) < day(due),
            "resolved_on_time": resolved and missed is None and day(finished) == day(due) and finished <= due,
            "resolved_late": resolved_late,
            "withdrawn_or_returned": outcome in ("withdrawn", "returned") and within(finished),
            "pending": pending,
            "pending_overdue": overdue,
            "pending_within_deadline": pending and not overdue,
            "due": resolved or overdue,
            "late": late,
            "apologies": within(s["apology_at"]),
            "late_with_apology": late and s["apology_at"] is not None and s["apology_at"] < end,
            "late_with_apology_in_time": late
            and s["apology_at"] is not None
            and s["apology_at"] < end
            and s["apology_in_time"],
            "late_kept_new_date": resolved_late
            and s["extended_due_at"] is not None
            and finished <= s["extended_due_at"],
            "e_certifications": resolved and s["e_certified"],
            "digitized_components": is_received and s["components_digitized"],
            "digitized_results": resolved and s["result_digitized"],
            "online_capable_received": online_capable,
            "online_capable_received_online": online_capable and s["channel"] == "online",
            "full_online_received": full_online,
            "full_online_received_online": full_online and s["channel"] == "online",
            # Decision 766 index 2.1 (service-index.md §2.2): received in P and finished (any outcome) by the
            # deadline without missing it before a wait, or still pending within it at the period's end.
            "received_handled_on_time": is_received
            and (
                (finished is not None and finished < end and missed is None and finished <= due)
                or (pending and not overdue)
            ),
            # Index 5.4: a petition about the dossier or a "not satisfied" evaluation; the builder's feedback names
            # no dossier and its evaluations are "satisfied" (the model's default), so none.
            "received_with_complaint": False,
            # Index 4.x: the builder's procedures issue a result document (the model's default) and charge no fee.
            "received_paper_result": is_received,
            "received_paper_result_digitized": is_received and s["result_digitized"],
            "received_digitized_fully": is_received and s["components_digitized"] and s["result_digitized"],
            "received_fee_bearing": False,
        }
        for key, flag in flags.items():
            c[key] += bool(flag)
        c["evaluations"] += sum(within(at) for at in s["evaluations"])
        # "Satisfied or very satisfied": the builder's evaluations are "satisfied" (the model's default).
        c["evaluations_satisfied"] += sum(within(at) for at in s["evaluations"])
        if resolved:
            if s["processing_working_days"] is not None:
                sums["processing"].append(s["processing_working_days"])
            sums["waiting"].append(s["waiting_working_days"])
    for f in history.feedback:
        if in_scope(units[f["unit"]].path, unit, scope):
            c["feedback_received"] += within(f["received_at"])
            c["feedback_resolved"] += within(f["answered_at"])
            # The builder's feedback has no due date: answered, it is on time; never overdue (metrics.md).
            c["feedback_answered_on_time"] += within(f["answered_at"])

    def mean(values):
        if not values:
            return None
        return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)

    durations = {
        "processing_working_days_avg": mean(sums["processing"]),
        "waiting_working_days_avg": mean(sums["waiting"]),
    }
    return c, durations


@pytest.fixture
def units(db):
    return builders.unit_tree()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories, period=periods, unit_code=st.sampled_from(["p", "d1", "c1"]))
def test_figures_match_a_plain_recount_and_the_identities_hold(units, history, period, unit_code):
    """Every count and duration equals the recount, for each scope; the identities of metrics.md hold."""
    with transaction.atomic():
        build(history, units)
        unit = units[unit_code]
        by_scope = {}
        for scope in Scope:
            figures = dossier_figures(unit=unit, period=period, scope=scope)
            expected_counts, expected_durations = recount(history, units, unit, period, scope)
            assert figures.counts == expected_counts, scope
            assert figures.durations == expected_durations, scope
            by_scope[scope] = figures.counts

        c = by_scope[Scope.TREE]
        assert c["total"] == c["resolved"] + c["withdrawn_or_returned"] + c["pending"]
        assert c["total"] == c["carried_over"] + c["received"]
        assert c["resolved"] == c["resolved_early"] + c["resolved_on_time"] + c["resolved_late"]
        assert c["pending"] == c["pending_overdue"] + c["pending_within_deadline"]
        for key in COUNT_KEYS:
            assert c[key] == by_scope[Scope.SELF][key] + by_scope[Scope.CHILDREN][key], key

        day_before = period.previous_day()
        earlier = Period(day_before - dt.timedelta(days=30), day_before)
        assert c["carried_over"] == dossier_figures(unit=unit, period=earlier, scope=Scope.TREE).counts["pending"]
        assert Dossier.objects.count() == len(history.dossiers)
        transaction.set_rollback(True)
