"""Forms check the shape of what the officer types (and of import rows); the services do the rest."""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.lib.text import CleanTextMixin
from cchc.units.models import Unit, UnitLevel

from .models import SECTION_MODELS, ReportSettings, SectionRow, Training
from .services import SETTINGS_FIELDS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class SectionRowForm(CleanTextMixin, forms.ModelForm):
    """Base of the per-section forms; `unit` limits the units a training may name to its district."""

    def __init__(self, *args, unit: Unit | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_FORMATS
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 3)
        if "units" in self.fields and unit is not None:
            top = unit.parent if unit.level == UnitLevel.COMMUNE and unit.parent else unit
            units = cast(forms.ModelMultipleChoiceField, self.fields["units"])
            units.queryset = top.descendants(include_self=True).exclude(level=UnitLevel.OFFICE)


@cache
def section_form_class(kind: str) -> type[SectionRowForm]:
    """The form of one section (a SECTION_MODELS key): exactly the fields the officer enters."""
    model: type[SectionRow] = SECTION_MODELS[kind]
    options: dict[str, Any] = {"model": model, "fields": list(model.data_fields)}
    if model is Training:
        options["widgets"] = {"units": forms.CheckboxSelectMultiple}
    attrs = {"Meta": type("Meta", (), options)}
    return type(f"{model.__name__}Form", (SectionRowForm,), attrs)


class CorrectionReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The period has been submitted: the change is logged with this reason."),
    )


class PeriodChoiceForm(CleanTextMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), to_field_name="code")
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=[(q, q) for q in range(1, 5)], coerce=int)

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


class ReportSettingsForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = ReportSettings
        fields = list(SETTINGS_FIELDS)
        widgets = {
            "recipients": forms.Textarea(attrs={"rows": 4}),
            "distribution": forms.Textarea(attrs={"rows": 6}),
            "basis": forms.Textarea(attrs={"rows": 3}),
        }
