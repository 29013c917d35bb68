"""Every staff page and every admin page, rendered in Vietnamese, shows none of the project's own English texts.

The English texts are the msgids of the project's catalogue (locale/vi/LC_MESSAGES/django.po) that have a
Vietnamese msgstr; a page that shows one has a string that is not wrapped for translation, or is wrapped under
another msgid than the one translated. Only texts of at least two words are looked for (a single word such as
"Code" may be a proper name or a part of a code). Also: every model field the admin shows has a Vietnamese label.
"""

from __future__ import annotations

import ast
import re
from html import unescape
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from cchc.reform.models import SECTION_MODELS
from cchc.testing.factories import (
    UserFactory,
    awaiting_supplement_dossier,
    in_process_dossier,
    local,
    received_dossier,
    refused_dossier,
    resolved_dossier,
)
from cchc.web.permissions import PUBLIC, URL_PERMISSIONS
from cchc.web.tests.test_permissions import named_urls

CATALOGUE = settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"

# English texts that may stay on a Vietnamese page: proper names, codes, words that are the same in both languages.
ALLOWED = {
    "CCHC",
    "ID",  # the admin's column of row numbers: "ID" in Vietnamese too
    "Mẫu 01",
}


def catalogue() -> dict[str, str]:
    """msgid -> msgstr of the project's .po (the singular forms; obsolete entries skipped)."""
    entries: dict[str, str] = {}
    current: dict[str, str] = {}
    key = ""

    def flush() -> None:
        if current.get("msgid"):
            entries[current["msgid"]] = current.get("msgstr", current.get("msgstr[0]", ""))
        current.clear()

    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            flush()
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        elif not line.startswith("#"):
            key, _, rest = line.partition(" ")
            if key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in current):
                flush()
            current[key] = ast.literal_eval(rest)
    flush()
    return entries


PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sd]|\{[^}]*\}|<[^>]+>")


def english_texts() -> set[str]:
    """The fragments (between placeholders and tags) of the translated msgids, of two words or more."""
    texts: set[str] = set()
    for msgid, msgstr in catalogue().items():
        if not msgstr or msgstr == msgid:
            continue
        for fragment in PLACEHOLDER.split(msgid):
            fragment = " ".join(fragment.split()).strip(" .,:;()")
            if len(fragment.split()) >= 2 and fragment not in ALLOWED and fragment not in msgstr:
                texts.add(fragment)
    return texts


TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def page_text(html: str) -> str:
    return " ".join(unescape(TAGS.sub(" ", html)).split())


def english_on(text: str, texts: set[str]) -> list[str]:
    # A plain substring test first (fast), then the whole-word check.
    return sorted(t for t in texts if t in text and re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", text))


@pytest.fixture(scope="module")
def texts() -> set[str]:
    return english_texts()


def staff_urls(dossier_code: str) -> list[str]:
    names = sorted(
        n
        for n in named_urls()
        if n.split(":")[0] in {"web", "reform", "reports"} or n in {"password_change", "password_change_done"}
    )
    period = {"unit_code": "gio-linh", "year": 2023, "quarter": 3}
    kwargs: dict[str, list[dict[str, Any]]] = {
        "reform:settings": [{"unit_code": "gio-linh"}],
        "reform:period": [period],
        "reform:submit": [period],
        "reform:rollup": [period],
        "reform:row_add": [{**period, "kind": kind} for kind in SECTION_MODELS],
        "reform:row_edit": [{**period, "kind": next(iter(SECTION_MODELS)), "pk": 1}],
        "reform:row_delete": [{**period, "kind": next(iter(SECTION_MODELS)), "pk": 1}],
        "reports:download": [{"fmt": "docx"}],
        "web:dossier_action": [{"code": dossier_code, "action": "approve"}],
        "web:document": [{"code": dossier_code, "pk": 1}],
        "web:feedback_detail": [{"pk": 1}],
        "web:print_guidance": [{"pk": 1}],
    }
    urls = []
    for name in names:
        assert URL_PERMISSIONS.get(name, URL_PERMISSIONS.get(name.split(":")[0] + ":*")) != PUBLIC or name == "login"
        for kw in kwargs.get(name, [{}]):
            try:
                urls.append(reverse(name, kwargs=kw or None))
            except NoReverseMatch:
                urls.append(reverse(name, kwargs={"code": dossier_code}))
    urls += [reverse("reports:report") + "?unit=gio-linh&period=2023-Q3"]
    return urls


def test_the_catalogue_is_read(texts):
    assert "Work list" in texts and len(texts) > 500


def admin_urls() -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse(f"admin:{info[0]}_{info[1]}_changelist"))
        urls.append(reverse(f"admin:{info[0]}_{info[1]}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_change", args=[first.pk]))
        urls.append(reverse("admin:app_list", args=[info[0]]))
    return sorted(set(urls))


