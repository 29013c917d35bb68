"""The audit reads a .docx report paragraph by paragraph, table rows included."""

from collections.abc import Sequence
from pathlib import Path

import docx
import pytest

from cchc.reports.audit import audit_report, read_report

DATA = Path(__file__).parent / "data" / "audit"
SEED = DATA / "gio-linh-2023-q3-report.txt"
CLEAN = DATA / "clean-report.txt"


def write_docx(path: Path, text: str, table_rows: Sequence[tuple[str, str]] = ()) -> list[int]:
    """Write each non-blank line of text as a paragraph, then a table; return the source line of each paragraph."""
    document = docx.Document()
    source_lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            document.add_paragraph(line)
            source_lines.append(number)
    if table_rows:
        table = document.add_table(rows=0, cols=2)
        for label, figure in table_rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, figure
    document.save(str(path))
    return source_lines


@pytest.fixture
def seed_docx(tmp_path):
    path = tmp_path / "gio-linh.docx"
    source_lines = write_docx(
        path,
        SEED.read_text(encoding="utf-8"),
        [("Chỉ tiêu", "Số liệu"), ("Đánh giá chất lượng", "50 phiếu đánh giá/200 hồ sơ đạt 30%")],
    )
    return path, source_lines


def test_the_seed_as_docx_gives_the_same_findings_by_paragraph_number(seed_docx):
    """The three errors of the seed are found at the paragraphs holding lines 114, 124 and 130 of the text,
    and the wrong rate in the table at the number of its row, counted after the paragraphs."""
    path, source_lines = seed_docx
    findings, unit = audit_report(path)
    assert unit == "paragraph"
    table_row = len(source_lines) + 2
    assert [(f.line, f.kind, f.stated, f.expected) for f in findings] == [
        (source_lines.index(114) + 1, "percentage", "0,5%", "0,05%"),
        (source_lines.index(124) + 1, "late_count", "9/9", "4/4"),
        (source_lines.index(130) + 1, "percentage", "77,53%", "75,60%"),
        (table_row, "percentage", "30%", "25%"),
    ]


def test_a_table_row_reads_as_its_cells_joined(seed_docx):
    """Each table row is one numbered paragraph whose text joins its cells."""
    path, source_lines = seed_docx
    lines, _ = read_report(path)
    assert lines[len(source_lines)].text == "Chỉ tiêu | Số liệu"
    assert lines[-1].number == len(source_lines) + 2


def test_the_clean_report_as_docx_adds_up(tmp_path):
    """The clean synthetic report raises nothing as a .docx either."""
    path = tmp_path / "clean.docx"
    write_docx(path, CLEAN.read_text(encoding="utf-8"), [("Niêm yết", "124/124 TTHC (100%)")])
    findings, _ = audit_report(path)
    assert findings == []
