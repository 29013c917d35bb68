"""Forms of the staff site. They check the shape of input only; the services decide what is allowed."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import cast

from django import forms
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.accounts import access
from cchc.accounts.models import Membership, Role, User
from cchc.accounts.services import FormTokenError, form_token_result
from cchc.dossiers.delivery import DeliveryMethod, money
from cchc.dossiers.leaders import approving_unit, unit_leaders
from cchc.dossiers.models import Channel, DocumentKind, Dossier
from cchc.dossiers.services.waits import fee_request
from cchc.dossiers.workflow import Action
from cchc.lib.amounts import AmountError, parse_vn_amount
from cchc.lib.ids import IdNumberError, clean_id_number, is_pk
from cchc.lib.periods import PeriodError, parse_period, written
from cchc.lib.text import CleanTextMixin
from cchc.procedures.models import ComponentDocument, Procedure
from cchc.procedures.selectors import receivable_procedures
from cchc.reports.default_period import unit_default_quarter
from cchc.units.models import Unit, UnitLevel


class ReceptionForm(CleanTextMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Receiving unit"), queryset=Unit.objects.none(), empty_label=None)
    procedure = forms.ModelChoiceField(label=_("Procedure"), queryset=Procedure.objects.none())
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.DIRECT)
    applicant_name = forms.CharField(label=_("Applicant (person or organisation)"), max_length=200)
    applicant_id_number = forms.CharField(label=_("ID number"), max_length=32, required=False)
    applicant_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    applicant_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    applicant_email = forms.EmailField(label=_("E-mail"), required=False)
    sets = forms.IntegerField(label=_("Number of sets"), min_value=1, max_value=99, initial=1)
    components = forms.ModelMultipleChoiceField(
        label=_("Documents received"),
        queryset=ComponentDocument.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    components_digitized = forms.BooleanField(label=_("The documents were scanned at the desk"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.user_units(user, roles=[Role.DESK_OFFICER]).order_by("path")
        self.fields["unit"].queryset = units
        unit = self._chosen_unit(units)
        self.fields["procedure"].queryset = receivable_procedures(unit)
        # A form opened from a guidance slip starts from its values (views_guidance.reception_initial).
        procedure_id = self.data.get("procedure") if self.is_bound else self.initial.get("procedure")
        if is_pk(procedure_id):
            self.fields["components"].queryset = ComponentDocument.objects.filter(procedure_id=procedure_id)

    def _chosen_unit(self, units):
        value = self.data.get("unit") if self.is_bound else self.initial.get("unit")
        if is_pk(value):
            return units.filter(pk=value).first()
        return units.first()

    def clean_applicant_id_number(self) -> str:
        try:
            return clean_id_number(self.cleaned_data["applicant_id_number"])
        except IdNumberError as exc:
            raise forms.ValidationError(str(exc)) from None

    def applicant(self) -> dict[str, str]:
        keys = ("name", "id_number", "phone", "address", "email")
        return {k: self.cleaned_data[f"applicant_{k}"] for k in keys}


# --- dossier actions: one small form per action; service_kwargs() gives the service its arguments ---


class NoteForm(CleanTextMixin, forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, dossier: Dossier, **kwargs):
        self.dossier = dossier
        super().__init__(*args, **kwargs)

    @property
    def action_label(self) -> str:
        return str(Action(self.prefix).label) if self.prefix in Action.values else ""

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class ReasonForm(NoteForm):
    note = None  # type: ignore[assignment]  # no note field (Django's way to drop an inherited one)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class HandlerField(forms.ModelChoiceField):
    """A choice of memberships, each shown as the person, the role and the unit."""

    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user} · {obj.get_role_display()} · {obj.unit}"


class AssignForm(NoteForm):
    handler = HandlerField(label=_("Handler"), queryset=Membership.objects.none())

    field_order = ["handler", "note"]

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        desk = dossier.receiving_unit
        offices = desk.children.filter(level=UnitLevel.OFFICE).values_list("pk", flat=True)
        units = {desk.pk, dossier.processing_unit_id, *offices}
        cast(HandlerField, self.fields["handler"]).queryset = (
            Membership.objects.filter(unit_id__in=units - {None}, role__in=[Role.SPECIALIST, Role.LEADER])
            .select_related("user", "unit")
            .order_by("unit__path", "role", "user__full_name")
        )

    def service_kwargs(self) -> dict:
        membership = self.cleaned_data["handler"]
        return {"to": membership.user, "processing_unit": membership.unit, "note": self.cleaned_data["note"]}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class RequestSupplementForm(NoteForm):
    note = None  # type: ignore[assignment]  # no note field (Django's way to drop an inherited one)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    items = forms.CharField(
        label=_("Documents to supplement (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def service_kwargs(self) -> dict:
        return {"reason": self.cleaned_data["reason"], "items": _lines(self.cleaned_data["items"])}


class AmountField(forms.CharField):
    """An amount of đồng typed the Vietnamese way ("75.000 đồng"); cleaned to a whole Decimal (None if empty)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "75.000 đồng"}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_vn_amount(text)
        except AmountError as exc:
            raise forms.ValidationError(str(exc)) from None


