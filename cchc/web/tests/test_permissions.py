"""The URL -> permission table covers every named URL, and every staff page sends anonymous visitors to log in."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cchc.web.permissions import PUBLIC, URL_PERMISSIONS, permission_for

# Namespaces whose names the table must cover ("" = the project's own names: login, logout, set_language).
COVERED_NAMESPACES = {"", "web", "admin", "reform", "reports", "queueing", "queueing_staff"}
SAMPLE_KWARGS = {
    "web:dossier_detail": {"code": "X"},
    "web:receipt": {"code": "X"},
    "web:print_supplement_request": {"code": "X"},
    "web:print_refusal": {"code": "X"},
    "web:print_apology": {"code": "X"},
    "web:print_control_sheet": {"code": "X"},
    "web:print_stop_notice": {"code": "X"},
    "web:dossier_action": {"code": "X", "action": "approve"},
    "web:dossier_upload": {"code": "X"},
    "web:document": {"code": "X", "pk": 1},
    "web:feedback_detail": {"pk": 1},
    "web:print_guidance": {"pk": 1},
}


def named_urls(patterns=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(p for p in (namespace, entry.namespace or "") if p)
            names |= named_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_every_named_url_has_a_permission():
    """A new page without an entry in permissions.URL_PERMISSIONS fails here."""
    names = {n for n in named_urls() if n.rpartition(":")[0] in COVERED_NAMESPACES}
    assert "web:worklist" in names and "login" in names and "admin:index" in names
    missing = sorted(n for n in names if permission_for(n) is None)
    assert missing == []


def test_the_table_names_only_urls_that_exist():
    names = named_urls()
    stale = [n for n in URL_PERMISSIONS if not n.endswith(":*") and n not in names]
    assert stale == []


WEB_PAGES = sorted(n for n, p in URL_PERMISSIONS.items() if n.startswith("web:") and p != PUBLIC)


@pytest.mark.parametrize("name", WEB_PAGES)
def test_staff_pages_require_login(client, db, name):
    url = reverse(name, kwargs=SAMPLE_KWARGS.get(name))
    response = client.post(url) if name in {"web:dossier_action", "web:dossier_upload"} else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_public(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_the_reform_menu_entry_is_shown_to_reform_officers_and_leaders_only(client, cast):
    client.force_login(cast.reform_officer)
    assert reverse("reform:index") in client.get(reverse("web:worklist")).content.decode()
    client.force_login(cast.desk_a)
    assert reverse("reform:index") not in client.get(reverse("web:worklist")).content.decode()
