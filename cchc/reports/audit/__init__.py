"""Audit of a hand-written CCHC report: every stated sum and percentage that does not add up."""

from pathlib import Path

from .checks import Finding, audit_lines
from .parser import Line, UnsupportedReport, read_report, read_text

__all__ = ["Finding", "Line", "UnsupportedReport", "audit_lines", "audit_report", "read_report", "read_text"]


def audit_report(path: Path | str) -> tuple[list[Finding], str]:
    """Read a .txt or .docx report and return its findings and what its numbers count ("line" or "paragraph")."""
    lines, unit = read_report(path)
    return audit_lines(lines), unit
