"""The officers' work page for leaders (/can-bo/reports/officers/?unit=CODE&period=Q3/2023): per officer and per
unit, the numbers of cchc.reports.officer_work, each count opening its dossiers in the report's drill-down.

Who may read it, and which units: as the satisfaction tables (`units_for_satisfaction`): the leaders and reform
officers of a unit see its officers; those of a district or province, the units below too.
"""

from __future__ import annotations

import io
import urllib.parse
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from cchc.lib.formatting import vn_decimal, vn_int, vn_percent
from cchc.lib.periods import Period
from cchc.units.models import Unit
from cchc.web.permissions import staff_required

from .figures.dossiers import Scope
from .officer_work import CAUSES, DETAIL_LABELS, NO_STAGE, STAGES, WorkRow, officer_work
from .satisfaction import SatisfactionForm, units_for_satisfaction
from .satisfaction import _initial as satisfaction_initial

DASH = "–"


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # a lazy translation
    kind: str = "count"  # count, days, percent, decimal, text


COLUMNS = (
    Column("resolved", gettext_lazy("Resolved")),
    Column("on_time", gettext_lazy("On time")),
    Column("late", gettext_lazy("Late")),
    Column("on_time_rate", gettext_lazy("On-time rate"), "percent"),
    Column("processing_avg", gettext_lazy("Average processing (working days)"), "days"),
    Column("pending_overdue", gettext_lazy("Open and overdue")),
    Column("supplements", gettext_lazy("Supplements requested")),
    Column("forms", gettext_lazy("Evaluation forms")),
    Column("satisfaction_rate", gettext_lazy("Satisfaction rate"), "percent"),
    Column("officer_total", gettext_lazy("Circular 01/2018 points"), "decimal"),
)
SORT_KEYS = {"label", *(c.key for c in COLUMNS)}
# The figure (and narrowing) each count column opens.
COLUMN_LINKS = {
    "resolved": ("resolved", ""),
    "late": ("resolved_late", ""),
    "pending_overdue": ("pending_overdue", ""),
    "supplements": ("total", "supplement_asked"),
}


def value(row: WorkRow, key: str):
    """A column's plain value for `row` (None: no data)."""
    sat = row.satisfaction
    if key == "label":
        return row.label
    if key in ("on_time", "late", "on_time_rate", "processing_avg", "supplements"):
        return getattr(row, key)
    if key == "forms":
        return sat.forms if sat else 0
    if key == "satisfaction_rate":
        return sat.rate if sat else None
    if key == "officer_total":
        return sat.officer_total if sat else None
    return row.counts[key]


def _text(v, kind: str) -> str:
    if v is None:
        return DASH
    if kind == "percent":
        return vn_percent(v)
    if kind == "days":
        return vn_decimal(v, 2)
    if kind == "decimal":
        return vn_decimal(v, 1)
    return vn_int(v)


def _drill(unit: Unit, scope: str, period: Period, cutoff: str, key: str, handler: str = "", detail: str = "") -> str:
    params = {"unit": unit.code, "scope": scope, "period": period.label, "cutoff": cutoff, "key": key}
    if handler:
        params["handler"] = handler
    if detail:
        params["detail"] = detail
    return f"{reverse('reports:figure_dossiers')}?{urllib.parse.urlencode(params)}"


def _line(row: WorkRow, *, link) -> dict:
    """The page's cells of one row; `link(key, detail)` is the drill-down address of a count."""
    cells = []
    for column in COLUMNS:
        v = value(row, column.key)
        url = ""
        if column.key in COLUMN_LINKS and v:
            url = link(*COLUMN_LINKS[column.key])
        cells.append({"text": _text(v, column.kind), "url": url, "key": column.key})
    causes = [{"text": vn_int(row.causes[c]), "url": link("resolved_late", c) if row.causes[c] else ""} for c in CAUSES]
    stages = [
        {"text": vn_int(row.stages[s]), "url": link("resolved_late", f"stage_{s}") if row.stages[s] else ""}
        for s in [*STAGES, NO_STAGE]
    ]
    reasons = [{"text": reason, "count": vn_int(n)} for reason, n in row.top_reasons]
    return {
        "label": row.label,
        "units": row.units,
        "cells": cells,
        "late": {"text": vn_int(row.late), "url": link("resolved_late", "") if row.late else ""},
        "causes": causes,
        "stages": stages,
        "reasons": reasons,
    }


def _sorted(rows: list[WorkRow], sort: str, descending: bool) -> list[WorkRow]:
    if sort == "label":
        return sorted(rows, key=lambda r: r.label.casefold(), reverse=descending)
    with_value = [r for r in rows if value(r, sort) is not None]
    without = [r for r in rows if value(r, sort) is None]
    ordered = sorted(with_value, key=lambda r: (value(r, sort), r.label.casefold()), reverse=descending)
    return ordered + sorted(without, key=lambda r: r.label.casefold())


