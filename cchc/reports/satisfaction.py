"""The leaders' satisfaction tables (/can-bo/reports/satisfaction/?unit=CODE&period=2023-Q3): the evaluation forms
of a unit and the units below, per unit and per officer, with the indices of Circular 01/2018 Art. 13.

For leaders and reform officers only, since the tables name officers: those of the unit, or of a district or
province above it (their whole subtree). The numbers and their definitions: cchc.feedback.evaluations_selectors.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from cchc.accounts.access import OVERSIGHT_LEVELS, OVERSIGHT_ROLES
from cchc.accounts.models import Membership
from cchc.feedback import evaluations_selectors as tables
from cchc.lib.formatting import vn_decimal, vn_int, vn_percent
from cchc.lib.periods import STATUTORY, PeriodError, parse_period
from cchc.units.models import Unit, UnitLevel
from cchc.web.http import acting_user
from cchc.web.permissions import staff_required

CUTOFF_CHOICES = [
    (STATUTORY, gettext_lazy("Statutory cut-off (Decree 09/2019)")),
    ("calendar", gettext_lazy("Calendar")),
]


def units_for_satisfaction(user) -> QuerySet[Unit]:
    """The units whose tables `user` may read: where the user is a leader or reform officer, and the whole subtree
    of such a district or province (the desk units: a district's offices count with the district)."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return Unit.objects.none()
    units = Unit.objects.exclude(level=UnitLevel.OFFICE).order_by("path")
    if user.is_superuser:
        return units
    roles = Membership.objects.filter(user=user, role__in=list(OVERSIGHT_ROLES))
    allowed = Q(pk__in=roles.values("unit_id"))
    for path in roles.filter(unit__level__in=list(OVERSIGHT_LEVELS)).values_list("unit__path", flat=True):
        allowed |= Q(path__startswith=path)
    return units.filter(allowed)


class SatisfactionForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Unit.objects.none(), to_field_name="code")
    period = forms.CharField(
        label=gettext_lazy("Period"),
        max_length=40,
        help_text=gettext_lazy("A quarter (2023-Q3), a half-year (2023-H1), a month (2023-09) or a year."),
    )
    cutoff = forms.ChoiceField(label=gettext_lazy("Data cut-off"), choices=CUTOFF_CHOICES, initial=STATUTORY)

    def __init__(self, data, *, units: QuerySet[Unit], **kwargs):
        super().__init__(data, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units

    def clean(self):
        cleaned = super().clean()
        if "period" in cleaned and "cutoff" in cleaned:
            try:
                cleaned["parsed_period"] = parse_period(cleaned["period"], cleaned["cutoff"])
            except PeriodError:
                self.add_error(
                    "period",
                    _("%(value)s is not a period: use 2023-Q3, 2023-H1, 2023-09 or 2023.")
                    % {"value": cleaned["period"]},
                )
        return cleaned


def unit_and_period_initial(request: HttpRequest, units: QuerySet[Unit]):
    """The data of a unit-and-period form from the query string: the unit must be one of `units` (else 404), by
    default the user's own or the first; the period by default this quarter. Shared by the leaders' pages."""
    code = request.GET.get("unit")
    if code and not units.filter(code=code).exists():
        raise Http404("No such unit.")
    data = request.GET.copy()
    if not code:
        own = units.filter(memberships__user=acting_user(request)).first() or units.first()
        if own is not None:
            data["unit"] = own.code
    today = timezone.localdate()
    data.setdefault("period", f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    return data


def _initial(request: HttpRequest, units: QuerySet[Unit]):
    data = unit_and_period_initial(request, units)
    data.setdefault("cutoff", STATUTORY)
    return data


def _cells(row: tables.SatisfactionRow) -> dict[str, str]:
    """A row's numbers as the page writes them (Vietnamese style: 1.234; 80,00%; 1,3); "–" for no data."""
    dash = "–"
    out = {
        "label": row.label,
        "forms": vn_int(row.forms),
        "unsatisfied": vn_int(row.unsatisfied),
        "satisfied": vn_int(row.satisfied),
        "very_satisfied": vn_int(row.very_satisfied),
        "rate": dash if row.rate is None else vn_percent(row.rate),
        "total": dash if row.officer_total is None else vn_decimal(row.officer_total, 1),
        "classification": row.classification_label or dash,
    }
    for key in tables.INDICES:
        value = getattr(row, key)
        out[key] = dash if value is None else vn_decimal(value, 1)
    return out


@require_GET
@staff_required
def satisfaction(request: HttpRequest) -> HttpResponse:
    units = units_for_satisfaction(request.user)
    if not units.exists():
        raise PermissionDenied(_("The satisfaction tables are for leaders and reform officers."))
    form = SatisfactionForm(_initial(request, units), units=units)
    context: dict = {"form": form}
    if form.is_valid():
        unit, period = form.cleaned_data["unit"], form.cleaned_data["parsed_period"]
        context.update(
            unit=unit,
            period=period,
            total=_cells(tables.satisfaction_total(unit, period)),
            by_unit=[_cells(r) for r in tables.satisfaction_by_unit(unit, period)],
            by_receiver=[_cells(r) for r in tables.satisfaction_by_receiving_officer(unit, period)],
            by_handler=[_cells(r) for r in tables.satisfaction_by_handler(unit, period)],
        )
    status = 400 if form.errors else 200
    return render(request, "reports/satisfaction.html", context, status=status)
