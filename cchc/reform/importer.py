"""Import of report-data rows from CSV (UTF-8, BOM accepted) or XLSX (first sheet), one file per section.

All or nothing: every row is checked, every bad cell is reported with its row number, column and reason, and
nothing is written unless the whole file is good. The columns are unit_code, year, quarter and the section's
fields (docs/report-data-format.md); a column the section does not know is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.exchange.tables import EXTRA, TableError, read_table
from cchc.units.models import Unit

from . import services
from .access import can_edit
from .forms import section_form_class
from .models import DOCUMENT_TYPE_NAMES_VI, SECTION_MODELS, PeriodStatus, ReportPeriod

KEY_COLUMNS = ("unit_code", "year", "quarter")


def _default(field: Any) -> Any:
    """The default of a model field that has one, else None."""
    return field.get_default() if isinstance(field, models.Field) and field.has_default() else None


# Trainings name the units involved by their codes, separated by ";".
UNIT_CODES_COLUMN = "unit_codes"
TRUE_WORDS = {"true", "1", "yes", "x", "có", "co"}
FALSE_WORDS = {"false", "0", "no", "không", "khong", ""}


@dataclass(frozen=True)
class RowError:
    row: int  # row number in the file, the header being row 1
    column: str
    message: str

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row}
        if self.column:
            where += ", " + _("column %(column)s") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    replaced: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def columns_for(kind: str) -> list[str]:
    """The columns of a section's file, key columns first."""
    names = [UNIT_CODES_COLUMN if name == "units" else name for name in SECTION_MODELS[kind].data_fields]
    return [*KEY_COLUMNS, *names]


def required_columns(kind: str) -> list[str]:
    """Columns that must be present: the key columns and every field without a default that must be filled."""
    model = SECTION_MODELS[kind]
    required = list(KEY_COLUMNS)
    for name in model.data_fields:
        f = model._meta.get_field(name)
        if isinstance(f, models.ManyToManyField) or not isinstance(f, models.Field) or f.blank or f.has_default():
            continue
        required.append(name)
    return required


def _choice_lookup(model_field) -> dict[str, str]:
    """Choice values by their value, their label in Vietnamese and English, and the official Vietnamese type name
    of a document, lower-cased."""
    lookup = {}
    for value, label in model_field.choices:
        lookup[str(value).lower()] = str(value)
        for language in ("vi", "en"):
            with translation.override(language):
                lookup[str(label).lower()] = str(value)
    if model_field.name == "doc_type":
        lookup.update({name.lower(): str(value) for value, name in DOCUMENT_TYPE_NAMES_VI.items()})
    return lookup


class _Checker:
    def __init__(self, kind: str, by) -> None:
        self.kind = kind
        self.by = by
        self.model = SECTION_MODELS[kind]
        self.form_class = section_form_class(kind)
        self.units: dict[str, Unit | None] = {}
        self.choices = {
            name: _choice_lookup(self.model._meta.get_field(name))
            for name in self.model.data_fields
            if getattr(self.model._meta.get_field(name), "choices", None)
        }

    def unit(self, code: str) -> Unit | None:
        if code not in self.units:
            self.units[code] = Unit.objects.filter(code=code).first()
        return self.units[code]

    def check(self, number: int, row: dict) -> tuple[tuple[Unit, int, int] | None, dict, list[RowError]]:
        """The (unit, year, quarter) key and form-cleaned data of one row, or its errors."""
        errors: list[RowError] = []
        if row.get(EXTRA):
            errors.append(RowError(number, "", _("values beyond the last column: %(v)s") % {"v": row[EXTRA]}))
        key = self._key(number, row, errors)
        data: dict[str, Any] = {}
        for name in self.model.data_fields:
            column = UNIT_CODES_COLUMN if name == "units" else name
            value = row.get(column, "")
            if name == "units":
                data[name] = self._unit_ids(number, value, errors)
            elif isinstance(self.model._meta.get_field(name), models.BooleanField):
                if value.lower() not in TRUE_WORDS | FALSE_WORDS:
                    errors.append(RowError(number, column, _("write true or false, not %(v)r") % {"v": value}))
                data[name] = "on" if value.lower() in TRUE_WORDS else ""
            elif name in self.choices and value:
                data[name] = self.choices[name].get(value.lower(), value)
            elif isinstance(self.model._meta.get_field(name), models.DecimalField) and "," in value:
                # A decimal comma (79461,612), whatever the interface language; thousands separators are not taken.
                data[name] = value.replace(",", ".") if "." not in value else value
            elif not value and (default := _default(self.model._meta.get_field(name))) is not None:
                data[name] = default
            else:
                data[name] = value
        form = self.form_class(data=data, unit=key[0] if key else None)
        if not form.is_valid():
            for name, messages in form.errors.items():
                column = UNIT_CODES_COLUMN if name == "units" else ("" if name == "__all__" else name)
                errors.extend(RowError(number, column, str(message)) for message in messages)
        return (key if not errors else None), (form.cleaned_data if not errors else {}), errors

    def _key(self, number: int, row: dict, errors: list[RowError]) -> tuple[Unit, int, int] | None:
        unit = self.unit(row["unit_code"])
        if unit is None:
            errors.append(RowError(number, "unit_code", _("no unit has the code %(v)r") % {"v": row["unit_code"]}))
        elif self.by is not None and not can_edit(self.by, unit):
            errors.append(RowError(number, "unit_code", _("you may not change the report data of this unit")))
        year = quarter = None
        try:
            year = int(row["year"])
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            errors.append(RowError(number, "year", _("not a year: %(v)r") % {"v": row["year"]}))
        try:
            quarter = int(row["quarter"])
            if not 1 <= quarter <= 4:
                raise ValueError
        except ValueError:
            errors.append(
                RowError(number, "quarter", _("the quarter must be 1 to 4, not %(v)r") % {"v": row["quarter"]})
            )
        if unit is None or year is None or quarter is None:
            return None
        status = ReportPeriod.objects.filter(unit=unit, year=year, quarter=quarter).values_list("status", flat=True)
        if status.first() == PeriodStatus.SUBMITTED:
            errors.append(
                RowError(number, "quarter", _("this period has been submitted; correct it row by row with a reason"))
            )
        return unit, year, quarter

    def _unit_ids(self, number: int, value: str, errors: list[RowError]) -> list[int]:
        ids = []
        for code in (c.strip() for c in value.split(";")):
            if not code:
                continue
            unit = self.unit(code)
            if unit is None:
                errors.append(RowError(number, UNIT_CODES_COLUMN, _("no unit has the code %(v)r") % {"v": code}))
            else:
                ids.append(unit.pk)
        return ids


