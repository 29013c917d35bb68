"""`cchc worker`: the background task queue's worker (django-tasks-db's db_worker, with its options).

It runs the tasks stored by the database queue (CCHC_TASKS_BACKEND=database, production's default): the notices to
applicants and their deferred retries. With the immediate queue there is nothing for it to do: it says so and stops.
Several workers may run at once (each claims a task under a row lock); stop one with SIGTERM, it finishes its task.
"""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from cchc.ops.health import uses_database_queue


class Command(DbWorkerCommand):
    help = "Run the background task queue's worker (the database queue, CCHC_TASKS_BACKEND=database)."

    def run_from_argv(self, argv: list[str]) -> None:
        # Before the arguments are read: db_worker's --backend refuses a queue that is not the database's.
        if not uses_database_queue():
            with translation.override(settings.LANGUAGE_CODE):
                message = _(
                    "The task queue is `%(backend)s`: tasks run at once in the process that enqueues them, and there "
                    "is nothing for `cchc worker` to do. Set CCHC_TASKS_BACKEND=database to use the worker."
                ) % {"backend": settings.CCHC_TASKS_BACKEND}
            print(message, file=sys.stderr)
            sys.exit(1)
        super().run_from_argv(argv)

    def handle(self, *args: Any, **options: Any) -> None:
        # An unreachable database is said in one line at start (config/cli.py), not after the first poll.
        connection.ensure_connection()
        super().handle(*args, **options)
