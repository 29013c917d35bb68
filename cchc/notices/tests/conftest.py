"""What the notices' tests share: an applicant who gave both an e-mail address and a phone number, and a tiny
HTTP server on 127.0.0.1 standing for an SMS gateway (a real server in a thread: no mock)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from cchc.testing.factories import APPLICANT as FACTORY_APPLICANT

APPLICANT = {**FACTORY_APPLICANT, "email": "hoa.nguyen@example.vn"}


@dataclass
class Gateway:
    """The requests the gateway received, and the status codes it answers with, one per request (then 200)."""

    url: str
    answers: list[int] = field(default_factory=list)
    received: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    state = Gateway(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            state.received.append(
                {
                    "path": self.path,
                    "authorization": self.headers.get("Authorization"),
                    "content_type": self.headers.get("Content-Type"),
                    "json": json.loads(body.decode("utf-8")),
                }
            )
            status = state.answers.pop(0) if state.answers else 200
            payload = b'{"ok": true}' if status < 300 else b'{"error": "gateway down"}'
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def sms_gateway(settings, gateway: Gateway) -> Gateway:
    """Notices by SMS go to the test gateway, by e-mail to Django's outbox."""
    settings.CCHC_NOTICE_BACKENDS = {
        "email": "cchc.notices.backends.EmailBackend",
        "sms": "cchc.notices.backends.HttpSmsBackend",
    }
    settings.CCHC_SMS_GATEWAY_URL = gateway.url
    settings.CCHC_SMS_GATEWAY_KEY = "test-gateway-key"
    settings.CCHC_SMS_GATEWAY_TIMEOUT = 5
    settings.CCHC_PORTAL_URL = "https://dichvucong.quangtri.gov.vn"
    return gateway
