"""The portal's addresses printed on paper and sent in notices (absolute: they leave the browser).

The tracking link `<site>/tra-cuu/?ma=<code>&bi-mat=<secret>` is a contract: it is printed on every receipt and in
its QR code. `<site>` is settings.CCHC_PORTAL_URL when set (the portal's public name behind a proxy), else the
address the request came to.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from cchc.dossiers.models import Dossier


def absolute(path: str, request: HttpRequest | None = None) -> str:
    """`path` on the portal's public address (CCHC_PORTAL_URL), else on the request's; without either, `path`."""
    if settings.CCHC_PORTAL_URL:
        return f"{settings.CCHC_PORTAL_URL}{path}"
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def tracking_path(dossier: Dossier) -> str:
    """The tracking page of `dossier` opened with its code and secret (only the code, for a dossier without one)."""
    query = {"ma": dossier.code}
    if dossier.tracking_secret:
        query["bi-mat"] = dossier.tracking_secret
    return f"{reverse('portal:tracking')}?{urlencode(query)}"


def tracking_link(dossier: Dossier, request: HttpRequest | None = None) -> str:
    return absolute(tracking_path(dossier), request)
