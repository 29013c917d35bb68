"""Staff pages. Each view: decorators, an access helper, one service or selector call, then redirect or render.

Fragments for htmx are template partials of the page template (`page.html#fragment`).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.accounts import access
from cchc.accounts.models import Role
from cchc.accounts.services import FormTokenError, create_once, personal_data_viewed
from cchc.dossiers import search as search_module
from cchc.dossiers import selectors, services
from cchc.dossiers.models import DocumentKind, Dossier, DossierDocument
from cchc.dossiers.regimes import FormKind, rules_for
from cchc.dossiers.workflow import TransitionError, allowed_actions
from cchc.lib.ids import is_pk
from cchc.notices.selectors import notices_of_dossier
from cchc.procedures.models import ComponentDocument
from cchc.procedures.selectors import receivable_procedures
from cchc.queueing import services as queue_services

from .forms import (
    ACTION_FORMS,
    ALREADY_SENT,
    OneTimeTokenForm,
    ReceptionForm,
    UploadForm,
    action_form,
)
from .forms_search import SearchForm
from .http import acting_user, is_htmx, page_name
from .permissions import desk_officer_required, staff_required
from .timeline import dossier_facts, dossier_timeline
from .views_guidance import guidance_offer, reception_initial

WORKLIST_LIMIT = 300


def _handled_ids(request: HttpRequest, dossiers) -> set[int]:
    """Of these dossiers (a list), those whose personal data the user may see (the ones the user handles), logged
    as shown on this page: the list shows their applicants."""
    pks = [d.pk for d in dossiers]
    handled = set(
        Dossier.objects.filter(pk__in=pks).filter(access.handled_q(request.user)).values_list("pk", flat=True)
    )
    _log_view(request, handled)
    return handled


def _log_view(request: HttpRequest, dossiers) -> None:
    """Log the personal data of `dossiers` as shown to the user on this page (its URL name)."""
    personal_data_viewed(by=acting_user(request), dossiers=dossiers, page=page_name(request))


@desk_officer_required
@require_http_methods(["GET", "POST"])
def receive(request: HttpRequest) -> HttpResponse:
    form = ReceptionForm(request.POST or None, user=request.user, initial=reception_initial(request))
    once = OneTimeTokenForm(request.POST or None)
    if request.method == "POST":
        earlier = once.earlier_result(request.user, form)
        if earlier:  # a double click or a resent form: the receipt of the dossier the first post made
            messages.info(request, ALREADY_SENT)
            return redirect(earlier)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        received = []

        def receive_one() -> str:
            dossier = services.dossier_receive(
                by=acting_user(request),
                unit=data["unit"],
                procedure=data["procedure"],
                channel=data["channel"],
                applicant=form.applicant(),
                components_digitized=data["components_digitized"],
                sets=data["sets"],
                note=data["note"],
                components=data["components"],
            )
            received.append(dossier)
            queue_services.ticket_link_served(dossier=dossier, by=acting_user(request))  # the counter's number
            return reverse("web:receipt", args=[dossier.code])

        try:
            url, created = create_once(by=acting_user(request), token=once.token, create=receive_one)
        except (TransitionError, FormTokenError) as exc:
            form.add_error(None, str(exc))
        else:
            if created:
                messages.success(request, _("Dossier %(code)s received.") % {"code": received[0].code})
            else:  # the same form posted at the same moment made the dossier
                messages.info(request, ALREADY_SENT)
            return redirect(url)
    # Required documents missing: the page offers the guidance slip (Mẫu 02) besides the error (views_guidance).
    return render(request, "web/receive.html", {"form": form, "once": once, **guidance_offer(request, form)})


@desk_officer_required
@require_GET
def receive_procedures(request: HttpRequest) -> HttpResponse:
    unit_id = request.GET.get("unit") or ""
    units = access.user_units(request.user, roles=[Role.DESK_OFFICER])
    unit = units.filter(pk=unit_id).first() if is_pk(unit_id) else None
    procedures = receivable_procedures(unit, request.GET.get("q", ""))
    return render(request, "web/receive.html#procedure_options", {"procedures": procedures})


@desk_officer_required
@require_GET
def receive_components(request: HttpRequest) -> HttpResponse:
    procedure_id = request.GET.get("procedure") or ""
    components = ComponentDocument.objects.filter(procedure_id=procedure_id) if is_pk(procedure_id) else []
    return render(request, "web/receive.html#components", {"components": components, "checked": set()})


@staff_required
@require_GET
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    dossier = access.get_dossier_for_user(request.user, code, write=True)
    _log_view(request, [dossier])
    submitted, from_catalogue = dossier.submitted_components()
    context = {
        "dossier": dossier,
        "components": submitted,
        "components_from_catalogue": from_catalogue,
        "form_spec": rules_for(dossier.regime).form(FormKind.RECEIPT),
        "parent": dossier.receiving_unit.parent,
    }
    return render(request, "web/receipt.html", context)


def _dossier_context(request: HttpRequest, dossier, bound=None, flash: str = "") -> dict:
    """Everything the dossier page shows; `bound` replaces the empty form of the action that just failed. Its
    personal data (the applicant, notes, reasons, document names) only to a handler, and logged as shown."""
    roles = access.roles_for(request.user, dossier)
    personal = access.can_see_personal_data(request.user, dossier)
    if personal:
        _log_view(request, [dossier])
    actions = [a for a in allowed_actions(dossier.status, roles) if a in ACTION_FORMS]
    forms = [bound if bound is not None and bound.prefix == a else action_form(a, dossier) for a in actions]
    # An action no longer open (another officer moved the dossier meanwhile) still reports why it failed.
    stray_errors = bound.non_field_errors() if bound is not None and bound.prefix not in actions else []
    submitted, from_catalogue = dossier.submitted_components()
    return {
        "dossier": dossier,
        # The work list's flags on the dossier's own page (deadlines.py: never while waiting for the applicant).
        "deadline_flags": selectors.deadline_flags(dossier),
        "personal": personal,
        "roles": roles,
        "action_forms": forms,
        "stray_errors": stray_errors,
        "events": dossier.events.select_related("actor"),
        # The events with the uploads and prints among them (timeline.py), and the hand-over and fee facts.
        "timeline": dossier_timeline(dossier),
        "facts": dossier_facts(dossier),
        "notices": notices_of_dossier(dossier),
        "submitted": submitted,
        "submitted_from_catalogue": from_catalogue,
        "documents": dossier.documents.select_related("component", "uploaded_by").order_by("uploaded_at"),
        "upload_form": UploadForm(dossier=dossier) if roles else None,
        "flash": flash,
    }


@staff_required
@require_GET
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    dossier = access.get_dossier_for_user(request.user, code)
    return render(request, "web/dossier_detail.html", _dossier_context(request, dossier))


@staff_required
@require_POST
def dossier_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    dossier = access.get_dossier_for_user(request.user, code, write=True)
    if action not in ACTION_FORMS:
        raise Http404("No such action.")
    form = action_form(action, dossier, request.POST)
    if form.is_valid():
        try:
            services.dossier_act(dossier=dossier, by=acting_user(request), action=action, **form.service_kwargs())
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            return _after_change(request, dossier, _("Done: %(action)s.") % {"action": form.action_label})
    context = _dossier_context(request, dossier, bound=form)
    return render(request, "web/dossier_detail.html#panel" if is_htmx(request) else "web/dossier_detail.html", context)


def _after_change(request: HttpRequest, dossier, flash: str) -> HttpResponse:
    """htmx: the refreshed panel; a plain post: back to the page (post/redirect/get)."""
    if is_htmx(request):
        dossier.refresh_from_db()
        return render(request, "web/dossier_detail.html#panel", _dossier_context(request, dossier, flash=flash))
    messages.success(request, flash)
    return redirect(dossier)


@staff_required
@require_POST
def dossier_upload(request: HttpRequest, code: str) -> HttpResponse:
    dossier = access.get_dossier_for_user(request.user, code, write=True)
    form = UploadForm(request.POST, request.FILES, dossier=dossier)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.dossier_attach_document(
                dossier=dossier,
                by=acting_user(request),
                kind=data["kind"],
                file=data["file"],
                name=data["name"],
                component=data["component"] if data["kind"] == DocumentKind.COMPONENT else None,
            )
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            return _after_change(request, dossier, _("Document attached."))
    context = {**_dossier_context(request, dossier), "upload_form": form}
    return render(request, "web/dossier_detail.html#panel" if is_htmx(request) else "web/dossier_detail.html", context)


@staff_required
@require_GET
def document(request: HttpRequest, code: str, pk: int) -> FileResponse:
    dossier = access.get_dossier_for_user(request.user, code, write=True)
    doc = get_object_or_404(DossierDocument, pk=pk, dossier=dossier)
    _log_view(request, [dossier])
    # Always a download, with the type decided from the content at upload and no sniffing by the browser.
    stored_name = doc.file.name.rsplit("/", 1)[-1]
    extension = stored_name.rpartition(".")[2] if "." in stored_name else ""
    filename = doc.name if not extension or doc.name.lower().endswith(f".{extension}") else f"{doc.name}.{extension}"
    response = FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=doc.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = SearchForm(request.GET, user=user)
    valid = form.is_valid()
    q = form.cleaned_data.get("q", "").strip() if valid else request.GET.get("q", "").strip()
    filters = form.filters() if valid else {}
    # A whole code typed alone opens the dossier (read through its unique index, in any case).
    if valid and q and not any(filters.values()):
        exact = access.dossiers_visible_to(user).filter(code__in={q, q.upper()}).first()
        if exact is not None:
            return redirect(exact)
    page = (form.cleaned_data.get("page") if valid else None) or 1
    size = search_module.PAGE_SIZE
    # One row more than the page tells whether there is a next page, without counting every match.
    rows = list(selectors.dossier_search(user, q, **filters)[(page - 1) * size : page * size + 1]) if valid else []
    shown = rows[:size]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "q": q,
        "results": shown,
        "handled": _handled_ids(request, shown),
        "page": page,
        "has_next": len(rows) > size,
        "page_query": query.urlencode(),
    }
    return render(request, "web/search.html", context, status=200 if valid else 400)
