"""What views read off a request, typed: the acting user, the page's URL name, whether htmx asked."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from cchc.accounts.models import User


def acting_user(request: HttpRequest) -> User:
    """The logged-in member of staff a view acts for (the view's decorator has required the log-in)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user


def page_name(request: HttpRequest) -> str:
    """The URL name of the page being shown (the path when the request was not resolved)."""
    return request.resolver_match.view_name if request.resolver_match else request.path


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx made (the HX-Request header, read by django-htmx's middleware): the view answers
    with a fragment of its page."""
    return bool(getattr(request, "htmx", False))
