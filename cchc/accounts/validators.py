"""Password validators of the project: a password may not be (or hold) the name of a unit the user works in.

An officer's colleagues, and anyone who reads the unit's letterhead, know the unit's name ("Xã Gio Linh",
"UBND huyện Gio Linh"), so "GioLinh@2024" is as weak as the user name. Names are compared without accents, case,
spaces or punctuation; the level word alone ("xã", "huyện", "UBND") is not a name.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words that name a kind of unit, not a unit: removed before comparing, so the place name is what counts.
LEVEL_WORDS = ("ubnd", "uy ban nhan dan", "tinh", "thanh pho", "huyen", "thi xa", "quan", "xa", "phuong", "thi tran")


def fold(text: str) -> str:
    """Lower case, without accents (đ as d) and without anything but letters and digits."""
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


def place_name(unit_name: str) -> str:
    """The name without its level words, folded and without spaces: "Xã Gio Linh" -> "giolinh"."""
    words = f" {fold(unit_name)} "
    for level in LEVEL_WORDS:
        words = words.replace(f" {level} ", " ")
    return words.replace(" ", "")


class UnitNameValidator:
    """Refuse a password that holds, or closely resembles, the name of one of the user's units.

    The units are those of the user's memberships (a new user without any is not checked here; the admin checks
    again when the password is next set).
    """

    def __init__(self, max_similarity: float = 0.7, min_name_length: int = 3) -> None:
        self.max_similarity = max_similarity
        self.min_name_length = min_name_length

    def unit_names(self, user: Any) -> list[str]:
        if user is None or getattr(user, "pk", None) is None:
            return []
        from cchc.units.models import Unit

        units = Unit.objects.filter(memberships__user=user).distinct()
        return [name for unit in units for name in (unit.name, unit.short_name) if name]

    def validate(self, password: str, user: Any = None) -> None:
        folded = fold(password).replace(" ", "")
        for name in self.unit_names(user):
            place = place_name(name)
            if len(place) < self.min_name_length:
                continue
            similar = SequenceMatcher(a=folded, b=place).quick_ratio() >= self.max_similarity and (
                SequenceMatcher(a=folded, b=place).ratio() >= self.max_similarity
            )
            if place in folded or similar:
                raise ValidationError(
                    _("The password is too similar to the name of your unit (%(unit)s).") % {"unit": name},
                    code="password_too_similar_to_unit",
                )

    def get_help_text(self) -> str:
        return _("Your password can’t contain the name of your unit.")
