"""The first two middlewares: the request id (and the access log line), and the health addresses.

RequestIdMiddleware takes the request's X-Request-ID (the reverse proxy's, e.g. nginx's $request_id) when it is a
plain token, else makes one; it is on every log line written while the request is answered (cchc.ops.logs), in the
response's X-Request-ID header, and in one access line per request (logger `cchc.request`: method, path without
its query string, which may hold a tracking secret, status, duration, client address).

HealthMiddleware answers /healthz and /readyz before anything else: whatever the Host header (a probe asks by
address), over plain HTTP with CCHC_HTTPS on, without session, log-in, CSRF, rate limits or django-axes.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from cchc.accounts.security import client_ip

from . import health
from .logs import request_id

HEADER = "X-Request-ID"
# What an incoming id may be: a token of letters, digits and . _ : - (no spaces or quotes to forge log lines with).
ACCEPTED = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

access_log = logging.getLogger("cchc.request")


def incoming_or_new(request: HttpRequest) -> str:
    given = request.headers.get(HEADER, "")
    return given if ACCEPTED.match(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = incoming_or_new(request)
        request.request_id = rid  # type: ignore[attr-defined]
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = rid
            if access_log.isEnabledFor(logging.INFO):
                duration_ms = round((time.perf_counter() - started) * 1000, 1)
                access_log.info(
                    "%s %s %s %.1f ms",
                    request.method,
                    request.path,
                    response.status_code,
                    duration_ms,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": duration_ms,
                        "client": client_ip(request),
                    },
                )
            return response
        finally:
            request_id.reset(token)


class HealthMiddleware:
    ANSWERS = {"/healthz": health.healthz, "/readyz": health.readyz}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = self.ANSWERS.get(request.path_info)
        if view is not None:
            return view(request)
        return self.get_response(request)
