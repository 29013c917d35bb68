"""The dossier page's links to the printable desk forms that exist for the dossier (see cchc.web.forms_print)."""

from __future__ import annotations

from django import template

from cchc.web.forms_print import available_forms

register = template.Library()


@register.simple_tag
def printable_forms(dossier) -> list:
    """(form, url) pairs of the forms whose fact exists for `dossier`; the page shows them to its handlers only."""
    return available_forms(dossier)
