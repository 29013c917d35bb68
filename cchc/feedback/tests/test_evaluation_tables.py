"""The leaders' satisfaction tables, worked out by hand from five evaluation forms.

Every dossier is a 3-working-day birth registration received at 09:00 on Monday 3 July 2023, so it is due on
Thursday 6 July at 09:00 (cchc.testing.factories). Its result is issued at the time given, through the services:

| form | desk     | by     | handler       | result      | index 1   | satisfaction  | contacts | agencies | attitude  |
| ---- | -------- | ------ | ------------- | ----------- | --------- | ------------- | -------- | -------- | ----------|
| A1   | Gio An   | desk_a | specialist_a  | 4 Jul 10:00 | early 2   | very          | none 2   | desk 1   | very → 2  |
| A2   | Gio An   | desk_a | specialist_a  | 6 Jul 08:30 | on time 1 | satisfied     | once 1   | desk 1   | sat. → 1  |
| A3   | Gio An   | desk_a | specialist_a  | 7 Jul 10:00 | late 0    | not satisfied | more 0   | more 0   | not → 0   |
| A4   | Gio An   | desk_a | specialist_a2 | 4 Jul 10:00 | early 2   | satisfied     | –        | –        | not asked |
| B1   | Gio Châu | desk_b | specialist_b  | 4 Jul 10:00 | early 2   | very          | none 2   | none 2   | not → 0   |
| A5   | Gio An   | desk_a | specialist_a  | 4 Jul 10:00 | (its form came on 2 Oct 2023: outside Q3)         |

("by": the desk officer who received it.)
Index 7 (see evaluations_selectors): a form rating the attitude "not satisfied" is 0, otherwise index 1's points.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc.accounts.models import Role, User
from cchc.dossiers import services
from cchc.feedback.evaluations import evaluation_submit
from cchc.feedback.evaluations_selectors import (
    COMPLETED_ALL,
    COMPLETED_LESS,
    COMPLETED_MOST,
    average,
    satisfaction_by_handler,
    satisfaction_by_receiving_officer,
    satisfaction_by_unit,
    satisfaction_total,
)
from cchc.lib.periods import parse_period
from cchc.testing.factories import local, received_dossier, run_at, user_with_role

D = Decimal


def walked(unit, *, desk, handler, leader, issued_at):
    """Received 3 July 09:00, assigned, submitted and approved that morning, its result issued at `issued_at`."""
    dossier = received_dossier(unit, by=desk)
    run_at(local(2023, 7, 3, 10), services.dossier_assign, dossier=dossier, by=desk, to=handler)
    run_at(local(2023, 7, 3, 11), services.dossier_submit, dossier=dossier, by=handler)
    run_at(local(2023, 7, 3, 11, 30), services.dossier_approve, dossier=dossier, by=leader)
    return run_at(issued_at, services.dossier_issue_result, dossier=dossier, by=handler)


@pytest.fixture
def forms(cast):
    a = {"desk": cast.desk_a, "handler": cast.specialist_a, "leader": cast.leader_a}
    specialist_a2 = user_with_role(cast.commune_a, Role.SPECIALIST, "specialist_a2")
    early, on_time, late = local(2023, 7, 4, 10), local(2023, 7, 6, 8, 30), local(2023, 7, 7, 10)
    at = local(2023, 7, 20, 9)
    rows = [
        (walked(cast.commune_a, **a, issued_at=early), "very_satisfied", 0, 1, "very_satisfied", at),
        (walked(cast.commune_a, **a, issued_at=on_time), "satisfied", 1, 1, "satisfied", at),
        (walked(cast.commune_a, **a, issued_at=late), "unsatisfied", 2, 2, "unsatisfied", at),
        (walked(cast.commune_a, **{**a, "handler": specialist_a2}, issued_at=early), "satisfied", None, None, "", at),
        (
            walked(cast.commune_b, desk=cast.desk_b, handler=cast.specialist_b, leader=cast.leader_b, issued_at=early),
            "very_satisfied",
            0,
            0,
            "unsatisfied",
            at,
        ),
        (walked(cast.commune_a, **a, issued_at=early), "satisfied", 0, 0, "satisfied", local(2023, 10, 2, 9)),
    ]
    for dossier, satisfaction, contacts, agencies, attitude, submitted_at in rows:
        evaluation_submit(
            dossier=dossier,
            satisfaction=satisfaction,
            contacts=contacts,
            agencies=agencies,
            attitude=attitude,
            submitted_at=submitted_at,
            channel="kiosk",
        )
    return parse_period("2023-Q3")


def numbers(row):
    return (row.forms, row.unsatisfied, row.satisfied, row.very_satisfied, row.rate)


def indices(row):
    return (row.index1, row.index3, row.index4, row.index7)


def test_the_district_total(cast, forms):
    total = satisfaction_total(cast.district, forms)
    # 5 forms in Q3 (A5's is in October): 1 not satisfied (A3), 2 satisfied (A2, A4), 2 very (A1, B1);
    # rate = (2 + 2) / 5 = 80.00 %.
    assert numbers(total) == (5, 1, 2, 2, D("80.00"))
    # index 1: (2 + 1 + 0 + 2 + 2) / 5 = 1.4; index 3: (2 + 1 + 0 + 2) / 4 = 1.25 → 1.3 (half-up);
    # index 4: (1 + 1 + 0 + 2) / 4 = 1.0; index 7: (2 + 1 + 0 + 0) / 4 = 0.75 → 0.8.
    assert indices(total) == (D("1.4"), D("1.3"), D("1.0"), D("0.8"))


def test_per_unit(cast, forms, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        rows = {row.key: row for row in satisfaction_by_unit(cast.district, forms)}
    # The district itself (its office folded in, as in the figures) and its two communes; no office row.
    assert set(rows) == {cast.district.pk, cast.commune_a.pk, cast.commune_b.pk}
    assert numbers(rows[cast.district.pk]) == (0, 0, 0, 0, None)
    assert indices(rows[cast.district.pk]) == (None, None, None, None)
    # Gio An: A1..A4: 1 not satisfied, 2 satisfied, 1 very; rate 3 / 4 = 75.00 %.
    assert numbers(rows[cast.commune_a.pk]) == (4, 1, 2, 1, D("75.00"))
    # index 1: (2 + 1 + 0 + 2) / 4 = 1.25 → 1.3; index 3: (2 + 1 + 0) / 3 = 1.0; index 4: (1 + 1 + 0) / 3 = 0.67
    # → 0.7; index 7: (2 + 1 + 0) / 3 = 1.0 (A4's form did not ask the last three).
    assert indices(rows[cast.commune_a.pk]) == (D("1.3"), D("1.0"), D("0.7"), D("1.0"))
    # Gio Châu: B1 alone.
    assert numbers(rows[cast.commune_b.pk]) == (1, 0, 0, 1, D("100.00"))
    assert indices(rows[cast.commune_b.pk]) == (D("2.0"), D("2.0"), D("2.0"), D("0.0"))
    # A commune's table is its own row only.
    assert [r.key for r in satisfaction_by_unit(cast.commune_a, forms)] == [cast.commune_a.pk]


def test_per_handler_with_the_classification_of_art_15_3(cast, forms, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        rows = {row.key: row for row in satisfaction_by_handler(cast.district, forms)}
    a2 = User.objects.get(username="specialist_a2").pk
    assert set(rows) == {cast.specialist_a.pk, a2, cast.specialist_b.pk}
    assert rows[a2].label == str(User.objects.get(pk=a2))
    mine = rows[cast.specialist_a.pk]
    # specialist_a: A1, A2, A3. index 1: (2 + 1 + 0) / 3 = 1.0; index 3: (2 + 1 + 0) / 3 = 1.0;
    # index 4: (1 + 1 + 0) / 3 = 0.67 → 0.7; index 7: (2 + 1 + 0) / 3 = 1.0.
    # Total (index 2 left out, Art. 15(4)(b)) = 1.0 + 1.0 + 0.7 + 1.0 = 3.7: 3.5 ≤ 3.7 < 5 → 70 % to < 100 %.
    assert indices(mine) == (D("1.0"), D("1.0"), D("0.7"), D("1.0"))
    assert (mine.officer_total, mine.classification) == (D("3.7"), COMPLETED_MOST)
    # specialist_a2: A4 only gives index 1 = 2.0; total 2.0 < 3.5 → under 70 %.
    assert (rows[a2].officer_total, rows[a2].classification) == (D("2.0"), COMPLETED_LESS)
    # specialist_b: B1: 2.0 + 2.0 + 2.0 + 0.0 = 6.0 ≥ 5 → 100 %.
    assert (rows[cast.specialist_b.pk].officer_total, rows[cast.specialist_b.pk].classification) == (
        D("6.0"),
        COMPLETED_ALL,
    )


def test_per_receiving_desk_officer(cast, forms):
    rows = {row.key: row for row in satisfaction_by_receiving_officer(cast.district, forms)}
    assert set(rows) == {cast.desk_a.pk, cast.desk_b.pk}
    # desk_a received A1..A4: the indices of Gio An (1.3, 1.0, 0.7, 1.0), total 4.0 → 70 % to < 100 %.
    assert (rows[cast.desk_a.pk].officer_total, rows[cast.desk_a.pk].classification) == (D("4.0"), COMPLETED_MOST)
    assert numbers(rows[cast.desk_b.pk]) == (1, 0, 0, 1, D("100.00"))


def test_the_average_rounds_half_up_to_one_decimal():
    assert (average(5, 4), average(3, 4), average(2, 3), average(None, 0)) == (D("1.3"), D("0.8"), D("0.7"), None)
