"""Amounts of money as Vietnamese officers type them: "75.000 đồng", "75.000", "75 000 đ", "75000 VNĐ".

"." (or a space) groups thousands, as official documents write numbers (cchc.lib.formatting); a fee is a whole
number of đồng, so a decimal part is refused rather than guessed at ("75.5" and "75,5" are not amounts).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd)\.?\s*$", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}([. ]\d{3})+")
_PLAIN = re.compile(r"\d+")


class AmountError(ValueError):
    """Not an amount of đồng; the message says what is expected."""


def parse_vn_amount(text: str) -> Decimal | None:
    """The whole number of đồng `text` writes (None for an empty text), else AmountError.

    `parse_vn_amount("75.000 đồng") == Decimal(75000)`; negative amounts are refused.
    """
    value = (text or "").strip()
    if not value:
        return None
    value = _CURRENCY.sub("", value).strip()
    negative = value.startswith(("-", "−"))
    digits = value.lstrip("-−").strip()
    if not (_PLAIN.fullmatch(digits) or _GROUPED.fullmatch(digits)):
        raise AmountError(
            _("%(value)s is not an amount of money: write it in whole đồng, like 75.000 đồng.") % {"value": text}
        )
    if negative and int(re.sub(r"\D", "", digits)) != 0:
        raise AmountError(_("An amount of money cannot be negative."))
    return Decimal(re.sub(r"\D", "", digits))
