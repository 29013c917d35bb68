"""The portal's online submission form: one form per procedure, built from its list of documents.

The form checks what a browser can get wrong (required fields, the shape of an ID number or tax code, an e-mail);
the service (cchc.dossiers.services.online) checks everything again and the files themselves, and its problems are
put back on the fields here (`add_problems`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cchc.dossiers.models import ApplicantKind
from cchc.dossiers.services import Problem
from cchc.lib.ids import IdNumberError, clean_id_number, clean_tax_code
from cchc.procedures.models import ComponentDocument, OnlineService, Procedure
from cchc.units.models import Unit

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
APPLICANT_KEYS = ("name", "id_number", "phone", "email", "address")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class SubmissionForm(forms.Form):
    """The applicant's data, the desk that receives the dossier, and per document a file (and, for a partial online
    service, "I will bring the original to the desk")."""

    unit = UnitChoiceField(label=_lazy("Desk that receives the dossier"), queryset=Unit.objects.none())
    applicant_kind = forms.ChoiceField(
        label=_lazy("The applicant is"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.PERSON,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_lazy("Full name of the applicant, or the organisation's name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_number = forms.CharField(
        label=_lazy("ID number, or the organisation's tax code"),
        max_length=32,
        help_text=_lazy(
            "A person: the citizen ID (12 digits), old ID card or passport. An organisation: its tax code."
        ),
    )
    phone = forms.CharField(
        label=_lazy("Phone"),
        max_length=32,
        help_text=_lazy("You will be told by text message; with the dossier code it also opens your dossier."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_lazy("E-mail (optional)"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    address = forms.CharField(
        label=_lazy("Address"), max_length=300, widget=forms.TextInput(attrs={"autocomplete": "street-address"})
    )
    submitted_by_name = forms.CharField(
        label=_lazy("Submitted on behalf of the applicant by (optional)"),
        max_length=200,
        required=False,
        help_text=_lazy("Your full name, when you submit for someone else (a relative, an authorised person)."),
    )

    def __init__(self, *args: Any, procedure: Procedure, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units
        only = list(units[:2])
        if len(only) == 1:  # one desk receives it: chosen already
            unit_field.initial = only[0].pk
            unit_field.empty_label = None
        self.partial = procedure.online_service == OnlineService.PARTIAL
        self.components: list[ComponentDocument] = list(procedure.components.order_by("order", "pk"))
        for component in self.components:
            attrs = {"accept": ACCEPT}
            if component.required and not self.partial:
                attrs["required"] = "required"
            self.fields[self.file_key(component)] = forms.FileField(
                label=component.name, required=False, widget=forms.ClearableFileInput(attrs=attrs)
            )
            if self.partial:
                self.fields[self.bring_key(component)] = forms.BooleanField(
                    label=_lazy("I will bring the original to the desk"), required=False
                )

    @staticmethod
    def file_key(component: ComponentDocument) -> str:
        return f"file_{component.pk}"

    @staticmethod
    def bring_key(component: ComponentDocument) -> str:
        return f"bring_{component.pk}"

    def document_rows(self) -> list[dict[str, Any]]:
        """Per document of the procedure: the document, its file field and its bring-the-original box."""
        return [
            {
                "component": c,
                "file": self[self.file_key(c)],
                "bring": self[self.bring_key(c)] if self.partial else None,
            }
            for c in self.components
        ]

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"]
        kind = self.data.get(self.add_prefix("applicant_kind")) or ApplicantKind.PERSON
        try:
            return clean_tax_code(value) if kind == ApplicantKind.ORGANISATION else clean_id_number(value)
        except IdNumberError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def applicant(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in APPLICANT_KEYS}

    def files_given(self) -> dict[ComponentDocument, Any]:
        """The files posted per document (also from a form that is not valid: its files are checked all the same)."""
        cleaned = getattr(self, "cleaned_data", {})
        given = {c: cleaned.get(self.file_key(c)) for c in self.components}
        return {c: file for c, file in given.items() if file}

    def brought(self) -> list[ComponentDocument]:
        if not self.partial:
            return []
        cleaned = getattr(self, "cleaned_data", {})
        return [c for c in self.components if cleaned.get(self.bring_key(c))]

    def had_files(self) -> bool:
        """Files were posted (the browser does not keep them when the form is shown again)."""
        return any(self.files.get(self.add_prefix(self.file_key(c))) for c in self.components)

    def add_problems(self, problems: list[Problem]) -> None:
        """Put the service's problems on the fields they concern (the rest at the head of the form)."""
        by_pk = {c.pk: c for c in self.components}
        for problem in problems:
            if isinstance(problem.key, int) and problem.key in by_pk:
                key = self.file_key(by_pk[problem.key])
                if problem.message not in self.errors.get(key, []):
                    self.add_error(key, problem.message)
            elif isinstance(problem.key, str) and problem.key in self.fields:
                self.add_error(problem.key, problem.message)
            else:
                self.add_error(None, problem.message)

    def problem_count(self) -> int:
        return sum(len(errors) for errors in self.errors.values())


def files_again_message() -> str:
    return _(
        "Nothing was sent yet. Correct what is marked, then choose your files again: the browser does not keep "
        "chosen files when the form is shown again."
    )
