"""The evaluation form the applicant fills in, on the portal (`online`) and on the desk's tablet (`kiosk`).

The questions are the criteria of Decree 61/2018 Art. 31(1) that the applicant answers, in plain words; only the
overall satisfaction is required. The online-service question is asked only for a dossier submitted online
(Art. 31(1)(h)); the tablet asks the few questions a citizen answers standing at the counter.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .evaluations import COMMENT_MAX
from .models import Agencies, Contacts, Satisfaction

YES_NO = [("no", _("No")), ("yes", _("Yes"))]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _scale(label: Any, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=Satisfaction.choices, widget=forms.RadioSelect, required=required)


def _levels(label: Any, choices: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, empty_value=None, widget=forms.RadioSelect, required=False
    )


class EvaluationForm(forms.Form):
    satisfaction = _scale(_("Overall, how satisfied are you with how your dossier was handled?"), required=True)
    timeliness = _scale(_("The time it took to get your result"))
    contacts = _levels(
        _("How many times did you have to come back or get in touch to complete your dossier?"), Contacts.choices
    )
    agencies = _levels(_("Which offices did you have to go to?"), Agencies.choices)
    information = _scale(_("The information on the procedure (posted at the desk and on the portal)"))
    attitude = _scale(_("The officers' attitude towards you"))
    extra_costs = forms.TypedChoiceField(
        label=_("Were you asked to pay anything beyond the fees the law sets?"),
        choices=YES_NO,
        coerce=_yes_no,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    online_quality = _scale(_("The online service (sending and following your dossier on the portal)"))
    comment = forms.CharField(
        label=_("Anything else you want to tell us (optional)"),
        help_text=_("Do not write your name or your ID number: the evaluation is anonymous."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=COMMENT_MAX,
        required=False,
    )

    # The questions of the desk's tablet: the faces and the few criteria of Circular 01/2018 Art. 13 (indices 1,
    # 3, 4 and 7) and of the costs; no free text (a citizen standing at the counter, and nothing personal typed).
    KIOSK_FIELDS = ("satisfaction", "timeliness", "contacts", "agencies", "attitude", "extra_costs", "online_quality")

    def __init__(self, *args: Any, online: bool, kiosk: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not online:
            del self.fields["online_quality"]
        if kiosk:
            for name in list(self.fields):
                if name not in self.KIOSK_FIELDS:
                    del self.fields[name]

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as evaluation_submit takes them."""
        data = self.cleaned_data
        out: dict[str, Any] = {"satisfaction": data["satisfaction"]}
        for name in ("timeliness", "information", "attitude", "online_quality", "comment"):
            if name in self.fields:
                out[name] = data.get(name) or ""
        for name in ("contacts", "agencies", "extra_costs"):
            if name in self.fields:
                out[name] = data.get(name)
        return out
