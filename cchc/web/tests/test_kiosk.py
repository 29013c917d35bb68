"""The desk's evaluation tablet: the officer's desk units' dossiers with a result only, once, double tap safe, and
no personal data on its pages (neither the applicant's nor the officer's)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cchc.feedback.models import Evaluation, EvaluationChannel
from cchc.testing.factories import APPLICANT, in_process_dossier, resolved_dossier
from cchc.web.views_evaluation import read_code

TOKEN_INPUT = re.compile(r'name="form_token" value="([^"]+)"')
KIOSK = "/can-bo/kiosk/"


@pytest.fixture
def dossier(cast):
    return resolved_dossier(cast.commune_a)


def step2(client, code: str) -> str:
    return client.get(KIOSK, {"ma": code}).content.decode()


def answers(html: str, code: str, **extra) -> dict[str, str]:
    (token,) = TOKEN_INPUT.findall(html)
    data = {"form_token": token, "ma": code, "satisfaction": "satisfied", "attitude": "very_satisfied"}
    return {**data, "contacts": "0", "agencies": "1", "extra_costs": "no", **extra}


def no_personal_data(html: str, cast) -> None:
    for officer in (cast.desk_a, cast.specialist_a, cast.leader_a):
        assert str(officer) not in html and f">{officer.username}<" not in html
    for value in (APPLICANT["name"], APPLICANT["phone"], APPLICANT["id_number"], APPLICANT["address"]):
        assert value not in html
    assert "site-nav" not in html and reverse("web:worklist") + '"' not in html  # no staff menu


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("000.21.27.H45-230703-0001", "000.21.27.H45-230703-0001"),
        ("  000.21.27.H45-230703-0001 ", "000.21.27.H45-230703-0001"),
        (
            "https://motcua.example.vn/tra-cuu/?ma=000.21.27.H45-230703-0001&bi-mat=K7QF9XPM",
            "000.21.27.H45-230703-0001",
        ),
        ("/tra-cuu/?bi-mat=K7QF&ma=ABC-1", "ABC-1"),
        ("<script>", ""),
        ("", ""),
        ("x" * 65, ""),
    ],
)
def test_the_code_is_read_off_what_was_typed_or_scanned(typed, code):
    assert read_code(typed) == code


def test_only_desk_officers_open_it(client, cast):
    client.force_login(cast.specialist_a)
    assert client.get(KIOSK).status_code == 403
    client.force_login(cast.desk_a)
    html = client.get(KIOSK).content.decode()
    assert 'name="ma"' in html
    no_personal_data(html, cast)


def test_the_tablet_takes_one_evaluation_and_resets(client, cast, dossier, settings):
    settings.CCHC_KIOSK_IDLE_SECONDS, settings.CCHC_KIOSK_THANKS_SECONDS = 45, 7
    client.force_login(cast.desk_a)
    # The QR code's tracking address, as a scanner types it.
    html = step2(client, f"http://testserver/tra-cuu/?ma={dossier.code}&bi-mat={dossier.tracking_secret}")
    assert 'name="satisfaction"' in html and 'name="comment"' not in html and 'name="online_quality"' not in html
    assert 'data-kiosk-idle="45"' in html and 'content="45;url=/can-bo/kiosk/"' in html
    no_personal_data(html, cast)
    data = answers(html, dossier.code)
    response = client.post(KIOSK, data)
    assert response.status_code == 302 and response["Location"] == reverse("web:kiosk_thanks")
    evaluation = Evaluation.objects.get()
    assert (evaluation.channel, evaluation.satisfaction, evaluation.attitude) == (
        EvaluationChannel.KIOSK,
        "satisfied",
        "very_satisfied",
    )
    assert (evaluation.contacts, evaluation.agencies, evaluation.extra_costs) == (0, 1, False)
    thanks = client.get(response["Location"]).content.decode()
    assert 'content="7;url=/can-bo/kiosk/"' in thanks and 'data-kiosk-after="7"' in thanks
    no_personal_data(thanks, cast)
    # A double tap: the same thank-you page, still one evaluation.
    again = client.post(KIOSK, data)
    assert again.status_code == 302 and again["Location"] == reverse("web:kiosk_thanks")
    # The next person types the same code: refused at step 1.
    refused = step2(client, dossier.code)
    assert 'name="satisfaction"' not in refused and dossier.code in refused
    assert Evaluation.objects.count() == 1


def test_another_desks_dossier_is_not_found(client, cast):
    other = resolved_dossier(cast.commune_b)
    client.force_login(cast.desk_a)
    html = step2(client, other.code)
    assert 'name="satisfaction"' not in html and 'role="alert"' in html
    # Posting its code straight away does not record it either.
    client.post(KIOSK, {"ma": other.code, "satisfaction": "satisfied", "form_token": "x" * 43})
    assert not Evaluation.objects.exists()


def test_not_before_the_result(client, cast):
    dossier = in_process_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    html = step2(client, dossier.code)
    assert 'name="satisfaction"' not in html and 'role="alert"' in html
    assert not Evaluation.objects.exists()


def test_a_missing_answer_is_asked_again_and_nothing_written(client, cast, dossier):
    client.force_login(cast.desk_a)
    data = answers(step2(client, dossier.code), dossier.code, satisfaction="")
    response = client.post(KIOSK, data)
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not Evaluation.objects.exists()
