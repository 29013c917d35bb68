"""A database that cannot be reached gives a Vietnamese "service unavailable" page (503) and a log line.

Without this, a database that is down at start-up or goes away mid-request answers with Django's 500 page (or,
with DEBUG on, a traceback). The page is rendered from templates/503.html without a request context, so it
reads neither the database nor the session nor the user, which would fail again.

`DatabaseUnavailableMiddleware.process_exception` catches the errors raised in a view; `server_error` (the
project's handler500) catches those raised elsewhere (a middleware that reads the session, the session saved at
the end of the request), where Django has already turned the exception into a 500 response.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("cchc.database")

DATABASE_ERRORS = (OperationalError, InterfaceError)
# How long a client should wait before trying again (seconds).
RETRY_AFTER = 60


def service_unavailable(request: HttpRequest, exception: BaseException) -> HttpResponse:
    # Once per request: after a view's error, the session middleware may fail on the same database again.
    if not getattr(request, "_cchc_database_unavailable", False):
        request._cchc_database_unavailable = True  # type: ignore[attr-defined]
        logger.error(
            "Database unavailable while answering %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            str(exception).strip().splitlines()[0] if str(exception).strip() else "",
        )
    response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_ERRORS):
            return service_unavailable(request, exception)
        return None


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the 503 page when the error being handled is the database's, else templates/500.html."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return service_unavailable(request, exception)
    return HttpResponseServerError(loader.get_template("500.html").render({}))
