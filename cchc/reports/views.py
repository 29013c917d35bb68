"""Staff pages of the report: pick a unit and period, read its figures, download its files, open the dossiers
behind any figure (listed by the very condition that counted them) and export that list."""

from __future__ import annotations

import io
import urllib.parse
from dataclasses import dataclass, replace

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from cchc.accounts import access
from cchc.accounts.services import personal_data_viewed
from cchc.dossiers.models import Apology, Channel, Dossier, Outcome
from cchc.exchange.tables import write_csv
from cchc.feedback.models import Evaluation, Feedback
from cchc.lib.formatting import vn_int, vn_percent
from cchc.lib.periods import (
    CUTOFFS,
    STATUTORY,
    Period,
    PeriodError,
    parse_period,
    report_label,
    written,
)
from cchc.reform.selectors import district_rollup
from cchc.units.models import Unit, UnitLevel
from cchc.web.http import acting_user, page_name
from cchc.web.permissions import staff_required

from . import officer_work
from .assembly import ReportFigures, ReportPeriodError, build_report_context, named_period, report_figures
from .default_period import unit_default_quarter
from .figures.dossiers import DOSSIER_FILTERS, RATE_DEFINITIONS, ROW_FIGURES, Rate, Scope
from .figures.labels import COUNT_LABELS, RATE_LABELS
from .models import ReportFormat, ReportSource
from .renderers.narrative import report_outline
from .renderers.pdf import PdfConversionError
from .selectors import figure_rows
from .services import report_render

PAGE_SIZE = 50
# The counts of section I.3, in the order of its sentence (metrics.md keys).
SECTION_COUNTS = (
    "total",
    "received_online",
    "received_direct",
    "received_postal",
    "carried_over",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn_or_returned",
    "pending",
    "pending_within_deadline",
    "pending_overdue",
    "late",
    "late_with_apology",
    "apologies",
    "evaluations",
    "e_certifications",
    "feedback_received",
    "feedback_resolved",
)
SECTION_RATES = ("on_time_of_resolved", "late_of_resolved", "apology_coverage", "evaluation")
# Per-unit columns: rate key of metrics.md.
UNIT_RATES = ("digitized_components", "digitized_results", "online", "full_online")
CUTOFF_CHOICES = [
    (STATUTORY, gettext_lazy("Statutory cut-off (Decree 09/2019)")),
    ("calendar", gettext_lazy("Calendar")),
]


class ReportForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Unit.objects.none(), to_field_name="code")
    period = forms.CharField(
        label=gettext_lazy("Period"),
        required=False,
        help_text=gettext_lazy(
            "A quarter (Q3/2023, quý III năm 2023), a half-year (6 tháng đầu năm 2023) or a month (9/2023); "
            "or the first and last day of one."
        ),
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    cutoff = forms.ChoiceField(label=gettext_lazy("Data cut-off"), choices=CUTOFF_CHOICES, initial=STATUTORY)

    def __init__(self, data, *, user, **kwargs):
        super().__init__(data.copy() if data is not None else None, **kwargs)
        self.fields["unit"].queryset = _readable_units(user)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        text = (cleaned.get("period") or "").strip()
        if start or end:
            if not (start and end):
                self.add_error("date_to" if start else "date_from", _("Give both the first and the last day."))
                return cleaned
            text = f"{start.isoformat()}..{end.isoformat()}"
        if not text:
            self.add_error("period", _("Give a period or its first and last day."))
            return cleaned
        if "cutoff" not in cleaned:
            return cleaned
        try:
            parsed = parse_period(text, cleaned["cutoff"])
        except PeriodError as exc:
            self.add_error("period", str(exc))
            return cleaned
        # A range that is exactly a quarter, half-year or month (under the cut-off chosen) is reported as that one.
        label = report_label(parsed, cleaned["cutoff"])
        try:
            named_period(replace(parsed, label=label or parsed.label))
        except ReportPeriodError:
            self.add_error(
                "period",
                _("%(value)s is not a report period: use 2023-Q3, 2023-H1 or 2023-09.") % {"value": text},
            )
            return cleaned
        cleaned["parsed_period"] = replace(parsed, label=label or parsed.label)
        if start and end:
            # The two dates are a one-time pick: the form shows the period they make in its text field.
            self.data["period"] = written(cleaned["parsed_period"])
            self.data["date_from"] = self.data["date_to"] = ""
        return cleaned


PERIOD_FIELDS = {"period", "date_from", "date_to"}


def _readable_units(user):
    return access.units_for_figures(user).exclude(level=UnitLevel.OFFICE).order_by("path")


def _require_unit(request: HttpRequest) -> None:
    """A unit whose figures the user may not read is a 404, as if it did not exist."""
    code = request.GET.get("unit")
    if code and not _readable_units(request.user).filter(code=code).exists():
        raise Http404("No such unit.")


def _initial(request: HttpRequest):
    """The first visit shows the user's own unit's last complete quarter (within the unit's lifetime) rather than
    an empty form; a unit chosen without a period opens on its own last complete quarter."""
    _require_unit(request)
    data = request.GET.copy()
    units = _readable_units(request.user)
    if not data.get("unit"):
        own = units.filter(pk__in=access.user_units(request.user).values("pk")).first() or units.first()
        if own is not None:
            data["unit"] = own.code
    cutoff = str(data.get("cutoff")) if data.get("cutoff") in CUTOFFS else STATUTORY
    data.setdefault("cutoff", cutoff)
    if not data.get("period") and not data.get("date_from") and not data.get("date_to"):
        data["period"] = unit_default_quarter(units.filter(code=data.get("unit", "")).first(), cutoff)
    return data


# --- links to the dossiers behind a figure ---
def figure_url(*, unit: Unit, scope: str, period: Period, cutoff: str, key: str) -> str:
    query = urllib.parse.urlencode(
        {"unit": unit.code, "scope": scope, "period": period.label, "cutoff": cutoff, "key": key}
    )
    return f"{reverse('reports:figure_dossiers')}?{query}"


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""


def _count_cell(value: int, **link) -> Cell:
    return Cell(vn_int(value), figure_url(**link))


def _rate_text(rate: Rate) -> str:
    return "—" if rate.percent is None else vn_percent(rate.percent)


def _rate_cells(rate: Rate, key: str, **link) -> list[Cell]:
    """Percentage, then numerator and denominator, each count linked when it is a single figure."""
    numerator_keys, denominator_key = RATE_DEFINITIONS[key]
    numerator_url = figure_url(key=numerator_keys[0], **link) if len(numerator_keys) == 1 else ""
    return [
        Cell(_rate_text(rate)),
        Cell(vn_int(rate.numerator), numerator_url),
        Cell(vn_int(rate.denominator), figure_url(key=denominator_key, **link)),
    ]


def _page_tables(figures: ReportFigures, titles: dict[str, str], cutoff: str) -> dict:
    period, unit = figures.period, figures.unit
    scopes = [Scope.TREE.value, Scope.SELF.value, Scope.CHILDREN.value]
    counts = [
        {
            "label": COUNT_LABELS[key],
            "cells": [
                _count_cell(figures.scopes[s].counts[key], unit=unit, scope=s, period=period, cutoff=cutoff, key=key)
                for s in scopes
            ],
        }
        for key in SECTION_COUNTS
    ]
    rates = [
        {
            "label": RATE_LABELS[key],
            "cells": [
                _rate_cells(figures.scopes[s].rates[key], key, unit=unit, scope=s, period=period, cutoff=cutoff)
                for s in scopes
            ],
        }
        for key in SECTION_RATES
    ]
    units = []
    for u in figures.units:
        scope = Scope.SELF.value if u.is_parent_desk else Scope.TREE.value
        link = {"unit": u.unit, "scope": scope, "period": period, "cutoff": cutoff}
        units.append(
            {
                "name": u.unit.name,
                "is_parent_desk": u.is_parent_desk,
                "rates": [_rate_cells(u.figures.rates[key], key, **link) for key in UNIT_RATES],
            }
        )
    return {
        "scope_titles": [titles[s] for s in scopes],
        "counts": counts,
        "rates": rates,
        "units": units,
        "unit_rate_labels": [RATE_LABELS[key] for key in UNIT_RATES],
    }


def _query(params) -> str:
    return urllib.parse.urlencode({k: params[k] for k in ("unit", "period", "cutoff") if k in params})


@require_GET
@staff_required
def report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(_initial(request), user=request.user)
    context: dict = {"form": form}
    if form.is_valid():
        unit, period, cutoff = (
            form.cleaned_data["unit"],
            form.cleaned_data["parsed_period"],
            form.cleaned_data["cutoff"],
        )
        figures = report_figures(unit=unit, period=period)
        report_context = build_report_context(unit=unit, period=period, by=acting_user(request), figures=figures)
        titles = {
            Scope.TREE.value: report_context.whole.title,
            Scope.SELF.value: report_context.own_desk.title,
            Scope.CHILDREN.value: report_context.children.title,
        }
        named = named_period(period)
        rollup = None
        if unit.level == UnitLevel.DISTRICT and named.kind == "quarter":
            rollup = district_rollup(district=unit, year=named.year, quarter=named.index)
        context.update(
            unit=unit,
            period=period,
            cutoff=cutoff,
            report=report_context,
            outline=report_outline(report_context),
            rollup=rollup,
            query=_query({"unit": unit.code, "period": period.label, "cutoff": cutoff}),
            formats=[(f.value, f.label) for f in ReportFormat],
            **_page_tables(figures, titles, cutoff),
        )
    # A period the form refused (a year out of range, a range that is no report period) is a bad request.
    status = 400 if PERIOD_FIELDS & form.errors.keys() else 200
    return render(request, "reports/report.html", context, status=status)


@require_GET
@staff_required
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ReportFormat.values:
        raise Http404("No such format.")
    _require_unit(request)
    form = ReportForm(request.GET, user=request.user)
    if not form.is_valid():
        if errors := [str(e) for name in PERIOD_FIELDS & form.errors.keys() for e in form.errors[name]]:
            return _bad_request(" ".join(errors))
        raise Http404("No such report.")
    try:
        (file,) = report_render(
            unit=form.cleaned_data["unit"],
            period=form.cleaned_data["parsed_period"],
            cutoff=form.cleaned_data["cutoff"],
            formats=[fmt],
            by=acting_user(request),
            source=ReportSource.WEB,
        )
    except PdfConversionError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response


# --- the dossiers behind a figure ---
class BadPeriod(Exception):
    """The address names no period the figures can be read for; answered with 400 and the reason."""


def _bad_request(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@dataclass(frozen=True)
class FigureQuery:
    unit: Unit
    scope: str
    period: Period
    cutoff: str
    key: str
    # Narrowed for the officers' work page (cchc.reports.officer_work): one officer's dossiers, one cause.
    handler: str = ""
    detail: str = ""


def _figure_query(request: HttpRequest) -> FigureQuery:
    """The figure asked for, if the user may read the unit's figures; anything else is a 404."""
    params = request.GET
    key, scope, cutoff = params.get("key", ""), params.get("scope", Scope.TREE.value), params.get("cutoff", STATUTORY)
    if key not in DOSSIER_FILTERS and key not in ROW_FIGURES:
        raise Http404("No such figure.")
    if scope not in Scope.values or cutoff not in CUTOFFS:
        raise Http404("No such scope or cut-off.")
    unit = access.units_for_figures(request.user).filter(code=params.get("unit", "")).first()
    if unit is None:
        raise Http404("No such unit.")
    try:
        period = parse_period(params.get("period", ""), cutoff)
    except PeriodError as exc:
        raise BadPeriod(str(exc)) from exc
    handler, detail = params.get("handler", ""), params.get("detail", "")
    if detail and (detail not in officer_work.DETAILS or key not in DOSSIER_FILTERS):
        raise Http404("No such detail.")
    if handler and key not in DOSSIER_FILTERS:
        raise Http404("No such handler.")
    try:
        handler_q = officer_work.handler_q(handler) if handler else None
    except ValueError as exc:
        raise Http404("No such handler.") from exc
    return FigureQuery(unit, scope, period, cutoff, key, handler if handler_q is not None else "", detail)


def _rows(q: FigureQuery):
    qs = figure_rows(key=q.key, unit=q.unit, period=q.period, scope=q.scope)
    if q.handler:
        qs = qs.filter(officer_work.handler_q(q.handler))
    if q.detail:
        qs = officer_work.narrow(qs, q.detail, q.period.as_of())
    if qs.model is Dossier:
        return qs.select_related("procedure", "receiving_unit")
    if qs.model is Feedback:
        return qs.select_related("unit", "dossier")
    return qs.select_related("dossier__procedure", "dossier__receiving_unit")


def _local(value, *, iso: bool = False) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return local.isoformat() if iso else local.strftime("%d/%m/%Y %H:%M")


def _dossier_line(d: Dossier, *, at=None, raw: bool = False) -> dict[str, str]:
    """One listed record; `raw` gives the CSV's stored codes and ISO 8601 times instead of display text."""
    return {
        "code": d.code,
        "procedure": d.procedure.name,
        "unit": d.receiving_unit.code if raw else d.receiving_unit.name,
        "channel": d.channel if raw or d.channel not in Channel.values else str(Channel(d.channel).label),
        "received": _local(d.received_at, iso=raw),
        "due": _local(d.due_at, iso=raw),
        "finished": _local(d.finished_at, iso=raw),
        "outcome": d.outcome if raw or d.outcome not in Outcome.values else str(Outcome(d.outcome).label),
        "at": _local(at, iso=raw),
    }


def _line(row, *, raw: bool = False) -> dict[str, str]:
    if isinstance(row, Dossier):
        return _dossier_line(row, raw=raw)
    if isinstance(row, Apology):
        return _dossier_line(row.dossier, at=row.issued_at, raw=raw)
    if isinstance(row, Evaluation):
        return _dossier_line(row.dossier, at=row.submitted_at, raw=raw)
    return {  # feedback: received and answered
        "code": row.dossier.code if row.dossier_id else "",
        "procedure": "",
        "unit": row.unit.code if raw else row.unit.name,
        "channel": "",
        "received": _local(row.received_at, iso=raw),
        "due": "",
        "finished": _local(row.answered_at, iso=raw),
        "outcome": "",
        "at": _local(row.received_at, iso=raw),
    }


def _dossier_of(row) -> Dossier | None:
    return row if isinstance(row, Dossier) else row.dossier if row.dossier_id else None


# No personal data in the export (no applicant, note or reason), whoever downloads it: the list behind a figure
# goes to people who oversee the figures, not only to those who handle each dossier.
CSV_COLUMNS = ("code", "procedure", "unit", "channel", "received", "due", "finished", "outcome")


@require_GET
@staff_required
def figure_dossiers(request: HttpRequest) -> HttpResponse:
    try:
        q = _figure_query(request)
    except BadPeriod as exc:
        return _bad_request(str(exc))
    rows = _rows(q)
    at_column = rows.model in (Apology, Evaluation)
    if request.GET.get("export") == "csv":
        columns = (*CSV_COLUMNS, "at") if at_column else CSV_COLUMNS
        buffer = io.StringIO()
        write_csv(buffer, columns, (_line(row, raw=True) for row in rows.iterator(chunk_size=2000)))
        response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        name = f"{q.unit.code}-{q.scope}-{q.period.label or q.period}-{q.key}.csv".replace("..", "_")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    objects = list(page.object_list)
    dossiers = [d for d in map(_dossier_of, objects) if d is not None]
    handled = set(
        Dossier.objects.filter(pk__in=[d.pk for d in dossiers])
        .filter(access.handled_q(request.user))
        .values_list("pk", flat=True)
    )
    # The applicant's name is listed only for the dossiers the user handles, and logged as shown.
    personal_data_viewed(by=acting_user(request), dossiers=handled, page=page_name(request))
    lines = []
    for row in objects:
        dossier = _dossier_of(row)
        line = _line(row)
        line["applicant"] = dossier.applicant_name if dossier is not None and dossier.pk in handled else ""
        line["url"] = dossier.get_absolute_url() if dossier is not None else ""
        lines.append(line)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    context = {
        "q": q,
        "label": COUNT_LABELS.get(q.key, q.key),
        "narrowed": officer_work.narrowed_label(q.handler, q.detail),
        "scope_label": Scope(q.scope).label,
        "page": page,
        "lines": lines,
        "count": page.paginator.count,
        "count_text": vn_int(page.paginator.count),
        "at_column": at_column,
        "query": params.urlencode(),
        "report_query": _query({"unit": q.unit.code, "period": q.period.label, "cutoff": q.cutoff}),
    }
    return render(request, "reports/figure_dossiers.html", context)
