"""The portal's evaluation pages: `/danh-gia/<code>/` for a dossier the visitor proved to hold (its tracking page,
or its online submission, in this browser session), once its result is out; then a thank-you page.

Anonymous (Decree 61/2018 Art. 27): the evaluation stores no visitor; the form asks for nothing personal.
"""

from __future__ import annotations

import urllib.parse

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods, require_safe

from cchc.accounts.services import FormTokenError, create_once, form_token_result
from cchc.dossiers.models import Channel, Dossier
from cchc.feedback.evaluation_forms import EvaluationForm
from cchc.feedback.evaluations import EVALUABLE, already_evaluated, evaluation_submit
from cchc.feedback.models import EvaluationChannel
from cchc.portal.access import proven_dossier
from cchc.web.forms import OneTimeTokenForm


def _dossier(request: HttpRequest, code: str) -> Dossier:
    dossier = proven_dossier(request, code)
    if dossier is None:
        raise Http404("No such dossier.")
    return dossier


def tracking_url(dossier: Dossier) -> str:
    """The dossier's tracking page (this session proved it: the code alone is enough to open it again)."""
    return f"{reverse('portal:tracking')}?{urllib.parse.urlencode({'ma': dossier.code})}"


def _context(dossier: Dossier, **extra) -> dict:
    return {"dossier": dossier, "tracking_url": tracking_url(dossier), **extra}


@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    once = OneTimeTokenForm(request.POST or None)
    if request.method == "POST" and once.is_valid() and request.session.session_key:
        try:
            earlier = form_token_result(by=None, token=once.token, session_key=request.session.session_key)
        except FormTokenError:
            earlier = None
        if earlier:  # the same form sent again (a double click): the page the first post led to
            return redirect(earlier)
    if already_evaluated(dossier):
        return render(request, "portal/evaluation/closed.html", _context(dossier, reason="done"))
    if dossier.status not in EVALUABLE:
        return render(request, "portal/evaluation/closed.html", _context(dossier, reason="not_yet"))
    online = dossier.channel == Channel.ONLINE
    form = EvaluationForm(request.POST or None, online=online)
    if request.method == "POST" and form.is_valid():
        if not once.is_valid():
            form.add_error(None, once.non_field_errors())
            once = OneTimeTokenForm()  # the page shown again carries a fresh token
        else:
            if not request.session.session_key:
                request.session.save()

            def submit() -> str:
                evaluation_submit(dossier=dossier, channel=EvaluationChannel.ONLINE, **form.answers())
                return reverse("portal:evaluate_thanks", args=[dossier.code])

            try:
                url, _created = create_once(
                    by=None, token=once.token, create=submit, session_key=request.session.session_key or ""
                )
            except ValidationError as exc:
                if already_evaluated(dossier):  # another post of another page came first
                    return render(request, "portal/evaluation/closed.html", _context(dossier, reason="done"))
                form.add_error(None, exc.messages)
            except FormTokenError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect(url)
    return render(request, "portal/evaluation/form.html", _context(dossier, form=form, once=once, online=online))


@require_safe
def thanks(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    return render(request, "portal/evaluation/thanks.html", _context(dossier))


urlpatterns: list[URLPattern] = [
    path("danh-gia/<str:code>/", evaluate, name="evaluate"),
    path("danh-gia/<str:code>/cam-on/", thanks, name="evaluate_thanks"),
]
