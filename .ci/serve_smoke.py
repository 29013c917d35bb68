"""The browser smoke test behind `cchc serve` and `cchc worker` (.ci/serve-smoke starts them; this file drives them).

Usage: python .ci/serve_smoke.py BASE_URL, with the servers' environment (DATABASE_URL, SECRET_KEY, ...). In
Debian's chromium: a demo desk officer logs in, opens the work list and receives a dossier; the worker sends its
notice (the notice sent and its task row done); /healthz and /readyz answer; a static file has a hashed name and is
served gzip- and brotli-compressed; every answer carries an X-Request-ID.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import urllib.request

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

import django  # noqa: E402

django.setup()

from django.urls import reverse  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from cchc.demo.load import DEMO_PASSWORD  # noqa: E402
from cchc.dossiers.models import Dossier  # noqa: E402
from cchc.notices.models import Notice, NoticeStatus  # noqa: E402

BASE = sys.argv[1].rstrip("/")
DESK_OFFICER = "motcua.xa-gio-linh"
APPLICANT = "Lê Thị Khói Thử"


def fetch(path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(BASE + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def check(condition: bool, what: str) -> None:
    if not condition:
        print(f"serve smoke FAILED: {what}")
        sys.exit(1)
    print(f"  ok: {what}")


def probes() -> None:
    status, headers, body = fetch("/healthz")
    check(status == 200 and json.loads(body) == {"status": "ok"}, "/healthz answers 200 {status: ok}")
    check(bool(headers.get("x-request-id")), "a response carries a generated X-Request-ID")
    status, headers, body = fetch("/readyz", **{"X-Request-ID": "serve-smoke-1"})
    ready = json.loads(body)
    check(status == 200 and ready["checks"] == {"database": "ok", "queue": "ok"}, f"/readyz answers 200 {ready}")
    check(headers.get("x-request-id") == "serve-smoke-1", "the X-Request-ID given is the one returned")


def static_files() -> None:
    status, _headers, body = fetch(reverse("login"))
    check(status == 200, "the log-in page answers")
    match = re.search(r'href="(/static/css/cchc\.[0-9a-f]{12}\.css)"', body.decode())
    check(match is not None, "the log-in page links the style sheet by its hashed name")
    assert match is not None
    for encoding in ("gzip", "br"):
        status, headers, _ = fetch(match.group(1), **{"Accept-Encoding": encoding})
        check(
            status == 200 and headers.get("content-encoding") == encoding,
            f"{match.group(1)} served with Content-Encoding {encoding}",
        )
        check("immutable" in headers.get("cache-control", ""), f"... and cached for good ({headers['cache-control']})")


def receive_a_dossier() -> Dossier:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_context(viewport={"width": 1360, "height": 900}, locale="vi-VN").new_page()
        page.set_default_timeout(15000)
        page.goto(BASE + reverse("login"))
        page.fill("#id_username", DESK_OFFICER)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit].btn-primary")
        page.wait_for_url(re.compile(re.escape(BASE + "/can-bo/")))
        page.goto(BASE + reverse("web:worklist"))
        expect(page.locator("#worklist-rows")).to_be_visible()
        check(True, f"{DESK_OFFICER} logged in and opened the work list")
        page.goto(BASE + reverse("web:receive"))
        page.fill("#id_procedure_q", "khai sinh")
        page.wait_for_timeout(800)
        if page.locator("#id_procedure").evaluate("el => el.tagName") == "SELECT":
            page.select_option("#id_procedure", index=0)
        else:
            page.locator("#id_procedure input[type=radio]").first.check()
        page.wait_for_timeout(800)
        for box in page.locator("#components input[type=checkbox]").all():
            box.check()
        page.fill("#id_applicant_name", APPLICANT)
        page.fill("#id_applicant_phone", "0983111222")
        page.click("#reception-form button[type=submit]")
        page.wait_for_url(re.compile(r".*/receipt/$"))
        dossier = Dossier.objects.filter(applicant_name=APPLICANT).latest("pk")
        expect(page.locator("#receipt-code")).to_have_text(dossier.code)
        check(True, f"dossier {dossier.code} received, its receipt shown")
        page.goto(BASE + reverse("web:worklist"))
        expect(page.locator("#worklist-rows")).to_contain_text(dossier.code)
        check(True, "the work list shows it")
        if shots := os.environ.get("CCHC_SCREENSHOTS"):
            page.screenshot(path=f"{shots}/serve-worklist.png", full_page=True)
        browser.close()
    return dossier


def notice_sent_by_the_worker(dossier: Dossier) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        notices = list(Notice.objects.filter(dossier=dossier))
        if notices and all(n.status == NoticeStatus.SENT for n in notices):
            break
        time.sleep(0.5)
    check(bool(notices) and all(n.status == NoticeStatus.SENT for n in notices), f"the notices were sent: {notices}")
    ids = {n.pk for n in notices}
    tasks = [
        t for t in DBTaskResult.objects.filter(task_path__endswith="deliver_notice") if t.args_kwargs["args"][0] in ids
    ]
    check(
        len(tasks) == len(ids) and all(t.status == "SUCCESSFUL" and t.worker_ids for t in tasks),
        f"their task rows are done by the worker: {[(t.status, t.worker_ids) for t in tasks]}",
    )


if __name__ == "__main__":
    started = time.monotonic()
    probes()
    static_files()
    notice_sent_by_the_worker(receive_a_dossier())
    print(f"serve smoke: all checks passed in {time.monotonic() - started:.1f} s")
