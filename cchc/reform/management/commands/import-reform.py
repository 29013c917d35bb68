"""`cchc import-reform KIND FILE`: load report-data rows of one section from a CSV or XLSX file."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cchc.reform.importer import import_file
from cchc.reform.models import SECTION_MODELS


class Command(BaseCommand):
    help = "Import report data (documents, trainings, budget, ...) from a CSV or XLSX file, all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=list(SECTION_MODELS), help="the section the file holds")
        parser.add_argument("file", help="a .csv (UTF-8, BOM accepted) or .xlsx file (first sheet)")
        parser.add_argument("--by", metavar="USERNAME", help="act as this user (checked against the units)")
        parser.add_argument(
            "--replace", action="store_true", help="first delete the section's rows in each period the file names"
        )

    def handle(self, *args, kind: str, file: str, by: str | None, replace: bool, **options) -> None:
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(_("no user named %(name)r") % {"name": by})
        result = import_file(kind, file, by=user, replace=replace)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(_("%(count)d error(s); nothing was imported") % {"count": len(result.errors)})
        message = _("%(count)d %(kind)s row(s) imported") % {"count": result.created, "kind": kind}
        if result.replaced:
            message += ", " + _("%(count)d replaced") % {"count": result.replaced}
        self.stdout.write(message)
