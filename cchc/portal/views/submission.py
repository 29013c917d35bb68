"""The portal's online submission: `GET/POST /nop-ho-so/<procedure code>/` (one form per procedure) and the receipt
`/nop-ho-so/da-nop/<dossier code>/`, shown only to the browser session that submitted it (or later proved to hold
it on the tracking page). The submission itself is the receipt: services.dossier_submit_online
(docs/decisions/0019-online-submission-is-the-receipt.md).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from cchc.accounts.services import FormTokenError, create_once, form_token_result
from cchc.dossiers import services
from cchc.dossiers.models import DocumentKind, Dossier, DossierDocument
from cchc.dossiers.services.online import written_files
from cchc.dossiers.workflow import Action, TransitionError
from cchc.procedures.models import Procedure
from cchc.procedures.selectors import public_procedures
from cchc.web.forms import ALREADY_SENT, OneTimeTokenForm

from .. import access
from ..forms import SubmissionForm, files_again_message

# The dossiers this browser session submitted itself: only their receipt shows the applicant's personal data (a
# session that proved a dossier by its code and secret on the tracking page sees the receipt without it).
SUBMITTED_KEY = "portal_submitted"


def _session_key(request: HttpRequest) -> str:
    """The visitor's browser session key (made now if the session is new): create_once tells visitors apart by it."""
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


def _delete_files(names: list[str]) -> None:
    """Files written by a submission whose transaction was rolled back afterwards (a double post that lost)."""
    storage = DossierDocument._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, code: str) -> HttpResponse:
    procedure: Procedure = get_object_or_404(public_procedures(), code=code)
    refusal = services.online_procedure_error(procedure)
    if refusal:
        return render(request, "portal/submission/offline.html", {"procedure": procedure, "reason": refusal})
    units = services.online_units(procedure)
    if not units.exists():
        reason = _("No desk receives this procedure online at the moment.")
        return render(request, "portal/submission/offline.html", {"procedure": procedure, "reason": reason})
    session_key = _session_key(request)
    once = OneTimeTokenForm(request.POST or None)
    if request.method == "POST" and once.is_valid():
        try:
            earlier = form_token_result(by=None, token=once.token, session_key=session_key)
        except FormTokenError:
            earlier = None
        if earlier:  # a double click or a resent form: the receipt of the dossier the first post made
            messages.info(request, ALREADY_SENT)
            return redirect(earlier)
    form = SubmissionForm(request.POST or None, request.FILES or None, procedure=procedure, units=units)
    if request.method == "POST":
        if not form.is_valid():  # the documents are checked too, so that everything wrong is said at once
            form.add_problems(services.document_problems(procedure, form.files_given(), form.brought()))
        elif not once.is_valid():
            form.add_error(None, once.non_field_errors())
        elif form.is_valid():
            made: list[Dossier] = []
            written: list[str] = []

            def create() -> str:
                dossier = services.dossier_submit_online(
                    unit=form.cleaned_data["unit"],
                    procedure=procedure,
                    applicant=form.applicant(),
                    applicant_kind=form.cleaned_data["applicant_kind"],
                    submitted_by_name=form.cleaned_data["submitted_by_name"],
                    files=form.files_given(),
                    bring_to_desk=form.brought(),
                )
                made.append(dossier)
                written.extend(written_files(dossier))
                return reverse("portal:submitted", args=[dossier.code])

            try:
                url, created = create_once(by=None, token=once.token, create=create, session_key=session_key)
            except services.SubmissionRefused as exc:
                form.add_problems(exc.problems)
            except (TransitionError, FormTokenError) as exc:
                form.add_error(None, str(exc))
            except BaseException:
                _delete_files(written)  # the transaction around the service rolled back after it
                raise
            else:
                if created:
                    access.remember(request, made[0])
                    mine = [c for c in request.session.get(SUBMITTED_KEY, []) if c != made[0].code]
                    request.session[SUBMITTED_KEY] = [made[0].code, *mine][: access.REMEMBERED]
                else:  # the same form posted at the same moment made the dossier; this one was rolled back
                    _delete_files(written)
                    messages.info(request, ALREADY_SENT)
                return redirect(url)
        once = OneTimeTokenForm()  # the page shown again carries a fresh token
    context = {
        "procedure": procedure,
        "form": form,
        "once": once,
        "rows": form.document_rows(),
        "files_again": form.is_bound and form.had_files() and bool(form.errors),
        "files_again_message": files_again_message(),
        "max_mb": settings.CCHC_PORTAL_UPLOAD_MAX_MB,
    }
    return render(request, "portal/submission/form.html", context)


def bring_to_desk(dossier: Dossier) -> list[str]:
    """The documents whose originals the applicant said they would bring, as the receipt event recorded them."""
    event = dossier.events.filter(action=Action.RECEIVE).order_by("pk").first()
    items = (event.data or {}).get("bring_to_desk") if event else None
    return [str(item) for item in items or []]


@require_safe
def submitted(request: HttpRequest, code: str) -> HttpResponse:
    dossier = access.proven_dossier(request, code)
    if dossier is None:
        raise Http404
    submitted_components, _from_catalogue = dossier.submitted_components()
    personal = code in request.session.get(SUBMITTED_KEY, [])
    context = {
        "dossier": dossier,
        "personal": personal,
        "applicant_shown": dossier.applicant_name if personal else "……",
        "components": submitted_components,
        "uploaded": set(dossier.documents.filter(kind=DocumentKind.COMPONENT).values_list("component_id", flat=True)),
        "bring_to_desk": bring_to_desk(dossier),
        "parent": dossier.receiving_unit.parent,
    }
    return render(request, "portal/submission/submitted.html", context)


urlpatterns: list[URLPattern] = [
    path("nop-ho-so/da-nop/<str:code>/", submitted, name="submitted"),
    path("nop-ho-so/<str:code>/", submit, name="submit"),
]
