"""`cchc index`: the service index of Decision 766 of a unit for a period (each group's score, maximum and inputs)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.lib.periods import CALENDAR, PeriodError, parse_period
from cchc.reports.selectors import unit_by_code
from cchc.serviceindex.compute import area_index, year_to_date
from cchc.serviceindex.present import points_text


class Command(BaseCommand):
    help = "Print the service index (Decision 766/QĐ-TTg) of a unit for a month, quarter or year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="unit code, e.g. xa-gio-linh")
        parser.add_argument("--period", required=True, help="2023-Q3, 2023-09, 2023 or 2023-07-01..2023-09-30")
        parser.add_argument("--ytd", action="store_true", help="from 1 January to the end of the period")
        parser.add_argument("--ranking", action="store_true", help="also rank the units directly below")
        parser.add_argument("--json", action="store_true", help="print the index as JSON")

    def handle(self, *args, **options) -> None:
        unit = unit_by_code(options["unit"])
        if unit is None:
            raise CommandError(_("Unknown unit: %(code)s (no unit has this code).") % {"code": options["unit"]})
        try:
            period = parse_period(options["period"], CALENDAR)
        except PeriodError as exc:
            raise CommandError(_("Bad period: %(error)s") % {"error": exc}) from exc
        if options["ytd"]:
            period = year_to_date(period)
        area = area_index(unit, period)
        if options["json"]:
            out = area.unit.to_json()
            if options["ranking"]:
                out["ranking"] = [r.to_json() for r in area.ranking]
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        result = area.unit
        self.stdout.write(f"{unit.name} · {period}")
        for group in result.groups:
            self.stdout.write(f"{group.group.code:<6} {points_text(group.score):>7} / {points_text(group.group.max)}")
            for sub in group.subs:
                inputs = _("no data") if sub.no_data else f"{sub.numerator}/{sub.denominator}"
                self.stdout.write(
                    f"  {sub.sub.code:<5} {points_text(sub.points):>7} / {points_text(sub.sub.max):<5} {inputs}"
                )
        self.stdout.write(f"{_('Total')}: {points_text(result.total)} / {points_text(result.max_total)} {result.band}")
        if options["ranking"]:
            for r in area.ranking:
                self.stdout.write(f"{r.rank:>3}. {r.unit.name}: {points_text(r.total)}")
