"""The portal's evaluation page: only for a dossier this browser session proved to hold, once its result is out,
once per dossier, double post safe, nothing personal shown."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cchc.dossiers.models import Channel
from cchc.feedback.models import Evaluation, EvaluationChannel
from cchc.portal.access import SESSION_KEY
from cchc.testing.factories import APPLICANT, in_process_dossier, resolved_dossier

TOKEN_INPUT = re.compile(r'name="form_token" value="([^"]+)"')


def prove(client, dossier) -> None:
    """This browser session proved to hold the dossier (as its tracking page does after the secret)."""
    session = client.session
    session[SESSION_KEY] = [dossier.code]
    session.save()


def token(client, dossier) -> str:
    (value,) = TOKEN_INPUT.findall(client.get(reverse("portal:evaluate", args=[dossier.code])).content.decode())
    return value


def answers(client, dossier, **extra) -> dict[str, str]:
    return {
        "form_token": token(client, dossier),
        "satisfaction": "very_satisfied",
        "timeliness": "satisfied",
        "contacts": "0",
        "agencies": "1",
        "attitude": "very_satisfied",
        "extra_costs": "no",
        "comment": " Cán bộ nhiệt tình ",
        **extra,
    }


@pytest.fixture
def dossier(cast):
    return resolved_dossier(cast.commune_a)


def test_the_code_alone_opens_nothing(client, dossier):
    url = reverse("portal:evaluate", args=[dossier.code])
    assert client.get(url).status_code == 404
    assert client.post(url, {"satisfaction": "satisfied"}).status_code == 404
    assert client.get(reverse("portal:evaluate_thanks", args=[dossier.code])).status_code == 404
    assert not Evaluation.objects.exists()


def test_an_online_evaluation_is_recorded_once(client, cast, dossier):
    prove(client, dossier)
    page = client.get(reverse("portal:evaluate", args=[dossier.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<fieldset") == 7  # the online-service question is not asked of a dossier received at the desk
    assert 'name="online_quality"' not in html
    # Nothing personal: neither the applicant's data nor any officer's name.
    for text in (
        APPLICANT["name"],
        APPLICANT["phone"],
        APPLICANT["id_number"],
        str(cast.desk_a),
        str(cast.specialist_a),
    ):
        assert text not in html
    data = answers(client, dossier)
    response = client.post(reverse("portal:evaluate", args=[dossier.code]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:evaluate_thanks", args=[dossier.code])
    evaluation = Evaluation.objects.get()
    assert (evaluation.channel, evaluation.satisfaction, evaluation.contacts, evaluation.agencies) == (
        EvaluationChannel.ONLINE,
        "very_satisfied",
        0,
        1,
    )
    assert (evaluation.extra_costs, evaluation.comment, evaluation.information) == (False, "Cán bộ nhiệt tình", "")
    # The same form sent again (a double click): the thank-you page again, no second row.
    again = client.post(reverse("portal:evaluate", args=[dossier.code]), data)
    assert again.status_code == 302 and again["Location"] == response["Location"]
    # The page now says it was evaluated, and a fresh form cannot add one.
    closed = client.get(reverse("portal:evaluate", args=[dossier.code])).content.decode()
    assert "đã được đánh giá" in closed or "already been evaluated" in closed
    assert 'name="satisfaction"' not in closed
    assert client.get(reverse("portal:evaluate_thanks", args=[dossier.code])).status_code == 200
    assert Evaluation.objects.count() == 1


def test_an_online_dossier_is_asked_about_the_online_service(client, cast):
    dossier = resolved_dossier(cast.commune_a, channel=Channel.ONLINE)
    prove(client, dossier)
    assert 'name="online_quality"' in client.get(reverse("portal:evaluate", args=[dossier.code])).content.decode()
    client.post(reverse("portal:evaluate", args=[dossier.code]), answers(client, dossier, online_quality="satisfied"))
    assert Evaluation.objects.get().online_quality == "satisfied"


def test_not_before_the_result(client, cast):
    dossier = in_process_dossier(cast.commune_a)
    prove(client, dossier)
    page = client.get(reverse("portal:evaluate", args=[dossier.code])).content.decode()
    assert 'name="satisfaction"' not in page
    client.post(reverse("portal:evaluate", args=[dossier.code]), {"satisfaction": "satisfied"})
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"satisfaction": ""},
        {"satisfaction": "delighted"},
        {"contacts": "9"},
        {"extra_costs": "maybe"},
        {"comment": "x" * 2001},
        {"online_quality": "satisfied"},  # not asked of this dossier: ignored, and the rest is recorded
        {"form_token": "forged"},
    ],
)
def test_a_bad_answer_is_shown_again_and_nothing_written(client, dossier, bad):
    prove(client, dossier)
    response = client.post(reverse("portal:evaluate", args=[dossier.code]), answers(client, dossier, **bad))
    if "online_quality" in bad:
        assert response.status_code == 302 and Evaluation.objects.get().online_quality == ""
        return
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Evaluation.objects.exists()
