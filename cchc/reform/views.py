"""Staff pages for report data: a unit's quarter with every section, its forms, submission and the roll-up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.accounts.services import FormTokenError, create_once
from cchc.lib.formatting import vn_amount, vn_int, vn_percent
from cchc.web.forms import ALREADY_SENT, OneTimeTokenForm
from cchc.web.http import acting_user

from . import selectors, services
from .access import can_edit, can_submit, can_view_rollup, get_unit_for_user, units_readable
from .forms import CorrectionReasonForm, PeriodChoiceForm, ReportSettingsForm, section_form_class
from .models import SECTION_MODELS, ReportPeriod, ReportSettings, SectionRow


def _period_url(unit_code: str, year: int, quarter: int):
    return redirect("reform:period", unit_code=unit_code, year=year, quarter=quarter)


def _quarter_checked(view):
    """A year or quarter in the address outside what a period may be answers 400 with the reason (a huge year
    would otherwise overflow the database's integer), never 500."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, year: int, quarter: int, **kwargs) -> HttpResponse:
        try:
            services.check_quarter(year, quarter)
        except ValidationError as exc:
            return HttpResponseBadRequest(" ".join(exc.messages), content_type="text/plain; charset=utf-8")
        return view(request, *args, year=year, quarter=quarter, **kwargs)

    return wrapped


def _kind_model(kind: str):
    if kind not in SECTION_MODELS:
        raise Http404("No such section.")
    return SECTION_MODELS[kind]


def _display(row: SectionRow, name: str) -> str:
    field = row._meta.get_field(name)
    value = getattr(row, name)
    if isinstance(field, models.ManyToManyField):
        return ", ".join(unit.display_name for unit in value.all())
    if getattr(field, "choices", None):
        return str(getattr(row, f"get_{name}_display")())
    if isinstance(field, models.BooleanField):
        return _("yes") if value else ""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal):
        return vn_amount(value)
    if isinstance(value, int):
        return vn_int(value)
    return "" if value is None else str(value)


def _percent(value: Decimal | None) -> str:
    return "" if value is None else vn_percent(value)


