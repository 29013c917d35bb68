"""Text that users and imports type: NFC-normalised, and free of control characters.

Every text field a person or an import fills goes through `clean_text` (the staff forms through
`CleanTextMixin`, the exchange readers through `RowReader.text`, the dossier services for their notes and
reasons), so no stored text can break a .docx (XML 1.0 refuses most control characters), an .xlsx export or a
PostgreSQL query (a text value cannot hold NUL).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext as _

# Tab and newline are text; carriage return is allowed only as part of a CRLF line end (browsers post
# textareas with CRLF), which `clean_text` turns into a newline.
ALLOWED_CONTROLS = frozenset("\t\n")


class TextError(ValueError):
    """The text holds a character no stored text may hold; the message names the field and the character."""


def control_characters(value: str) -> list[str]:
    """The control characters of `value` other than tab and newline, in order of appearance, each once."""
    found: dict[str, None] = {}
    for char in value:
        if char in ALLOWED_CONTROLS:
            continue
        # Cc: C0 and C1 controls and DEL; Cs: lone surrogates, which cannot be encoded as UTF-8.
        if unicodedata.category(char) in ("Cc", "Cs"):
            found.setdefault(char, None)
    return list(found)


def describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def clean_text(value: str, field_label: Any) -> str:
    """`value` in Unicode normal form C with CRLF line ends made LF; TextError if it holds another control
    character (NUL, escape, a lone carriage return...). `field_label` names the field in the message."""
    text = value.replace("\r\n", "\n")
    bad = control_characters(text)
    if bad:
        raise TextError(
            _("%(field)s contains a control character that is not allowed (%(chars)s).")
            % {"field": field_label, "chars": ", ".join(describe(c) for c in bad)}
        )
    return unicodedata.normalize("NFC", text)


def clean_nested(value: Any, field_label: Any) -> Any:
    """`clean_text` on every string of a JSON-like value (strings, lists, dicts), for event data."""
    if isinstance(value, str):
        return clean_text(value, field_label)
    if isinstance(value, list | tuple):
        return [clean_nested(item, field_label) for item in value]
    if isinstance(value, dict):
        return {key: clean_nested(item, field_label) for key, item in value.items()}
    return value


class CleanTextMixin:
    """A form mixin: every text field's value is cleaned by `clean_text` and every date's year is checked
    against settings.CCHC_MIN_YEAR..CCHC_MAX_YEAR, each failure an error on its field naming it.

    Put it before forms.Form / forms.ModelForm in the bases; a subclass's clean() must call super().clean()
    first (as Django asks anyway).
    """

    def clean(self):
        from cchc.lib.periods import PeriodError, check_year

        cleaned = super().clean()
        for name, field in self.fields.items():
            if name not in cleaned:
                continue
            value = cleaned[name]
            label = field.label or name
            try:
                if isinstance(field, forms.CharField) and isinstance(value, str):
                    cleaned[name] = clean_text(value, label)
                elif isinstance(field, forms.DateField | forms.DateTimeField) and value is not None:
                    check_year(value, label)
            except (TextError, PeriodError) as exc:
                self.add_error(name, str(exc))
        return cleaned
