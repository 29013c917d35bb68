"""Issue 7 item 11: a database that cannot be reached gives the Vietnamese 503 page and a log line, no traceback.

In a subprocess whose DATABASE_URL names a PostgreSQL server that is not there (port 1 of this machine, which
refuses at once), requests go through the whole WSGI stack with django.test.Client.
"""

from __future__ import annotations

import json
import os

from .production import run

SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
results = {}
client.cookies["sessionid"] = "an-old-session"  # loading the session reads the database
r = client.get("/")
results["page"] = [r.status_code, r.content.decode(), r.get("Retry-After")]
r = Client(raise_request_exception=False).post("/can-bo/dang-nhap/", {"username": "a", "password": "b"})
results["login"] = [r.status_code, r.content.decode()]
print(json.dumps(results))
"""


def test_an_unreachable_database_gives_the_503_page_and_a_log_line():
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/x"}
    result = run(["-c", SCRIPT], env)
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout.strip().splitlines()[-1])
    for name in ("page", "login"):
        status, html = results[name][:2]
        assert status == 503, name
        assert "Dịch vụ tạm thời gián đoạn" in html and "không kết nối được cơ sở dữ liệu" in html, name
        assert "Traceback" not in html and "127.0.0.1:1" not in html, name
    assert results["page"][2] == "60"
    assert result.stderr.count("Database unavailable while answering GET /") == 1  # once, though it failed twice
    assert "Database unavailable while answering POST /can-bo/dang-nhap/" in result.stderr
