"""The work list (danh sách công việc): each role lands on the job waiting for it, in tabs with counts.

The queues (tabs) and their filters are cchc.dossiers.selectors' (`worklist`); this module reads the filters off
the request, pages the rows and sends each person to their first page after log-in (`landing`).
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from cchc.accounts import access
from cchc.accounts.models import Membership, Role, User
from cchc.dossiers import selectors
from cchc.dossiers.states import Status
from cchc.lib.text import CleanTextMixin
from cchc.procedures.models import Procedure
from cchc.units.models import Unit

from .http import acting_user, is_htmx
from .permissions import staff_required
from .views import _handled_ids

PAGE_SIZE = 50

QUEUE_LABELS = {
    selectors.APPROVE: _("To approve"),
    selectors.APOLOGY: _("Apologies to sign"),
    selectors.ASSIGNED: _("Assigned to me"),
    selectors.CHECK: _("New receptions"),
    selectors.GUIDE: _("Incomplete: to guide"),
    selectors.SUPPLEMENTED: _("Supplements arrived"),
    selectors.HANDOVER: _("Results to hand over"),
    selectors.MINE: _("My dossiers"),
    selectors.UNIT: _("My units' dossiers"),
}
QUEUE_HELP = {
    selectors.APPROVE: _("Dossiers submitted to you for approval."),
    selectors.APOLOGY: _(
        "Open dossiers overdue or due within one working day with no apology letter yet: the leader signs the "
        "apology letter no later than one day before the deadline."
    ),
    selectors.ASSIGNED: _(
        'The dossiers assigned to you to process; those marked "Supplement arrived" came back with the '
        "applicant's supplement."
    ),
    selectors.CHECK: _("Dossiers received at your desk and not yet passed on, including online ones to check."),
    selectors.GUIDE: _("Incomplete dossiers waiting for the applicant's supplement: guide the applicant once."),
    selectors.SUPPLEMENTED: _(
        "The supplement came in for a dossier nobody handles yet (asked at reception): check it and assign it. "
        "A dossier with a handler goes back to the handler's list."
    ),
    selectors.HANDOVER: _("Results and refusals ready to hand over to the applicant."),
    selectors.MINE: _("The open dossiers assigned to you or received by you."),
    selectors.UNIT: _("All open dossiers of your units."),
}
FLAG_LABELS = {
    selectors.OVERDUE: _("Overdue"),
    selectors.DUE_SOON: _("Due within a working day"),
    selectors.WAITING: _("Waiting for the applicant"),
}
SORT_LABELS = {
    "due": _("Deadline, soonest first"),
    "-received": _("Received, newest first"),
    "received": _("Received, oldest first"),
}
_STATUSES = [
    s for s in Status if s not in (Status.DELIVERED, Status.WITHDRAWN, Status.RETURNED)
]  # open ones and the results still to hand over


class _OfficerField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.username


class WorklistForm(CleanTextMixin, forms.Form):
    tab = forms.ChoiceField(required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All my units")
    )
    procedure = forms.ModelChoiceField(
        label=_("Procedure"), queryset=Procedure.objects.none(), required=False, empty_label=_("All procedures")
    )
    handler = _OfficerField(
        label=_("Handler"), queryset=User.objects.none(), required=False, empty_label=_("All handlers")
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    loc = forms.MultipleChoiceField(
        label=_("Deadline"), choices=list(FLAG_LABELS.items()), required=False, widget=forms.CheckboxSelectMultiple
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=list(SORT_LABELS.items()), required=False)
    page = forms.IntegerField(min_value=1, required=False)

    def __init__(self, data, *, user: User, queues: list[str]):
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["tab"]).choices = [(q, QUEUE_LABELS[q]) for q in queues]
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = access.user_units(user).order_by("path")
        statuses = [("", _("All statuses")), *((s.value, s.label) for s in _STATUSES)]
        cast(forms.ChoiceField, self.fields["status"]).choices = statuses
        # Any procedure or officer may be asked for; the lists offered are those of the tab (`narrow_choices`).
        cast(forms.ModelChoiceField, self.fields["procedure"]).queryset = Procedure.objects.all()
        handler = cast(forms.ModelChoiceField, self.fields["handler"])
        handler.queryset = User.objects.filter(
            pk__in=Membership.objects.filter(unit__in=access.user_units(user)).values("user")
        )

    def narrow_choices(self, tab_rows) -> None:
        """Offer only the procedures and handlers of the tab's dossiers (with the other filters applied)."""
        procedures = Procedure.objects.filter(pk__in=tab_rows.values("procedure_id"))
        handlers = User.objects.filter(pk__in=tab_rows.values("assigned_to_id"))
        chosen = self.cleaned_data if self.is_valid() else {}
        if chosen.get("procedure"):
            procedures = procedures | Procedure.objects.filter(pk=chosen["procedure"].pk)
        if chosen.get("handler"):
            handlers = handlers | User.objects.filter(pk=chosen["handler"].pk)
        cast(forms.ModelChoiceField, self.fields["procedure"]).queryset = procedures.order_by("name")
        cast(forms.ModelChoiceField, self.fields["handler"]).queryset = handlers.order_by("full_name", "username")


def _query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string less `names` (for the tab and page links, which keep the other filters)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@staff_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    queues = selectors.worklist_queues(user)
    form = WorklistForm(request.GET, user=user, queues=queues)
    data = form.cleaned_data if form.is_valid() else {}
    tab = data.get("tab") or queues[0]
    flags = tuple(data.get("loc") or ())
    # ?truc-tuyen=1: the online dossiers the desk has still to check (Decree 61/2018 Art. 17(2)).
    online = request.GET.get("truc-tuyen") == "1"
    if online:
        flags += (selectors.ONLINE_TO_CHECK,)
    sort = data.get("sort") or "due"
    result = selectors.worklist(
        user,
        tab,
        unit=data.get("unit"),
        procedure_id=data["procedure"].pk if data.get("procedure") else None,
        handler_id=data["handler"].pk if data.get("handler") else None,
        status=data.get("status") or "",
        flags=flags,
        sort=sort,
    )
    form.narrow_choices(result.tab_rows)
    total = result.counts[tab]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(data.get("page") or 1, pages)
    shown = list(result.rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    tab_query = _query_without(request, "tab", "page")
    context = {
        "form": form,
        "tab": tab,
        "tab_help": QUEUE_HELP[tab],
        "tabs": [
            {"key": q, "label": QUEUE_LABELS[q], "count": result.counts[q], "query": f"tab={q}&{tab_query}"}
            for q in queues
        ],
        "online": online,
        "rows": shown,
        "total": total,
        "page": page,
        "pages": pages,
        "first_shown": (page - 1) * PAGE_SIZE + 1 if shown else 0,
        "last_shown": (page - 1) * PAGE_SIZE + len(shown),
        "page_query": _query_without(request, "page"),
        "sort": sort,
        "handled": _handled_ids(request, shown),
    }
    template = "web/worklist.html#rows" if is_htmx(request) else "web/worklist.html"
    return render(request, template, context)


@staff_required
@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    """The first page after log-in: the work list for those with a job queue, the report page for the others
    (the reform officer)."""
    user = acting_user(request)
    if user.is_superuser or any(q in selectors.JOB_QUEUES for q in selectors.worklist_queues(user)):
        return redirect("web:worklist")
    if Membership.objects.filter(user=user, role__in=[Role.REFORM_OFFICER, Role.LEADER]).exists():
        return redirect("reports:report")
    return redirect("web:worklist")
