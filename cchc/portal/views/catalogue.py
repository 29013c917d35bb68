"""The portal's public catalogue (issue 8, point 1): every posted procedure, searchable with or without diacritics,
each with what the applicant must know before submitting (Decree 61/2018 Art. 15, the public posting).

`/thu-tuc/?q=TEXT&linh-vuc=FIELD&cap=LEVEL&don-vi=UNIT&truc-tuyen=1&trang=N` and `/thu-tuc/<procedure code>/`.
An unposted or inactive procedure is not public: its page answers 404, like an unknown code.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cchc.lib.formatting import vn_decimal, vn_int
from cchc.lib.uploads import detect_type, display_name
from cchc.procedures.models import ComponentDocument, OnlineService, Procedure, ProcedureLevel
from cchc.procedures.selectors import (
    catalogue_fields,
    catalogue_search,
    public_procedures,
    receiving_units,
)
from cchc.units.models import Unit
from cchc.units.selectors import desk_units

PER_PAGE = 20
MAX_QUERY = 200  # characters of a search; a longer one is cut (nobody types a procedure's name longer than this)


def time_limit_text(days: Decimal | None) -> str:
    """The time limit in working days ("3 ngày làm việc", "0,5 ngày làm việc"), or that the law sets none."""
    if days is None:
        return _("No time limit set by law")
    return _("%(days)s working days") % {"days": vn_decimal(days, 1, strip_zeros=True)}


def fee_text(fee: Decimal | None) -> str:
    """The fee as Vietnamese documents write it ("50.000 đồng"), or no fee."""
    if not fee:
        return _("No fee")
    return _("%(amount)s VND") % {"amount": vn_int(int(fee))}


def online_text(level: str) -> str:
    """What the online service level means for the applicant (Decree 42/2022 Art. 11(1): full-process, partial)."""
    if level == OnlineService.FULL:
        return _(
            "You submit the dossier and follow it online, and receive the result online or by post, without going"
            " to the desk."
        )
    if level == OnlineService.PARTIAL:
        return _(
            "You submit the dossier online; some steps (showing originals, paying the fee or collecting the result)"
            " are done at the desk."
        )
    return _("Submit the dossier at the one-stop desk.")


def level_text(procedure: Procedure) -> str:
    """The level of government that carries the procedure out, in words ("Cấp xã", "Cấp huyện")."""
    return _("%(level)s level") % {"level": procedure.get_level_display().lower()}


def submit_url(procedure: Procedure) -> str:
    """The online submission form of the procedure (built in cchc/portal/views/submission.py)."""
    try:
        return reverse("portal:submit", args=[procedure.code])
    except NoReverseMatch:  # until the submission pages are joined in
        return f"/nop-ho-so/{procedure.code}/"


def _desks() -> list[Unit]:
    return list(desk_units(on=timezone.localdate()).order_by("path"))


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:MAX_QUERY].strip()
    field = request.GET.get("linh-vuc", "").strip()
    level = request.GET.get("cap", "").strip()
    level = level if level in ProcedureLevel.values else ""
    desks = _desks()
    unit_code = request.GET.get("don-vi", "").strip()
    unit = next((desk for desk in desks if desk.code == unit_code), None)
    online_only = request.GET.get("truc-tuyen", "") == "1"
    results = catalogue_search(q=q, field=field, level=level, unit=unit, online_only=online_only)
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("trang"))
    kept = request.GET.copy()  # the search as it is, for the page links
    kept.pop("trang", None)
    context: dict[str, Any] = {
        "q": q,
        "field": field,
        "level": level,
        "unit": unit,
        "online_only": online_only,
        "fields": catalogue_fields(),
        "levels": ProcedureLevel.choices,
        "desks": desks,
        "page": page,
        "rows": [
            {
                "procedure": procedure,
                "time_limit": time_limit_text(procedure.processing_days),
                "level": level_text(procedure),
                "online": procedure.online_service != OnlineService.NONE,
            }
            for procedure in page.object_list
        ],
        "count_text": vn_int(page.paginator.count),
        "search_kept": kept.urlencode(),
        "filtered": bool(q or field or level or unit or online_only),
    }
    return render(request, "portal/catalogue/list.html", context)


@require_safe
def procedure(request: HttpRequest, code: str) -> HttpResponse:
    procedure = get_object_or_404(public_procedures(), code=code)
    context = {
        "procedure": procedure,
        "components": list(procedure.components.order_by("order", "pk")),
        "time_limit": time_limit_text(procedure.processing_days),
        "fee": fee_text(procedure.fee),
        "online": procedure.online_service != OnlineService.NONE,
        "online_text": online_text(procedure.online_service),
        "submit_url": submit_url(procedure),
        "units": list(receiving_units(procedure, on=timezone.localdate())),
    }
    return render(request, "portal/catalogue/detail.html", context)


@require_safe
def sample_form(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A component's sample form, always as a download under its own file name, never by its MEDIA path."""
    component = get_object_or_404(ComponentDocument, pk=pk, procedure__in=public_procedures(), procedure__code=code)
    if not component.sample_form:
        raise Http404
    try:
        stream = component.sample_form.open("rb")
    except OSError:  # listed but not on the disk
        raise Http404 from None
    kind = detect_type(stream)
    filename = display_name(component.sample_form.name, default="mau-don")
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=filename,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns: list[URLPattern] = [
    path("thu-tuc/", catalogue, name="catalogue"),
    path("thu-tuc/<str:code>/", procedure, name="procedure"),
    path("thu-tuc/<str:code>/mau/<int:pk>/", sample_form, name="sample_form"),
]
