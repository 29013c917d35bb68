"""`cchc export dossiers`: write dossiers in the exchange format, which `cchc import dossiers` reads back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.exchange.formats import DOSSIER_COLUMNS
from cchc.exchange.selectors import dossier_export_rows
from cchc.exchange.tables import write_csv, write_xlsx
from cchc.lib.periods import PeriodError, parse_period
from cchc.units.models import Unit


class Command(BaseCommand):
    help = (
        "Write dossiers as a CSV or XLSX exchange table: those received at a unit and the units below it, and "
        "with --period those the period counts (received in it or carried over into it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["dossiers"], help="what to export")
        parser.add_argument("--unit", help="code of a unit (its whole subtree is exported)")
        parser.add_argument(
            "--period",
            help="2023-Q3, 2023-09, 2023-H1, 2023 or 2023-07-01..2023-09-30; also as people write them: Q3/2023, "
            "quý III năm 2023, tháng 9/2023, 6 tháng đầu năm 2023, 9 tháng 2023, năm 2023, 01/07/2023-30/09/2023",
        )
        parser.add_argument("--format", choices=["csv", "xlsx"], help="default: from --out, else csv")
        parser.add_argument("--out", help="file to write (CSV goes to standard output without it)")

    def handle(self, *args: Any, unit: str | None, period: str | None, out: str | None, **options: Any) -> None:
        fmt = options["format"] or ("xlsx" if out and out.lower().endswith(".xlsx") else "csv")
        selected_unit = None
        if unit:
            selected_unit = Unit.objects.filter(code=unit).first()
            if selected_unit is None:
                raise CommandError(_("Unknown unit: %(code)s") % {"code": unit})
        try:
            selected_period = parse_period(period) if period else None
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        rows = dossier_export_rows(unit=selected_unit, period=selected_period)
        header = DOSSIER_COLUMNS.order
        if fmt == "xlsx":
            if not out:
                raise CommandError(_("XLSX needs --out FILE."))
            write_xlsx(Path(out), header, rows)
        elif out:
            # The BOM lets Excel open the file as UTF-8; the importer accepts it.
            with Path(out).open("w", encoding="utf-8-sig", newline="") as handle:
                write_csv(handle, header, rows)
        else:
            write_csv(self.stdout, header, rows)
