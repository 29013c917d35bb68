"""`cchc demo`: migrate, load the Gio Linh demo data (once) and print the demo log-ins."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from cchc.demo.generator import SEED
from cchc.demo.load import DEMO_PASSWORD, demo_is_loaded, demo_load, demo_logins


class Command(BaseCommand):
    help = "Migrate the database and load the demo data (Gio Linh district, Q3/2023, and its 2025 communes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="flush the whole database first, then reload")
        parser.add_argument("--seed", type=int, default=SEED, help="random seed of the generated data")
        parser.add_argument("--no-live", action="store_true", help="skip the open 2025 dossiers dated before today")

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=max(verbosity - 1, 0))
        if demo_is_loaded():
            self.stdout.write(_("The demo data is already loaded (use --reset to reload it)."))
        else:
            created = demo_load(seed=options["seed"], live=not options["no_live"])
            self.stdout.write(
                _("Demo data loaded: %(units)d units, %(users)d accounts, %(dossiers)d dossiers of 2023.") % created
            )
            if "live_dossiers" in created:
                self.stdout.write(
                    _("%(count)d open dossiers received recently at the 2025 communes.")
                    % {"count": created["live_dossiers"]}
                )
        self.stdout.write("")
        self.stdout.write(_("Log-ins (password for all: %(password)s)") % {"password": DEMO_PASSWORD})
        self.stdout.write(
            self.style.WARNING(
                _(
                    "Warning: this shared password is for the demo only. Never load the demo into a database "
                    "that real officers use; give each officer an account with a password of their own."
                )
            )
        )
        for login in demo_logins():
            self.stdout.write(f"  {login.username:<32} {login.role:<16} {login.unit}")
        self.stdout.write("")
        self.stdout.write(
            _(
                "Start the site with `cchc runserver` (or `make run`) and open http://127.0.0.1:8000/can-bo/ ; "
                "try motcua.xa-gio-linh for a desk's work list and cchc.gio-linh for the Q3/2023 figures "
                "(cchc stats --unit gio-linh --period 2023-Q3 --cutoff statutory)."
            )
        )
