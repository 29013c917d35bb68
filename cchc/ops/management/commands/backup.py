"""`cchc backup FILE`: the PostgreSQL database into FILE with pg_dump (cchc/ops/backup.py; README, Deploying)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.lib.formatting import vn_decimal
from cchc.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database into FILE (pg_dump's custom format; `cchc restore FILE` reads it)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file to write, e.g. /var/backups/cchc/2025-07-01.dump")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            try:
                tables = backup(connection.settings_dict, options["file"])
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
            size_mb = Decimal(options["file"].stat().st_size) / 1_000_000
            self.stdout.write(
                _("Backup written: %(file)s (%(size)s MB, %(tables)d tables).")
                % {"file": options["file"], "size": vn_decimal(size_mb, 1), "tables": tables}
            )
