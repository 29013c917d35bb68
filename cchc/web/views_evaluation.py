"""The desk's evaluation tablet (kiosk, Decree 61/2018 Art. 29: "electronic devices at the desk").

A desk officer opens /can-bo/kiosk/ on the counter's tablet. Step 1: the citizen types the dossier code of the
receipt, or scans its QR code (the tracking address: its `ma=` is read). Step 2: large buttons, the faces and the
few criteria. Step 3: "thank you", back to step 1 after CCHC_KIOSK_THANKS_SECONDS; any step goes back to step 1
after CCHC_KIOSK_IDLE_SECONDS without a touch (static/js/kiosk.js; without JavaScript a meta refresh does it).

Only dossiers of the officer's desk units, with a result. The pages show no personal data: neither the
applicant's nor the officer's name (the tablet faces the public), and they have no staff menu. The evaluation
stores no user (anonymous); the officer only keys the one-time token that makes a double tap safe.
"""

from __future__ import annotations

import re
import urllib.parse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from cchc.accounts import access
from cchc.accounts.models import Role, User
from cchc.accounts.services import FormTokenError, create_once, form_token_result
from cchc.dossiers.models import Channel, Dossier
from cchc.feedback.evaluation_forms import EvaluationForm
from cchc.feedback.evaluations import EVALUABLE, already_evaluated, evaluation_submit
from cchc.feedback.models import EvaluationChannel
from cchc.web.forms import OneTimeTokenForm
from cchc.web.http import acting_user
from cchc.web.permissions import desk_officer_required

# What a dossier code may look like once read off the input (the receipt's code, `<agency>-<YYMMDD>-<NNNN>`, or an
# imported system's): letters, digits, dots, dashes, slashes and underscores.
CODE = re.compile(r"[A-Za-z0-9._/-]{1,64}")


def read_code(text: str) -> str:
    """The dossier code typed, or read by a scanner off the receipt's QR code (the tracking address
    `https://.../tra-cuu/?ma=CODE&bi-mat=SECRET`: only `ma` is kept, the secret is never used here)."""
    text = (text or "").strip()
    if "ma=" in text:
        query = urllib.parse.urlsplit(text).query or text.split("?", 1)[-1]
        text = (urllib.parse.parse_qs(query).get("ma") or [""])[0].strip()
    text = text.replace(" ", "")
    return text if CODE.fullmatch(text) else ""


def _timers() -> dict[str, int]:
    return {
        "idle_seconds": int(getattr(settings, "CCHC_KIOSK_IDLE_SECONDS", 60)),
        "thanks_seconds": int(getattr(settings, "CCHC_KIOSK_THANKS_SECONDS", 8)),
    }


def desk_dossiers(user: User):
    """Dossiers at the desks where `user` is a desk officer (the desk now holding it: its receiving unit, or the
    successor that took over the desk)."""
    units = access.user_units(user, roles=[Role.DESK_OFFICER])
    at_desk = Q(current_desk_unit__in=units) | Q(current_desk_unit__isnull=True, receiving_unit__in=units)
    return Dossier.objects.filter(at_desk).select_related("procedure")


def _find(user: User, text: str) -> tuple[Dossier | None, str]:
    """The dossier to evaluate and "", or None and the message to show on step 1."""
    code = read_code(text)
    if not code:
        return None, _("Type the dossier code printed on your receipt, or scan its QR code.")
    dossier = desk_dossiers(user).filter(code__iexact=code).first()
    if dossier is None:
        return None, _("No dossier of this desk has the code %(code)s. Check the code on your receipt.") % {
            "code": code
        }
    if already_evaluated(dossier):
        return None, _("Dossier %(code)s has already been evaluated. Thank you!") % {"code": dossier.code}
    if dossier.status not in EVALUABLE:
        return None, _("Dossier %(code)s has no result yet: you can evaluate it once you receive the result.") % {
            "code": dossier.code
        }
    return dossier, ""


def _step1(request: HttpRequest, message: str = "", typed: str = "") -> HttpResponse:
    context = {"message": message, "typed": typed, "step": 1, **_timers()}
    return render(request, "web/kiosk/start.html", context)


@desk_officer_required
@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    source = request.POST if request.method == "POST" else request.GET
    typed = source.get("ma", "")
    if request.method == "GET" and not typed:
        return _step1(request)
    once = OneTimeTokenForm(request.POST or None)
    if request.method == "POST" and once.is_valid():
        try:
            earlier = form_token_result(by=user, token=once.token) or ""
        except FormTokenError:
            earlier = ""
        if earlier:  # a double tap: the thank-you page the first tap led to
            return redirect(earlier)
    dossier, message = _find(user, typed)
    if dossier is None:
        return _step1(request, message, typed if request.method == "GET" else "")
    form = EvaluationForm(request.POST or None, online=dossier.channel == Channel.ONLINE, kiosk=True)
    if request.method == "POST" and form.is_valid():
        if not once.is_valid():
            form.add_error(None, once.non_field_errors())
            once = OneTimeTokenForm()
        else:
            target = dossier

            def submit() -> str:
                evaluation_submit(dossier=target, channel=EvaluationChannel.KIOSK, **form.answers())
                return reverse("web:kiosk_thanks")

            try:
                url, _created = create_once(by=user, token=once.token, create=submit)
            except ValidationError as exc:
                return _step1(request, " ".join(exc.messages))
            except FormTokenError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect(url)
    context = {"dossier": dossier, "form": form, "once": once, "step": 2, **_timers()}
    return render(request, "web/kiosk/evaluate.html", context)


@desk_officer_required
@require_safe
def kiosk_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "web/kiosk/thanks.html", {"step": 3, **_timers()})