def _section(kind: str, model: type[SectionRow], rows: list[SectionRow], form) -> dict:
    """One section of the period page: its column headings and the display text of each row."""
    columns = [str(getattr(model._meta.get_field(name), "verbose_name", name)) for name in model.data_fields]
    with_rate = hasattr(model, "pct")
    if with_rate:
        columns.append(_("rate"))
    lines = []
    for row in rows:
        texts = [_display(row, name) for name in model.data_fields]
        if with_rate:
            # 0 of 0 proposed procedures is "none arising", never 100 %.
            pct = getattr(row, "pct", None)
            texts.append(_percent(pct) if pct is not None else _("none arising"))
        # Each cell with its column's heading: on a phone a row is a card of labelled lines.
        cells = [{"label": label, "text": text} for label, text in zip(columns, texts, strict=True)]
        lines.append({"row": row, "cells": cells})
    # Each add form carries its own one-time token (accounts.services.create_once).
    once = OneTimeTokenForm() if form is not None else None
    return {
        "kind": kind,
        "title": model._meta.verbose_name_plural,
        "columns": columns,
        "lines": lines,
        "form": form,
        "once": once,
    }


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Pick a unit and a quarter."""
    units = units_readable(request.user).exclude(level="office")
    today = timezone.localdate()
    initial = {"year": today.year, "quarter": (today.month - 1) // 3 + 1, "unit": units.first()}
    form = PeriodChoiceForm(request.GET or None, units=units, initial=initial)
    if form.is_valid():
        return _period_url(form.cleaned_data["unit"].code, form.cleaned_data["year"], form.cleaned_data["quarter"])
    periods = ReportPeriod.objects.filter(unit__in=units).select_related("unit")[:40]
    return render(request, "reform/index.html", {"form": form, "units": units, "periods": periods})


CORRECTIONS = "corrections"


def _section_url(unit_code: str, year: int, quarter: int, kind: str) -> str:
    """The period page opened on one section (each section has its own address: the page works without script)."""
    return reverse("reform:period", args=[unit_code, year, quarter]) + f"?section={kind}#section"


@login_required
@_quarter_checked
def period_page(request: HttpRequest, unit_code: str, year: int, quarter: int) -> HttpResponse:
    """The unit's quarter, one section at a time (a side menu lists them with their row counts), with the form to
    add rows when the user may edit."""
    unit = get_unit_for_user(request.user, unit_code)
    period = selectors.period_find(unit=unit, year=year, quarter=quarter)
    editable = can_edit(request.user, unit)
    all_sections = selectors.period_sections(period)
    corrections = selectors.period_corrections(period)
    menu = [
        {"kind": kind, "title": model._meta.verbose_name_plural, "count": len(rows)}
        for kind, model, rows in all_sections
    ]
    if corrections:
        menu.append({"kind": CORRECTIONS, "title": _("Corrections after submission"), "count": len(corrections)})
    wanted = request.GET.get("section", "")
    current = wanted if any(entry["kind"] == wanted for entry in menu) else menu[0]["kind"]
    section = None
    for kind, model, rows in all_sections:
        if kind == current:
            form = section_form_class(kind)(unit=unit, prefix=kind) if editable else None
            section = _section(kind, model, rows, form)
    context = {
        "unit": unit,
        "year": year,
        "quarter": quarter,
        "period": period,
        "menu": menu,
        "current": current,
        "section": section,
        "editable": editable,
        "locked": bool(period and period.is_locked),
        "reason_form": CorrectionReasonForm(prefix="correction"),
        "can_submit": editable and can_submit(request.user, unit) and not (period and period.is_locked),
        "can_rollup": can_view_rollup(request.user, unit),
        "corrections": corrections if current == CORRECTIONS else None,
    }
    return render(request, "reform/period.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@_quarter_checked
def row_add(request: HttpRequest, unit_code: str, year: int, quarter: int, kind: str) -> HttpResponse:
    """Add a row to a section; on a submitted period it needs a correction reason."""
    _kind_model(kind)
    unit = get_unit_for_user(request.user, unit_code, write=True)
    period = selectors.period_find(unit=unit, year=year, quarter=quarter)
    form = section_form_class(kind)(request.POST or None, unit=unit, prefix=kind)
    reason_form = CorrectionReasonForm(request.POST or None, prefix="correction")
    once = OneTimeTokenForm(request.POST or None)
    locked = bool(period and period.is_locked)
    if request.method == "POST":
        earlier = once.earlier_result(request.user, form)
        if earlier:  # a double click or a resent form: the row the first post added
            messages.info(request, ALREADY_SENT)
            return redirect(earlier)
    if request.method == "POST" and form.is_valid() and (not locked or reason_form.is_valid()):

        def add_row() -> str:
            period = services.period_get_or_create(unit=unit, year=year, quarter=quarter, by=acting_user(request))
            reason = reason_form.cleaned_data.get("reason", "") if locked else ""
            services.section_row_create(
                period=period, kind=kind, data=form.cleaned_data, by=acting_user(request), reason=reason
            )
            return _section_url(unit.code, year, quarter, kind)

        try:
            url, created = create_once(by=acting_user(request), token=once.token, create=add_row)
        except ValidationError as exc:
            _apply_errors(form, exc)
        except FormTokenError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Row added.") if created else ALREADY_SENT)
            return redirect(url)
    context = {"unit": unit, "year": year, "quarter": quarter, "kind": kind, "form": form, "locked": locked}
    context.update(reason_form=reason_form, once=once, title=SECTION_MODELS[kind]._meta.verbose_name)
    return render(request, "reform/row_form.html", context)


def _row_for(request: HttpRequest, unit_code: str, year: int, quarter: int, kind: str, pk: int):
    model = _kind_model(kind)
    unit = get_unit_for_user(request.user, unit_code, write=True)
    row = model.objects.select_related("period").filter(
        pk=pk, period__unit=unit, period__year=year, period__quarter=quarter
    )
    if not row:
        raise Http404("No such row.")
    return unit, row[0]


@login_required
@require_http_methods(["GET", "POST"])
@_quarter_checked
def row_edit(request: HttpRequest, unit_code: str, year: int, quarter: int, kind: str, pk: int) -> HttpResponse:
    """Change a row; on a submitted period it needs a correction reason, and the change is logged."""
    unit, row = _row_for(request, unit_code, year, quarter, kind, pk)
    form = section_form_class(kind)(request.POST or None, instance=row, unit=unit, prefix=kind)
    reason_form = CorrectionReasonForm(request.POST or None, prefix="correction")
    locked = row.period.is_locked
    if request.method == "POST" and form.is_valid() and (not locked or reason_form.is_valid()):
        try:
            reason = reason_form.cleaned_data.get("reason", "") if locked else ""
            services.section_row_update(row=row, data=form.cleaned_data, by=acting_user(request), reason=reason)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Row saved."))
            return redirect(_section_url(unit.code, year, quarter, kind))
    context = {"unit": unit, "year": year, "quarter": quarter, "kind": kind, "form": form, "locked": locked}
    context.update(reason_form=reason_form, row=row, title=SECTION_MODELS[kind]._meta.verbose_name)
    return render(request, "reform/row_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@_quarter_checked
def row_delete(request: HttpRequest, unit_code: str, year: int, quarter: int, kind: str, pk: int) -> HttpResponse:
    """Delete a row (after confirmation; with a reason on a submitted period)."""
    unit, row = _row_for(request, unit_code, year, quarter, kind, pk)
    locked = row.period.is_locked
    reason_form = CorrectionReasonForm(request.POST or None, prefix="correction")
    if request.method == "POST" and (not locked or reason_form.is_valid()):
        reason = reason_form.cleaned_data.get("reason", "") if locked else ""
        services.section_row_delete(row=row, by=acting_user(request), reason=reason)
        messages.success(request, _("Row deleted."))
        return redirect(_section_url(unit.code, year, quarter, kind))
    context = {"unit": unit, "year": year, "quarter": quarter, "kind": kind, "row": row, "locked": locked}
    context.update(reason_form=reason_form)
    return render(request, "reform/row_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@_quarter_checked
def period_submit(request: HttpRequest, unit_code: str, year: int, quarter: int) -> HttpResponse:
    """Submit the unit's quarter (leader or reform officer): it is locked from then on. A GET shows what submitting
    does and asks for confirmation (the POST, CSRF-protected, submits)."""
    unit = get_unit_for_user(request.user, unit_code, write=True)
    if not can_submit(request.user, unit):
        raise PermissionDenied(_("Only the unit's leader or reform officer may submit its report data."))
    if request.method == "GET":
        period = selectors.period_find(unit=unit, year=year, quarter=quarter)
        if period is not None and period.is_locked:
            messages.info(request, _("This period has already been submitted."))
            return _period_url(unit.code, year, quarter)
        sections = [
            {"title": model._meta.verbose_name_plural, "count": len(rows)}
            for _kind, model, rows in selectors.period_sections(period)
        ]
        context = {"unit": unit, "year": year, "quarter": quarter, "period": period, "sections": sections}
        context["empty"] = not any(entry["count"] for entry in sections)
        return render(request, "reform/submit_confirm.html", context)
    period = services.period_get_or_create(unit=unit, year=year, quarter=quarter, by=acting_user(request))
    try:
        services.period_submit(period=period, by=acting_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report data has been submitted."))
    return _period_url(unit.code, year, quarter)


@login_required
@_quarter_checked
def rollup(request: HttpRequest, unit_code: str, year: int, quarter: int) -> HttpResponse:
    """The district's view of the quarter: who has submitted, who is missing, and the sums."""
    unit = get_unit_for_user(request.user, unit_code)
    if not can_view_rollup(request.user, unit):
        raise PermissionDenied(_("Only the district's leader or reform officer sees the roll-up."))
    data = selectors.district_rollup(district=unit, year=year, quarter=quarter)
    return render(request, "reform/rollup.html", {"unit": unit, "year": year, "quarter": quarter, "rollup": data})


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, unit_code: str) -> HttpResponse:
    """How the unit's report is headed and signed."""
    unit = get_unit_for_user(request.user, unit_code, write=True)
    current = ReportSettings.objects.filter(unit=unit).first() or ReportSettings(unit=unit)
    form = ReportSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_settings_save(unit=unit, data=form.cleaned_data, by=acting_user(request))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Report settings saved."))
            return redirect("reform:settings", unit_code=unit.code)
    return render(request, "reform/settings.html", {"unit": unit, "form": form})
