"""Production's defaults and switches, read from config.settings in a subprocess as a server would: the database
task queue, persistent PostgreSQL connections with health checks, documents on S3 with CCHC_STORAGE=s3."""

from __future__ import annotations

import json

from django.conf import settings

from cchc.accounts.tests.production import LONG_KEY, production_env, run, run_cchc

PRINT = """
import json, django
django.setup()
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({"tasks": settings.TASKS["default"]["BACKEND"], "max_age": db["CONN_MAX_AGE"],
    "health": db.get("CONN_HEALTH_CHECKS"), "timeout": db.get("OPTIONS", {}).get("connect_timeout"),
    "storage": settings.STORAGES["default"], "log": settings.LOGGING["handlers"]["console"]["formatter"]}))
"""


def settings_of(**env: str) -> dict:
    result = run(["-c", PRINT], production_env(SECRET_KEY=LONG_KEY, **env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_queues_tasks_in_the_database_and_development_runs_them_at_once():
    assert settings_of()["tasks"] == "django_tasks_db.DatabaseBackend"
    assert settings_of(DEBUG="1")["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert settings_of(CCHC_TASKS_BACKEND="immediate")["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    # The tests run each task at once unless told otherwise.
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"


def test_postgresql_connections_persist_with_health_checks():
    pg = settings_of(DATABASE_URL="postgres://cchc@db.internal:5432/cchc")
    assert (pg["max_age"], pg["health"], pg["timeout"]) == (600, True, 5)
    assert settings_of(DATABASE_URL="postgres://cchc@db:5432/cchc", DB_CONN_MAX_AGE="0")["max_age"] == 0
    sqlite = f"sqlite:///{settings.BASE_DIR / 'var' / 'production-test.sqlite3'}"
    assert settings_of(DATABASE_URL=sqlite)["max_age"] == 0  # SQLite: a file, nothing to keep open
    assert settings_of()["log"] == "json" and settings_of(DEBUG="1")["log"] == "text"


def test_documents_on_s3_compatible_storage():
    storage = settings_of(
        CCHC_STORAGE="s3",
        CCHC_S3_BUCKET="cchc-quang-tri",
        CCHC_S3_ENDPOINT_URL="https://s3.example.gov.vn",
        CCHC_S3_ADDRESSING_STYLE="path",
    )["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "cchc-quang-tri" and options["endpoint_url"] == "https://s3.example.gov.vn"
    assert options["default_acl"] == "private" and options["file_overwrite"] is False
    assert settings_of()["storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_the_checks_name_what_s3_storage_lacks():
    result = run_cchc(["check"], production_env(SECRET_KEY=LONG_KEY, CCHC_STORAGE="s3"))
    assert result.returncode == 1
    assert "ops.E003" in result.stderr and "CCHC_S3_BUCKET" in result.stderr
    result = run_cchc(["check"], production_env(SECRET_KEY=LONG_KEY, CCHC_STORAGE="ftp", CCHC_TASKS_BACKEND="redis"))
    assert "ops.E001" in result.stderr and "ops.E004" in result.stderr
