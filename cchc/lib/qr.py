"""QR codes as inline SVG markup, made on the server by segno (pure Python): no image file, no data: URI and no
script, so the page stays within its Content-Security-Policy and prints sharp at any size."""

from __future__ import annotations

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, label: str, css_class: str = "qr", size: str = "") -> SafeString:
    """An <svg> element of the QR code of `data` (error correction M, the usual 4-module quiet zone), sized by CSS
    through its viewBox, or by `size` ("26mm") where no style sheet sizes it; `label` is its accessible name (and
    its <title>)."""
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass=css_class, lineclass=None, title=label)
    # segno writes the <title> escaped; the same label names the image for screen readers.
    dimensions = f'width="{escape(size)}" height="{escape(size)}" ' if size else ""
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" focusable="false" {dimensions}', 1)
    return mark_safe(svg)  # segno's own markup; the one outside text, the label, is escaped
