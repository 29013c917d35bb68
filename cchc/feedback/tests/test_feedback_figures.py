"""The portal's feedback in the figures: received, answered, answered on time and overdue (Circular 01/2018 Art. 13
index 8), counted by cchc.reports.figures as `cchc stats` prints them."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command

from cchc.feedback.models import FeedbackChannel
from cchc.feedback.petitions import feedback_answer, feedback_receive
from cchc.lib.periods import parse_period
from cchc.reports.figures.dossiers import dossier_figures
from cchc.testing.factories import local

SENDER = {"channel": FeedbackChannel.PORTAL, "sender_name": "Võ Văn Tư", "sender_phone": "0935000111"}


def test_feedback_counts_and_the_on_time_rate(cast, settings):
    settings.CCHC_FEEDBACK_ANSWER_WORKING_DAYS = 10
    # Each received Monday 3 July 2023 09:00: due 10 working days later, Monday 17 July 09:00.
    on_time, late, overdue, _open = (
        feedback_receive(unit=cast.commune_a, content=f"PAKN {i}", received_at=local(2023, 7, 3, 9), **SENDER)
        for i in range(4)
    )
    feedback_receive(unit=cast.commune_b, content="Xã khác", received_at=local(2023, 7, 3, 9), **SENDER)
    feedback_answer(feedback=on_time, by=cast.leader_a, answer="Đúng hạn", at=local(2023, 7, 17, 9))
    feedback_answer(feedback=late, by=cast.leader_a, answer="Trễ", at=local(2023, 7, 17, 9, 1))
    # Answered after the period: overdue at its end (31 July), and so is the one never answered.
    feedback_answer(feedback=overdue, by=cast.leader_a, answer="Rất trễ", at=local(2023, 8, 2, 9))
    period = parse_period("2023-07")
    counts = dossier_figures(unit=cast.commune_a, period=period, scope="self").counts
    assert (counts["feedback_received"], counts["feedback_resolved"]) == (4, 2)
    assert (counts["feedback_answered_on_time"], counts["feedback_overdue"]) == (1, 2)
    rate = dossier_figures(unit=cast.commune_a, period=period, scope="self").rates["feedback_on_time"]
    assert (rate.numerator, rate.denominator, rate.percent) == (1, 2, 50)
    district = dossier_figures(unit=cast.district, period=period).counts
    assert (district["feedback_received"], district["feedback_overdue"]) == (5, 3)

    out = StringIO()
    call_command("stats", "--unit", cast.district.code, "--period", "2023-07", "--json", stdout=out)
    printed = json.loads(out.getvalue())["counts"]
    assert (printed["feedback_received"], printed["feedback_answered_on_time"], printed["feedback_overdue"]) == (
        5,
        1,
        3,
    )
