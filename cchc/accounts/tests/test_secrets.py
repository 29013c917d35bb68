"""Issue 7 item 1: no secret ever reaches a page; no start without a secret key; static files with DEBUG off."""

from __future__ import annotations

import re
import sys
import uuid

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter

from cchc.lib.debug import SecretsExceptionReporterFilter

from .production import LONG_KEY, production_env, run, run_cchc

PRINT_DEBUG = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def test_debug_is_off_unless_asked_for():
    assert run(["-c", PRINT_DEBUG], production_env(SECRET_KEY=LONG_KEY)).stdout.strip() == "False"
    assert run(["-c", PRINT_DEBUG], production_env(DEBUG="1")).stdout.strip() == "True"


def test_without_a_secret_key_every_command_refuses_to_start():
    result = run_cchc(["check"], production_env())
    assert result.returncode != 0
    assert "cchc.E101" in result.stderr and "SECRET_KEY" in result.stderr


def test_a_short_secret_key_refuses_to_start():
    result = run_cchc(["check"], production_env(SECRET_KEY="x" * 49))
    assert result.returncode != 0
    assert "cchc.E102" in result.stderr and "49" in result.stderr


def test_the_wsgi_application_refuses_to_start_without_a_secret_key():
    # A WSGI server (gunicorn, uwsgi) runs no system checks: importing the application must fail itself.
    result = run(["-c", "import config.wsgi"], production_env())
    assert result.returncode != 0 and "cchc.E101" in result.stderr
    assert run(["-c", "import config.wsgi"], production_env(SECRET_KEY=LONG_KEY)).returncode == 0


def test_a_long_key_starts_and_debug_needs_no_key():
    assert run_cchc(["check"], production_env(SECRET_KEY=LONG_KEY)).returncode == 0
    assert run_cchc(["check"], production_env(DEBUG="1")).returncode == 0


def _an_error():
    """An exception whose traceback holds only this frame (the test's own locals would show on the page)."""
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        return sys.exc_info()


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_the_debug_page_hides_the_database_url_passwords_and_keys(settings):
    # Each secret is made at run time, so that only a leak (not the test's source on the page) can show it.
    secret = {name: f"{name}-{uuid.uuid4().hex}" for name in ("db", "dsn", "token", "url", "header")}
    settings.DEBUG = True
    settings.DATABASES = {**settings.DATABASES, "default": {**settings.DATABASES["default"], "PASSWORD": secret["db"]}}
    settings.SENTRY_DSN = f"https://{secret['dsn']}@errors.example.org/1"
    settings.CCHC_GATEWAY_TOKEN = secret["token"]
    request = RequestFactory().post(
        "/can-bo/dang-nhap/",
        {"username": "a"},
        DATABASE_URL=f"postgres://cchc:{secret['url']}@db.internal:5432/cchc",
        HTTP_AUTHORIZATION=f"Bearer {secret['header']}",
    )
    html = ExceptionReporter(request, *_an_error()).get_traceback_html()
    assert "boom" in html and "DATABASES" in html  # the debug page, with its settings
    for value in [*secret.values(), settings.SECRET_KEY]:
        assert value not in html, value


def test_the_filter_hides_the_whole_databases_setting():
    cleansed = SecretsExceptionReporterFilter().cleanse_setting("DATABASES", {"default": {"PASSWORD": "p"}})
    assert "p" not in str(cleansed)


@pytest.mark.django_db
def test_with_debug_off_a_page_serves_its_css_and_htmx(settings, tmp_path):
    """The production storage (hashed names, from STATIC_ROOT after collectstatic) served by WhiteNoise."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new client loads the middleware (WhiteNoise reads STATIC_ROOT) with these settings
    html = client.get("/can-bo/dang-nhap/").content.decode()
    css = re.search(r'href="(/static/css/cchc\.[0-9a-f]{12}\.css)"', html)
    assert css, "the page links its stylesheet under its hashed name"
    response = client.get(css.group(1))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    assert b".site-header" in b"".join(response.streaming_content)
    scripts = re.findall(r'<script src="(/static/[^"]+\.js)"', html)
    assert any("htmx" in s for s in scripts) and any("cchc." in s for s in scripts)
    for script in scripts:
        assert client.get(script).status_code == 200, script
