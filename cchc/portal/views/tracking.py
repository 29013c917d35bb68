"""The portal's tracking pages: the look-up by code and secret (or phone), the dossier's page, the supplement sent
online and the full-online result's download.

`GET /tra-cuu/?ma=CODE&bi-mat=SECRET` is printed in the receipt's QR code (a contract); `?ma=CODE&sdt=PHONE` works
too. A successful look-up remembers the dossier in the browser session (cchc/portal/access.py) and goes to
`/tra-cuu/<code>/`; every page under it answers 404 unless this session proved to hold the dossier. A failed look-up
(unknown code, wrong secret or phone, code alone) gets one neutral answer and is counted per client address and per
code: over either limit every look-up is refused with HTTP 429 and nothing is written (docs/decisions/0014).
Nothing here shows an officer's name, user name or internal note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from cchc.accounts.services import FormTokenError, create_once
from cchc.dossiers import services
from cchc.dossiers.models import Apology, DocumentKind, Dossier, DossierDocument, DossierEvent
from cchc.dossiers.services.applicant import WITH_RESULT, delivers_online, requested_items, supplement_request
from cchc.dossiers.workflow import Action, Status, TransitionError
from cchc.feedback.evaluations import can_be_evaluated
from cchc.web.forms import ALREADY_SENT, OneTimeTokenForm

from .. import access, ratelimit

# The longest code, secret and phone number looked up; anything longer is a failed guess without a query.
MAX_TYPED = 64

# The state of a dossier in a citizen's words.
STATUS_TEXT = {
    Status.RECEIVED: gettext_lazy("Received, waiting for an officer's check"),
    Status.IN_PROCESS: gettext_lazy("Being processed"),
    Status.AWAITING_SUPPLEMENT: gettext_lazy("The dossier must be supplemented"),
    Status.AWAITING_FEE: gettext_lazy("Waiting for the fees to be paid"),
    Status.AWAITING_APPROVAL: gettext_lazy("Being processed, waiting for approval"),
    Status.APPROVED: gettext_lazy("Approved, the result is being prepared"),
    Status.RESULT_ISSUED: gettext_lazy("The result is ready"),
    Status.REFUSED: gettext_lazy("Refused, with the reasons in writing"),
    Status.DELIVERED: gettext_lazy("The result has been handed over"),
    Status.WITHDRAWN: gettext_lazy("Withdrawn at the applicant's request"),
    Status.RETURNED: gettext_lazy("Returned to the applicant unprocessed"),
}
# The history in a citizen's words. Actions not listed here are not shown.
ACTION_TEXT = {
    Action.RECEIVE: gettext_lazy("The dossier was received"),
    Action.ASSIGN: gettext_lazy("Handed to the officer in charge"),
    Action.REQUEST_SUPPLEMENT: gettext_lazy("A supplement was requested"),
    Action.SUPPLEMENT: gettext_lazy("The supplement was received"),
    Action.REQUEST_FEE: gettext_lazy("The fees were requested"),
    Action.FEE_PAID: gettext_lazy("The fees were paid"),
    Action.SUBMIT: gettext_lazy("Submitted for approval"),
    Action.SEND_BACK: gettext_lazy("Sent back for further processing"),
    Action.APPROVE: gettext_lazy("Approved"),
    Action.REFUSE: gettext_lazy("Refused, with the reasons in writing"),
    Action.ISSUE_RESULT: gettext_lazy("The result was issued"),
    Action.DELIVER: gettext_lazy("The result was handed over"),
    Action.WITHDRAW: gettext_lazy("Withdrawn at the applicant's request"),
    Action.RETURN: gettext_lazy("Returned to the applicant unprocessed"),
    Action.APOLOGIZE: gettext_lazy("An apology letter gave a new appointment"),
    Action.IMPORT: gettext_lazy("Brought over from the previous one-stop system"),
    Action.TRANSFER: gettext_lazy("Moved to the unit that took over"),
}
NOT_FOUND = gettext_lazy(
    "No dossier was found with this code, or the secret or phone number does not match it. Check what you typed "
    "against your receipt."
)
TOO_MANY = gettext_lazy(
    "There were too many failed look-ups from this connection or for this dossier code, so look-ups are paused."
)


def _rates() -> tuple[ratelimit.Rate, ratelimit.Rate]:
    return (
        ratelimit.Rate.from_settings(
            "tracking-address", "CCHC_TRACKING_GUESSES_PER_ADDRESS", "CCHC_TRACKING_ADDRESS_WINDOW_MINUTES"
        ),
        ratelimit.Rate.from_settings(
            "tracking-code", "CCHC_TRACKING_GUESSES_PER_CODE", "CCHC_TRACKING_CODE_WINDOW_MINUTES"
        ),
    )


def _find(code: str, secret: str, phone: str) -> Dossier | None:
    """The dossier the visitor proved to hold, or None (unknown code, no proof, a wrong one: all the same)."""
    if not code or not (secret or phone) or max(len(code), len(secret), len(phone)) > MAX_TYPED:
        return None
    dossier = Dossier.objects.filter(code__in={code, code.upper()}).first()
    if dossier is None or not access.matches(dossier, secret=secret, phone=phone):
        return None
    return dossier


@require_safe
def tracking(request: HttpRequest) -> HttpResponse:
    """The look-up form; with `ma` and `bi-mat` (or `sdt`), the look-up itself."""
    code = request.GET.get("ma", "").strip()
    secret = request.GET.get("bi-mat", "").strip()
    phone = request.GET.get("sdt", "").strip()
    context: dict[str, Any] = {"code": code[:MAX_TYPED], "phone": phone[:MAX_TYPED], "error": ""}
    if not (code or secret or phone):
        return render(request, "portal/tracking/lookup.html", context)
    by_address, by_code = _rates()
    pairs = [(by_address, ratelimit.client_address(request)), (by_code, code.upper()[:MAX_TYPED])]
    wait = ratelimit.blocked(pairs)
    if wait:
        return ratelimit.too_many_requests(
            request, retry_after=wait, message=str(TOO_MANY), context={"back_url": reverse("portal:tracking")}
        )
    dossier = _find(code, secret, phone)
    if dossier is None:
        ratelimit.record(pairs)
        context["error"] = NOT_FOUND
        return render(request, "portal/tracking/lookup.html", context)
    access.remember(request, dossier)
    return redirect("portal:tracking_dossier", dossier.code)


def _proven(request: HttpRequest, code: str) -> Dossier:
    dossier = access.proven_dossier(request, code)
    if dossier is None:
        raise Http404
    return dossier


def masked_name(name: str) -> str:
    """The applicant's name as the portal shows it: the first word, then each word's first letter ("Nguyễn T** H**")."""
    words = (name or "").split()
    if not words:
        return ""
    return " ".join([words[0], *(f"{word[0]}**" for word in words[1:])])


@dataclass
class Step:
    """One line of the history: what happened, when, and what was said to the applicant (never an internal note)."""

    text: str
    at: Any
    reasons: list[str] = field(default_factory=list)


def _reasons(event: DossierEvent) -> list[str]:
    """The reasons addressed to the applicant: a supplement request's, a refusal's, a return's."""
    data = event.data or {}
    if event.action == Action.REFUSE:
        return [str(r) for r in data.get("reasons") or []]
    if event.action in (Action.REQUEST_SUPPLEMENT, Action.RETURN) and data.get("reason"):
        return [str(data["reason"])]
    return []


