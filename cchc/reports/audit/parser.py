"""Read a hand-written report into numbered lines: text lines of a .txt, paragraphs and table rows of a .docx."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.table import Table


class UnsupportedReport(ValueError):
    """The file is neither a .txt nor a .docx report."""


@dataclass(frozen=True)
class Line:
    """One numbered piece of the report: a text line, or a .docx paragraph or table row."""

    number: int
    text: str


def read_report(path: Path | str) -> tuple[list[Line], str]:
    """Return the numbered lines of the report and what a number counts ("line" or "paragraph")."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return read_text(path.read_text(encoding="utf-8-sig")), "line"
    if suffix == ".docx":
        return read_docx(path), "paragraph"
    raise UnsupportedReport(path.suffix)


def read_text(text: str) -> list[Line]:
    """Number the lines of a plain-text report from 1."""
    return [Line(number, _clean(raw)) for number, raw in enumerate(text.splitlines(), start=1)]


def read_docx(path: Path) -> list[Line]:
    """Number the body of a .docx in order from 1: each paragraph counts one, each table row counts one
    (its cells joined by " | ", a merged cell once), so a table row reads like a line of text."""
    document = docx.Document(str(path))
    lines: list[Line] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(p.text for p in cell.paragraphs).strip()
                    if not cells or cells[-1] != text:
                        cells.append(text)
                lines.append(Line(len(lines) + 1, _clean(" | ".join(cells))))
        else:
            lines.append(Line(len(lines) + 1, _clean(block.text)))
    return lines


def _clean(text: str) -> str:
    # Markdown emphasis ("**Cấp huyện:**") and non-breaking spaces carry no figures but break the patterns;
    # text pasted from some Vietnamese keyboards arrives decomposed (NFD) and would not match "đạt" as typed here.
    text = unicodedata.normalize("NFC", text)
    return text.replace("**", "").replace("\u00a0", " ").rstrip()
