"""The project's own error pages (templates/404.html, 405.html, 500.html) where Django would answer otherwise.

- 405: Django answers a wrong method (a GET of a POST-only address) with an empty page; it becomes 405.html,
  keeping the Allow header.
- With DEBUG on (the demo runs so: `make run`), Django shows its English technical pages for a 404 and an
  uncaught error. Officers trying the demo see the Vietnamese pages instead; the traceback of an error still goes
  to the console (the "django.request" logger, as with DEBUG off). A developer who wants Django's pages back sets
  CCHC_TECHNICAL_ERROR_PAGES=1.

The middleware sits right after the one that activates the interface language, so the pages are translated; a
database error is left to cchc.lib.middleware (the 503 page).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template import loader
from django.utils.log import log_response
from django.views import defaults

from cchc.lib.middleware import DATABASE_ERRORS, server_error


def method_not_allowed(request: HttpRequest, allowed: str) -> HttpResponse:
    response = HttpResponse(loader.render_to_string("405.html", request=request), status=405)
    response["Allow"] = allowed
    return response


def _technical_pages() -> bool:
    return settings.DEBUG and not settings.CCHC_TECHNICAL_ERROR_PAGES


class ErrorPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and isinstance(response, HttpResponseNotAllowed) and not response.content:
            return method_not_allowed(request, response["Allow"])
        # With DEBUG on, an address no URL matches gives Django's technical 404 (never a view's exception).
        if response.status_code == 404 and _technical_pages() and b"DEBUG = True" in getattr(response, "content", b""):
            return defaults.page_not_found(request, Http404())
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not _technical_pages() or isinstance(exception, DATABASE_ERRORS):
            return None
        if isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied | BadRequest | SuspiciousOperation):
            return None  # Django's own pages for these are the project's templates (403.html, 400.html)
        response = server_error(request)
        log_response(
            "%s: %s", "Internal Server Error", request.path, response=response, request=request, exception=exception
        )
        return response
