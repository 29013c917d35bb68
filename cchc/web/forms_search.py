"""The staff search's form (issue 9, point 2): the words, and filters by status, period received and unit."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.accounts import access
from cchc.dossiers.states import Status
from cchc.lib.periods import PeriodError, parse_period
from cchc.lib.text import CleanTextMixin
from cchc.units.models import Unit


class SearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    period = forms.CharField(
        label=_("Received in"),
        max_length=40,
        required=False,
        help_text=_("A quarter (Q3/2023), a month (9/2023), 6 tháng đầu năm 2023 or a year (2023)."),
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All"))
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *Status.choices]
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = access.units_for_figures(user).order_by("path")

    def clean_period(self):
        text = (self.cleaned_data.get("period") or "").strip()
        if not text:
            return None
        try:
            return parse_period(text)
        except PeriodError:
            raise forms.ValidationError(
                _("%(value)s is not a period: write, for example, Q3/2023, 9/2023 or 2023."), params={"value": text}
            ) from None

    def filters(self) -> dict:
        data = self.cleaned_data
        return {"status": data.get("status") or "", "period": data.get("period"), "unit": data.get("unit")}
