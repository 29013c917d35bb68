"""`cchc units retire CODE --on DATE [--successor CODE] [--dry-run]`: end a unit's validity and hand its pending
dossiers to its successor (units.services.unit_retire)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cchc.units.models import Unit
from cchc.units.services import Retirement, UnitRetireError, unit_retire


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(_("Not a date (YYYY-MM-DD): %(value)s") % {"value": value}) from exc


def _unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(_("No unit with the code %(code)s.") % {"code": code})
    return unit


class Command(BaseCommand):
    help = "Manage administrative units: `retire CODE --on DATE` ends a unit and moves its pending dossiers."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        retire = sub.add_parser("retire", help="end a unit's validity; its pending dossiers go to the successor")
        retire.add_argument("code", help="the unit's code")
        retire.add_argument("--on", required=True, metavar="DATE", help="the unit's last day (YYYY-MM-DD)")
        retire.add_argument("--successor", metavar="CODE", help="the successor unit (default: the unit's own)")
        retire.add_argument("--dry-run", action="store_true", help="list what would move, without writing")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "retire":
            self._retire(**options)

    def _retire(self, *, code: str, on: str, successor: str | None, dry_run: bool, **_options: Any) -> None:
        unit = _unit(code)
        try:
            result = unit_retire(
                unit=unit,
                by=None,
                valid_to=_date(on),
                successor=_unit(successor) if successor else None,
                dry_run=dry_run,
            )
        except UnitRetireError as exc:
            raise CommandError(str(exc)) from exc
        self._report(result)

    def _report(self, result: Retirement) -> None:
        successor = result.successor.code if result.successor else "-"
        for dossier in result.moved:
            self.stdout.write(f"{dossier.code}\t{dossier.status}\t{result.unit.code} -> {successor}")
        values = {
            "unit": result.unit.code,
            "day": result.valid_to.isoformat(),
            "count": len(result.moved),
            "successor": successor,
        }
        if result.dry_run:
            self.stdout.write(
                _("Dry run: %(unit)s would end on %(day)s; %(count)d pending dossier(s) would move to %(successor)s.")
                % values
            )
        else:
            self.stdout.write(
                _("%(unit)s ends on %(day)s; %(count)d pending dossier(s) moved to %(successor)s.") % values
            )
