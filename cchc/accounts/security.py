"""Log-in security helpers: the client's address for django-axes, and a log line for every failed log-in."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

logger = logging.getLogger("cchc.security")


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind CCHC_TRUSTED_PROXIES reverse proxies the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N trusted proxies
    the N-th entry from the right is the client's; entries further left were sent by the client and may be forged.
    """
    proxies = settings.CCHC_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


@receiver(user_login_failed)
def log_login_failure(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any):
    # `credentials` is already cleansed by Django (the password is starred); only the user name is logged.
    logger.warning(
        "Failed log-in for user name %r from %s",
        credentials.get("username", ""),
        client_ip(request) if request is not None else "(no request)",
    )


@receiver(user_logged_in)
def log_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any):
    logger.info("Log-in of %r from %s", user.get_username(), client_ip(request) if request is not None else "-")
