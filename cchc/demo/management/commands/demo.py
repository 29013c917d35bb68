"""`cchc demo`: migrate, load the Gio Linh demo data (once) and print the demo log-ins."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.demo.generator import SEED
from cchc.demo.load import DEMO_PASSWORD, demo_is_loaded, demo_load, demo_logins


class Command(BaseCommand):
    help = "Migrate the database and load the demo data (Gio Linh district, Q3/2023, and its 2025 communes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="flush the whole database first, then reload")
        parser.add_argument("--seed", type=int, default=SEED, help="random seed of the generated data")
        parser.add_argument("--no-live", action="store_true", help="skip the open 2025 dossiers dated before today")
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT") or 8000),
            help="the port of the address printed (default: $PORT, else 8000; make run passes its PORT)",
        )

    def handle(self, *args, **options) -> None:
        # In the site's language (Vietnamese), whatever the caller had active.
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(**options)

    def _handle(self, **options) -> None:
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
        logins = demo_logins()
        width = max((len(login.username) for login in logins), default=0) + 2
        role_width = max((len(login.role_label) for login in logins), default=0) + 2

        def line(login) -> str:
            return f"  {login.username:<{width}} {login.role_label:<{role_width}} {login.unit}".rstrip()

        self.stdout.write(self.style.SUCCESS(_("Try these first:")))
        for login in logins:
            if login.suggested:
                self.stdout.write(line(login))
        self.stdout.write(_("All the demo's log-ins:"))
        for login in logins:
            if not login.suggested:
                self.stdout.write(line(login))
        self.stdout.write("")
        self.stdout.write(
            _(
                "Start the site with `cchc runserver 127.0.0.1:%(port)d` (or `make run`) and open "
                "http://127.0.0.1:%(port)d/can-bo/ ; try motcua.xa-gio-linh for a desk's work list and cchc.gio-linh "
                "for the Q3/2023 figures (cchc stats --unit gio-linh --period 2023-Q3 --cutoff statutory)."
            )
            % {"port": options["port"]}
        )
