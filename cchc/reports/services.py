"""Writes of the reports app: rendering a report's files and logging each one handed out."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from cchc.lib.periods import Period
from cchc.units.models import Unit

from .assembly import ReportFigures, build_report_context
from .models import GeneratedReport, ReportFormat, ReportSource
from .renderers.context import ReportContext

if TYPE_CHECKING:
    from cchc.accounts.models import User
from .renderers.docx import render_docx
from .renderers.pdf import render_pdf
from .renderers.xlsx import render_xlsx

CONTENT_TYPES = {
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ReportFile:
    format: str
    content: bytes
    filename: str
    record: GeneratedReport

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[ReportFormat(self.format)]


def report_filename(unit: Unit, period: Period, fmt: str) -> str:
    """ "bao-cao-cchc-gio-linh-2023-Q3.docx"."""
    name = (period.label or f"{period.start:%Y%m%d}-{period.end:%Y%m%d}").replace("..", "_")
    return f"bao-cao-cchc-{unit.code}-{name}.{fmt}"


def _render(context: ReportContext, formats: Sequence[str]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    if ReportFormat.DOCX in formats or ReportFormat.PDF in formats:
        out[ReportFormat.DOCX] = render_docx(context)
    if ReportFormat.PDF in formats:
        # The PDF is the .docx converted, so both say exactly the same.
        out[ReportFormat.PDF] = render_pdf(out[ReportFormat.DOCX])
    if ReportFormat.XLSX in formats:
        out[ReportFormat.XLSX] = render_xlsx(context)
    return {fmt: out[fmt] for fmt in formats}


@transaction.atomic
def generated_report_log(
    *,
    unit: Unit,
    period: Period,
    cutoff: str,
    fmt: str,
    content: bytes,
    filename: str,
    by: User | None,
    source: str,
    parameters: dict[str, Any] | None = None,
) -> GeneratedReport:
    """Record that a report file was produced: who, when, unit, period, cut-off, format and the SHA-256 of its bytes."""
    return GeneratedReport.objects.create(
        generated_by=by if getattr(by, "is_authenticated", False) else None,
        unit=unit,
        period=period.label or str(period),
        cutoff=cutoff,
        start=period.start,
        end=period.end,
        format=ReportFormat(fmt),
        source=ReportSource(source),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        filename=filename,
        parameters=parameters or {},
    )


def report_render(
    *,
    unit: Unit,
    period: Period,
    cutoff: str,
    formats: Sequence[str],
    by: User | None,
    source: str,
    figures: ReportFigures | None = None,
) -> list[ReportFile]:
    """Build the report of `unit` for `period`, render it in each of `formats` and log every file.

    Raises assembly.ReportPeriodError for a period that is not a quarter, half-year or month, and
    renderers.pdf.PdfConversionError when a PDF is asked for and LibreOffice cannot make it (nothing is logged
    then). Rendering (LibreOffice takes seconds) happens before the log's transaction opens.
    """
    formats = [ReportFormat(f) for f in formats]
    context = build_report_context(unit=unit, period=period, by=by, figures=figures)
    contents = _render(context, formats)
    parameters = {"unit": unit.code, "period": period.label, "cutoff": cutoff, "formats": [str(f) for f in formats]}
    files = []
    with transaction.atomic():
        for fmt, content in contents.items():
            filename = report_filename(unit, period, fmt)
            record = generated_report_log(
                unit=unit,
                period=period,
                cutoff=cutoff,
                fmt=fmt,
                content=content,
                filename=filename,
                by=by,
                source=source,
                parameters=parameters,
            )
            files.append(ReportFile(str(fmt), content, filename, record))
    return files
