"""Each figure of metrics.md on hand-built dossiers, local-day edges included."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from cchc.dossiers.models import Channel
from cchc.lib.periods import Period, parse_period
from cchc.procedures.models import OnlineService
from cchc.reports.figures.dossiers import (
    COUNT_KEYS,
    DOSSIER_FILTERS,
    DURATION_FIELDS,
    RATE_DEFINITIONS,
    ROW_FIGURES,
    Rate,
    Scope,
    _fixed_utc_offset,
    dossier_figures,
    dossier_figures_by_unit,
    figure_queryset,
    percent,
)
from cchc.reports.figures.labels import COUNT_LABELS, DURATION_LABELS, RATE_LABELS
from cchc.reports.selectors import figure_rows

from .builders import apology, dossier, evaluation, feedback, local, save, unit_tree

Q3 = parse_period("2023-Q3")  # 2023-07-01..2023-09-30


@pytest.fixture
def units(db):
    return unit_tree()


def counts(unit, period=Q3, scope=Scope.TREE):
    return dossier_figures(unit=unit, period=period, scope=scope).counts


def test_every_count_has_exactly_one_definition_and_a_label():
    """Each count key is defined once (dossier condition or row figure) and every key has a label."""
    assert not set(DOSSIER_FILTERS) & set(ROW_FIGURES)
    assert set(COUNT_KEYS) == set(DOSSIER_FILTERS) | set(ROW_FIGURES)
    assert set(COUNT_LABELS) == set(COUNT_KEYS)
    assert set(DURATION_LABELS) == set(DURATION_FIELDS)
    assert set(RATE_LABELS) == set(RATE_DEFINITIONS)


def test_received_by_channel_counts_local_days_of_the_period(units):
    """Receipts at 00:30 on the first day and 23:30 on the last day are in; 23:30 the day before is not."""
    c1 = units["c1"]
    save(
        dossier(unit=c1, received_at=local(2023, 7, 1, 0, 30), channel=Channel.ONLINE),
        dossier(unit=c1, received_at=local(2023, 9, 30, 23, 30), channel=Channel.DIRECT),
        dossier(unit=c1, received_at=local(2023, 8, 1, 9), channel=Channel.POSTAL),
        dossier(unit=c1, received_at=local(2023, 6, 30, 23, 30), channel=Channel.ONLINE),
        dossier(unit=c1, received_at=local(2023, 10, 1, 0, 10), channel=Channel.ONLINE),
    )
    c = counts(c1)
    assert (c["received_online"], c["received_direct"], c["received_postal"], c["received"]) == (1, 1, 1, 3)
    assert c["carried_over"] == 1
    assert c["total"] == 4


def test_carried_over_is_received_before_and_not_finished_before_the_start(units):
    """Open, or finished on or after the start: carried over. Finished before the start: not."""
    c1 = units["c1"]
    save(
        dossier(unit=c1, received_at=local(2023, 6, 20, 9)),  # still open
        dossier(unit=c1, received_at=local(2023, 6, 20, 9), finished_at=local(2023, 7, 1, 0, 0)),
        dossier(unit=c1, received_at=local(2023, 6, 20, 9), finished_at=local(2023, 6, 30, 23, 59)),
        dossier(unit=c1, received_at=local(2023, 6, 20, 9), finished_at=local(2023, 7, 3, 9), outcome="withdrawn"),
    )
    c = counts(c1)
    assert c["carried_over"] == 3
    assert c["resolved"] == 1
    assert c["withdrawn_or_returned"] == 1
    assert c["pending"] == 1


def test_early_on_time_and_late_compare_local_days(units):
    """Early = a local day before the due day; on time = the due day and not after due_at; late = after it.

    Two of these would fall the other way if days were taken in UTC (Asia/Ho_Chi_Minh is UTC+7).
    """
    c1 = units["c1"]
    received = local(2023, 7, 3, 8)
    rows = save(
        # finished 23:30 on its due day, due 17:00 that day: late
        dossier(unit=c1, received_at=received, due_at=local(2023, 7, 5, 17), finished_at=local(2023, 7, 5, 23, 30)),
        # finished 23:30 on its due day, due 23:45: on time
        dossier(unit=c1, received_at=received, due_at=local(2023, 7, 5, 23, 45), finished_at=local(2023, 7, 5, 23, 30)),
        # due 00:30 local on the 5th, finished 23:00 on the 4th: early (in UTC both fall on the 4th)
        dossier(unit=c1, received_at=received, due_at=local(2023, 7, 5, 0, 30), finished_at=local(2023, 7, 4, 23)),
        # due 00:30, finished 00:10 the same local day: on time
        dossier(unit=c1, received_at=received, due_at=local(2023, 7, 5, 0, 30), finished_at=local(2023, 7, 5, 0, 10)),
        # due 08:00 on the 5th, finished 06:30 that day: on time (in UTC the finish is on the 4th)
        dossier(unit=c1, received_at=received, due_at=local(2023, 7, 5, 8), finished_at=local(2023, 7, 5, 6, 30)),
        # finished exactly at due_at: on time
        dossier(unit=c1, received_at=received, due_at=local(2023, 7, 5, 17), finished_at=local(2023, 7, 5, 17)),
        # due 00:30, finished 00:31: late
        dossier(unit=c1, received_at=received, due_at=local(2023, 7, 5, 0, 30), finished_at=local(2023, 7, 5, 0, 31)),
    )
    c = counts(c1)
    assert (c["resolved"], c["resolved_early"], c["resolved_on_time"], c["resolved_late"]) == (7, 1, 4, 2)
    early = figure_queryset("resolved_early", unit=c1, period=Q3)
    assert list(early.values_list("pk", flat=True)) == [rows[2].pk]
    late = set(figure_queryset("resolved_late", unit=c1, period=Q3).values_list("pk", flat=True))
    assert late == {rows[0].pk, rows[6].pk}


def test_pending_overdue_is_due_before_the_end_of_the_period(units):
    """Due at 23:59 on the last day: overdue at the end of P. Due at the first moment after P: within deadline."""
    c1 = units["c1"]
    received = local(2023, 9, 1, 9)
    save(
        dossier(unit=c1, received_at=received, due_at=local(2023, 9, 30, 23, 59)),
        dossier(unit=c1, received_at=received, due_at=local(2023, 10, 1, 0, 0)),
        # finished after the period: still pending at its end, and overdue
        dossier(unit=c1, received_at=received, due_at=local(2023, 9, 10, 17), finished_at=local(2023, 10, 2, 9)),
        # resolved late within the period
        dossier(unit=c1, received_at=received, due_at=local(2023, 9, 10, 17), finished_at=local(2023, 9, 12, 9)),
        dossier(unit=c1, received_at=received, finished_at=local(2023, 9, 2, 9), outcome="returned"),
    )
    c = counts(c1)
    assert (c["pending"], c["pending_overdue"], c["pending_within_deadline"]) == (3, 2, 1)
    assert c["withdrawn_or_returned"] == 1
    assert (c["resolved"], c["resolved_late"]) == (1, 1)
    assert c["due"] == 1 + 2
    assert c["late"] == 1 + 2


def test_apologies_and_late_dossiers_with_one(units):
    """Apology letters are counted when issued in P; a late dossier counts as apologised if its letter exists by
    the end of P; late_kept_new_date counts the resolved-late dossiers finished by the apology's new date."""
    c1, c3 = units["c1"], units["c3"]
    received = local(2023, 8, 1, 9)
    due = local(2023, 8, 10, 17)
    kept, broken, no_letter, pending_late, out_of_scope, old_letter = save(
        dossier(
            unit=c1, received_at=received, due_at=due, finished_at=local(2023, 8, 14, 9),
            extended_due_at=local(2023, 8, 15, 17),
        ),
        dossier(
            unit=c1, received_at=received, due_at=due, finished_at=local(2023, 8, 20, 9),
            extended_due_at=local(2023, 8, 15, 17),
        ),
        dossier(unit=c1, received_at=received, due_at=due, finished_at=local(2023, 8, 20, 9)),
        dossier(unit=c1, received_at=received, due_at=due),
        dossier(unit=c3, received_at=received, due_at=due),
        dossier(unit=c1, received_at=local(2023, 6, 1, 9), due_at=local(2023, 6, 10, 17)),
    )  # fmt: skip
    apology(kept, local(2023, 8, 9, 9), local(2023, 8, 15, 17))
    apology(broken, local(2023, 8, 9, 9), local(2023, 8, 15, 17))
    apology(pending_late, local(2023, 10, 2, 9))  # after the period: not yet issued when P closed
    apology(out_of_scope, local(2023, 8, 9, 9))
    apology(old_letter, local(2023, 6, 9, 9))  # before P: the dossier is late in P, the letter is not of P
    c = counts(units["d1"])
    assert c["apologies"] == 2
    assert (c["resolved_late"], c["pending_overdue"], c["late"]) == (3, 2, 5)
    assert c["late_with_apology"] == 3  # kept, broken, old_letter
    assert c["late_kept_new_date"] == 1
    assert counts(units["p"])["apologies"] == 3


