"""The guidance slip of an incomplete dossier at the desk (Mẫu 02, Decree 61/2018 Art. 15 and 17).

The reception form that fails because required documents are missing offers the slip: the officer adds a reason
per missing document and posts the same form here; the guidance is recorded once (the form's own one-time token,
`guidance-form_token`) and its printable slip opens. The slip's "Continue the reception" opens the reception form
filled from the guidance, so the officer can tick what the applicant brings and receive the dossier as usual.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cchc.accounts import access
from cchc.accounts.models import Role
from cchc.accounts.services import FormTokenError, create_once
from cchc.dossiers.models import ReceptionGuidance
from cchc.dossiers.regimes import FormKind, regime_for, rules_for
from cchc.dossiers.services import missing_components
from cchc.dossiers.services.guidance import GUIDANCE_TYPE_CODE, guidance_record
from cchc.dossiers.workflow import TransitionError
from cchc.lib.ids import is_pk

from .forms import ALREADY_SENT, OneTimeTokenForm, ReceptionForm
from .http import acting_user
from .permissions import desk_officer_required

PREFIX = "guidance"


def _reason_name(component_pk: int) -> str:
    return f"{PREFIX}-reason-{component_pk}"


def guidance_offer(request: HttpRequest, form: ReceptionForm) -> dict[str, Any]:
    """What the reception page adds when the posted form lacks required documents: the missing ones (each with
    the reason typed so far), the note, and a fresh one-time token for the guidance post."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    if not form.is_bound or "procedure" not in cleaned:
        return {}
    missing = missing_components(cleaned["procedure"], cleaned.get("components") or [])
    if not missing:
        return {}
    return {
        "guidance_missing": [(c, _reason_name(c.pk), request.POST.get(_reason_name(c.pk), "")) for c in missing],
        "guidance_note": request.POST.get(f"{PREFIX}-note", ""),
        "guidance_once": OneTimeTokenForm(prefix=PREFIX),
    }


def _guidance_for(request: HttpRequest, pk: Any) -> ReceptionGuidance:
    """The guidance, for the desk officers of its unit only (it carries the applicant's personal data): 404 else."""
    if not is_pk(pk):
        raise Http404("No such guidance.")
    units = access.user_units(request.user, roles=[Role.DESK_OFFICER])
    return get_object_or_404(
        ReceptionGuidance.objects.select_related("unit", "unit__parent", "procedure", "by"), pk=pk, unit__in=units
    )


def reception_initial(request: HttpRequest) -> dict[str, Any]:
    """The reception form's first values when it is opened from a guidance slip (`?guidance=<pk>`)."""
    pk = request.GET.get(PREFIX)
    if request.method != "GET" or not pk:
        return {}
    guidance = _guidance_for(request, pk)
    return {
        "unit": str(guidance.unit_id),
        "procedure": str(guidance.procedure_id),
        "applicant_name": guidance.applicant_name,
        "applicant_phone": guidance.applicant_phone,
        "applicant_address": guidance.applicant_address,
        "applicant_email": guidance.applicant_email,
        "components": [str(pk) for pk in guidance.submitted],
    }


@desk_officer_required
@require_POST
def receive_guidance(request: HttpRequest) -> HttpResponse:
    form = ReceptionForm(request.POST, user=request.user)
    once = OneTimeTokenForm(request.POST)  # the reception's own token, kept unused for the receipt
    guidance_once = OneTimeTokenForm(request.POST, prefix=PREFIX)
    earlier = guidance_once.earlier_result(request.user, form)
    if earlier:  # a double click: the slip the first post made
        messages.info(request, ALREADY_SENT)
        return redirect(earlier)
    if form.is_valid():
        data = form.cleaned_data
        missing = missing_components(data["procedure"], data["components"])
        reasons = {c.pk: request.POST.get(_reason_name(c.pk), "") for c in missing}
        made: list[ReceptionGuidance] = []

        def record() -> str:
            guidance = guidance_record(
                by=acting_user(request),
                unit=data["unit"],
                procedure=data["procedure"],
                applicant=form.applicant(),
                components=data["components"],
                reasons=reasons,
                note=request.POST.get(f"{PREFIX}-note", ""),
            )
            made.append(guidance)
            return reverse("web:print_guidance", args=[guidance.pk])

        try:
            url, _created = create_once(by=acting_user(request), token=guidance_once.token, create=record)
        except (TransitionError, FormTokenError) as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(url)
    context = {"form": form, "once": once, **guidance_offer(request, form)}
    return render(request, "web/receive.html", context)


@desk_officer_required
@require_GET
def print_guidance(request: HttpRequest, pk: int) -> HttpResponse:
    guidance = _guidance_for(request, pk)
    spec = rules_for(regime_for(guidance.at)).form(FormKind.SUPPLEMENT_REQUEST)
    context = {
        "guidance": guidance,
        "form_spec": spec,
        "type_code": GUIDANCE_TYPE_CODE,
        "doc_number": guidance.number,
        "issuer": guidance.unit,
        "parent": guidance.unit.parent,
        "desk": True,
        "day": guidance.at,
        "officer": guidance.by,
    }
    return render(request, "web/print/guidance.html", context)
