"""The staff site's addresses before it moved under /can-bo/ (bookmarks, printed forms): each redirects there."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponsePermanentRedirect, HttpResponseRedirect

# The first part of every old staff address, and the new name of those that were renamed.
OLD_STAFF_PREFIXES = (
    "login",
    "logout",
    "password",
    "reform",
    "reports",
    "receive",
    "search",
    "tracking-book",
    "dossiers",
)
RENAMED = {"login/": "dang-nhap/", "logout/": "dang-xuat/"}


class PermanentRedirectKeepingMethod(HttpResponseRedirect):
    """308: a form posted to an old address is posted again to the new one (301 would turn it into a GET)."""

    status_code = 308


def to_staff_site(request: HttpRequest, old: str) -> HttpResponseRedirect | HttpResponsePermanentRedirect:
    """/receive/ → /can-bo/receive/, /login/ → /can-bo/dang-nhap/, with the query string kept."""
    new = RENAMED.get(old, old)
    location = f"/can-bo/{new}"
    if request.META.get("QUERY_STRING"):
        location += "?" + request.META["QUERY_STRING"]
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(location)
    return PermanentRedirectKeepingMethod(location)
