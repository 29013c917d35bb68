"""Writes to report data. Every change to a submitted period is a logged Correction with its reason.

`by` is the acting user; None stands for the system itself (the demo loader, an import run by an administrator
without --by), which skips the access check but is still recorded as no one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.units.models import Unit

if TYPE_CHECKING:
    from cchc.accounts.models import User

from .access import can_submit, require_edit
from .models import (
    SECTION_MODELS,
    Correction,
    CorrectionAction,
    PeriodStatus,
    ReportPeriod,
    ReportSettings,
    SectionRow,
    section_key,
)


class PeriodLockedError(ValidationError):
    """A change to a submitted period was attempted without a correction reason."""


def check_quarter(year: int, quarter: int) -> None:
    """ValidationError unless `quarter` is 1..4 and `year` within 2000..2100 (the report data's years)."""
    if not 1 <= quarter <= 4:
        raise ValidationError(_("The quarter must be 1 to 4."))
    if not 2000 <= year <= 2100:
        raise ValidationError(_("The year must be between 2000 and 2100."))


@transaction.atomic
def period_get_or_create(*, unit: Unit, year: int, quarter: int, by: User | None) -> ReportPeriod:
    """The unit's period for the quarter, created as a draft on first use."""
    require_edit(by, unit)
    check_quarter(year, quarter)
    period, _created = ReportPeriod.objects.get_or_create(
        unit=unit, year=year, quarter=quarter, defaults={"created_by": by}
    )
    return period


@transaction.atomic
def period_submit(*, period: ReportPeriod, by: User | None) -> ReportPeriod:
    """Submit a draft period: from now on it is locked and every change is a correction."""
    period = ReportPeriod.objects.select_for_update().get(pk=period.pk)
    if by is not None and not can_submit(by, period.unit):
        raise PermissionDenied(_("Only the unit's leader or reform officer may submit its report data."))
    if period.is_locked:
        raise ValidationError(_("This period has already been submitted."))
    # update() rather than setting the attribute: the dossier status guard flags any assignment to a status.
    ReportPeriod.objects.filter(pk=period.pk).update(
        status=PeriodStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=by
    )
    period.refresh_from_db()
    return period


def _text(value: Any) -> str:
    """A field value as the correction log stores it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ";".join(sorted(getattr(v, "code", str(v)) for v in value))
    return str(value)


def _values(row: SectionRow) -> dict[str, str]:
    out = {}
    for name in row.data_fields:
        field = row._meta.get_field(name)
        if isinstance(field, models.ManyToManyField):
            out[name] = _text(getattr(row, name).all()) if row.pk else ""
        else:
            out[name] = _text(getattr(row, name))
    return out


def _require_reason(period: ReportPeriod, reason: str) -> str:
    reason = (reason or "").strip()
    if period.is_locked and not reason:
        raise PeriodLockedError(
            _("%(period)s has been submitted: a change needs a correction reason.") % {"period": period},
            code="correction_reason_required",
        )
    return reason


def _assign(row: SectionRow, data: Mapping[str, Any]) -> dict[str, Any]:
    """Set the plain fields of `row` from `data`; return the many-to-many values to set after saving."""
    unknown = set(data) - set(row.data_fields)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    m2m = {}
    for name, value in data.items():
        if isinstance(row._meta.get_field(name), models.ManyToManyField):
            m2m[name] = list(value or [])
        else:
            setattr(row, name, value)
    return m2m


def _log(
    period: ReportPeriod,
    kind: str,
    row_id: int,
    action: str,
    reason: str,
    by: User | None,
    changes: Iterable[tuple[str, str, str]] = (),
) -> None:
    if not period.is_locked:
        return
    if not changes:
        Correction.objects.create(period=period, kind=kind, row_id=row_id, action=action, reason=reason, by=by)
        return
    Correction.objects.bulk_create(
        Correction(
            period=period,
            kind=kind,
            row_id=row_id,
            action=action,
            field=name,
            old_value=old,
            new_value=new,
            reason=reason,
            by=by,
        )
        for name, old, new in changes
    )


@transaction.atomic
def section_row_create(
    *,
    period: ReportPeriod,
    kind: str,
    data: Mapping[str, Any],
    by: User | None,
    reason: str = "",
    position: int | None = None,
) -> SectionRow:
    """Add a row of section `kind` (a SECTION_MODELS key) to the period; logged when the period is submitted."""
    require_edit(by, period.unit)
    period = ReportPeriod.objects.select_for_update().get(pk=period.pk)
    reason = _require_reason(period, reason)
    model = SECTION_MODELS[kind]
    if position is None:
        position = (model._default_manager.filter(period=period).aggregate(m=Max("position"))["m"] or 0) + 1
    row = model(period=period, position=position, created_by=by, updated_by=by)
    m2m = _assign(row, data)
    row.full_clean()
    row.save()
    for name, value in m2m.items():
        getattr(row, name).set(value)
    after = _values(row)
    _log(period, kind, row.pk, CorrectionAction.CREATE, reason, by, [(n, "", v) for n, v in after.items() if v])
    return row


@transaction.atomic
def section_row_update(*, row: SectionRow, data: Mapping[str, Any], by: User | None, reason: str = "") -> SectionRow:
    """Change fields of a row; on a submitted period each changed field is logged with `reason`."""
    period = ReportPeriod.objects.select_for_update().get(pk=row.period_id)
    require_edit(by, period.unit)
    row = type(row)._default_manager.select_for_update().get(pk=row.pk)
    before = _values(row)
    m2m = _assign(row, data)
    row.full_clean()
    after = {**_values(row), **{name: _text(value) for name, value in m2m.items()}}
    changes = [(name, before[name], after[name]) for name in row.data_fields if before[name] != after[name]]
    if not changes:
        return row
    reason = _require_reason(period, reason)
    row.updated_by = by
    row.updated_at = timezone.now()
    row.save()
    for name, value in m2m.items():
        getattr(row, name).set(value)
    _log(period, section_key(type(row)), row.pk, CorrectionAction.UPDATE, reason, by, changes)
    return row


@transaction.atomic
def section_row_delete(*, row: SectionRow, by: User | None, reason: str = "") -> None:
    """Delete a row; on a submitted period the deleted values are logged with `reason`."""
    period = ReportPeriod.objects.select_for_update().get(pk=row.period_id)
    require_edit(by, period.unit)
    reason = _require_reason(period, reason)
    before = _values(row)
    row_id = row.pk
    row.delete()
    changes = [(n, v, "") for n, v in before.items() if v]
    _log(period, section_key(type(row)), row_id, CorrectionAction.DELETE, reason, by, changes)


@transaction.atomic
def period_rows_clear(*, period: ReportPeriod, by: User | None, kinds: Iterable[str] | None = None) -> int:
    """Delete the rows of a draft period (of the given sections, or all), to load them again; returns the count."""
    period = ReportPeriod.objects.select_for_update().get(pk=period.pk)
    require_edit(by, period.unit)
    if period.is_locked:
        raise PeriodLockedError(
            _("%(period)s has been submitted: its rows can only be corrected one by one.") % {"period": period},
            code="period_locked",
        )
    count = 0
    for kind in kinds if kinds is not None else SECTION_MODELS:
        deleted, _by_model = SECTION_MODELS[kind]._default_manager.filter(period=period).delete()
        count += deleted
    return count


SETTINGS_FIELDS = (
    "governing_body",
    "issuer_name",
    "symbol",
    "place",
    "signer_name",
    "signer_title",
    "on_behalf",
    "recipients",
    "distribution",
    "basis",
)


@transaction.atomic
def report_settings_save(*, unit: Unit, data: Mapping[str, Any], by: User | None) -> ReportSettings:
    """Create or change how the unit's report is headed and signed."""
    require_edit(by, unit)
    unknown = set(data) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    current = ReportSettings.objects.select_for_update().filter(unit=unit).first() or ReportSettings(unit=unit)
    for name, value in data.items():
        setattr(current, name, value)
    current.updated_by = by
    current.updated_at = timezone.now()
    current.full_clean()
    current.save()
    return current
