"""System checks of the one-stop rules that are settings (CCHC_*): a wrong value stops the process at start-up
with a message naming the setting, instead of a wrong deadline or a traceback at the first receipt."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from cchc.lib.times import parse_hhmm


def _error(name: str, message: str, n: int) -> Error:
    return Error(
        f"{name}: {message}", hint=f"Correct {name} in the settings (config/settings.py).", id=f"cchc.E{n:03d}"
    )


def _check_office_hours(value: Any) -> str | None:
    try:
        sessions = [(parse_hhmm(a), parse_hhmm(b)) for a, b in value]
    except (TypeError, ValueError) as exc:
        return f"must be a list of (start, end) times written HH:MM ({exc})"
    if not sessions:
        return "must name at least one office session"
    previous = dt.time(0)
    for start, end in sessions:
        if not start < end:
            return f"a session must end after it starts ({start:%H:%M}-{end:%H:%M})"
        if start < previous:
            return "sessions must be in order and must not overlap"
        previous = end
    return None


def _check_time(value: Any) -> str | None:
    try:
        parse_hhmm(value)
    except ValueError as exc:
        return str(exc)
    return None


def _check_date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return f"{value!r} is not a date written YYYY-MM-DD"
    return None


def _check_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be True or False, not {value!r}"


def _check_number(low: Decimal, high: Decimal | None, *, optional: bool = False, whole: bool = False):
    def check(value: Any) -> str | None:
        if value is None and optional:
            return None
        if isinstance(value, bool):
            return f"must be a number, not {value!r}"
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return f"must be a number, not {value!r}"
        if whole and number != number.to_integral_value():
            return f"must be a whole number, not {value!r}"
        if number < low or (high is not None and number > high):
            bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
            return f"must be {bounds}, not {value!r}"
        return None

    return check


def _check_callable_path(value: Any) -> str | None:
    """Empty, or the dotted path of a callable that imports (the virus-scan hook)."""
    if value in (None, ""):
        return None
    from django.utils.module_loading import import_string

    try:
        target = import_string(str(value))
    except ImportError as exc:
        return f"{value!r} does not import ({exc})"
    return None if callable(target) else f"{value!r} is not a callable"


CHECKS = {
    "CCHC_OFFICE_HOURS": _check_office_hours,
    "CCHC_DEFAULT_PAPER_CUTOFF": _check_time,
    "CCHC_REGIME_2025_FROM": _check_date,
    "CCHC_2025_SUPPLEMENT_RESTARTS_CLOCK": _check_bool,
    "CCHC_2025_RECEIPT_REGARDLESS_OF_BOUNDARY": _check_bool,
    "CCHC_2025_SUPPLEMENT_WINDOW_WORKING_DAYS": _check_number(Decimal(0), Decimal(60), optional=True),
    "CCHC_SUPPLEMENT_REQUESTS_MAX": _check_number(Decimal(1), Decimal(10), whole=True),
    "CCHC_FEE_WAIT_PAUSES_CLOCK": _check_bool,
    "CCHC_APOLOGY_LATE_ALLOWED": _check_bool,
    "CCHC_DIGITIZATION_THRESHOLD_PCT": _check_number(Decimal(0), Decimal(100)),
    "CCHC_DUE_SOON_WORKING_DAYS": _check_number(Decimal(0), Decimal(30)),
    "CCHC_UPLOAD_SCANNER": _check_callable_path,
    "CCHC_PORTAL_UPLOAD_MAX_MB": _check_number(Decimal(1), None, whole=True),
    "CCHC_PORTAL_DOSSIER_UPLOADS_MAX_MB": _check_number(Decimal(1), None, whole=True),
}


@register()
def check_rule_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Every CCHC_* rule setting has a value of the right form."""
    errors = []
    for n, (name, check) in enumerate(CHECKS.items(), start=1):
        if not hasattr(settings, name):
            errors.append(_error(name, "is missing", n))
            continue
        message = check(getattr(settings, name))
        if message:
            errors.append(_error(name, message, n))
    return errors