def _xlsx(work, units_rows, officer_rows) -> bytes:
    """The page's two tables and the causes as a workbook: numbers as numbers, headings in the page's language."""
    book = Workbook()
    heads = [str(c.label) for c in COLUMNS]
    cause_heads = [str(DETAIL_LABELS[c]) for c in CAUSES] + [str(label) for label in STAGES.values()]
    cause_heads.append(str(DETAIL_LABELS[f"stage_{NO_STAGE}"]))

    def number(v):
        return float(v) if isinstance(v, Decimal) else v

    sheets = [
        (book.active, _("Officers"), [_("Officer"), _("Unit")], [(r.label, r.units, r) for r in officer_rows]),
        (book.create_sheet(), _("Units"), [_("Unit"), ""], [(r.label, "", r) for _u, r in units_rows]),
    ]
    for sheet, title, first, rows in sheets:
        sheet.title = title[:31]
        sheet.append([f"{work.unit.display_name} · {work.period.start:%d/%m/%Y}–{work.period.end:%d/%m/%Y}"])
        sheet.append([*first, *heads, *cause_heads, _("Reasons given in apology letters")])
        for label, units, row in rows:
            numbers = [number(value(row, c.key)) for c in COLUMNS]
            causes = [row.causes[c] for c in CAUSES] + [row.stages[s] for s in [*STAGES, NO_STAGE]]
            reasons = "; ".join(f"{reason} ({n})" for reason, n in row.top_reasons)
            sheet.append([label, units, *numbers, *causes, reasons])
        sheet.column_dimensions["A"].width = 32
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@require_GET
@staff_required
def officers(request: HttpRequest) -> HttpResponse:
    units = units_for_satisfaction(request.user)
    if not units.exists():
        raise PermissionDenied(_("The officers' work tables are for leaders and reform officers."))
    form = SatisfactionForm(satisfaction_initial(request, units), units=units)
    sort = request.GET.get("sort", "label")
    sort = sort if sort in SORT_KEYS else "label"
    descending = request.GET.get("dir") == "desc"
    context: dict = {"form": form, "sort": sort, "descending": descending}
    if form.is_valid():
        unit, period = form.cleaned_data["unit"], form.cleaned_data["parsed_period"]
        cutoff = form.cleaned_data["cutoff"]
        work = officer_work(unit, period)
        officer_rows = _sorted([r for r in work.officers if not r.is_empty()], sort, descending)
        unit_rows = work.units
        if request.GET.get("export") == "xlsx":
            response = HttpResponse(
                _xlsx(work, unit_rows, officer_rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            name = f"can-bo-{unit.code}-{period.label or period.start}.xlsx".replace("/", "-")
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response

        def officer_link(row: WorkRow):
            handler = "none" if row.key is None else str(row.key)
            return lambda key, detail: _drill(unit, Scope.TREE, period, cutoff, key, handler, detail)

        def unit_link(desk: Unit):
            scope = Scope.SELF if desk.pk == unit.pk else Scope.TREE
            return lambda key, detail: _drill(desk, scope, period, cutoff, key, "", detail)

        query = {"unit": unit.code, "period": form.cleaned_data["period"], "cutoff": cutoff}
        headers = []
        for key, label in [("label", _("Officer")), *((c.key, str(c.label)) for c in COLUMNS)]:
            desc = not (key == sort and descending) if key == sort else key != "label"
            params = {**query, "sort": key, "dir": "desc" if desc else "asc"}
            state = ("descending" if descending else "ascending") if key == sort else "none"
            headers.append(
                {
                    "key": key,
                    "label": label,
                    "url": "?" + urllib.parse.urlencode(params) + "#by-officer",
                    "aria_sort": state,
                }
            )
        context.update(
            unit=unit,
            period=period,
            headers=headers,
            officers=[_line(r, link=officer_link(r)) for r in officer_rows],
            units=[_line(r, link=unit_link(u)) for u, r in unit_rows],
            total=_line(work.total, link=lambda key, detail: _drill(unit, Scope.TREE, period, cutoff, key, "", detail)),
            columns=COLUMNS,
            cause_labels=[DETAIL_LABELS[c] for c in CAUSES],
            stage_labels=[*STAGES.values(), DETAIL_LABELS[f"stage_{NO_STAGE}"]],
            export_url="?" + urllib.parse.urlencode({**query, "export": "xlsx"}),
        )
    status = 400 if form.errors else 200
    return render(request, "reports/officers.html", context, status=status)
