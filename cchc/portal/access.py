"""Which dossiers a portal visitor may see: those whose code it gave with the tracking secret or the applicant's
phone number (the lookup is rate-limited in views/tracking.py), or that it submitted itself, in this browser session.

The code alone reveals nothing. Nothing here ever shows an officer's personal data or another applicant's data.
"""

from __future__ import annotations

import hmac
import re

from django.http import HttpRequest

from cchc.dossiers.codes import normalize_tracking_secret
from cchc.dossiers.models import Dossier

SESSION_KEY = "portal_dossiers"
# The dossiers one browser session keeps open (a family tracking a few dossiers; older ones drop off).
REMEMBERED = 20


def phone_digits(value: str) -> str:
    """A Vietnamese phone number compared by its national digits: "+84 912-345-678" and "0912345678" match."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    return digits.lstrip("0")


def matches(dossier: Dossier, *, secret: str = "", phone: str = "") -> bool:
    """The visitor proved to hold the dossier: its tracking secret, or the applicant's phone number (at least the
    9 national digits, all of them). Compared in constant time."""
    if secret:
        given = normalize_tracking_secret(secret)
        return bool(dossier.tracking_secret) and hmac.compare_digest(given, dossier.tracking_secret)
    if phone:
        given, stored = phone_digits(phone), phone_digits(dossier.applicant_phone)
        return len(stored) >= 9 and hmac.compare_digest(given, stored)
    return False


def remember(request: HttpRequest, dossier: Dossier) -> None:
    """Let this browser session open the dossier's pages (after its submission or a successful lookup)."""
    codes = [c for c in request.session.get(SESSION_KEY, []) if c != dossier.code]
    request.session[SESSION_KEY] = [dossier.code, *codes][:REMEMBERED]


def forget(request: HttpRequest, code: str) -> None:
    request.session[SESSION_KEY] = [c for c in request.session.get(SESSION_KEY, []) if c != code]


def proven_dossier(request: HttpRequest, code: str) -> Dossier | None:
    """The dossier `code` if this browser session proved to hold it, else None (the view answers 404)."""
    if code not in request.session.get(SESSION_KEY, []):
        return None
    return (
        Dossier.objects.select_related("procedure", "receiving_unit", "current_desk_unit", "processing_unit")
        .filter(code=code)
        .first()
    )