def test_evaluations_count_forms_not_dossiers(units):
    """Two forms for one dossier are two evaluations; forms outside P do not count."""
    c1 = units["c1"]
    (d,) = save(dossier(unit=c1, received_at=local(2023, 7, 3, 9), finished_at=local(2023, 7, 4, 9)))
    evaluation(d, local(2023, 7, 4, 10))
    evaluation(d, local(2023, 7, 5, 10))
    evaluation(d, local(2023, 10, 1, 0, 0))
    assert counts(c1)["evaluations"] == 2
    assert figure_queryset("evaluations", unit=c1, period=Q3).count() == 2


def test_digitization_online_and_certification_flags(units):
    """Flag counts take their base: received for components and online, resolved for results and e-certs."""
    c1 = units["c1"]
    in_p = local(2023, 7, 3, 9)
    save(
        dossier(
            unit=c1, received_at=in_p, channel=Channel.ONLINE, online_service=OnlineService.FULL,
            components_digitized=True, finished_at=local(2023, 7, 4, 9), result_digitized=True, e_certified=True,
        ),
        dossier(unit=c1, received_at=in_p, channel=Channel.DIRECT, online_service=OnlineService.FULL),
        dossier(unit=c1, received_at=in_p, channel=Channel.ONLINE, online_service=OnlineService.PARTIAL),
        dossier(unit=c1, received_at=in_p, channel=Channel.DIRECT, online_service=OnlineService.NONE,
                components_digitized=True),
        # withdrawn: its flags are not results
        dossier(unit=c1, received_at=in_p, finished_at=local(2023, 7, 5, 9), outcome="withdrawn",
                result_digitized=True, e_certified=True, online_service=OnlineService.NONE),
        # carried over: not received in P
        dossier(unit=c1, received_at=local(2023, 6, 1, 9), channel=Channel.ONLINE, components_digitized=True,
                online_service=OnlineService.FULL, finished_at=local(2023, 7, 4, 9), result_digitized=True),
    )  # fmt: skip
    c = counts(c1)
    assert c["received"] == 5
    assert c["digitized_components"] == 2
    assert c["digitized_results"] == 2
    assert c["e_certifications"] == 1
    assert (c["online_capable_received"], c["online_capable_received_online"]) == (3, 2)
    assert (c["full_online_received"], c["full_online_received_online"]) == (2, 1)


