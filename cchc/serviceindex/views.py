"""The service index page (/can-bo/chi-so-766/?unit=CODE&period=2023-Q3[&ytd=on]) and its .xlsx export.

For leaders and reform officers (the units where they are, and the subtree of a district or province: the same
rule as the satisfaction tables, cchc.reports.satisfaction.units_for_satisfaction).
"""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from cchc.lib.periods import CALENDAR, PeriodError, parse_period
from cchc.reports.satisfaction import unit_and_period_initial, units_for_satisfaction
from cchc.units.models import Unit, UnitLevel
from cchc.web.permissions import staff_required

from . import charts
from .cached import index_and_trend
from .compute import REFORM_DAY, AreaIndex, UnitIndex, current_rules, previous_periods, year_to_date
from .present import input_links, points_text


class IndexForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Unit.objects.none(), to_field_name="code")
    period = forms.CharField(
        label=gettext_lazy("Period"),
        max_length=40,
        help_text=gettext_lazy("A month (2025-09), a quarter (2025-Q3) or a year (2025)."),
    )
    ytd = forms.BooleanField(label=gettext_lazy("Year to date"), required=False)

    def __init__(self, data, *, units, **kwargs):
        super().__init__(data, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units

    def clean(self):
        cleaned = super().clean()
        if "period" in cleaned:
            try:
                period = parse_period(cleaned["period"], CALENDAR)
            except PeriodError:
                self.add_error(
                    "period",
                    _("%(value)s is not a period: use 2025-Q3, 2025-09 or 2025.") % {"value": cleaned["period"]},
                )
            else:
                cleaned["parsed_period"] = year_to_date(period) if cleaned.get("ytd") else period
        return cleaned


def _group_rows(result: UnitIndex) -> list[dict[str, Any]]:
    rows = []
    for group in result.groups:
        subs = []
        for sub in group.subs:
            subs.append(
                {
                    "code": sub.sub.code,
                    "name": sub.sub.name_vi,
                    "points": points_text(sub.points),
                    "max": points_text(sub.sub.max),
                    "rule": sub.rule,
                    "no_data": sub.no_data,
                    "note": sub.note,
                    "unverified": sub.sub.unverified,
                    **input_links(result, sub),
                }
            )
        rows.append(
            {
                "code": group.group.code,
                "name": group.group.name_vi,
                "score": points_text(group.score),
                "max": points_text(group.group.max),
                "subs": subs,
            }
        )
    return rows


def _ranking_rows(area: AreaIndex) -> list[dict[str, Any]]:
    return [
        {
            "rank": r.rank,
            "unit": r.unit,
            "total": points_text(r.total),
            "band": r.band,
            "groups": [points_text(g.score) for g in r.groups],
            "comparable": r.comparable,
        }
        for r in area.ranking
    ]


def _compute(unit: Unit, period, *, with_trend: bool = True) -> dict[str, Any]:
    """The area's index and the 12-period trend, from the shared cache where it holds them (.cached)."""
    the_rules = current_rules()
    computed = index_and_trend(unit, period, previous_periods(period), the_rules, with_trend=with_trend)
    return {"area": computed.area, "history": computed.history, "cached_at": computed.cached_at}


@require_GET
@staff_required
def index_page(request: HttpRequest) -> HttpResponse:
    units = units_for_satisfaction(request.user)
    if not units.exists():
        raise PermissionDenied(_("The service index is for leaders and reform officers."))
    form = IndexForm(unit_and_period_initial(request, units), units=units)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        unit, period = form.cleaned_data["unit"], form.cleaned_data["parsed_period"]
        computed = _compute(unit, period)
        area: AreaIndex = computed["area"]
        result = area.unit
        history = computed["history"]
        labels = [p.label for p in previous_periods(period)]
        group_names = [(g.group.code, g.group.name_vi) for g in result.groups]
        context.update(
            unit=unit,
            period=period,
            result=result,
            total=points_text(result.total),
            max_total=points_text(result.max_total),
            groups=_group_rows(result),
            group_heads=[g.group.code for g in result.groups],
            group_names=group_names,
            ranking=_ranking_rows(area),
            ranking_chart=charts.ranking_chart(area.ranking, _("Ranking by total score")) if area.ranking else "",
            trend_chart=charts.trend_chart(labels, history, group_names, _("The last 12 periods")),
            trend_rows=[
                {"label": label, "total": "" if p is None else points_text(p.total)}
                for label, p in zip(labels, history, strict=True)
            ],
            pre_reform=unit.level == UnitLevel.DISTRICT or any(not r["comparable"] for r in _ranking_rows(area)),
            after_reform=period.start >= REFORM_DAY,
            export_query=request.GET.urlencode(),
            cached_at=computed["cached_at"] and timezone.localtime(computed["cached_at"]),
        )
    status = 400 if form.errors else 200
    return render(request, "serviceindex/index.html", context, status=status)


@require_GET
@staff_required
def index_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    units = units_for_satisfaction(request.user)
    if not units.exists():
        raise PermissionDenied(_("The service index is for leaders and reform officers."))
    form = IndexForm(unit_and_period_initial(request, units), units=units)
    if not form.is_valid():
        return HttpResponse(" ".join(str(e) for errors in form.errors.values() for e in errors), status=400)
    unit, period = form.cleaned_data["unit"], form.cleaned_data["parsed_period"]
    area: AreaIndex = _compute(unit, period, with_trend=False)["area"]
    result = area.unit
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Index")
    bold = Font(bold=True)
    sheet.append(
        [_("Service index (Decision 766/QĐ-TTg)"), unit.name, f"{period.start:%d/%m/%Y}–{period.end:%d/%m/%Y}"]
    )
    sheet.append([])
    sheet.append(
        [_("Code"), _("Indicator"), _("Points"), _("Maximum"), _("Numerator"), _("Denominator"), _("Rule"), _("Note")]
    )
    for cell in sheet[3]:
        cell.font = bold
    for group in result.groups:
        sheet.append([group.group.code, group.group.name_vi, float(group.score), float(group.group.max)])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for sub in group.subs:
            sheet.append(
                [
                    sub.sub.code,
                    sub.sub.name_vi,
                    float(sub.points),
                    float(sub.sub.max),
                    sub.numerator if sub.numerator is not None else _("no data"),
                    sub.denominator if sub.denominator is not None else _("no data"),
                    sub.rule,
                    sub.note,
                ]
            )
    sheet.append([_("Total"), result.band, float(result.total), float(result.max_total)])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for column, width in zip("ABCDEFGH", (8, 48, 10, 10, 12, 12, 40, 60), strict=True):
        sheet.column_dimensions[column].width = width
    if area.ranking:
        ranks = book.create_sheet(_("Ranking"))
        ranks.append([_("Rank"), _("Unit"), *[g.group.code for g in result.groups], _("Total"), _("Classification")])
        for cell in ranks[1]:
            cell.font = bold
        for r in area.ranking:
            ranks.append([r.rank, r.unit.name, *[float(g.score) for g in r.groups], float(r.total), r.band])
        ranks.column_dimensions["B"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="chi-so-766-{unit.code}-{period.start}-{period.end}.xlsx"'
    return response
