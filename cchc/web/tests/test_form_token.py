"""A double click makes one dossier (issue 7, item 4): the reception form carries a one-time token issued with it;
the first post with it creates, a second post with the same token (later, or at the same moment) is answered with
the first result, the same receipt, and creates nothing."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import FormToken
from cchc.dossiers.models import Dossier, DossierCodeCounter

from .test_reception import form_data

TOKEN_INPUT = re.compile(r'<input type="hidden" name="form_token" value="([^"]+)"')


def issued_token(client) -> str:
    """The token the reception page issues with its empty form."""
    html = client.get(reverse("web:receive")).content.decode()
    (token,) = TOKEN_INPUT.findall(html)
    return token


def test_each_empty_form_carries_a_fresh_token(client, cast, components):
    client.force_login(cast.desk_a)
    first, second = issued_token(client), issued_token(client)
    assert first != second and len(first) == 43


def test_a_second_post_of_the_same_form_answers_with_the_first_receipt(client, cast, components):
    client.force_login(cast.desk_a)
    data = form_data(cast, components, form_token=issued_token(client))
    first = client.post(reverse("web:receive"), data)
    second = client.post(reverse("web:receive"), data)
    dossier = Dossier.objects.get()
    receipt = reverse("web:receipt", args=[dossier.code])
    assert (first.status_code, first["Location"]) == (302, receipt)
    assert (second.status_code, second["Location"]) == (302, receipt)
    token = FormToken.objects.get()
    assert (token.token, token.user, token.url) == (data["form_token"], cast.desk_a, receipt)
    # Only one code was used up: the next receipt of the day is number 2.
    assert DossierCodeCounter.objects.get(agency_code=cast.commune_a.agency_code).last == 1


def test_a_post_without_a_token_is_refused_and_writes_nothing(client, cast, components):
    client.force_login(cast.desk_a)
    for token in ("", "short", "x" * 43 + "<"):
        response = client.post(reverse("web:receive"), form_data(cast, components, form_token=token))
        assert response.status_code == 200
        errors = " ".join(response.context["form"].non_field_errors())
        assert "one-time token" in errors or "mã dùng một lần" in errors
        # The page shown again carries a fresh, valid token.
        assert len(TOKEN_INPUT.findall(response.content.decode())[0]) == 43
    assert not Dossier.objects.exists() and not FormToken.objects.exists()


def test_a_refused_receipt_leaves_the_token_for_the_corrected_form(client, cast, components):
    """An incomplete dossier is refused (nothing written, the token unused); the same form, completed, then
    receives."""
    client.force_login(cast.desk_a)
    token = issued_token(client)
    refused = client.post(reverse("web:receive"), form_data(cast, components, components=[], form_token=token))
    assert refused.status_code == 200 and not Dossier.objects.exists() and not FormToken.objects.exists()
    assert client.post(reverse("web:receive"), form_data(cast, components, form_token=token)).status_code == 302
    assert Dossier.objects.count() == 1


def test_another_users_token_is_not_answered_with_their_receipt(client, cast, components):
    """The desk officer of commune A's token, replayed by another desk officer of the same unit, gets an error,
    never the first receipt, and creates nothing."""
    client.force_login(cast.desk_a)
    data = form_data(cast, components, form_token=issued_token(client))
    client.post(reverse("web:receive"), data)
    colleague = type(cast.desk_a).objects.create(username="desk_a2")
    colleague.memberships.create(unit=cast.commune_a, role="desk_officer")
    client.force_login(colleague)
    response = client.post(reverse("web:receive"), data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Dossier.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_posts_of_one_form_make_one_dossier(cast, components):
    """Four posts of the same form at once, each on its own connection: one dossier, one code used, and every post
    answered with its receipt."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    clients = []
    for _ in range(4):
        c = Client()
        c.force_login(cast.desk_a)
        clients.append(c)
    data = form_data(cast, components, form_token=issued_token(clients[0]))
    barrier = threading.Barrier(len(clients))
    answers: list[tuple[int, str]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def post(c: Client) -> None:
        try:
            barrier.wait()
            response = c.post(reverse("web:receive"), data)
            with lock:
                answers.append((response.status_code, response.get("Location", "")))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    dossier = Dossier.objects.get()
    assert answers == [(302, reverse("web:receipt", args=[dossier.code]))] * len(clients)
    assert FormToken.objects.count() == 1
    assert DossierCodeCounter.objects.get(agency_code=cast.commune_a.agency_code).last == 1


def test_a_portal_visitor_s_token_belongs_to_its_browser_session(db):
    """On the portal there is no user: the first post's session answers a repeat; another session is refused."""
    from cchc.accounts.services import FormTokenError, create_once

    made = []

    def create():
        made.append(1)
        return f"/done/{len(made)}/"

    assert create_once(by=None, token="t-1", create=create, session_key="s-a") == ("/done/1/", True)
    assert create_once(by=None, token="t-1", create=create, session_key="s-a") == ("/done/1/", False)
    with pytest.raises(FormTokenError):
        create_once(by=None, token="t-1", create=create, session_key="s-b")
    with pytest.raises(ValueError):
        create_once(by=None, token="t-2", create=create)
    assert made == [1]
