"""`cchc restore FILE [--database-url URL]`: a backup of `cchc backup` into an empty PostgreSQL database, all or
nothing (cchc/ops/backup.py; README, Deploying)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.lib.formatting import vn_int
from cchc.ops.backup import BackupError, database_from_url, restore
from cchc.ops.database import display_url


class Command(BaseCommand):
    help = "Restore a backup of `cchc backup` into an empty PostgreSQL database (by default DATABASE_URL's)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file")
        parser.add_argument(
            "--database-url", default="", help="the empty database to restore into (default: DATABASE_URL's)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = database_from_url(options["database_url"]) if options["database_url"] else connection.settings_dict
        with translation.override(settings.LANGUAGE_CODE):
            try:
                restored = restore(options["file"], target)
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                _("Restored %(file)s into %(url)s: %(tables)d tables, %(dossiers)s dossiers.")
                % {
                    "file": options["file"],
                    "url": display_url(target),
                    "tables": restored.tables,
                    "dossiers": vn_int(restored.dossiers or 0),
                }
            )
