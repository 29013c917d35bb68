"""The staff pages of feedback and petitions (phản ánh, kiến nghị): `/can-bo/phan-anh/` the list of the user's
units' feedback (overseers read the units below theirs), `/can-bo/phan-anh/<pk>/` one feedback with its answer form.

The sender's name and contacts are shown only to the members of the unit the feedback was sent to, who alone
answer it (cchc.feedback.petitions.can_answer); a district's leaders and reform officers read the communes'
feedback without them. A feedback outside what the user may read is a 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cchc.accounts import access
from cchc.feedback import petitions, petitions_selectors
from cchc.feedback.models import Feedback
from cchc.lib.ids import is_pk
from cchc.lib.text import CleanTextMixin

from .http import acting_user
from .permissions import staff_required

LIST_LIMIT = 300
STATE_LABELS = {
    "unanswered": gettext_lazy("Not answered"),
    "overdue": gettext_lazy("Overdue"),
    "answered": gettext_lazy("Answered"),
    "all": gettext_lazy("All"),
}


class FeedbackFilterForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("Show"), choices=list(STATE_LABELS.items()), required=False)
    unit = forms.ChoiceField(label=gettext_lazy("Unit"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in access.units_for_figures(user).order_by("path")}
        self.fields["unit"].choices = [("", _("All my units"))] + [(pk, u.name) for pk, u in self.units.items()]

    def params(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"state": "unanswered", "unit": None}
        data = self.cleaned_data
        return {"state": data["state"] or "unanswered", "unit": self.units.get(data["unit"] or "")}


class AnswerForm(CleanTextMixin, forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer"), max_length=petitions.ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    publish = forms.BooleanField(label=gettext_lazy("Publish the answer on the portal"), required=False)
    public_subject = forms.CharField(
        label=gettext_lazy("Subject as published"), max_length=petitions.SUBJECT_MAX, required=False
    )
    public_content = forms.CharField(
        label=gettext_lazy("Content as published"),
        max_length=petitions.CONTENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Take out any name, phone number, address or ID number the sender wrote: this text is public."
        ),
    )


def _visible(request: HttpRequest, pk: str) -> Feedback:
    if not is_pk(pk):
        raise Http404
    feedback = (
        petitions_selectors.feedback_visible_to(request.user)
        .select_related("unit", "dossier", "procedure", "answered_by")
        .filter(pk=int(pk))
        .first()
    )
    if feedback is None:
        raise Http404("No such feedback.")
    return feedback


@staff_required
@require_GET
def feedback_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = FeedbackFilterForm(request.GET or None, user=user)
    params = form.params()
    now = timezone.now()
    rows = petitions_selectors.staff_list(user, state=params["state"], unit=params["unit"], now=now)
    shown = list(rows[:LIST_LIMIT])
    member_units = petitions_selectors.member_unit_ids(user)
    context = {
        "form": form,
        "rows": shown,
        "total": rows.count(),
        "limit": LIST_LIMIT,
        "now": now,
        "state": params["state"],
        "member_units": member_units,
    }
    return render(request, "web/feedback_list.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def feedback_detail(request: HttpRequest, pk: str) -> HttpResponse:
    user = acting_user(request)
    feedback = _visible(request, pk)
    member = petitions_selectors.is_member(user, feedback)
    answerable = feedback.answered_at is None and petitions.can_answer(user, feedback)
    initial = {"public_subject": feedback.subject, "public_content": feedback.content}
    form = AnswerForm(request.POST or None, initial=initial) if answerable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the unit the feedback was sent to can answer it, once."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                petitions.feedback_answer(
                    feedback=feedback,
                    by=user,
                    answer=data["answer"],
                    publish=data["publish"],
                    public_subject=data["public_subject"],
                    public_content=data["public_content"],
                )
            except ValidationError as exc:
                for field, errors in getattr(exc, "error_dict", {None: exc.error_list}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _("The answer was recorded and published on the portal.")
                    if data["publish"]
                    else _("The answer was recorded."),
                )
                return redirect("web:feedback_detail", pk=feedback.pk)
    now = timezone.now()
    context = {
        "feedback": feedback,
        "personal": member,
        "form": form,
        "overdue": feedback.answered_at is None and feedback.due_at is not None and feedback.due_at < now,
        "on_time": feedback.answered_at is not None
        and (feedback.due_at is None or feedback.answered_at <= feedback.due_at),
    }
    return render(request, "web/feedback_detail.html", context, status=400 if form is not None and form.errors else 200)
