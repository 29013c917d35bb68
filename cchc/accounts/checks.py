"""System check of the secret key: with DEBUG off, no key or a short one stops every command and the WSGI start.

The key signs the session and CSRF cookies and the password-reset tokens. Django itself only warns about a weak
key under `check --deploy` (security.W009) and, when the key is empty, answers every request with a 500; here the
process refuses to start instead, with a message saying what to set.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

SECRET_KEY_MISSING = "cchc.E101"
SECRET_KEY_TOO_SHORT = "cchc.E102"
# Django's own bar for a strong key (django.core.checks.security.base: SECRET_KEY_MIN_LENGTH).
SECRET_KEY_MIN_LENGTH = 50


def secret_key_errors() -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    # settings.SECRET_KEY raises ImproperlyConfigured when it is empty: read the raw value.
    key = getattr(settings._wrapped, "SECRET_KEY", "") or ""
    hint = _(
        "Set the environment variable SECRET_KEY (or SECRET_KEY_FILE, a file holding it) to a random string of at "
        "least %(length)d characters, e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        "; or set DEBUG=1 for development."
    ) % {"length": SECRET_KEY_MIN_LENGTH}
    if not key:
        return [checks.Error(_("SECRET_KEY is not set and DEBUG is off."), hint=hint, id=SECRET_KEY_MISSING)]
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return [
            checks.Error(
                _("SECRET_KEY has %(count)d characters; at least %(length)d are required when DEBUG is off.")
                % {"count": len(key), "length": SECRET_KEY_MIN_LENGTH},
                hint=hint,
                id=SECRET_KEY_TOO_SHORT,
            )
        ]
    return []


@checks.register(checks.Tags.security)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return secret_key_errors()
