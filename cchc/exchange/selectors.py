"""Reading dossiers out in the exchange format (the columns `dossiers_import` reads back as unchanged)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from cchc.dossiers.models import Dossier
from cchc.feedback.models import Evaluation
from cchc.lib.periods import Period
from cchc.units.models import Unit

from .validation import local_zone

# Export column -> the value the queryset yields for it.
SOURCES = {
    "code": "code",
    "procedure_code": "procedure__code",
    "unit_code": "receiving_unit__code",
    "channel": "channel",
    "received_at": "received_at",
    "due_at": "due_at",
    "finished_at": "finished_at",
    "outcome": "outcome",
    "components_digitized": "components_digitized",
    "result_digitized": "result_digitized",
    "apology_at": "apology__issued_at",
    "evaluated_at": "first_evaluated_at",
    "e_certified": "e_certified",
    "applicant_name": "applicant_name",
    "applicant_id": "applicant_id_number",
    "applicant_phone": "applicant_phone",
}


def dossier_export_queryset(*, unit: Unit | None = None, period: Period | None = None) -> QuerySet[Dossier]:
    """Dossiers received at `unit` or any unit below it, and, with a period, those the period's figures
    count: received before its end and not finished before its start (received in it, or carried over)."""
    first_evaluation = Evaluation.objects.filter(dossier=OuterRef("pk")).order_by("submitted_at", "pk")
    qs = Dossier.objects.annotate(first_evaluated_at=Subquery(first_evaluation.values("submitted_at")[:1]))
    if unit is not None:
        qs = qs.filter(receiving_unit__path__startswith=unit.path)
    if period is not None:
        qs = qs.filter(received_at__lt=period.end_at).exclude(finished_at__lt=period.start_at)
    return qs.order_by("received_at", "code")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.astimezone(local_zone()).isoformat()
    return str(value)


def dossier_export_rows(*, unit: Unit | None = None, period: Period | None = None) -> Iterator[dict[str, str]]:
    """One dict (column -> text) per dossier, times in ISO 8601 with their offset, streamed in chunks."""
    qs = dossier_export_queryset(unit=unit, period=period).values_list(*SOURCES.values())
    for values in qs.iterator(chunk_size=2000):
        yield {column: _text(value) for column, value in zip(SOURCES, values, strict=True)}
