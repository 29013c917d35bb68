"""The desk's evaluation tablet in chromium at tablet width (820 × 1180): the code typed, the big buttons, the
thank-you that goes back to the first step by itself, and the reset after a while without a touch."""

from __future__ import annotations

import pytest

from cchc.feedback.models import Evaluation, EvaluationChannel
from cchc.testing.browser import assert_accessible, chromium_page, shot
from cchc.testing.factories import APPLICANT, resolved_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
TABLET = {"width": 820, "height": 1180}


@pytest.fixture
def tablet(live_server, cast):
    """The counter's tablet, where the desk officer of Gio An logged in and opened the kiosk."""
    with chromium_page(TABLET, has_touch=True) as page:
        page.goto(f"{live_server.url}/can-bo/dang-nhap/")
        page.fill("#id_username", cast.desk_a.username)
        page.fill("#id_password", "pass-1234")
        page.press("#id_password", "Enter")
        page.wait_for_url(f"{live_server.url}/can-bo/")
        page.goto(f"{live_server.url}/can-bo/kiosk/")
        yield page


def choose(page, question: str, value: str) -> None:
    """Touch the answer `value` of the question (its radio covers the whole big button)."""
    page.locator(f"fieldset.e-q-{question} input[value='{value}']").check()


def no_names(page, cast) -> None:
    html = page.content()
    for text in (str(cast.desk_a), cast.desk_a.username, APPLICANT["name"], APPLICANT["phone"]):
        assert text not in html


def test_the_tablet_takes_an_evaluation_and_starts_again(tablet, live_server, cast, settings):
    settings.CCHC_KIOSK_THANKS_SECONDS = 2
    dossier = resolved_dossier(cast.commune_a)
    page = tablet
    shot(page, "kiosk-start")
    assert_accessible(page)
    no_names(page, cast)
    page.get_by_label("Nhập mã hồ sơ").fill(dossier.code)
    page.get_by_role("button", name="Tiếp tục").click()
    page.locator("fieldset.e-q-satisfaction").wait_for()
    shot(page, "kiosk-evaluate")
    assert_accessible(page)
    no_names(page, cast)
    choose(page, "satisfaction", "satisfied")
    choose(page, "attitude", "very_satisfied")
    choose(page, "agencies", "1")
    shot(page, "kiosk-chosen")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url("**/can-bo/kiosk/cam-on/")
    shot(page, "kiosk-thanks")
    assert_accessible(page)
    evaluation = Evaluation.objects.get()
    assert (evaluation.channel, evaluation.satisfaction, evaluation.attitude, evaluation.agencies) == (
        EvaluationChannel.KIOSK,
        "satisfied",
        "very_satisfied",
        1,
    )
    # By itself, back to the first step for the next person.
    page.wait_for_url(f"{live_server.url}/can-bo/kiosk/", timeout=8000)
    assert page.get_by_label("Nhập mã hồ sơ").input_value() == ""
    # The same code again: refused, already evaluated.
    page.get_by_label("Nhập mã hồ sơ").fill(dossier.code)
    page.get_by_role("button", name="Tiếp tục").click()
    assert "đã được đánh giá" in page.locator("[role=alert]").inner_text()
    shot(page, "kiosk-already")
    assert Evaluation.objects.count() == 1


def test_a_half_filled_form_left_alone_goes_back_to_the_first_step(tablet, live_server, cast, settings):
    settings.CCHC_KIOSK_IDLE_SECONDS = 2
    dossier = resolved_dossier(cast.commune_a)
    page = tablet
    page.goto(f"{live_server.url}/can-bo/kiosk/?ma={dossier.code}")
    choose(page, "satisfaction", "very_satisfied")
    page.wait_for_url(f"{live_server.url}/can-bo/kiosk/", timeout=8000)
    assert page.locator("fieldset").count() == 0
    assert not Evaluation.objects.exists()
