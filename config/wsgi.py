import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# A WSGI server runs no system checks: refuse to start without a usable secret key (cchc.E101, cchc.E102) instead
# of answering every request with 500.
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from cchc.accounts.checks import secret_key_errors  # noqa: E402

if errors := secret_key_errors():
    raise ImproperlyConfigured("\n".join(f"{error.id}: {error.msg} {error.hint}" for error in errors))
