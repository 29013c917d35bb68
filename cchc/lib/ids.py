"""Identity document numbers of applicants: the kind is decided by the value's shape.

- CCCD (căn cước công dân / căn cước): 12 digits (Circular 07/2016/TT-BCA Art. 7 and Decree 137/2015/NĐ-CP
  Art. 7: province code 3 digits, sex-and-century 1, year of birth 2, random 6);
- CMND (chứng minh nhân dân, the older card, still seen on old dossiers): 9 digits;
- passport (hộ chiếu): one letter followed by 7 or 8 digits (Vietnamese passports: a letter and 7 digits;
  other countries' of the same shape with 8).
Anything else is refused with a message that says what is expected.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

CCCD, CMND, PASSPORT = "cccd", "cmnd", "passport"
_SHAPES = (
    (CCCD, re.compile(r"\d{12}")),
    (CMND, re.compile(r"\d{9}")),
    (PASSPORT, re.compile(r"[A-Z]\d{7,8}")),
)


class IdNumberError(ValueError):
    """The value is not a CCCD, CMND or passport number; the message says what is expected."""


def normalize_id_number(value: str) -> str:
    """The number as stored: without spaces, dots and hyphens people type between groups, letters upper-case."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def id_kind(value: str) -> str:
    """The kind (CCCD, CMND or PASSPORT) of a normalised number, or IdNumberError."""
    for kind, shape in _SHAPES:
        if shape.fullmatch(value):
            return kind
    raise IdNumberError(
        _(
            "%(value)s is not an ID number: a citizen ID (CCCD) has 12 digits, an old ID card (CMND) 9 digits, "
            "a passport one letter and 7 or 8 digits."
        )
        % {"value": value}
    )


def clean_id_number(value: str) -> str:
    """The normalised number if it has one of the known shapes ("" stays ""), else IdNumberError."""
    number = normalize_id_number(value)
    if number:
        id_kind(number)
    return number


# An organisation's tax code (mã số thuế, also its enterprise code): 10 digits; a dependent branch's: those 10, a
# hyphen and 3 more (the shape of Circular 105/2020/TT-BTC Art. 5; not checked against domain.md). Checked simply:
# no check digit, no register lookup.
_TAX_CODE = re.compile(r"(\d{10})-?(\d{3})?")


def clean_tax_code(value: str) -> str:
    """An organisation's tax code as stored ("0101234567" or "0101234567-001"; "" stays ""), else IdNumberError."""
    number = re.sub(r"[\s.]", "", value or "")
    if not number:
        return ""
    match = _TAX_CODE.fullmatch(number)
    if match is None:
        raise IdNumberError(
            _("%(value)s is not a tax code: it has 10 digits, or 10 digits, a hyphen and 3 digits for a branch.")
            % {"value": number}
        )
    return match.group(1) + (f"-{match.group(2)}" if match.group(2) else "")


def is_pk(value: object) -> bool:
    """Whether a posted or queried value can be a row's id: ASCII digits that fit a 64-bit integer ("1e9999",
    "²" or 30 digits would make the database query itself fail)."""
    return bool(re.fullmatch(r"[0-9]{1,18}", str(value or "")))
