"""`cchc serve` collects the static files into STATIC_ROOT with hashed names and gzip and brotli files beside them,
and only when the sources changed (cchc/ops/static.py)."""

from __future__ import annotations

import json
import os

from django.test import override_settings

from cchc.ops.static import MANIFEST, collect_if_changed, sources_fingerprint

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collected_once_with_hashed_compressed_names(tmp_path):
    # The sources in a folder of the test's (static/ changes under other work; the apps' files take seconds).
    source = tmp_path / "src"
    (source / "css").mkdir(parents=True)
    (source / "css" / "cchc.css").write_text("body { color: black; }\n" * 200)
    with override_settings(
        STATIC_ROOT=tmp_path / "static",
        STORAGES=PRODUCTION_STATIC,
        STATICFILES_DIRS=[source],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        assert collect_if_changed() is True
        manifest = json.loads((tmp_path / "static" / MANIFEST).read_text())
        hashed = manifest["paths"]["css/cchc.css"]
        assert hashed != "css/cchc.css" and hashed.startswith("css/cchc.")
        for suffix in ("", ".gz", ".br"):
            assert (tmp_path / "static" / f"{hashed}{suffix}").is_file()
        assert collect_if_changed() is False  # nothing changed: not again


def test_the_fingerprint_follows_the_sources(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.css").write_text("body { color: black }")
    with override_settings(STATICFILES_DIRS=[source]):
        before = sources_fingerprint()
        assert sources_fingerprint() == before
        stat = (source / "a.css").stat()
        os.utime(source / "a.css", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert sources_fingerprint() != before