def test_feedback_is_scoped_by_its_unit(units):
    """Feedback received and answered in P, at units in scope."""
    feedback(units["c1"], local(2023, 7, 2, 9), local(2023, 7, 3, 9))
    feedback(units["c1"], local(2023, 6, 2, 9), local(2023, 7, 3, 9))
    feedback(units["c1"], local(2023, 9, 2, 9))
    feedback(units["c3"], local(2023, 7, 2, 9), local(2023, 7, 3, 9))
    c = counts(units["d1"])
    assert (c["feedback_received"], c["feedback_resolved"]) == (2, 2)
    assert counts(units["p"])["feedback_received"] == 3


def test_durations_average_over_resolved_and_round_half_up(units):
    """Means of processing and waiting working days over resolved dossiers; None when nothing was resolved."""
    c1 = units["c1"]
    received = local(2023, 7, 3, 9)
    done = local(2023, 7, 6, 9)
    save(
        dossier(unit=c1, received_at=received, finished_at=done, processing_working_days=Decimal("1.00"),
                waiting_working_days=Decimal("0.50")),
        dossier(unit=c1, received_at=received, finished_at=done, processing_working_days=Decimal("2.00")),
        dossier(unit=c1, received_at=received, finished_at=done, processing_working_days=Decimal("2.05")),
        dossier(unit=c1, received_at=received, finished_at=done, outcome="withdrawn",
                processing_working_days=Decimal("9.00")),
    )  # fmt: skip
    f = dossier_figures(unit=c1, period=Q3, scope=Scope.SELF)
    assert f.durations["processing_working_days_avg"] == Decimal("1.68")  # 5.05 / 3 = 1.6833
    assert f.durations["waiting_working_days_avg"] == Decimal("0.17")  # 0.50 / 3 = 0.1667
    empty = dossier_figures(unit=units["c2"], period=Q3)
    assert empty.durations == {"processing_working_days_avg": None, "waiting_working_days_avg": None}


