"""{% tracking_link dossier %} and {% tracking_qr dossier %}: the tracking address printed on receipts, and its QR
code as inline SVG (the portal's receipt and the desk's Mẫu 01 alike)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cchc.lib.qr import qr_svg
from cchc.portal import links

register = template.Library()


@register.simple_tag(takes_context=True)
def tracking_link(context: Any, dossier: Any) -> str:
    return links.tracking_link(dossier, context.get("request"))


@register.simple_tag(takes_context=True)
def tracking_qr(context: Any, dossier: Any, css_class: str = "qr", size: str = "") -> SafeString:
    """The QR code of the dossier's tracking link ("" for a dossier without a tracking secret: the code alone opens
    nothing)."""
    if not getattr(dossier, "tracking_secret", ""):
        return SafeString("")
    label = _("QR code of the tracking page of dossier %(code)s") % {"code": dossier.code}
    link = links.tracking_link(dossier, context.get("request"))
    return qr_svg(link, label=label, css_class=css_class, size=size)
