"""The debug page's filter: with DEBUG on, it shows no database URL, password, key or token.

Django's SafeExceptionReporterFilter hides settings and request.META entries whose names hold API, AUTH, TOKEN, KEY,
SECRET, PASS, SIGNATURE or HTTP_COOKIE. The database is configured from DATABASE_URL, which `runserver` also
passes in request.META (the process environment), and its password sits inside DATABASES; so the names holding
DATABASE, URL or DSN are hidden too, and the filter is active whatever DEBUG says (Django's is off under DEBUG).
"""

from __future__ import annotations

import re

from django.views.debug import SafeExceptionReporterFilter

HIDDEN_NAMES = re.compile(r"API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE|URL|DSN", flags=re.I)


class SecretsExceptionReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = HIDDEN_NAMES

    def is_active(self, request) -> bool:
        # Also under DEBUG: the POST parameters marked sensitive (passwords of the log-in and password forms) and
        # the variables marked with sensitive_variables are hidden on the debug page too.
        return True
