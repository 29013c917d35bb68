"""The satisfaction evaluation: once per dossier, only after its result, anonymous, its criteria stored as given;
counted by the `evaluations` figure whatever the channel."""

from __future__ import annotations

import io
import json
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections

from cchc.dossiers.models import Channel
from cchc.feedback.evaluations import can_be_evaluated, evaluation_submit
from cchc.feedback.models import Agencies, Contacts, Evaluation, EvaluationChannel, Satisfaction
from cchc.testing.factories import (
    approved_dossier,
    in_process_dossier,
    local,
    received_dossier,
    refused_dossier,
    resolved_dossier,
)


def test_an_evaluation_stores_its_criteria_and_no_user(cast):
    dossier = resolved_dossier(cast.commune_a)
    evaluation = evaluation_submit(
        dossier=dossier,
        satisfaction=Satisfaction.VERY_SATISFIED,
        submitted_at=local(2023, 7, 5, 9),
        comment="  Nhanh gọn ",
        channel=EvaluationChannel.KIOSK,
        timeliness=Satisfaction.SATISFIED,
        contacts=Contacts.ONCE,
        agencies=Agencies.DESK_ONLY,
        information=Satisfaction.SATISFIED,
        attitude=Satisfaction.VERY_SATISFIED,
        extra_costs=False,
    )
    evaluation.refresh_from_db()
    assert (evaluation.satisfaction, evaluation.comment, evaluation.channel) == ("very_satisfied", "Nhanh gọn", "kiosk")
    assert (evaluation.timeliness, evaluation.contacts, evaluation.agencies) == ("satisfied", 1, 1)
    assert (evaluation.information, evaluation.attitude, evaluation.extra_costs) == (
        "satisfied",
        "very_satisfied",
        False,
    )
    assert evaluation.online_quality == ""
    # Anonymous by design (Decree 61/2018 Art. 27): the model has no user column at all.
    assert not [f for f in Evaluation._meta.concrete_fields if f.is_relation and f.name != "dossier"]


def test_once_per_dossier(cast):
    dossier = resolved_dossier(cast.commune_a)
    assert can_be_evaluated(dossier)
    evaluation_submit(dossier=dossier, satisfaction=Satisfaction.SATISFIED, channel=EvaluationChannel.ONLINE)
    assert not can_be_evaluated(dossier)
    with pytest.raises(ValidationError, match="đã được đánh giá|already evaluated"):
        evaluation_submit(dossier=dossier, satisfaction=Satisfaction.VERY_SATISFIED, channel=EvaluationChannel.KIOSK)
    assert Evaluation.objects.count() == 1


@pytest.mark.parametrize("make", [received_dossier, in_process_dossier, approved_dossier])
def test_not_before_the_result(cast, make):
    dossier = make(cast.commune_a)
    assert not can_be_evaluated(dossier)
    with pytest.raises(ValidationError, match="chưa có kết quả|no result yet"):
        evaluation_submit(dossier=dossier, satisfaction=Satisfaction.SATISFIED)
    assert not Evaluation.objects.exists()


def test_a_written_refusal_is_a_result_to_evaluate(cast):
    dossier = refused_dossier(cast.commune_a)
    evaluation_submit(dossier=dossier, satisfaction=Satisfaction.UNSATISFIED, attitude=Satisfaction.SATISFIED)
    assert Evaluation.objects.get().satisfaction == Satisfaction.UNSATISFIED


@pytest.mark.parametrize(
    "answers",
    [
        {"satisfaction": "delighted"},
        {"satisfaction": ""},
        {"satisfaction": Satisfaction.SATISFIED, "attitude": "rude"},
        {"satisfaction": Satisfaction.SATISFIED, "contacts": 7},
        {"satisfaction": Satisfaction.SATISFIED, "agencies": -1},
        {"satisfaction": Satisfaction.SATISFIED, "channel": "fax"},
        {"satisfaction": Satisfaction.SATISFIED, "comment": "x" * 2001},
        # The online criterion (Art. 31(1)(h)) only for a dossier submitted online.
        {"satisfaction": Satisfaction.SATISFIED, "online_quality": Satisfaction.SATISFIED},
        {"satisfaction": Satisfaction.SATISFIED, "submitted_at": local(2023, 7, 1)},
    ],
)
def test_bad_answers_are_refused_and_nothing_written(cast, answers):
    dossier = resolved_dossier(cast.commune_a)
    with pytest.raises(ValidationError):
        evaluation_submit(dossier=dossier, **answers)
    assert not Evaluation.objects.exists()


def test_the_online_criterion_for_an_online_dossier(cast):
    dossier = resolved_dossier(cast.commune_a, channel=Channel.ONLINE)
    evaluation_submit(dossier=dossier, satisfaction=Satisfaction.SATISFIED, online_quality=Satisfaction.UNSATISFIED)
    assert Evaluation.objects.get().online_quality == Satisfaction.UNSATISFIED


def test_kiosk_and_online_evaluations_are_counted_by_cchc_stats(cast):
    """The `evaluations` figure (metrics.md: evaluation forms submitted in the period) counts every channel."""
    at = local(2023, 7, 20, 9)
    evaluation_submit(
        dossier=resolved_dossier(cast.commune_a), satisfaction="satisfied", channel="kiosk", submitted_at=at
    )
    online = resolved_dossier(cast.commune_b, channel=Channel.ONLINE)
    evaluation_submit(dossier=online, satisfaction="very_satisfied", channel="online", submitted_at=at)
    out = io.StringIO()
    call_command("stats", "--unit", "gio-linh", "--period", "2023-Q3", "--json", stdout=out)
    counts = json.loads(out.getvalue())["counts"]
    assert counts["evaluations"] == 2
    assert counts["received_online"] == 1
    out = io.StringIO()
    call_command("stats", "--unit", "gio-an", "--period", "2023-Q3", "--json", stdout=out)
    assert json.loads(out.getvalue())["counts"]["evaluations"] == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_evaluations_of_one_dossier_make_one(cast):
    """Four submissions at once, each on its own connection: the dossier row lock lets one through; the others
    wait, then are refused as a second evaluation."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    dossier = resolved_dossier(cast.commune_a)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            barrier.wait()
            try:
                evaluation_submit(dossier=dossier, satisfaction=Satisfaction.SATISFIED, channel="kiosk")
                result = "made"
            except ValidationError:
                result = "refused"
            with lock:
                outcomes.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["made", "refused", "refused", "refused"]
    assert Evaluation.objects.filter(dossier=dossier).count() == 1
