"""The admin shows dossiers read-only, and opens the catalogue, users and feedback pages."""

from __future__ import annotations

from cchc.accounts.models import User
from cchc.dossiers.models import Dossier
from cchc.testing.factories import received_dossier


def test_dossier_admin_is_read_only(cast, client):
    """Dossiers can be viewed, with their events, but never added, changed or deleted in the admin."""
    dossier = received_dossier(cast.commune_a)
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pass-1234"))
    page = client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/")
    assert page.status_code == 200
    assert b"receive" in page.content
    assert client.get("/admin/dossiers/dossier/add/").status_code == 403
    assert client.post(f"/admin/dossiers/dossier/{dossier.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"/admin/dossiers/dossier/{dossier.pk}/change/", {"code": "HACKED"})
    assert Dossier.objects.get(pk=dossier.pk).code == dossier.code


def test_other_admin_pages_open(cast, client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pass-1234"))
    urls = [
        "/admin/dossiers/dossier/",
        "/admin/dossiers/apology/",
        "/admin/procedures/procedure/",
        f"/admin/procedures/procedure/{cast.procedure.pk}/change/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{cast.desk_a.pk}/change/",
        "/admin/accounts/membership/",
        "/admin/feedback/feedback/",
        "/admin/feedback/evaluation/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
