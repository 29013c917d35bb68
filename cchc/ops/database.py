"""The database at start-up: the folder of a new SQLite file, and one clear line for a database that cannot be
reached or has no tables yet, instead of a traceback (config/cli.py uses both around every `cchc` command)."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from django.db import DatabaseError

SCHEMES = {
    "django.db.backends.postgresql": "postgres",
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.mysql": "mysql",
}


def ensure_sqlite_folders(databases: dict[str, dict[str, Any]]) -> list[Path]:
    """Create the missing folder of each SQLite database file (`cchc migrate` and `cchc demo` make the file itself);
    returns the folders created."""
    created = []
    for database in databases.values():
        name = str(database.get("NAME") or "")
        if database.get("ENGINE") != "django.db.backends.sqlite3" or not name or name == ":memory:":
            continue
        if name.startswith("file:"):
            continue
        folder = Path(name).expanduser().parent
        if not folder.exists():
            folder.mkdir(parents=True, exist_ok=True)
            created.append(folder)
    return created


def display_url(database: dict[str, Any]) -> str:
    """The database's address as a URL, its password hidden: postgres://cchc:***@127.0.0.1:5432/cchc."""
    scheme = SCHEMES.get(str(database.get("ENGINE", "")), str(database.get("ENGINE", "")).rsplit(".", 1)[-1])
    if scheme == "sqlite":
        return f"sqlite:///{database.get('NAME', '')}"
    user = str(database.get("USER") or "")
    credentials = f"{user}{':***' if database.get('PASSWORD') else ''}@" if user or database.get("PASSWORD") else ""
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"{scheme}://{credentials}{database.get('HOST') or ''}{port}/{database.get('NAME') or ''}"


def raised_while_connecting(exc: BaseException) -> bool:
    """Whether the error came from opening the connection (not from a query on an open one)."""
    return any(frame.name == "get_new_connection" for frame in traceback.extract_tb(exc.__traceback__))


def missing_table(exc: BaseException) -> bool:
    """SQLite's "no such table", PostgreSQL's undefined table (42P01): the database was not migrated."""
    cause = exc.__cause__
    return str(exc).startswith("no such table") or getattr(cause, "sqlstate", None) == "42P01"


def reason(exc: BaseException) -> str:
    """The driver's reason in a few words: `connection refused`, `unable to open database file`, ..."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    text = text.rsplit(" failed: ", 1)[-1].removeprefix("connection failed: ")
    text = text.removeprefix("FATAL:").strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def one_line(exc: DatabaseError, database: dict[str, Any]) -> str | None:
    """The line to print for a database error at a command's start, or None when it is not one of those (a bug
    in a query keeps its traceback)."""
    from django.utils.translation import gettext as _

    url = display_url(database)
    if raised_while_connecting(exc):
        why = reason(exc)
        folder = Path(str(database.get("NAME") or "")).parent
        if database.get("ENGINE") == "django.db.backends.sqlite3" and not folder.exists():
            why = _("the folder %(folder)s does not exist (`cchc migrate` creates it)") % {"folder": folder}
        return _("Cannot reach the database at %(url)s: %(reason)s") % {"url": url, "reason": why}
    if missing_table(exc):
        return _("The database at %(url)s has no tables yet (%(reason)s): run `cchc migrate` first.") % {
            "url": url,
            "reason": reason(exc),
        }
    return None
