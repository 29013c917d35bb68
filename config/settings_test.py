"""Settings of the test suite (pyproject.toml's DJANGO_SETTINGS_MODULE): the production settings, plus what the
tests need and production must not have. `cchc` commands that the tests start in a subprocess inherit them.
"""

import os

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
# The task queue runs each task at once, as the tests expect (production's default is the database queue, which
# needs `cchc worker`); CCHC_TASKS_BACKEND set in the environment still chooses. Tests of the database queue set
# TASKS themselves.
if not os.environ.get("CCHC_TASKS_BACKEND"):
    CCHC_TASKS_BACKEND = "immediate"
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each test's connections closed after its requests, as before persistent connections (production keeps them
# open, one per server thread): the tests' threads must not leave connections to the test database behind.
DATABASES = {"default": {**DATABASES["default"], "CONN_MAX_AGE": 0}}  # noqa: F405
