"""`cchc import units|procedures|dossiers|calendar|<report-data kind> FILE`: load a CSV or XLSX table, all or nothing.

Report-data kinds (documents, trainings, budget, ...) are handed to `cchc import-reform`, which owns their format
(docs/report-data-format.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cchc.exchange.calendar_import import calendar_import
from cchc.exchange.services import dossiers_import, procedures_import, units_import
from cchc.exchange.tables import TableError, iter_table, read_table
from cchc.exchange.validation import ImportResult
from cchc.reform.models import SECTION_MODELS

IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    "units": units_import,
    "procedures": procedures_import,
    "dossiers": dossiers_import,
    "calendar": calendar_import,
}


class Command(BaseCommand):
    help = (
        "Load units, procedures or dossiers from a CSV or XLSX file in the exchange format. The whole file is "
        "one transaction: any bad row rejects it, and every problem is listed. Load units first, then "
        "procedures, then dossiers. New units get a blank agency code (not part of the format). `calendar` loads "
        "working-day corrections (date, working, reason, source, unit_code). Report-data "
        "kinds (documents, trainings, budget, ...) follow docs/report-data-format.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=[*IMPORTERS, *SECTION_MODELS], help="what the file holds")
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, without writing")
        parser.add_argument("--by", metavar="USERNAME", help="report data: act as this user")
        parser.add_argument("--replace", action="store_true", help="report data: replace the section's rows")

    def handle(self, *args: Any, kind: str, file: str, dry_run: bool, **options: Any) -> None:
        if kind in SECTION_MODELS:
            if dry_run:
                raise CommandError(_("--dry-run is not available for report data"))
            call_command(
                "import-reform",
                kind,
                file,
                by=options.get("by"),
                replace=options.get("replace", False),
                stdout=self.stdout,
                stderr=self.stderr,
            )
            return
        # Dossiers stream (a million-row file in constant memory; the import is still one transaction, rolled back
        # if the file breaks further down); the other tables are small and read whole.
        reader = iter_table if kind == "dossiers" else read_table
        try:
            header, rows = reader(file)
            result = IMPORTERS[kind](rows=rows, header=header, dry_run=dry_run)
        except (TableError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                ngettext(
                    "%(file)s was rejected: %(count)d problem; nothing was written.",
                    "%(file)s was rejected: %(count)d problems; nothing was written.",
                    len(result.errors),
                )
                % {"file": file, "count": len(result.errors)}
            )
        self.stdout.write(
            _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
            % {"kind": kind, "created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