@pytest.fixture
def dossiers(cast):
    return [
        received_dossier(cast.commune_a),
        in_process_dossier(cast.commune_a),
        awaiting_supplement_dossier(cast.commune_a),
        resolved_dossier(cast.commune_a),
        refused_dossier(cast.commune_a),
    ]


def _check(client, urls, texts) -> str:
    found: dict[str, list[str]] = {}
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        if response.status_code in (301, 302) or "html" not in response.get("Content-Type", ""):
            continue
        # The tracking book's print view is streamed (cchc.web.views_tracking).
        body = b"".join(response.streaming_content) if response.streaming else response.content
        english = english_on(page_text(body.decode()), texts)
        if english:
            found[f"{url} ({response.status_code})"] = english
    return "\n".join(f"{url}: {english}" for url, english in found.items())


@pytest.mark.parametrize("role", ["desk_a", "specialist_a", "leader_a", "reform_officer", "leader_district"])
def test_staff_pages_show_no_english(client, cast, dossiers, texts, role):
    client.force_login(getattr(cast, role))
    urls = [u for d in dossiers for u in staff_urls(d.code)]
    assert _check(client, sorted(set(urls)), texts) == ""


def test_admin_pages_show_no_english(client, cast, dossiers, texts):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert _check(client, admin_urls(), texts) == ""


def test_the_login_and_error_pages_show_no_english(client, db, texts):
    pages = [reverse("login"), "/can-bo/no-such-page/", reverse("logout")]
    assert _check(client, pages, texts) == ""


def test_every_admin_label_is_vietnamese(db):
    """App names, model names and the labels of the fields the admin shows differ from their English texts."""
    english: list[str] = []

    def both(value) -> tuple[str, str]:
        with translation.override("en"):
            en = str(value)
        with translation.override("vi"):
            return en, str(value)

    for model in admin.site._registry:
        meta = model._meta
        app = apps.get_app_config(meta.app_label)
        for what, value in [
            (meta.app_label, app.verbose_name),
            (f"{meta.label}", meta.verbose_name),
            (f"{meta.label} (plural)", meta.verbose_name_plural),
            *[(f"{meta.label}.{f.name}", f.verbose_name) for f in [*meta.concrete_fields, *meta.many_to_many]],
        ]:
            en, vi = both(value)
            if en == vi and en not in ALLOWED:
                english.append(f"{what}: {en}")
    for model in apps.get_models():  # every model's name appears in the lists of permissions
        for what, value in [
            (model._meta.label, model._meta.verbose_name),
            (model._meta.label, model._meta.verbose_name_plural),
        ]:
            en, vi = both(value)
            if en == vi and en not in ALLOWED:
                english.append(f"{what}: {en}")
    assert not english, "\n".join(sorted(set(english)))


def test_the_admin_is_titled_in_vietnamese(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Quản trị hệ thống một cửa điện tử" in html and "Django" not in page_text(html)
    assert "Hồ sơ" in html and "Đơn vị" in html and "Tài khoản" in html


def test_the_reminder_email_is_vietnamese(cast, mailoutbox, texts, capsys):
    """`cchc remind`'s e-mail (subject, text and HTML) and what it prints."""
    cast.specialist_a.email = "spec@example.org"
    cast.specialist_a.save()
    in_process_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    call_command("remind")
    printed = capsys.readouterr().out
    (message,) = mailoutbox
    html, _mime = message.alternatives[0]
    assert "Kính gửi" in message.body and "Quá hạn" in message.body and 'lang="vi"' in html
    assert english_on(" ".join([message.subject, message.body, page_text(str(html)), printed]), texts) == []
    assert "cán bộ có hồ sơ cần theo dõi" in printed


def test_the_check_finds_english_on_an_english_page(client, cast, texts):
    """The same check on the English interface (the switch's cookie) finds the English texts."""
    client.force_login(cast.desk_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = english_on(page_text(client.get(reverse("web:worklist")).content.decode()), texts)
    assert len(english) > 5


def test_validation_messages_are_vietnamese(client, cast, texts):
    """A wrong log-in, an empty reception form and an empty password change answer in Vietnamese."""
    wrong = client.post(reverse("login"), {"username": "desk_a", "password": "wrong"})
    assert wrong.status_code == 200 and english_on(page_text(wrong.content.decode()), texts) == []
    client.force_login(cast.desk_a)
    for page in [client.post(reverse("web:receive"), {}), client.post(reverse("password_change"), {})]:
        text = page_text(page.content.decode())
        assert page.status_code == 200 and english_on(text, texts) == [], text[:300]
        assert "This field is required" not in text
    assert "Trường này là bắt buộc" in page_text(page.content.decode())  # Django's own message, in Vietnamese