def test_scopes_follow_whole_path_segments(units):
    """self = the unit's own desk, children = strictly below, tree = both; d10 is not under d1."""
    received = local(2023, 7, 3, 9)
    save(*(dossier(unit=units[code], received_at=received) for code in ["d1", "c1", "c1", "c2", "d10", "c3", "p"]))
    assert counts(units["d1"], scope=Scope.SELF)["received"] == 1
    assert counts(units["d1"], scope=Scope.CHILDREN)["received"] == 3
    assert counts(units["d1"], scope="tree")["received"] == 4
    assert counts(units["p"], scope=Scope.CHILDREN)["received"] == 6
    assert counts(units["p"])["received"] == 7


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (5756, 7614, Decimal("75.60")),
        (4, 7614, Decimal("0.05")),
        (7610, 7614, Decimal("99.95")),
        (1, 886, Decimal("0.11")),
        (1, 800, Decimal("0.13")),  # 0.125: half-up, not half-even
        (3, 3, Decimal("100.00")),
        (0, 5, Decimal("0.00")),
        (0, 0, None),
        (4, 0, None),
    ],
)
def test_percent_rounds_half_up_to_two_decimals(numerator, denominator, expected):
    """percent = 100 * n / d, half-up to 2 decimals, None on a zero denominator."""
    assert percent(numerator, denominator) == expected
    if expected is not None:
        assert str(percent(numerator, denominator)) == str(expected)


def test_json_prints_percent_as_a_number():
    """The JSON percent is a number with the rounded digits (99.95, 75.6), null on a zero denominator."""
    assert json.dumps(Rate(7610, 7614).to_json()) == '{"numerator": 7610, "denominator": 7614, "percent": 99.95}'
    assert json.dumps(Rate(5756, 7614).to_json()["percent"]) == "75.6"
    assert Rate(0, 0).to_json()["percent"] is None


def test_rates_take_their_numerators_and_denominators_from_the_counts(units):
    """on_time_of_resolved = (early + on_time) / resolved, late_of_due = late / due, and so on."""
    c1 = units["c1"]
    received = local(2023, 7, 3, 9)
    due = local(2023, 7, 5, 17)
    save(
        dossier(unit=c1, received_at=received, due_at=due, finished_at=local(2023, 7, 4, 9)),
        dossier(unit=c1, received_at=received, due_at=due, finished_at=local(2023, 7, 5, 9)),
        dossier(unit=c1, received_at=received, due_at=due, finished_at=local(2023, 7, 7, 9)),
        dossier(unit=c1, received_at=received, due_at=due),
    )
    f = dossier_figures(unit=c1, period=Q3)
    assert f.rates["on_time_of_resolved"] == Rate(2, 3)
    assert f.rates["on_time_of_resolved"].percent == Decimal("66.67")
    assert f.rates["late_of_resolved"] == Rate(1, 3)
    assert f.rates["on_time_of_due"] == Rate(2, 4)
    assert f.rates["late_of_due"] == Rate(2, 4)
    assert f.rates["apology_coverage"] == Rate(0, 2)
    assert f.rates["evaluation"] == Rate(0, 3)
    assert f.rates["full_online"].percent is None


def test_to_json_has_the_shape_of_metrics_md(units):
    """unit, scope, period, counts (every key, ints), durations and rates (every key)."""
    save(dossier(unit=units["c1"], received_at=local(2023, 7, 3, 9), finished_at=local(2023, 7, 4, 9)))
    data = dossier_figures(unit=units["d1"], period=parse_period("2023-Q3", "statutory"), scope="tree").to_json()
    assert data["unit"] == {"code": "d1", "name": "Huyện D1"}
    assert data["scope"] == "tree"
    assert data["period"] == {"start": "2023-06-15", "end": "2023-09-14"}
    assert list(data["counts"]) == list(COUNT_KEYS)
    assert all(type(v) is int for v in data["counts"].values())
    assert data["counts"]["resolved"] == 1
    assert set(data["durations"]) == set(DURATION_FIELDS)
    assert set(data["rates"]) == set(RATE_DEFINITIONS)
    assert data["rates"]["on_time_of_resolved"] == {"numerator": 1, "denominator": 1, "percent": 100.0}
    json.dumps(data)


