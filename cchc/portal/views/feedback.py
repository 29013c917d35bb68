"""The portal's feedback and petitions (phản ánh, kiến nghị): `/phan-anh/` the form and the published answers,
`/phan-anh/<reference>/` one feedback's state.

Abuse: the feedback sent from one client address is limited per hour (CCHC_FEEDBACK_PER_ADDRESS_PER_HOUR, counted
by cchc.portal.ratelimit in the cache: 429 past it, nothing stored); a honeypot field, hidden by the style sheet,
that a person leaves empty; a one-time token, so a double click answers with the first feedback.

A dossier named by its code is linked (and the feedback goes to its desk) only when the visitor proved to hold it:
remembered in this browser session (cchc.portal.access) or the sender's phone is the applicant's. Otherwise the
code is kept as text in the content, and the answer is the same either way: the form tells a stranger nothing about
a dossier.
"""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from cchc.accounts.services import FormTokenError, create_once, form_token_result
from cchc.dossiers.models import Dossier
from cchc.feedback import petitions, petitions_selectors
from cchc.feedback.models import FeedbackChannel, FeedbackKind
from cchc.portal import access, ratelimit
from cchc.procedures.selectors import public_procedures

SESSION_KEY = "portal_feedback"
REMEMBERED = 20
PER_PAGE = 10
TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def feedback_rate() -> ratelimit.Rate:
    return ratelimit.Rate("feedback-address", settings.CCHC_FEEDBACK_PER_ADDRESS_PER_HOUR, 3600)


class FeedbackForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Sent to"))
    kind = forms.ChoiceField(
        label=gettext_lazy("About"), choices=FeedbackKind.choices, widget=forms.RadioSelect, initial="regulation"
    )
    procedure = forms.CharField(label=gettext_lazy("Procedure code"), required=False, max_length=40)
    dossier_code = forms.CharField(label=gettext_lazy("Dossier code"), required=False, max_length=40)
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=petitions.SUBJECT_MAX)
    content = forms.CharField(
        label=gettext_lazy("Content"),
        max_length=petitions.CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    sender_name = forms.CharField(label=gettext_lazy("Full name"), max_length=petitions.NAME_MAX)
    sender_phone = forms.CharField(label=gettext_lazy("Phone"), required=False, max_length=32)
    sender_email = forms.CharField(label=gettext_lazy("E-mail"), required=False, max_length=254)
    sender_address = forms.CharField(label=gettext_lazy("Address"), required=False, max_length=petitions.ADDRESS_MAX)
    # The honeypot: hidden by portal.css (.p-hp), so a person never fills it in; a robot filling every field does.
    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "fb-%s")
        super().__init__(*args, **kwargs)
        self.groups = petitions_selectors.units_to_address()
        self.units = {u.code: u for _name, units in self.groups for u in units}
        choices: list = [("", _("Choose the unit…"))]
        choices += [(name, [(u.code, u.name) for u in units]) for name, units in self.groups]
        self.fields["unit"].choices = choices
        self.fields["form_token"].initial = secrets.token_urlsafe(32)
        self.fields["sender_phone"].widget.input_type = "tel"
        self.fields["sender_email"].widget.input_type = "email"
        self.fields["sender_phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["sender_email"].widget.attrs["autocomplete"] = "email"
        self.fields["sender_name"].widget.attrs["autocomplete"] = "name"
        self.fields["sender_address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for name in ("sender_phone", "sender_email"):
            self.fields[name].widget.attrs["aria-describedby"] = "fb-contact-help"

    def clean_procedure(self):
        code = self.cleaned_data["procedure"].strip()
        if not code:
            return None
        procedure = public_procedures().filter(code=code).first()
        if procedure is None:
            raise ValidationError(_("No posted procedure has the code %(code)s.") % {"code": code})
        return procedure

    def clean_unit(self):
        unit = self.units.get(self.cleaned_data["unit"])
        if unit is None:
            raise ValidationError(_("Choose the unit the feedback is addressed to."))
        return unit

    @property
    def token(self) -> str:
        token = (self.data.get("form_token") or "") if self.is_bound else ""
        return token if 20 <= len(token) <= 64 and set(token) <= TOKEN_CHARS else ""


def _session_key(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


def _remember(request: HttpRequest, code: str) -> None:
    codes = [c for c in request.session.get(SESSION_KEY, []) if c != code]
    request.session[SESSION_KEY] = [code, *codes][:REMEMBERED]


def _proven_dossier(request: HttpRequest, code: str, phone: str) -> Dossier | None:
    """The dossier `code` if the visitor proved to hold it (this session, or the applicant's phone), else None."""
    if not code:
        return None
    dossier = access.proven_dossier(request, code)
    if dossier is None and phone:
        candidate = Dossier.objects.select_related("receiving_unit", "current_desk_unit").filter(code=code).first()
        if candidate is not None and access.matches(candidate, phone=phone):
            dossier = candidate
    return dossier


def _page(request: HttpRequest, form: FeedbackForm, *, status: int = 200) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:200]
    paginator = Paginator(petitions_selectors.published_feedback(q), PER_PAGE)
    page = paginator.get_page(request.GET.get("trang"))
    published = [petitions_selectors.public_view(f) for f in page.object_list]
    context = {"form": form, "q": q, "page": page, "published": published}
    return render(request, "portal/feedback/index.html", context, status=status)


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    """The feedback form, and below it the published answers."""
    if request.method != "POST":
        initial = {}
        procedure = public_procedures().filter(code=(request.GET.get("thu-tuc") or "").strip()[:40]).first()
        if procedure is not None:
            initial["procedure"] = procedure.code
        if request.GET.get("ma"):
            initial["dossier_code"] = request.GET["ma"].strip()[:40]
            initial["kind"] = FeedbackKind.CONDUCT
        return _page(request, FeedbackForm(initial=initial))

    form = FeedbackForm(request.POST)
    session_key = _session_key(request)
    if form.token:
        try:
            earlier = form_token_result(by=None, token=form.token, session_key=session_key)
        except FormTokenError as exc:
            form.full_clean()
            form.add_error(None, str(exc))
            return _page(request, form, status=400)
        if earlier:  # a double click or a resent form: the feedback the first post made
            messages.info(request, _("This form had already been sent: here is your feedback."))
            return redirect(earlier)
    address = ratelimit.client_address(request)
    wait = ratelimit.blocked([(feedback_rate(), address)])
    if wait:
        return ratelimit.too_many_requests(
            request,
            retry_after=wait,
            message=_("Too much feedback was sent from your connection in the last hour. Nothing was recorded."),
            context={"back_url": reverse("portal:feedback")},
        )
    valid = form.is_valid()
    if form.data.get("website"):
        ratelimit.record([(feedback_rate(), address)])
        form.add_error(None, _("The feedback could not be sent. Reload the page and try again."))
        return _page(request, form, status=400)
    if not form.token:
        form.add_error(None, _("The form has no valid one-time token: reload the page and send the form again."))
        valid = False
    if not valid:
        return _page(request, form, status=400)

    data = form.cleaned_data
    dossier_code = data["dossier_code"].strip()
    dossier = _proven_dossier(request, dossier_code, data["sender_phone"])
    content = data["content"]
    if dossier_code and dossier is None:
        content = _("Dossier code given: %(code)s") % {"code": dossier_code} + "\n\n" + content
    made = []

    def receive() -> str:
        item = petitions.feedback_receive(
            unit=data["unit"],
            dossier=dossier,
            procedure=data["procedure"],
            kind=data["kind"],
            channel=FeedbackChannel.PORTAL,
            subject=data["subject"],
            content=content,
            sender_name=data["sender_name"],
            sender_phone=data["sender_phone"],
            sender_email=data["sender_email"],
            sender_address=data["sender_address"],
        )
        made.append(item)
        return reverse("portal:feedback_detail", args=[item.code])

    try:
        url, created = create_once(by=None, token=form.token, create=receive, session_key=session_key)
    except FormTokenError as exc:
        form.add_error(None, str(exc))
        return _page(request, form, status=400)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _page(request, form, status=400)
    if created:
        item = made[0]
        ratelimit.record([(feedback_rate(), address)])
        _remember(request, item.code or "")
        due = formats.date_format(timezone.localtime(item.due_at), "d/m/Y") if item.due_at else ""
        messages.success(
            request,
            _("Your feedback was received: reference %(code)s. %(unit)s answers it by %(due)s.")
            % {"code": item.code, "unit": item.unit.name, "due": due},
        )
    else:
        messages.info(request, _("This form had already been sent: here is your feedback."))
    return redirect(url)


@require_safe
def feedback_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One feedback's state by its reference: received or answered, the due date; its words and the answer when
    published, or to the browser that sent it. Never the sender's name or contacts, nor the officer who answered."""
    item = petitions_selectors.feedback_by_code(code)
    if item is None:
        raise Http404
    sender = item.code in request.session.get(SESSION_KEY, [])
    view = petitions_selectors.public_view(item, sender=sender)
    return render(request, "portal/feedback/detail.html", {"item": view, "sender": sender})


urlpatterns: list[URLPattern] = [
    path("phan-anh/", feedback, name="feedback"),
    path("phan-anh/<str:code>/", feedback_detail, name="feedback_detail"),
]
