"""The portal's feedback pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path


def feedback(request: HttpRequest) -> HttpResponse:
    raise Http404  # being built (issue 8)


urlpatterns: list[URLPattern] = [path("phan-anh/", feedback, name="feedback")]
