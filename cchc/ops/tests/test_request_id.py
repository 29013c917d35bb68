"""The request id: taken from X-Request-ID when it is a plain token, else made; returned in the response and put on
every log line written while the request is answered; the lines are one JSON object each in production."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from cchc.accounts.tests.production import production_env, run
from cchc.ops.logs import JsonFormatter, RequestIdFilter, TextFormatter


@pytest.fixture
def json_lines():
    """The root logger's records as the production handler writes them (the request-id filter, the JSON format)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def test_a_request_id_given_is_returned_and_one_is_made_otherwise(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-4f2a.b_c:9")
    assert response["X-Request-ID"] == "nginx-4f2a.b_c:9"
    made = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert client.get("/healthz")["X-Request-ID"] != made


@pytest.mark.parametrize("forged", ["two words", 'quote"d', "x" * 129, "line\\nbreak", "ý"])
def test_an_id_that_could_forge_a_log_line_is_replaced(client, forged):
    assert re.fullmatch(r"[0-9a-f]{32}", client.get("/healthz", HTTP_X_REQUEST_ID=forged)["X-Request-ID"])


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_every_line_of_a_request_carries_its_id(json_lines):
    """A failed log-in writes cchc.security's warning and the access line: both with the request's id."""
    response = Client().post(
        reverse("login"), {"username": "nobody", "password": "wrong-password"}, HTTP_X_REQUEST_ID="req-77"
    )
    assert response["X-Request-ID"] == "req-77"
    lines = json_lines()
    security = [line for line in lines if line["logger"] == "cchc.security"]
    access = [line for line in lines if line["logger"] == "cchc.request"]
    assert security and all(line["request_id"] == "req-77" for line in security)
    assert access == [
        {
            **access[0],
            "method": "POST",
            "path": "/can-bo/dang-nhap/",
            "status": response.status_code,
            "request_id": "req-77",
            "level": "INFO",
        }
    ]
    # Outside a request: no id.
    logging.getLogger("cchc.test").warning("after")
    assert "request_id" not in json_lines()[-1]


def test_the_access_line_leaves_out_the_query_string(client, json_lines):
    client.get("/healthz?ma=X&bi-mat=the-tracking-secret")
    line = json_lines()[-1]
    assert line["path"] == "/healthz" and "the-tracking-secret" not in json.dumps(line)


def test_json_lines_hold_the_traceback_and_the_extra_fields_on_one_line():
    record = logging.LogRecord("cchc.x", logging.ERROR, __file__, 1, "failed for %s", ("Nguyễn Văn A",), None)
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    record.dossier = "000.00.41.H45-250701-0001"
    RequestIdFilter().filter(record)
    text = JsonFormatter().format(record)
    assert "\n" not in text
    entry = json.loads(text)
    assert entry["message"] == "failed for Nguyễn Văn A" and entry["level"] == "ERROR" and entry["logger"] == "cchc.x"
    assert entry["dossier"] == "000.00.41.H45-250701-0001"
    assert "ValueError: boom" in entry["exception"] and entry["time"].endswith("+00:00")
    record.request_id = "abc"
    assert " [abc] failed for Nguyễn Văn A" in TextFormatter().format(record)


def test_a_production_process_writes_json_lines_with_the_request_id_and_development_readable_ones():
    script = (
        "import django; django.setup(); from django.test import Client; "
        "Client().get('/healthz', HTTP_X_REQUEST_ID='probe-1')"
    )
    result = run(["-c", script], production_env(SECRET_KEY="k" * 60))
    assert result.returncode == 0, result.stderr
    [line] = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert line["request_id"] == "probe-1" and line["path"] == "/healthz" and line["status"] == 200
    # Development: readable lines, and no access line (runserver writes its own).
    script = (
        "import django, logging; django.setup(); from django.test import Client; "
        "Client().get('/healthz'); logging.getLogger('cchc.x').warning('readable')"
    )
    result = run(["-c", script], production_env(DEBUG="1"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"^\d\d:\d\d:\d\d WARNING cchc.x readable$", result.stderr, re.M), result.stderr
    assert "/healthz" not in result.stderr
