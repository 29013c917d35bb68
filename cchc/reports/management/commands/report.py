"""`cchc report`: the CCHC report of a unit and period as .docx (and .pdf, and the .xlsx appendix)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.lib.periods import CUTOFFS, STATUTORY, PeriodError, parse_period, report_label
from cchc.reports.assembly import ReportPeriodError, named_period
from cchc.reports.models import ReportFormat, ReportSource
from cchc.reports.renderers.pdf import PdfConversionError
from cchc.reports.selectors import unit_by_code
from cchc.reports.services import report_render


class Command(BaseCommand):
    help = "Generate the CCHC report of a unit for a period (statutory data cut-off by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="unit code, e.g. gio-linh")
        parser.add_argument(
            "--period",
            required=True,
            help="a quarter (2023-Q3, Q3/2023, quý III năm 2023), a half-year (2023-H1, 6 tháng đầu năm 2023), a month "
            "(2023-09, 9/2023), or the first and last day of one (01/07/2023-30/09/2023)",
        )
        parser.add_argument("--out", required=True, help="the .docx file to write, e.g. bao-cao.docx")
        parser.add_argument(
            "--cutoff",
            choices=CUTOFFS,
            default=STATUTORY,
            help="statutory (Decree 09/2019: Q3/2023 = 2023-06-15..2023-09-14, the default) or calendar dates",
        )
        parser.add_argument("--pdf", action="store_true", help="also write the PDF next to it (LibreOffice)")
        parser.add_argument("--xlsx", action="store_true", help="also write the appendix tables as .xlsx")

    def handle(self, *args, **options) -> None:
        unit = unit_by_code(options["unit"])
        if unit is None:
            raise CommandError(_("Unknown unit: %(code)s (no unit has this code).") % {"code": options["unit"]})
        try:
            period = parse_period(options["period"], options["cutoff"])
            # a range that is exactly a quarter, half-year or month (under the cut-off) is reported as that one
            period = replace(period, label=report_label(period, options["cutoff"]) or period.label)
            named_period(period)
        except (PeriodError, ReportPeriodError) as exc:
            raise CommandError(_("Bad period: %(error)s") % {"error": exc}) from exc
        out = Path(options["out"])
        if out.suffix.lower() != ".docx":
            raise CommandError(_("--out must name a .docx file, not %(name)s.") % {"name": out})
        if not out.parent.is_dir():
            raise CommandError(_("The folder %(folder)s does not exist.") % {"folder": out.parent})
        formats = [ReportFormat.DOCX]
        formats += [ReportFormat.PDF] if options["pdf"] else []
        formats += [ReportFormat.XLSX] if options["xlsx"] else []
        try:
            files = report_render(
                unit=unit,
                period=period,
                cutoff=options["cutoff"],
                formats=formats,
                by=None,
                source=ReportSource.COMMAND,
            )
        except PdfConversionError as exc:
            raise CommandError(str(exc)) from exc
        for file in files:
            target = out.with_suffix(f".{file.format}")
            target.write_bytes(file.content)
            self.stdout.write(_("Wrote %(path)s (%(size)d bytes)") % {"path": target, "size": len(file.content)})
        self.stdout.write(
            _("%(unit)s, %(period)s (%(cutoff)s cut-off): data from %(start)s to %(end)s inclusive.")
            % {
                "unit": unit.name,
                "period": period.label,
                "cutoff": options["cutoff"],
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
            }
        )
