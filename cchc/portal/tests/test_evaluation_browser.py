"""The online evaluation in chromium at phone and desktop width: large buttons, a missing answer said, the
thank-you page, no serious accessibility issue on any of them."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings

from cchc.feedback.models import Evaluation, EvaluationChannel
from cchc.portal.access import SESSION_KEY
from cchc.testing.browser import assert_accessible, shot
from cchc.testing.factories import resolved_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def choose(page, question: str, value: str) -> None:
    """Touch the answer `value` of the question (its radio covers the whole big button)."""
    page.locator(f"fieldset.e-q-{question} input[value='{value}']").check()


def prove_in_browser(page, live_server, dossier) -> None:
    """The browser's session holds the dossier, as after its tracking page with the secret."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = [dossier.code]
    store.create()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": live_server.url}]
    )


@pytest.mark.parametrize("width", ["phone", "page"])
def test_a_citizen_evaluates_online(request, live_server, cast, width):
    page = request.getfixturevalue(width)
    dossier = resolved_dossier(cast.commune_a)
    prove_in_browser(page, live_server, dossier)
    page.goto(f"{live_server.url}/danh-gia/{dossier.code}/")
    assert page.locator("h1").count() == 1
    assert page.locator("fieldset").count() == 7
    shot(page, f"evaluation-form-{width}")
    assert_accessible(page)

    # Sent without the one required answer: said at the top and at the question, nothing recorded.
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert page.locator("[role=alert]").count() >= 1
    assert page.locator("fieldset.e-q-satisfaction.e-invalid").count() == 1
    shot(page, f"evaluation-missing-{width}")
    assert_accessible(page)
    assert not Evaluation.objects.exists()

    choose(page, "satisfaction", "very_satisfied")
    choose(page, "attitude", "satisfied")
    choose(page, "contacts", "1")
    choose(page, "extra_costs", "no")
    page.get_by_label("Ý kiến khác").fill("Cán bộ hướng dẫn tận tình.")
    shot(page, f"evaluation-filled-{width}")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url(f"**/danh-gia/{dossier.code}/cam-on/")
    assert "Cảm ơn" in page.locator("h1").inner_text()
    shot(page, f"evaluation-thanks-{width}")
    assert_accessible(page)
    evaluation = Evaluation.objects.get()
    assert (evaluation.channel, evaluation.satisfaction, evaluation.attitude, evaluation.contacts) == (
        EvaluationChannel.ONLINE,
        "very_satisfied",
        "satisfied",
        1,
    )
    assert evaluation.extra_costs is False and evaluation.comment == "Cán bộ hướng dẫn tận tình."

    # Back on the page: it says the dossier was evaluated.
    page.goto(f"{live_server.url}/danh-gia/{dossier.code}/")
    assert "đã được đánh giá" in page.locator("h1").inner_text()
    assert_accessible(page)
