"""Collecting the static files for `cchc serve` only when they changed.

`collectstatic` with WhiteNoise's CompressedManifestStaticFilesStorage hashes and compresses (gzip and brotli) every
file again on each run (about 8 s here), so `cchc serve` keeps a fingerprint of the sources (each file's path, size
and modification time, as the finders list them) in STATIC_ROOT and collects when it differs: after a clone, a pull
or an upgrade of Django's admin.
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

STAMP = ".cchc-collected"
MANIFEST = "staticfiles.json"
LOCK = ".cchc-collecting.lock"


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


@contextmanager
def collecting_lock() -> Iterator[None]:
    """Held while STATIC_ROOT is checked and collected: a second server starting on the same machine waits, then
    finds the files collected (WhiteNoise's storage deletes its intermediate files while it collects, so a server
    whose workers listed STATIC_ROOT meanwhile failed to boot)."""
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def collect_if_changed() -> bool:
    """Collect into STATIC_ROOT unless it already holds these sources; whether it collected."""
    root = Path(settings.STATIC_ROOT)
    with collecting_lock():
        fingerprint = sources_fingerprint()
        stamp = root / STAMP
        if stamp.exists() and (root / MANIFEST).exists() and stamp.read_text().strip() == fingerprint:
            return False
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(fingerprint + "\n")
        return True


def wait_for_collection() -> None:
    """With --no-collectstatic: wait while another `cchc serve` of this machine is collecting."""
    with collecting_lock():
        pass
