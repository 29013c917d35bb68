"""`cchc serve`: the site behind gunicorn, as production runs it (docs/decisions/0028-production-serving.md).

Before it starts: DEBUG must be off (or --insecure-debug given), the system checks pass (the secret key), the
database answers and is migrated, and the static files are collected when they changed. Then gunicorn's master
forks CCHC_SERVE_WORKERS processes of CCHC_SERVE_THREADS threads each (gthread workers), its lines logged as the
site's are (one JSON object per line in production).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation
from django.utils.translation import gettext as _
from gunicorn.app.base import BaseApplication

from cchc.ops.static import collect_if_changed, wait_for_collection

DEFAULT_BIND = "127.0.0.1:8000"


class GunicornApplication(BaseApplication):
    """gunicorn run from here: its settings from `options`, none from a gunicorn.conf.py or GUNICORN_CMD_ARGS."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings of newer gunicorns (control_socket_disable) are skipped on older
                self.cfg.set(key, value)

    def load(self) -> Any:
        # In each worker after the fork (Django is already set up in the master): config.wsgi also refuses to
        # start without a usable secret key.
        from config.wsgi import application

        return application


def gunicorn_options(*, bind: str, workers: int, threads: int, timeout: int) -> dict[str, Any]:
    return {
        "bind": [bind],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": timeout,
        "graceful_timeout": 30,
        "keepalive": 5,
        # A worker is replaced after about this many requests (memory a long-lived process gathers is given back).
        "max_requests": 2000,
        "max_requests_jitter": 200,
        # The access log is the site's own (cchc.request, with the request id); gunicorn's lines go through the
        # site's logging configuration.
        "accesslog": None,
        "errorlog": "-",
        "logconfig_dict": settings.LOGGING,
        "proc_name": "cchc",
        # gunicorn 24+'s control socket: one path per user, so two servers on a machine would contend for it.
        "control_socket_disable": True,
    }


class Command(BaseCommand):
    help = "Serve the site with gunicorn (production): workers and threads from CCHC_SERVE_WORKERS and _THREADS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=DEFAULT_BIND, help=f"HOST:PORT or unix:PATH (default {DEFAULT_BIND})")
        parser.add_argument("--workers", type=int, default=settings.CCHC_SERVE_WORKERS, help="processes")
        parser.add_argument("--threads", type=int, default=settings.CCHC_SERVE_THREADS, help="threads per process")
        parser.add_argument(
            "--insecure-debug",
            action="store_true",
            help="allow DEBUG=1 (tracebacks and settings shown to visitors: never on a reachable address)",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="do not collect the static files (collected already with `cchc collectstatic`)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._prepare(options)
            message = _(
                "CCHC serving on http://%(bind)s/ with gunicorn: %(workers)d processes × %(threads)d threads, at "
                "most %(connections)d database connections (stop with Ctrl-C)."
            ) % {
                "bind": options["bind"],
                "workers": options["workers"],
                "threads": options["threads"],
                "connections": options["workers"] * options["threads"],
            }
            self.stdout.write(message)
            self.stdout.flush()
        # No connection of the master may be shared by the forked workers.
        connections.close_all()
        GunicornApplication(
            gunicorn_options(
                bind=options["bind"],
                workers=options["workers"],
                threads=options["threads"],
                timeout=settings.CCHC_SERVE_TIMEOUT,
            )
        ).run()

    def _prepare(self, options: dict[str, Any]) -> None:
        if settings.DEBUG and not options["insecure_debug"]:
            raise CommandError(
                _(
                    "DEBUG is on: `cchc serve` does not start, since visitors would see tracebacks and settings. "
                    "Unset DEBUG, or add --insecure-debug on a machine nobody else reaches."
                )
            )
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError(_("--workers and --threads must be at least 1."))
        # An unreachable database raises here: config/cli.py prints it in one line.
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise CommandError(
                _("The database has %(count)d migrations not applied yet: run `cchc migrate` first.")
                % {"count": len(pending)}
            )
        if settings.DEBUG:
            return
        if options["no_collectstatic"]:
            wait_for_collection()
        elif collect_if_changed():
            self.stdout.write(_("Static files collected into %(root)s.") % {"root": settings.STATIC_ROOT})
