"""System checks of the notices' settings: a backend that cannot be loaded, or the SMS gateway backend without an
address, stops the process at start-up instead of failing every notice later."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string

from .backends import DEFAULT_BACKENDS, HttpSmsBackend
from .models import NoticeChannel


@register()
def check_notice_backends(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    configured = getattr(settings, "CCHC_NOTICE_BACKENDS", None) or {}
    errors = []
    unknown = set(configured) - set(NoticeChannel.values)
    if unknown:
        errors.append(
            Error(
                f"CCHC_NOTICE_BACKENDS names unknown channels: {', '.join(sorted(unknown))}",
                hint=f"The channels are {', '.join(NoticeChannel.values)}.",
                id="cchc.E201",
            )
        )
    for channel, path in {**DEFAULT_BACKENDS, **configured}.items():
        try:
            backend = import_string(path)
        except ImportError as exc:
            errors.append(
                Error(
                    f"CCHC_NOTICE_BACKENDS[{channel!r}]: {path} cannot be imported ({exc})",
                    hint="Name a class with a send(notice) method by its dotted path.",
                    id="cchc.E202",
                )
            )
            continue
        if isinstance(backend, type) and issubclass(backend, HttpSmsBackend) and not settings.CCHC_SMS_GATEWAY_URL:
            errors.append(
                Error(
                    "The SMS gateway backend is chosen but CCHC_SMS_GATEWAY_URL is empty",
                    hint="Set CCHC_SMS_GATEWAY_URL (and CCHC_SMS_GATEWAY_KEY) in the environment.",
                    id="cchc.E203",
                )
            )
    return errors
