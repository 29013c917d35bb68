"""The `cchc` console command: Django's management commands under the project's own name.

Around every command: `cchc migrate` and `cchc demo` create the folder of a new SQLite database file, and a database
that cannot be reached (or has no tables yet) gives one line on stderr and exit status 1, not a traceback.
"""

import os
import sys

# The commands that make a new database: they may need the folder of its SQLite file first.
CREATING_COMMANDS = {"migrate", "demo"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    argv = ["cchc", *sys.argv[1:]]
    if len(argv) > 1 and argv[1] in CREATING_COMMANDS:
        _ensure_sqlite_folders()
    try:
        execute_from_command_line(argv)
    except DatabaseError as exc:
        line = _database_line(exc)
        if line is None:
            raise
        print(line, file=sys.stderr)
        sys.exit(1)


def _ensure_sqlite_folders() -> None:
    from django.conf import settings

    try:
        databases = settings.DATABASES
    except Exception:  # bad settings: the command itself reports them
        return
    from cchc.ops.database import ensure_sqlite_folders

    ensure_sqlite_folders(databases)


def _database_line(exc: Exception) -> str | None:
    from django.apps import apps
    from django.conf import settings
    from django.utils import translation

    from cchc.ops.database import one_line

    if not apps.ready:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return one_line(exc, settings.DATABASES["default"])  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
