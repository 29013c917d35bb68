"""Backups of the PostgreSQL database with pg_dump, and their restore with pg_restore (`cchc backup`, `cchc restore`).

A backup is pg_dump's custom format (compressed, restorable table by table), written beside its final name and
renamed once pg_dump succeeded and pg_restore can read its table of contents: a failed backup leaves no file that
looks whole. A restore goes into an empty database in one transaction (--single-transaction --exit-on-error): all
or nothing. The password goes to pg_dump and pg_restore in their environment (PGPASSWORD), never on a command line
that `ps` shows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
from django.utils.translation import gettext as _

POSTGRESQL = "django.db.backends.postgresql"


class BackupError(Exception):
    """What went wrong, in one sentence for the operator."""


@dataclass(frozen=True)
class Restored:
    tables: int
    dossiers: int | None


def libpq_env(database: dict[str, Any]) -> dict[str, str]:
    """The libpq variables naming the database (host, port, user, password, name)."""
    values = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
        "PGCONNECT_TIMEOUT": "10",
    }
    return {key: str(value) for key, value in values.items() if value}


def database_from_url(url: str) -> dict[str, Any]:
    return dict(dj_database_url.parse(url))


def _require_postgresql(database: dict[str, Any]) -> None:
    if database.get("ENGINE") != POSTGRESQL:
        raise BackupError(
            _("`cchc backup` and `cchc restore` work on PostgreSQL; copy a SQLite file while the site is stopped.")
        )


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(_("%(tool)s is not installed (Debian: apt-get install postgresql-client).") % {"tool": name})
    return path


def _run(args: list[str], database: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **libpq_env(database)}
    return subprocess.run(args, env=env, capture_output=True, text=True, check=False)


def _first_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (result.stderr or result.stdout).splitlines() if line.strip()]
    return lines[0] if lines else f"exit status {result.returncode}"


def backup(database: dict[str, Any], out: Path) -> int:
    """Write the database to `out` (pg_dump's custom format); returns the number of tables in it."""
    _require_postgresql(database)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        dumped = _run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"], database
        )
        if dumped.returncode != 0:
            raise BackupError(_("pg_dump failed: %(error)s") % {"error": _first_error(dumped)})
        tables = table_count(partial)
        partial.replace(out)
        return tables
    finally:
        partial.unlink(missing_ok=True)


def table_count(file: Path) -> int:
    """The tables whose rows the backup holds (pg_restore --list reads its table of contents)."""
    listed = subprocess.run([_tool("pg_restore"), "--list", str(file)], capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        raise BackupError(
            _("%(file)s is not a backup pg_restore can read: %(error)s") % {"file": file, "error": _first_error(listed)}
        )
    return sum(1 for line in listed.stdout.splitlines() if " TABLE DATA " in line)


def _connect(database: dict[str, Any]) -> psycopg.Connection:
    return psycopg.connect(
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        dbname=database.get("NAME"),
        connect_timeout=10,
        autocommit=True,
    )


def user_tables(database: dict[str, Any]) -> list[str]:
    with _connect(database) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    return [row[0] for row in rows]


def restore(file: Path, database: dict[str, Any]) -> Restored:
    """Restore the backup `file` into the empty `database`, in one transaction."""
    _require_postgresql(database)
    if not file.is_file():
        raise BackupError(_("%(file)s does not exist.") % {"file": file})
    table_count(file)  # a file that is not a backup is refused before anything is written
    try:
        existing = user_tables(database)
    except psycopg.OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BackupError(
            _("Cannot reach the database %(name)s: %(error)s") % {"name": database.get("NAME"), "error": first_line}
        ) from exc
    if existing:
        raise BackupError(
            _(
                "The database %(name)s is not empty (%(count)d tables): restore into a new database (createdb), "
                "then point DATABASE_URL at it."
            )
            % {"name": database.get("NAME"), "count": len(existing)}
        )
    restored = _run(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            str(database.get("NAME")),
            str(file),
        ],
        database,
    )
    if restored.returncode != 0:
        raise BackupError(_("pg_restore failed, nothing was restored: %(error)s") % {"error": _first_error(restored)})
    tables = user_tables(database)
    dossiers = None
    if "dossiers_dossier" in tables:
        with _connect(database) as conn:
            row = conn.execute("SELECT count(*) FROM dossiers_dossier").fetchone()
            dossiers = int(row[0]) if row else 0
    return Restored(tables=len(tables), dossiers=dossiers)
