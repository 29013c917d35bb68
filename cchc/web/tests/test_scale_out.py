"""Two app servers against one PostgreSQL, as a province runs them behind its reverse proxy (issue 10, point 4;
docs/scaling.md, docs/decisions/0031): nothing one server needs is on the other's disk or in its memory.

Two real `cchc serve` processes (gunicorn, production settings, DEBUG off) on two ports share the test database.
Through them, with one HTTP client: a log-in on A is valid on B (sessions in the database), a dossier received on A
is assigned on B, the portal's tracking rate limit counts the guesses made on both (the cache table in the
database), and django-axes refuses on B a user whose password was guessed wrong on A (its attempts in the
database).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from cchc.accounts.models import Membership, Role
from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.workflow import Status
from cchc.testing.factories import ComponentDocumentFactory

httpx = pytest.importorskip("httpx")

PASSWORD = "mat-khau-hai-may-chu-2026"
GUESSES_PER_CODE = 4
LOGIN_FAILURES = 3
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_INPUT = re.compile(r'<input type="hidden" name="form_token" value="([^"]+)"')

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    """The test database the pytest process made, as a URL for the servers."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def app_server(port: int, log: Path) -> Iterator[str]:
    """`cchc serve --bind 127.0.0.1:port` with the production settings on the test database; its address."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",  # not the tests' settings: axes on, real password hashing
        "DATABASE_URL": _database_url(),
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-share-this-key-" + "k" * 40,  # every server of a site has the same key
        "ALLOWED_HOSTS": "127.0.0.1",
        "CCHC_TRACKING_GUESSES_PER_CODE": str(GUESSES_PER_CODE),
        # Windows are fixed (aligned on multiples of their length): a day's makes a window's end during the test rare.
        "CCHC_TRACKING_CODE_WINDOW_MINUTES": "1440",
        "CCHC_LOGIN_FAILURE_LIMIT": str(LOGIN_FAILURES),
        "CCHC_TASKS_BACKEND": "database",
        "CCHC_ACCESS_LOG": "0",
    }
    env.pop("CACHE_URL", None)
    cchc = Path(sys.executable).with_name("cchc")
    argv = [str(cchc), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"]
    with log.open("wb") as out:
        process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise AssertionError(f"the server on {port} stopped:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"the server on {port} did not answer:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def servers(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: two server processes share one database server (the SQLite test database is in the "
            "memory of the pytest process)"
        )
    # One after the other: the first collects the static files the pages link to, the second finds them current.
    with app_server(_free_port(), tmp_path / "a.log") as a, app_server(_free_port(), tmp_path / "b.log") as b:
        yield a, b


def _with_password(*users, settings) -> None:
    """Real password hashes (the servers' settings do not know the tests' fast MD5 hasher)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    for user in users:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


def _csrf(client, url: str) -> tuple[str, str]:
    html = client.get(url).text
    found = CSRF_INPUT.search(html)
    assert found, f"no CSRF token on {url}"
    return found.group(1), html


def _log_in(client, base: str, username: str, password: str = PASSWORD):
    token, _html = _csrf(client, f"{base}/can-bo/dang-nhap/")
    return client.post(
        f"{base}/can-bo/dang-nhap/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
    )


def test_two_servers_share_log_ins_dossiers_rate_limits_and_lock_outs(servers, cast, settings):
    a, b = servers
    _with_password(cast.desk_a, cast.desk_b, settings=settings)
    ComponentDocumentFactory(procedure=cast.procedure, name="Tờ khai đăng ký khai sinh", form="Bản chính", order=1)
    with httpx.Client(timeout=30) as client:
        # 1. Logged in on A, the session is valid on B: B shows the staff site, not the log-in page.
        response = _log_in(client, a, "desk_a")
        assert response.status_code == 302, response.text[:500]
        on_b = client.get(f"{b}/can-bo/")
        assert on_b.status_code == 200 and "dang-nhap" not in str(on_b.url)
        assert "desk_a" in on_b.text or cast.desk_a.full_name in on_b.text

        # 2. A dossier received on A ...
        html = client.get(f"{a}/can-bo/receive/").text
        received = client.post(
            f"{a}/can-bo/receive/",
            data={
                "csrfmiddlewaretoken": CSRF_INPUT.search(html).group(1),
                "form_token": TOKEN_INPUT.search(html).group(1),
                "unit": cast.commune_a.pk,
                "procedure": cast.procedure.pk,
                "channel": "direct",
                "applicant_name": "Lê Văn Bình",
                "applicant_id_number": "045200001234",
                "applicant_phone": "0905111222",
                "applicant_address": "Thôn Tân Minh, xã Gio An",
                "applicant_email": "",
                "sets": 1,
                "components": [c.pk for c in cast.procedure.components.all()],
                "note": "",
            },
        )
        assert received.status_code == 302, received.text[:1000]
        dossier = Dossier.objects.get()
        assert dossier.status == Status.RECEIVED and dossier.received_by == cast.desk_a
        # ... is assigned to the commune's specialist on B.
        page = client.get(f"{b}{dossier.get_absolute_url()}")
        assert page.status_code == 200 and dossier.code in page.text
        membership = Membership.objects.get(user=cast.specialist_a, unit=cast.commune_a, role=Role.SPECIALIST)
        assigned = client.post(
            f"{b}/can-bo/dossiers/{dossier.code}/actions/assign/",
            data={
                "csrfmiddlewaretoken": CSRF_INPUT.search(page.text).group(1),
                "assign-handler": membership.pk,
                "assign-note": "",
            },
        )
        assert assigned.status_code in (200, 302), assigned.text[:1000]
        dossier.refresh_from_db()
        assert dossier.status == Status.IN_PROCESS and dossier.assigned_to == cast.specialist_a
        assert DossierEvent.objects.filter(dossier=dossier, action="assign", actor=cast.desk_a).exists()

    with httpx.Client(timeout=30) as visitor:
        # 3. The portal's tracking look-up: wrong secrets for one code, alternately on A and B. The limit is per code
        # (CCHC_TRACKING_GUESSES_PER_CODE, 4 here): after 4 failures in all (2 on each server) both refuse (429).
        def guess(base: str):
            return visitor.get(f"{base}/tra-cuu/", params={"ma": dossier.code, "bi-mat": "SAIMATKH"})

        for number in range(GUESSES_PER_CODE):
            answer = guess(a if number % 2 == 0 else b)
            assert answer.status_code == 200, f"guess {number + 1} of {GUESSES_PER_CODE} refused"
        assert guess(a).status_code == 429
        refused = guess(b)
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0

    with httpx.Client(timeout=30) as guesser:
        # 4. django-axes: three wrong passwords for desk_b on A lock the account; on B even the right one is refused
        # with the lock-out page (429).
        for _ in range(LOGIN_FAILURES):
            failed = _log_in(guesser, a, "desk_b", "sai-mat-khau-0000")
            assert failed.status_code in (200, 429)
        locked = _log_in(guesser, b, "desk_b")
        assert locked.status_code == 429
        assert guesser.get(f"{b}/can-bo/", follow_redirects=False).status_code == 302  # not logged in
