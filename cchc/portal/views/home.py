"""The portal's home page: what an anonymous visitor gets at `/`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_safe

from cchc.lib.formatting import vn_int
from cchc.procedures.selectors import catalogue_counts


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The portal's front page. A logged-in member of staff gets the work list, as `/` gave before the portal."""
    if request.user.is_authenticated:
        return redirect("web:worklist")
    counts: dict[str, int | str] = {**catalogue_counts()}
    counts.update(posted_text=vn_int(int(counts["posted"])), online_text=vn_int(int(counts["online"])))
    return render(request, "portal/home.html", {"counts": counts})


urlpatterns = [path("", home, name="home")]
