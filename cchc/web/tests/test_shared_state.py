"""Nothing an app server keeps for itself (docs/decisions/0031): what the servers share is in the database or the
shared storage, and no code reads a document by a path on the server's disk."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

import cchc

SOURCE = Path(cchc.__file__).resolve().parent


def test_sessions_lock_outs_and_rate_limits_are_in_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in ("cchc.lib.cache.DatabaseCache", "django.core.cache.backends.redis.RedisCache")
    assert "locmem" not in backend.lower() and "filebased" not in backend.lower()


def test_documents_are_read_and_written_through_the_storage_api_only():
    """`FieldFile.path`, MEDIA_ROOT or a file opened by its name would work with one server's disk and fail with S3
    (CCHC_STORAGE=s3) or on the other server: the code uses `storage.save`, `file.open`, `storage.exists`."""
    offending = re.compile(r"\.file\.path\b|\bMEDIA_ROOT\b|\.path\(\s*\w*\.name|default_storage\.path\(")
    found = []
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "testing" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if offending.search(line):
                found.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