def _requested_amount(dossier: Dossier) -> str:
    """The amount of the dossier's latest fee request, as the form shows it ("75.000 đồng"; "" for none)."""
    request = fee_request(dossier)
    return money((request.data or {}).get("amount")) if request is not None else ""


class RequestFeeForm(NoteForm):
    amount = AmountField(
        label=_("Amount"),
        required=False,
        help_text=_("In đồng; the procedure's fee is filled in: confirm or correct it."),
    )
    field_order = ["amount", "note"]

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["amount"].initial = money(dossier.procedure.fee)


class FeePaidForm(NoteForm):
    amount = AmountField(label=_("Amount paid"), required=False, help_text=_("In đồng; empty: the amount requested."))
    receipt_number = forms.CharField(
        label=_("Fee receipt number"),
        max_length=50,
        error_messages={"required": _("Give the number of the fee receipt.")},
    )
    receipt_date = forms.DateField(
        label=_("Fee receipt date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the date of the fee receipt.")},
    )
    field_order = ["amount", "receipt_number", "receipt_date", "note"]

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["amount"].initial = _requested_amount(dossier)
        self.fields["receipt_date"].initial = timezone.localdate()


APPLICANT, SOMEONE_ELSE = "applicant", "other"


class DeliverForm(NoteForm):
    """Who received the result and how (the tracking book's "Phương thức nhận kết quả" and "Ký nhận")."""

    method = forms.ChoiceField(
        label=_("How the result is handed over"),
        choices=[(DeliveryMethod.DESK.value, DeliveryMethod.DESK.label), (DeliveryMethod.POST.value, _("By post"))],
        initial=DeliveryMethod.DESK.value,
        widget=forms.RadioSelect,
    )
    postal_reference = forms.CharField(label=_("Postal reference (by post)"), max_length=64, required=False)
    recipient = forms.ChoiceField(
        label=_("Received by"),
        choices=[(APPLICANT, _("The applicant")), (SOMEONE_ELSE, _("Someone else, on the applicant's behalf"))],
        initial=APPLICANT,
        widget=forms.RadioSelect,
    )
    recipient_name = forms.CharField(label=_("Name of the person who received it"), max_length=200, required=False)
    recipient_id_number = forms.CharField(label=_("Their ID number"), max_length=32, required=False)
    authorisation = forms.CharField(
        label=_("Authorisation held (kind, number, date)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Power of attorney no. 12/GUQ of 05/07/2023")}),
    )
    field_order = ["method", "postal_reference", "recipient", "recipient_name", "recipient_id_number", "authorisation"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == DeliveryMethod.POST and not cleaned.get("postal_reference"):
            self.add_error("postal_reference", _("Give the postal reference of the item sent by post."))
        if cleaned.get("recipient") == SOMEONE_ELSE:
            if not cleaned.get("recipient_name"):
                self.add_error("recipient_name", _("Give the name of the person who received the result."))
            try:
                cleaned["recipient_id_number"] = clean_id_number(cleaned.get("recipient_id_number") or "")
            except IdNumberError as exc:
                self.add_error("recipient_id_number", str(exc))
            else:
                in_person = cleaned.get("method") == DeliveryMethod.DESK
                if in_person and not cleaned["recipient_id_number"]:
                    self.add_error("recipient_id_number", _("Give the ID number of the person who received it."))
                if in_person and not cleaned.get("authorisation"):
                    self.add_error("authorisation", _("Give the authorisation the person holds."))
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        other = data["recipient"] == SOMEONE_ELSE
        return {
            "method": data["method"],
            "postal_reference": data["postal_reference"] if data["method"] == DeliveryMethod.POST else "",
            "recipient_name": data["recipient_name"] if other else "",
            "recipient_id_number": data["recipient_id_number"] if other else "",
            "authorisation": data["authorisation"] if other else "",
            "note": data["note"],
        }


class RefuseForm(NoteForm):
    note = None  # type: ignore[assignment]  # no note field (Django's way to drop an inherited one)
    reasons = forms.CharField(label=_("Reasons (one per line)"), widget=forms.Textarea(attrs={"rows": 3}))

    def service_kwargs(self) -> dict:
        return {"reasons": _lines(self.cleaned_data["reasons"])}


class IssueResultForm(NoteForm):
    result_digitized = forms.BooleanField(label=_("The result is digitized"), required=False)
    e_certified = forms.BooleanField(label=_("An electronic certified copy was issued"), required=False)
    field_order = ["result_digitized", "e_certified", "note"]


class ApologizeForm(NoteForm):
    note = None  # type: ignore[assignment]  # no note field (Django's way to drop an inherited one)
    reason = forms.CharField(label=_("Reason for the delay"), widget=forms.Textarea(attrs={"rows": 2}))
    new_due_at = forms.DateTimeField(
        label=_("New appointment"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    signer = forms.ModelChoiceField(
        label=_("Signed by (head of the agency)"), queryset=User.objects.none(), required=False, empty_label=None
    )

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        leader_choice(self, "signer", unit_leaders(dossier.processing_unit or dossier.receiving_unit))


class SubmitForm(NoteForm):
    leader = forms.ModelChoiceField(
        label=_("Leader to approve"), queryset=User.objects.none(), required=False, empty_label=None
    )
    field_order = ["leader", "note"]

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, dossier=dossier, **kwargs)
        leader_choice(self, "leader", unit_leaders(approving_unit(dossier)))


def leader_choice(form: forms.Form, name: str, leaders: list) -> None:
    """Offer the choice among `leaders` with the default (the first) preselected; with one leader or none there
    is no question (the field goes, the service takes the default: cchc.dossiers.leaders)."""
    if len(leaders) < 2:
        del form.fields[name]
        return
    field = cast(forms.ModelChoiceField, form.fields[name])
    order = Case(*(When(pk=u.pk, then=Value(i)) for i, u in enumerate(leaders)))
    field.queryset = User.objects.filter(pk__in=[u.pk for u in leaders]).order_by(order)
    field.initial = leaders[0].pk


ACTION_FORMS: dict[str, type[NoteForm]] = {
    Action.ASSIGN: AssignForm,
    Action.REQUEST_SUPPLEMENT: RequestSupplementForm,
    Action.SUPPLEMENT: NoteForm,
    Action.REQUEST_FEE: RequestFeeForm,
    Action.FEE_PAID: FeePaidForm,
    Action.SUBMIT: SubmitForm,
    Action.SEND_BACK: NoteForm,
    Action.APPROVE: NoteForm,
    Action.REFUSE: RefuseForm,
    Action.ISSUE_RESULT: IssueResultForm,
    Action.DELIVER: DeliverForm,
    Action.WITHDRAW: ReasonForm,
    Action.RETURN: ReasonForm,
    Action.APOLOGIZE: ApologizeForm,
}


def action_form(action: str, dossier: Dossier, data=None) -> NoteForm:
    """The form of `action`, prefixed with the action's name so that several fit on one page."""
    return ACTION_FORMS[action](data, dossier=dossier, prefix=action)


class UploadForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    component = forms.ModelChoiceField(label=_("Component"), queryset=ComponentDocument.objects.none(), required=False)
    name = forms.CharField(label=_("Name"), max_length=300, required=False)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["component"]).queryset = dossier.procedure.components.all()


def current_quarter(today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


class TrackingBookForm(CleanTextMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)
    period = forms.CharField(
        label=_("Period"),
        required=False,
        help_text=_(
            "A quarter (Q3/2023, quý III năm 2023), a month (9/2023, tháng 9 năm 2023), 6 tháng đầu năm 2023, "
            "a year (năm 2023) or a range (01/07/2023-30/09/2023); or give the dates."
        ),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, user, **kwargs):
        units = access.units_for_figures(user).exclude(level=UnitLevel.OFFICE).order_by("path")
        data = data.copy()
        # The first page shows the user's own (first) unit's last complete quarter within the unit's lifetime
        # (an abolished district opens on its last quarter) rather than an empty form.
        if not data.get("unit") and units.exists():
            own = units.filter(pk__in=access.user_units(user).values("pk")).first() or units.first()
            data["unit"] = str(own.pk)
        if not (data.get("period") or data.get("date_from") or data.get("date_to")):
            data["period"] = unit_default_quarter(
                units.filter(pk=data["unit"]).first() if is_pk(data.get("unit")) else None
            )
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        text = cleaned.get("period") or ""
        if start or end:
            if not (start and end):
                raise forms.ValidationError(_("Give both the first and the last day."))
            text = f"{start.isoformat()}..{end.isoformat()}"
        if not text:
            raise forms.ValidationError(_("Give a period or its first and last day."))
        try:
            cleaned["parsed_period"] = parse_period(text)
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from None
        if start and end:
            # The two dates are a one-time pick: the form shows the period they make in its text field.
            self.data["period"] = written(cleaned["parsed_period"])
            self.data["date_from"] = self.data["date_to"] = ""
        return cleaned


class OneTimeTokenForm(forms.Form):
    """The one-time token of a creating form (reception, a report data row): a random value issued with each empty
    form in a hidden field; the view passes it to accounts.services.create_once, so a second post of the same form
    (a double click, a resent request) answers with the first result instead of creating again."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_token"].initial = secrets.token_urlsafe(32)

    def clean(self):
        cleaned = super().clean()
        token = cleaned.get("form_token") or ""
        if not TOKEN_PATTERN.fullmatch(token):
            # The field is hidden: the message goes at the head of the form.
            raise forms.ValidationError(
                _("The form has no valid one-time token: reload the page and send the form again.")
            )
        return cleaned

    @property
    def token(self) -> str:
        return self.cleaned_data["form_token"]

    def earlier_result(self, user, form: forms.BaseForm) -> str:
        """The URL the first post with this token led to, or "" for a fresh token. A missing or malformed token,
        or one another user's post used, becomes an error at the head of `form` (so it is not valid)."""
        if not form.is_bound:  # an empty post: the form is shown again, with nothing to refuse
            return ""
        form.full_clean()  # add_error needs the form's cleaned_data
        if not self.is_valid():
            form.add_error(None, self.non_field_errors())
            self._renew()
            return ""
        try:
            return form_token_result(by=user, token=self.token) or ""
        except FormTokenError as exc:
            form.add_error(None, str(exc))
            self._renew()
            return ""

    def _renew(self) -> None:
        """The page shown again carries a fresh token, so that sending it again can succeed."""
        self.data = {self.add_prefix("form_token"): secrets.token_urlsafe(32)}


# The message of a repeated post answered with the first one's result.
ALREADY_SENT = _("This form had already been sent: here is what it created.")


# secrets.token_urlsafe(32) gives 43 URL-safe characters; anything else was not issued by OneTimeTokenForm.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
