"""Collecting the static files for `cchc serve` only when they changed.

`collectstatic` with WhiteNoise's CompressedManifestStaticFilesStorage hashes and compresses (gzip and brotli) every
file again on each run (about 8 s here), so `cchc serve` keeps a fingerprint of the sources (each file's path, size
and modification time, as the finders list them) in STATIC_ROOT and collects when it differs: after a clone, a pull
or an upgrade of Django's admin.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

STAMP = ".cchc-collected"
MANIFEST = "staticfiles.json"


def sources_fingerprint() -> str:
    digest = hashlib.sha256()
    entries = []
    for finder in get_finders():
        for path, storage in finder.list(ignore_patterns=["CVS", ".*", "*~"]):
            stat = Path(storage.path(path)).stat()
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
        digest.update(b"\n")
    digest.update(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    return digest.hexdigest()


def collect_if_changed() -> bool:
    """Collect into STATIC_ROOT unless it already holds these sources; whether it collected."""
    root = Path(settings.STATIC_ROOT)
    fingerprint = sources_fingerprint()
    stamp = root / STAMP
    if stamp.exists() and (root / MANIFEST).exists() and stamp.read_text().strip() == fingerprint:
        return False
    root.mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint + "\n")
    return True
