"""The rules of issue 6, each worked out from the law and read back through `cchc stats --json`.

Calendar of the cases (no holiday in July 2023; office hours 07:00-11:30 and 13:30-17:00, so a working day is
8 hours): a paper dossier received Monday 3 July 2023 at 09:00 starts its clock then (before the 15:00 cut-off).
With 3 working days its deadline is Thursday 6 July 09:00; with 1 working day, Tuesday 4 July 09:00.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from cchc.dossiers import services
from cchc.dossiers.models import Apology, Dossier
from cchc.dossiers.selectors import due_soon_and_overdue_by_officer, worklist_for_user
from cchc.dossiers.workflow import Action, Status, TransitionError
from cchc.testing.factories import ProcedureFactory, in_process_dossier, local, run_at

JULY = "2023-07-01..2023-07-31"


def stats(unit, period: str = JULY) -> dict:
    out = StringIO()
    call_command("stats", "--unit", unit.code, "--period", period, "--scope", "self", "--json", stdout=out)
    return json.loads(out.getvalue())["counts"]


def snapshot(dossier: Dossier) -> tuple:
    dossier.refresh_from_db()
    return (dossier.status, dossier.due_at, dossier.events.count(), dossier.pauses.count())


def one_day_procedure():
    return ProcedureFactory(code="1.000001", name="Chứng thực bản sao", processing_days=1)


# --- 1. supplement requests ---


def test_a_supplement_within_three_working_days_of_receipt_is_allowed(cast):
    # Decree 61/2018 Art. 19(4): the notice to supplement goes out "within 3 working days from receipt".
    # Received Mon 3 July 09:00: the window runs to Thu 6 July 09:00; Wed 5 July 10:00 is inside it.
    d = in_process_dossier(cast.commune_a)
    run_at(local(2023, 7, 5, 10), services.dossier_request_supplement, dossier=d, by=cast.specialist_a, reason="Thiếu")
    assert Dossier.objects.get(pk=d.pk).status == Status.AWAITING_SUPPLEMENT


def test_a_supplement_after_the_window_is_refused_naming_the_rule_and_writes_nothing(cast):
    # Thu 6 July 10:00 is after the 3 working days that ended Thu 6 July 09:00.
    d = in_process_dossier(cast.commune_a)
    before = snapshot(d)
    with pytest.raises(TransitionError, match=r"3 .*61/2018"):
        run_at(
            local(2023, 7, 6, 10), services.dossier_request_supplement, dossier=d, by=cast.specialist_a, reason="Late"
        )
    assert snapshot(d) == before


def test_a_second_supplement_request_is_refused_unless_the_province_allows_it(cast, settings):
    # Art. 15 and 17: the applicant is told everything missing "in one go" (một lần đầy đủ), so one request.
    d = in_process_dossier(cast.commune_a)
    run_at(local(2023, 7, 3, 14), services.dossier_request_supplement, dossier=d, by=cast.specialist_a, reason="A")
    run_at(local(2023, 7, 4, 9), services.dossier_supplement, dossier=d, by=cast.desk_a)
    before = snapshot(d)
    with pytest.raises(TransitionError, match="61/2018"):
        run_at(local(2023, 7, 4, 10), services.dossier_request_supplement, dossier=d, by=cast.specialist_a, reason="B")
    assert snapshot(d) == before
    settings.CCHC_SUPPLEMENT_REQUESTS_MAX = 2  # a province whose rules allow a second request
    run_at(local(2023, 7, 4, 10), services.dossier_request_supplement, dossier=d, by=cast.specialist_a, reason="B")
    assert d.events.filter(action=Action.REQUEST_SUPPLEMENT).count() == 2


def test_a_supplement_asked_after_the_deadline_never_makes_a_late_dossier_on_time(cast):
    # 1 working day: due Tue 4 July 09:00. The request on Wed 5 July 10:00 is within the 3-day window but the
    # deadline had passed. Supplemented Thu 6 July 09:00, the time limit restarts (Art. 19(4)): 1 working day,
    # new deadline Fri 7 July 09:00. Finished Thu 6 July 15:00, before that new deadline - still late, because
    # lateness is judged against the deadline in force when the request was made (issue 6, rule 1).
    d = in_process_dossier(cast.commune_a, procedure=one_day_procedure())
    assert d.due_at == local(2023, 7, 4, 9)
    run_at(local(2023, 7, 5, 10), services.dossier_request_supplement, dossier=d, by=cast.specialist_a, reason="x")
    run_at(local(2023, 7, 6, 9), services.dossier_supplement, dossier=d, by=cast.desk_a)
    d.refresh_from_db()
    assert d.due_at == local(2023, 7, 7, 9) and d.missed_due_at == local(2023, 7, 4, 9)
    run_at(local(2023, 7, 6, 14), services.dossier_submit, dossier=d, by=cast.specialist_a)
    run_at(local(2023, 7, 6, 14, 30), services.dossier_approve, dossier=d, by=cast.leader_a)
    run_at(local(2023, 7, 6, 15), services.dossier_issue_result, dossier=d, by=cast.specialist_a)
    c = stats(cast.commune_a)
    assert (c["resolved"], c["resolved_late"], c["resolved_early"], c["resolved_on_time"]) == (1, 1, 0, 0)


# --- 2. one meaning of paused and overdue ---


def test_a_dossier_waiting_for_the_applicant_is_not_overdue_in_the_figures_nor_in_the_work_list(cast):
    # Due Thu 6 July 09:00; a supplement was asked on Tue 4 July and never came. On 10 July the deadline has
    # passed, but the applicant holds the clock (Art. 19(4)): pending, within the deadline, nowhere overdue.
    waiting = in_process_dossier(cast.commune_a)
    run_at(local(2023, 7, 4, 9), services.dossier_request_supplement, dossier=waiting, by=cast.specialist_a, reason="x")
    # A second dossier, same dates, nobody waiting on the applicant: overdue on 10 July.
    running = in_process_dossier(cast.commune_a)
    c = stats(cast.commune_a, "2023-07-01..2023-07-10")
    assert (c["pending"], c["pending_overdue"], c["pending_within_deadline"], c["late"]) == (2, 1, 1, 1)
    with time_machine.travel(local(2023, 7, 10, 9), tick=False):
        flags = {d.pk: d.is_overdue for d in worklist_for_user(cast.specialist_a)}
        reminded = due_soon_and_overdue_by_officer()
    assert flags == {waiting.pk: False, running.pk: True}
    assert [d.pk for d in reminded[cast.specialist_a][1]] == [running.pk]
    assert Dossier.objects.overdue(local(2023, 7, 10, 9)).get() == running
    assert Dossier.objects.paused(local(2023, 7, 10, 9)).get() == waiting


def test_a_period_not_ended_yet_counts_overdue_as_of_now(cast):
    # On Wed 5 July 2023 12:00 the third quarter has not ended. The 3-day dossier (due Thu 6 July 09:00) is not
    # overdue yet; the 1-day one (due Tue 4 July 09:00) is. Read as of the quarter's end (30 September) both
    # would be "overdue", which is not true on 5 July.
    in_process_dossier(cast.commune_a)
    in_process_dossier(cast.commune_a, procedure=one_day_procedure())
    with time_machine.travel(local(2023, 7, 5, 12), tick=False):
        c = stats(cast.commune_a, "2023-Q3")
    assert (c["pending"], c["pending_overdue"], c["pending_within_deadline"]) == (2, 1, 1)


# --- 3. apologies ---


def test_an_apology_in_time_with_a_new_date_after_the_deadline_is_recorded(cast):
    # Art. 19(9): "no later than 1 day before the deadline" (due Thu 6 July): Tue 4 July is in time; the new date
    # Mon 10 July is after today and after the deadline; the date may be moved only once.
    d = in_process_dossier(cast.commune_a)
    run_at(
        local(2023, 7, 4, 10),
        services.dossier_apologize,
        dossier=d,
        by=cast.leader_a,
        reason="Chờ xác minh",
        new_due_at=local(2023, 7, 10, 17),
    )
    letter = Apology.objects.get(dossier=d)
    assert letter.in_time and letter.new_due_at == local(2023, 7, 10, 17)
    d.refresh_from_db()
    assert d.due_at == local(2023, 7, 6, 9)  # the legal deadline never moves


@pytest.mark.parametrize(
    "at, new_due_at, rule",
    [
        # On the deadline's own day: too late (not "1 day before").
        (local(2023, 7, 6, 8), local(2023, 7, 10, 17), "61/2018"),
        # The new date before the old deadline.
        (local(2023, 7, 4, 10), local(2023, 7, 5, 17), "09:00 06/07/2023"),
        # The new date equal to the old deadline: it must be after it.
        (local(2023, 7, 4, 10), local(2023, 7, 6, 9), "09:00 06/07/2023"),
    ],
)
def test_an_apology_late_or_with_a_wrong_date_is_refused_and_writes_nothing(cast, at, new_due_at, rule):
    d = in_process_dossier(cast.commune_a)
    before = snapshot(d)
    with pytest.raises(TransitionError, match=rule):
        run_at(at, services.dossier_apologize, dossier=d, by=cast.leader_a, reason="Trễ", new_due_at=new_due_at)
    assert snapshot(d) == before and not Apology.objects.exists()


def test_a_late_letter_where_the_setting_allows_it_is_not_counted_in_time(cast, settings):
    # CCHC_APOLOGY_LATE_ALLOWED lets the letter be recorded on the deadline's day; the dossier then finishes late
    # (Fri 7 July). It is late with a letter, but not with a letter in time (Art. 19(9)).
    settings.CCHC_APOLOGY_LATE_ALLOWED = True
    d = in_process_dossier(cast.commune_a)
    run_at(
        local(2023, 7, 6, 8),
        services.dossier_apologize,
        dossier=d,
        by=cast.leader_a,
        reason="Trễ",
        new_due_at=local(2023, 7, 10, 17),
    )
    assert not Apology.objects.get(dossier=d).in_time
    run_at(local(2023, 7, 7, 9), services.dossier_submit, dossier=d, by=cast.specialist_a)
    run_at(local(2023, 7, 7, 10), services.dossier_approve, dossier=d, by=cast.leader_a)
    run_at(local(2023, 7, 7, 11), services.dossier_issue_result, dossier=d, by=cast.specialist_a)
    c = stats(cast.commune_a)
    assert (c["late"], c["late_with_apology"], c["late_with_apology_in_time"], c["late_kept_new_date"]) == (1, 1, 0, 1)
