"""`cchc stats`: the dossier figures of a unit, scope and period, as a table or as JSON."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.lib.periods import CALENDAR, CUTOFFS, PeriodError, parse_period
from cchc.reports.figures.dossiers import DossierFigures, Scope, dossier_figures
from cchc.reports.figures.labels import COUNT_LABELS, DURATION_LABELS, RATE_LABELS
from cchc.reports.selectors import unit_by_code


class Command(BaseCommand):
    help = "Print the dossier figures (shared/spec/metrics.md) of a unit for a period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="unit code, e.g. gio-linh")
        parser.add_argument(
            "--period",
            required=True,
            help="2023-Q3, 2023-09, 2023-H1, 2023 or 2023-07-01..2023-09-30; also as people write them: Q3/2023, "
            "quý III năm 2023, tháng 9/2023, 6 tháng đầu năm 2023, 9 tháng 2023, năm 2023, 01/07/2023-30/09/2023",
        )
        parser.add_argument("--cutoff", choices=CUTOFFS, default=CALENDAR, help="named periods: calendar (default)")
        parser.add_argument("--scope", choices=[s.value for s in Scope], default=Scope.TREE.value)
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, **options) -> None:
        unit = unit_by_code(options["unit"])
        if unit is None:
            raise CommandError(_("Unknown unit: %(code)s (no unit has this code).") % {"code": options["unit"]})
        try:
            period = parse_period(options["period"], options["cutoff"])
        except PeriodError as exc:
            raise CommandError(_("Bad period: %(error)s") % {"error": exc}) from exc
        figures = dossier_figures(unit=unit, period=period, scope=options["scope"])
        if options["json"]:
            self.stdout.write(json.dumps(figures.to_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_table(figures))


def render_table(figures: DossierFigures) -> str:
    """A plain-text table of every figure, labelled in the active language."""
    width = max(len(str(label)) for labels in (COUNT_LABELS, DURATION_LABELS, RATE_LABELS) for label in labels.values())
    lines = [
        f"{figures.unit.name} ({figures.unit.code})",
        _("Scope: %(scope)s") % {"scope": Scope(figures.scope).label},
        _("Period: %(start)s to %(end)s") % {"start": figures.period.start, "end": figures.period.end},
        "",
        _("Dossiers"),
    ]
    lines += [f"  {str(COUNT_LABELS[key]):<{width}}  {value:>10}" for key, value in figures.counts.items()]
    lines += ["", _("Durations")]
    for key, value in figures.durations.items():
        lines.append(f"  {str(DURATION_LABELS[key]):<{width}}  {'-' if value is None else value:>10}")
    lines += ["", _("Rates")]
    for key, rate in figures.rates.items():
        shown = "-" if rate.percent is None else f"{rate.percent} %"
        lines.append(f"  {str(RATE_LABELS[key]):<{width}}  {shown:>10}  ({rate.numerator}/{rate.denominator})")
    return "\n".join(lines)
