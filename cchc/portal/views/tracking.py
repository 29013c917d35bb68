"""The portal's tracking pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path


def tracking(request: HttpRequest) -> HttpResponse:
    raise Http404  # being built (issue 8)


urlpatterns: list[URLPattern] = [path("tra-cuu/", tracking, name="tracking")]