def test_figure_queryset_lists_the_rows_behind_every_count(units):
    """For every key, the list behind the figure has as many rows as the figure says."""
    c1, c3 = units["c1"], units["c3"]
    received = local(2023, 8, 1, 9)
    rows = save(
        dossier(unit=c1, received_at=local(2023, 6, 1, 9), due_at=local(2023, 6, 9, 17)),
        dossier(unit=c1, received_at=received, finished_at=local(2023, 8, 2, 9), result_digitized=True),
        dossier(unit=c1, received_at=received, due_at=local(2023, 8, 3, 17), finished_at=local(2023, 8, 9, 9),
                extended_due_at=local(2023, 8, 10, 17), channel=Channel.ONLINE, online_service=OnlineService.FULL),
        dossier(unit=c3, received_at=received, finished_at=local(2023, 8, 2, 9), outcome="returned"),
        dossier(unit=c3, received_at=received, components_digitized=True, channel=Channel.POSTAL),
    )  # fmt: skip
    apology(rows[2], local(2023, 8, 2, 9), local(2023, 8, 10, 17))
    evaluation(rows[1], local(2023, 8, 2, 10))
    feedback(c1, local(2023, 8, 2, 10), local(2023, 8, 5, 10))
    unit = units["p"]
    f = dossier_figures(unit=unit, period=Q3)
    assert f.counts["total"] == 5 and f.counts["late"] == 3
    for key in COUNT_KEYS:
        assert figure_queryset(key, unit=unit, period=Q3).count() == f.counts[key], key
        assert figure_rows(key=key, unit=unit, period=Q3).count() == f.counts[key], key
    with pytest.raises(KeyError):
        figure_queryset("nonsense", unit=unit, period=Q3)


def test_by_unit_gives_the_parent_self_and_each_child_tree(units, django_assert_max_num_queries):
    """One grouped query per model: the figures equal the per-unit ones, and the query count does not grow."""
    received = local(2023, 7, 3, 9)
    save(
        *(
            dossier(unit=units[code], received_at=received, finished_at=local(2023, 7, 4, 9))
            for code in ["p", "d1", "c1", "c1", "c2", "d10", "c3"]
        ),
        dossier(unit=units["c3"], received_at=received),
    )
    feedback(units["c2"], local(2023, 7, 2, 9))
    p = units["p"]
    with django_assert_max_num_queries(7):  # units, 3 dossier parts, apologies, evaluations, feedback
        table = dossier_figures_by_unit(parent=p, period=Q3)
    assert list(table) == ["p", "d1", "d10"]
    assert table["p"] == dossier_figures(unit=p, period=Q3, scope=Scope.SELF)
    assert table["d1"] == dossier_figures(unit=units["d1"], period=Q3, scope=Scope.TREE)
    assert table["d10"] == dossier_figures(unit=units["d10"], period=Q3, scope=Scope.TREE)
    assert table["d1"].counts["received"] == 4
    assert table["d1"].counts["feedback_received"] == 1
    assert table["d10"].counts["pending"] == 1


def test_by_unit_skips_children_not_in_force_without_figures(units):
    """A child unit abolished before the period and without dossiers in it is left out of the table."""
    d10 = units["d10"]
    d10.valid_to = dt.date(2023, 1, 1)
    d10.save()
    table = dossier_figures_by_unit(parent=units["p"], period=Period(dt.date(2023, 7, 1), dt.date(2023, 9, 30)))
    assert list(table) == ["p", "d1"]


def test_local_dates_use_the_database_date_function_only_for_fixed_offset_zones():
    """Vietnam has kept UTC+7 since 1975, so SQLite can shift by 420 minutes; a zone with summer time cannot."""
    assert _fixed_utc_offset("Asia/Ho_Chi_Minh") == 420
    assert _fixed_utc_offset("UTC") == 0
    assert _fixed_utc_offset("Europe/Paris") is None