def history(dossier: Dossier) -> list[Step]:
    return [
        Step(str(ACTION_TEXT[Action(event.action)]), event.at, _reasons(event))
        for event in dossier.events.order_by("at", "pk")
        if event.action in ACTION_TEXT
    ]


def _event_data(dossier: Dossier, action: str) -> dict[str, Any]:
    event = dossier.events.filter(action=action).order_by("-at", "-pk").first()
    return dict(event.data or {}) if event is not None else {}


def _evaluate_url(code: str) -> str:
    try:
        return reverse("portal:evaluate", args=[code])
    except NoReverseMatch:  # the evaluation pages are not there yet: their address is a contract (urls.py)
        return f"/danh-gia/{code}/"


def dossier_context(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    """What the dossier's page shows (the state, dates, history, what is asked of the applicant, the result)."""
    apology = Apology.objects.filter(dossier=dossier).first()
    has_result = dossier.status in WITH_RESULT
    online_result = has_result and delivers_online(dossier)
    supplement = supplement_request(dossier) if dossier.status == Status.AWAITING_SUPPLEMENT else None
    return {
        "dossier": dossier,
        "status_text": STATUS_TEXT.get(Status(dossier.status), dossier.get_status_display()),
        "applicant": masked_name(dossier.applicant_name),
        "desk": dossier.desk,
        "apology": apology,
        "steps": history(dossier),
        "supplement": supplement,
        "supplement_reason": (supplement.data or {}).get("reason", "") if supplement else "",
        "items": requested_items(dossier) if supplement else [],
        "fee": _event_data(dossier, Action.REQUEST_FEE) if dossier.status == Status.AWAITING_FEE else None,
        "bring_to_desk": _event_data(dossier, Action.RECEIVE).get("bring_to_desk") or [] if dossier.is_open else [],
        "portal_max_mb": settings.CCHC_PORTAL_UPLOAD_MAX_MB,
        "has_result": has_result,
        "online_result": online_result,
        "results": list(dossier.documents.filter(kind=DocumentKind.RESULT).order_by("pk")) if online_result else [],
        "evaluate_url": _evaluate_url(dossier.code) if can_be_evaluated(dossier) else "",
    }


@require_safe
def tracking_dossier(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _proven(request, code)
    context = {**dossier_context(request, dossier), "once": OneTimeTokenForm(), "errors": []}
    return render(request, "portal/tracking/dossier.html", context)


@require_http_methods(["POST"])
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    """The requested supplement sent online: a file per listed document (`tep-<n>`), any others (`tep-khac`)."""
    dossier = _proven(request, code)
    once = OneTimeTokenForm(request.POST)
    items = requested_items(dossier)
    files = [(item, request.FILES.get(f"tep-{number}")) for number, item in enumerate(items)]
    files += [("", file) for file in request.FILES.getlist("tep-khac")]
    note = request.POST.get("ghi-chu", "").strip()[:1000]
    errors: list[str] = []
    if not once.is_valid():
        errors = [str(e) for e in once.non_field_errors()]
        once = OneTimeTokenForm()
    else:
        if not request.session.session_key:
            request.session.save()

        def send() -> str:
            services.dossier_supplement_online(dossier=dossier, files=files, note=note)
            return reverse("portal:tracking_dossier", args=[dossier.code])

        try:
            url, created = create_once(
                by=None, token=once.token, create=send, session_key=request.session.session_key or ""
            )
        except (TransitionError, FormTokenError) as exc:
            errors = [str(exc)]
            once = OneTimeTokenForm()
        else:
            if created:
                messages.success(request, _("Thank you: the supplement was sent and the processing goes on."))
            else:
                messages.info(request, ALREADY_SENT)
            return redirect(url)
    dossier.refresh_from_db()
    context = {**dossier_context(request, dossier), "once": once, "errors": errors, "note": note}
    return render(request, "portal/tracking/dossier.html", context)


@require_GET
def result(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """The result file of a full-online dossier; its first download is the delivery (services.dossier_take_result)."""
    dossier = _proven(request, code)
    document = get_object_or_404(DossierDocument, pk=pk, dossier=dossier, kind=DocumentKind.RESULT)
    if dossier.status not in WITH_RESULT or not delivers_online(dossier) or not document.file:
        raise Http404
    try:
        services.dossier_take_result(dossier=dossier, document=document)
    except TransitionError as exc:
        raise Http404 from exc
    stored = document.file.name.rsplit("/", 1)[-1]
    extension = stored.rpartition(".")[2] if "." in stored else "pdf"
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"ket-qua-{dossier.code}.{extension}",
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns: list[URLPattern] = [
    path("tra-cuu/", tracking, name="tracking"),
    path("tra-cuu/<str:code>/", tracking_dossier, name="tracking_dossier"),
    path("tra-cuu/<str:code>/bo-sung/", supplement, name="supplement"),
    path("tra-cuu/<str:code>/ket-qua/<int:pk>/", result, name="result"),
]
