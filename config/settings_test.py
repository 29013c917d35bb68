"""Settings of the test suite (pyproject.toml's DJANGO_SETTINGS_MODULE): the production settings, plus what the
tests need and production must not have. `cchc` commands that the tests start in a subprocess inherit them.
"""

from config.settings import *  # noqa: F403
from config.settings import STATIC_ROOT, STORAGES

# A fixed key for the tests only (production must set its own: the check cchc.E101 stops it otherwise).
SECRET_KEY = "test-only-secret-key-never-used-in-production-0123456789"
# Static files from static/ as they are: no `collectstatic` before the tests (a test that needs the production
# storage collects into a temporary folder itself).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# WhiteNoise serves STATIC_ROOT and warns when it is missing.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# django-axes refuses `authenticate()` without a request (and so `Client.login`); the tests of log-ins turn it on
# with override_settings(AXES_ENABLED=True) and log in through the log-in page, as a browser does.
AXES_ENABLED = False
