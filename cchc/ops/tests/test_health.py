"""/healthz and /readyz: answered before the host check, the HTTPS redirect, the session and the log-in; /readyz
checks the database and, with the database queue, its table; 503 with a JSON body naming what failed."""

from __future__ import annotations

import json
import os

import pytest
from django.test import Client, override_settings

from cchc.accounts.tests.production import run
from cchc.web.permissions import PUBLIC, URL_PERMISSIONS

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_QUEUE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_healthz_answers_without_the_database(client):
    # No django_db mark: a query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store" and not response.cookies


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["motcua.example.gov.vn"])
def test_probes_need_no_host_name_https_or_log_in():
    """A load balancer asks by address over plain HTTP: the probes answer, the rest of the site does not."""
    client = Client(HTTP_HOST="10.0.0.7:8000")
    assert client.get("/healthz").status_code == 200
    assert client.get("/can-bo/dang-nhap/").status_code == 400  # the host check, for every other page


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE)
def test_readyz_checks_the_database_and_the_queue_table(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "queue": "ok"}, "failed": []}


@pytest.mark.django_db
@override_settings(TASKS=IMMEDIATE_QUEUE)
def test_readyz_without_the_database_queue_checks_the_database_only(client):
    assert client.get("/readyz").json()["checks"] == {"database": "ok"}


def test_probes_take_only_get_and_head(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


def test_probes_are_public_in_the_url_table():
    assert URL_PERMISSIONS["healthz"] == PUBLIC and URL_PERMISSIONS["readyz"] == PUBLIC


PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
ready = client.get("/readyz")
print(json.dumps([client.get("/healthz").status_code, ready.status_code, ready.json(), ready["Content-Type"]]))
"""


def test_readyz_fails_with_503_naming_the_database_when_it_cannot_be_reached():
    """A PostgreSQL server that is not there (port 1 refuses at once), with production's database queue."""
    env = {**os.environ, "DATABASE_URL": "postgres://cchc:secret@127.0.0.1:1/cchc", "CCHC_TASKS_BACKEND": "database"}
    result = run(["-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    healthz, status, body, content_type = json.loads(result.stdout.strip().splitlines()[-1])
    assert healthz == 200  # the process is up
    assert status == 503 and content_type == "application/json"
    assert body == {
        "status": "unavailable",
        "checks": {"database": "failed", "queue": "not checked"},
        "failed": ["database"],
    }
    # The reason is in the log, not in the answer (it names hosts and ports).
    assert "readyz: the database check failed: OperationalError" in result.stderr
    assert "secret" not in result.stdout and "127.0.0.1" not in result.stdout