class _Rollback(Exception):
    pass


def import_rows(kind: str, header: list[str], rows: list[dict], *, by=None, replace: bool = False) -> ImportResult:
    """Check every row and, when all are good, write them in one transaction (else write nothing).

    With replace=True the rows the section already holds in each period named by the file are deleted first,
    so a corrected file can be loaded again; that is refused for a submitted period.
    """
    result = ImportResult(kind=kind)
    if kind not in SECTION_MODELS:
        result.errors.append(RowError(1, "", _("unknown kind %(kind)r") % {"kind": kind}))
        return result
    known = columns_for(kind)
    for name in header:
        if name not in known:
            result.errors.append(RowError(1, name, _("unknown column")))
    for name in required_columns(kind):
        if name not in header:
            result.errors.append(RowError(1, name, _("missing column")))
    if result.errors:
        return result
    checker = _Checker(kind, by)
    checked = []
    for index, row in enumerate(rows):
        number = index + 2
        if not any(v for k, v in row.items() if k is not EXTRA):
            continue
        key, data, errors = checker.check(number, row)
        result.errors.extend(errors)
        checked.append((number, key, data))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            _write(kind, checked, by, replace, result)
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = result.replaced = 0
    return result


def _write(kind: str, checked: list, by, replace: bool, result: ImportResult) -> None:
    periods: dict[tuple[int, int, int], ReportPeriod] = {}
    for number, (unit, year, quarter), data in checked:
        try:
            period = periods.get((unit.pk, year, quarter))
            if period is None:
                period = services.period_get_or_create(unit=unit, year=year, quarter=quarter, by=by)
                periods[(unit.pk, year, quarter)] = period
                if replace:
                    result.replaced += services.period_rows_clear(period=period, by=by, kinds=[kind])
            services.section_row_create(period=period, kind=kind, data=data, by=by)
            result.created += 1
        except ValidationError as exc:
            for name, messages in _messages(exc):
                result.errors.append(RowError(number, name, "; ".join(messages)))
        except PermissionDenied as exc:
            result.errors.append(RowError(number, "unit_code", str(exc)))


def _messages(exc: ValidationError) -> list[tuple[str, list[str]]]:
    if hasattr(exc, "error_dict"):
        return [
            ("" if name == "__all__" else name, [str(m) for e in errs for m in e])
            for name, errs in exc.error_dict.items()
        ]
    return [("", [str(m) for m in exc.messages])]


def import_file(kind: str, path: str | Path, *, by=None, replace: bool = False) -> ImportResult:
    """Import one CSV or XLSX file of section `kind`; a file that cannot be read is reported as row 0."""
    try:
        header, rows = read_table(path)
    except TableError as exc:
        return ImportResult(kind=kind, errors=[RowError(0, "", str(exc))])
    return import_rows(kind, header, rows, by=by, replace=replace)
