"""Where a notice goes: one backend per channel, chosen by settings.CCHC_NOTICE_BACKENDS (dotted paths).

A backend's `send(notice)` delivers the notice or raises NoticeDeliveryError (or any other exception: the delivery
task catches them all and records the error). Three come with CCHC:

- LogBackend, the default for both channels: writes the notice to the `cchc.notices` logger (development);
- EmailBackend: through Django's mail (settings EMAIL_BACKEND, EMAIL_HOST, ...; the tests read django.core.mail.outbox);
- HttpSmsBackend: POSTs {"to", "text"} as JSON to an SMS gateway (CCHC_SMS_GATEWAY_URL), with the key
  (CCHC_SMS_GATEWAY_KEY) in the Authorization header; any answer but 2xx, or no answer in time, is a failure.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from functools import cache
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from .models import Notice

logger = logging.getLogger("cchc.notices")

DEFAULT_BACKENDS = {
    "email": "cchc.notices.backends.LogBackend",
    "sms": "cchc.notices.backends.LogBackend",
}


class NoticeDeliveryError(Exception):
    """The backend could not deliver the notice (the message is recorded on the notice)."""


class Backend(Protocol):
    def send(self, notice: Notice) -> None: ...


class LogBackend:
    """Writes the notice to the `cchc.notices` logger at INFO (the recipient masked): for development."""

    def send(self, notice: Notice) -> None:
        logger.info(
            "notice %s by %s to %s: %s\n%s",
            notice.kind,
            notice.channel,
            notice.masked_recipient,
            notice.subject,
            notice.body,
        )


class EmailBackend:
    """Sends the notice as a plain-text e-mail through Django's mail, from settings.DEFAULT_FROM_EMAIL."""

    def send(self, notice: Notice) -> None:
        message = EmailMessage(notice.subject, notice.body, settings.DEFAULT_FROM_EMAIL, [notice.recipient])
        if message.send() != 1:
            raise NoticeDeliveryError("the mail backend sent nothing")


class HttpSmsBackend:
    """POSTs the SMS as JSON {"to": phone, "text": body} to settings.CCHC_SMS_GATEWAY_URL.

    The key goes in the header `Authorization: Bearer <CCHC_SMS_GATEWAY_KEY>`; the gateway must answer 2xx within
    CCHC_SMS_GATEWAY_TIMEOUT seconds. A gateway with another shape of request is a backend of its own (a class with
    `send(notice)`) named in CCHC_NOTICE_BACKENDS.
    """

    def send(self, notice: Notice) -> None:
        url = settings.CCHC_SMS_GATEWAY_URL
        if not url:
            raise NoticeDeliveryError("CCHC_SMS_GATEWAY_URL is not set")
        payload = json.dumps({"to": notice.recipient, "text": notice.body}, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {settings.CCHC_SMS_GATEWAY_KEY}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.CCHC_SMS_GATEWAY_TIMEOUT) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            raise NoticeDeliveryError(f"the SMS gateway answered {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise NoticeDeliveryError(f"the SMS gateway could not be reached: {reason}") from exc
        if not 200 <= status < 300:
            raise NoticeDeliveryError(f"the SMS gateway answered {status}")


@cache
def _backend(path: str) -> Backend:
    return import_string(path)()


def backend_for(channel: str) -> Backend:
    """The backend settings.CCHC_NOTICE_BACKENDS names for `channel` (the log backend when it names none)."""
    paths = {**DEFAULT_BACKENDS, **(getattr(settings, "CCHC_NOTICE_BACKENDS", None) or {})}
    return _backend(paths[channel])
