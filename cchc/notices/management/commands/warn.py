"""`cchc warn`: tell handlers and leaders of the dossiers that fall due within one working day (every 15 minutes)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.notices.warnings import warn_due


class Command(BaseCommand):
    help = "Warn the handler and the leaders of each dossier due within one working day (once per deadline)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the dossiers; record and send nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            done = warn_due(dry_run=dry_run)
            for warned in done:
                names = ", ".join(person.username for person in warned.recipients) or _("nobody to tell")
                self.stdout.write(f"{warned.dossier.code}: {names}")
            message = _("Dossiers that would be warned: %(count)d.") if dry_run else _("Dossiers warned: %(count)d.")
            self.stdout.write(message % {"count": len(done)})
