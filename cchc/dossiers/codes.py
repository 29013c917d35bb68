"""Dossier codes (mã số hồ sơ): `<agency code>-<YYMMDD>-<NNNN>` (Decree 61/2018 Art. 26, Circular 01/2018 Art. 19).

The sequence runs per agency code and local receipt day. One atomic upsert on DossierCodeCounter takes the next
number, so two desks receiving at the same moment can never get the same code, on PostgreSQL or SQLite; the
counter only grows, so a code is never reused (a rolled-back receipt rolls its increment back with it, so that
code was never issued).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection

from .models import DossierCodeCounter


class DossierCodeError(ValueError):
    """No code can be made (the unit has no agency code)."""


def _next_number(agency_code: str, day: dt.date) -> int:
    table = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    last = connection.ops.quote_name("last")
    sql = (
        f"INSERT INTO {table} (agency_code, day, {last}) VALUES (%s, %s, 1) "
        f"ON CONFLICT (agency_code, day) DO UPDATE SET {last} = {table}.{last} + 1 "
        f"RETURNING {last}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency_code, connection.ops.adapt_datefield_value(day)])
        return int(cursor.fetchone()[0])


def next_dossier_code(*, unit, received_at: dt.datetime) -> str:
    """Take the next code for a dossier received at `unit`'s desk at `received_at`.

    Call it inside the transaction that creates the dossier.
    """
    agency_code = (unit.agency_code or "").strip()
    if not agency_code:
        raise DossierCodeError(f"Unit {unit.code} has no agency code; dossier codes start with it.")
    day = received_at.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    number = _next_number(agency_code, day)
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"


# The tracking secret's letters: no 0/O, 1/I/L or 5/S, which a citizen copying a receipt by hand confuses.
SECRET_ALPHABET = "2346789ABCDEFGHJKMNPQRTUVWXYZ"
SECRET_LENGTH = 8


def new_tracking_secret() -> str:
    """A random tracking secret (29^8 ≈ 5.0 × 10^11 values; guesses are rate-limited by the portal)."""
    import secrets

    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))


def normalize_tracking_secret(value: str) -> str:
    """What the citizen typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())
