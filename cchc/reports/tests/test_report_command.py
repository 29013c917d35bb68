"""`cchc report` on the Gio Linh demo: every consistent figure of the seed in its section, Vietnamese notation,
the corrected figures where the printed report contradicts itself, Decree 30 layout, PDF and the xlsx appendix.

The demo is built once for the session (conftest.py); the report is generated once, with --pdf when LibreOffice
is installed, and every test reads those files.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import load_workbook

from cchc.demo.targets import FIGURES_FILE
from cchc.lib.formatting import vn_amount, vn_int
from cchc.reports.models import GeneratedReport, ReportFormat, ReportSource
from cchc.reports.renderers.pdf import soffice_path

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

SEED = json.loads(Path(FIGURES_FILE).read_text(encoding="utf-8"))
HAS_SOFFICE = soffice_path() is not None


@pytest.fixture(scope="module")
def generated(request, demo, django_db_blocker, tmp_path_factory):
    """Run the command once: .docx, .xlsx and .pdf (with LibreOffice, unless the run leaves out the tests marked
    `pdf`, as `make test-fast` does); keep its output and the log rows."""
    out = tmp_path_factory.mktemp("report") / "gio-linh-2023-q3.docx"
    args = ["report", "--unit", "gio-linh", "--period", "2023-Q3", "--out", str(out), "--xlsx"]
    pdf = HAS_SOFFICE and any(
        item.get_closest_marker("pdf") and item.module is request.module for item in request.session.items
    )
    if pdf:
        args.append("--pdf")
    stdout = io.StringIO()
    with django_db_blocker.unblock():
        call_command(*args, stdout=stdout)
        logged = list(GeneratedReport.objects.filter(unit__code="gio-linh").order_by("pk"))
    return {"docx": out, "stdout": stdout.getvalue(), "logged": logged, "pdf": pdf}


@pytest.fixture(scope="module")
def document(generated):
    return Document(str(generated["docx"]))


@pytest.fixture(scope="module")
def sections(document) -> dict[str, str]:
    """Body text under each numbered clause of part I ("1".."8") and each Roman section ("II".."IV")."""
    found: dict[str, list[str]] = {}
    current = "opening"
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        head = text.split(".")[0]
        bold = bool(paragraph.runs) and all(r.bold for r in paragraph.runs if r.text.strip())
        if bold and (head.isdigit() or head in ("I", "II", "III", "IV")):
            current = head
        if text == "Phụ lục":
            current = "appendix"
        found.setdefault(current, []).append(text)
    return {key: "\n".join(lines) for key, lines in found.items()}


def pct(value) -> str:
    """The seed's percentage as the report writes it: 2 decimals, trailing zeros kept, "100%" for a whole 100."""
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return f"{int(d)}%"
    return f"{d:.2f}".replace(".", ",") + "%"


def rounds_to(printed: str, seed_value) -> bool:
    """Whether a Vietnamese percentage of the report ("42,22") reads as the seed's ("42.2") at its precision."""
    seed = Decimal(str(seed_value))
    exponent = seed.as_tuple().exponent
    assert isinstance(exponent, int), seed_value  # a finite number
    places = Decimal(1).scaleb(exponent)
    return Decimal(printed.replace(",", ".")).quantize(places, rounding=ROUND_HALF_UP) == seed


SCOPE_TITLES = {
    "whole_district": "Toàn huyện:",
    "district_level": "Cấp huyện:",
    "commune_level": "Tại UBND các xã, thị trấn:",
}


@pytest.mark.parametrize("scope", SCOPE_TITLES)
def test_the_dossier_sentence_of_each_scope_states_the_seeds_figures(sections, scope):
    """The whole I.3 sentence per scope, from the seed's consistent figures, in Vietnamese notation."""
    s = SEED["dossiers"][scope]
    late_pct = "0,05%" if scope == "whole_district" else pct(s["resolved_late_pct"])  # the seed printed 0,5%
    expected = (
        f"{SCOPE_TITLES[scope]} Tổng số hồ sơ tiếp nhận giải quyết trong quý III năm 2023: {vn_int(s['total'])} hồ sơ "
        f"(trong đó: trực tuyến: {vn_int(s['received_online'])} hồ sơ, trực tiếp: {vn_int(s['received_direct'])} hồ "
        f"sơ, tồn kỳ trước: {vn_int(s['carried_over'])} hồ sơ); đã giải quyết: {vn_int(s['resolved'])} hồ sơ (trước "
        f"và đúng hạn: {vn_int(s['resolved_early_or_on_time'])} hồ sơ, đạt {pct(s['resolved_on_time_pct'])}; quá hạn: "
        f"{s['resolved_late']} hồ sơ, chiếm {late_pct}); đang giải quyết: {vn_int(s['pending'])} hồ sơ (còn hạn: "
        f"{vn_int(s['pending_within_deadline'])}, quá hạn: {s['pending_overdue']})."
    )
    assert expected in sections["3"]


def test_the_other_figures_of_section_3(sections):
    text = sections["3"]
    posted = SEED["procedures_posted"]
    assert f"{posted['district_level']}/{posted['district_level']} TTHC thuộc thẩm quyền giải quyết cấp huyện" in text
    assert f"{posted['commune_level']}/{posted['commune_level']} TTHC thuộc thẩm quyền giải quyết cấp xã" in text
    assert f"chứng thực bản sao điện tử với số lượng đạt {SEED['e_certifications']} hồ sơ" in text
    assert f"đã ban hành {SEED['apologies']['issued']} phiếu xin lỗi" in text
    # Corrected: 4 dossiers were late (4 resolved late, 0 pending overdue), all apologised for; not "9/9".
    assert "4/4 hồ sơ trễ hạn đã được thực hiện xin lỗi, đạt 100%" in text
    ev = SEED["evaluations"]
    assert (
        f"{vn_int(ev['forms'])} phiếu đánh giá/{vn_int(ev['resolved_dossiers'])} hồ sơ đã giải quyết, đạt 75,60%"
        in text
    )
    assert "không phát sinh phản ánh, kiến nghị" in text
    for wrong in ("0,5%", "77,53%", "9/9", "(>70%)"):
        assert wrong not in text


def test_per_unit_digitisation_and_online_rates(sections):
    text = sections["3"]
    components = text[text.index("Số hóa thành phần hồ sơ tiếp nhận") : text.index("Số hóa kết quả hồ sơ")]
    results = text[text.index("Số hóa kết quả hồ sơ") : text.index("Tỷ lệ hồ sơ trực tuyến")]
    online = text[text.index("Tỷ lệ hồ sơ trực tuyến") : text.index("Hồ sơ dịch vụ công trực tuyến toàn trình")]
    below, above = components.split("Các đơn vị đạt tỷ lệ quy định")
    assert "Các đơn vị chưa đạt tỷ lệ quy định (<70%): cấp huyện (40,83%); cấp xã: Trung Hải (51,04%)." in below
    for name, value in SEED["digitized_components_pct"].items():
        shown = "cấp huyện" if name == "district_level" else name
        assert f"{shown} ({pct(value)})" in (below if Decimal(str(value)) < 70 else above), name
    for name, value in SEED["digitized_results_pct"].items():
        shown = "Cấp huyện" if name == "district_level" else name
        assert f"{shown} ({pct(value)})" in results, name
    for name, value in SEED["online_dossier_pct"].items():
        shown = "cấp huyện" if name == "district_level" else name
        match = re.search(rf"{re.escape(shown)} \((\d+(?:,\d+)?)%\)", online)
        assert match and rounds_to(match[1], value), (name, match and match[1], value)
    assert (
        "Chỉ có UBND thị trấn Gio Linh đạt tiêu chí với 2 hồ sơ tiếp nhận toàn trình trực tuyến/2 hồ sơ thuộc TTHC "
        "toàn trình phát sinh, đạt 100%; 16 xã, thị trấn chưa đạt tiêu chí này, tỷ lệ 0%" in text
    )


def test_public_finance_figures(sections):
    text = sections["6"]
    for line in SEED["budget_million_vnd"].values():
        estimate, plan = Decimal(str(line["estimate_9_months"])), Decimal(str(line["plan"]))
        match = re.search(
            rf"ước thực hiện 9 tháng là {re.escape(vn_amount(estimate))} triệu đồng/{re.escape(vn_amount(plan))} "
            r"triệu đồng \(ước đạt (\d+,\d+)% kế hoạch\)",
            text,
        )
        assert match and rounds_to(match[1], line["pct"]), line
    d = SEED["capital_disbursement_million_vnd"]
    total = d["total"]
    assert (
        f"tổng giải ngân đến 31/8/2023 là {vn_amount(Decimal(str(total['disbursed'])))}/"
        f"{vn_amount(Decimal(str(total['plan'])))} triệu đồng, đạt {pct(total['pct'])}" in text
    )
    for source in d["sources"]:
        line = (
            f"+ {source['source']}: {vn_amount(Decimal(str(source['disbursed'])))}/"
            f"{vn_amount(Decimal(str(source['plan'])))} triệu đồng, đạt {pct(source['pct'])}"
        )
        assert line in text, source["source"]
    assert "đến 30/9/2023 là 113.800/242.322,798 triệu đồng, ước đạt 46,96%" in text
    assert "79.461,612" not in sections["3"]


def test_trainings_reviews_and_staffing_in_their_sections(sections):
    assert "Tổ chức 02 lớp bồi dưỡng" in sections["1"] and "gần 80" in sections["1"]
    institutions = sections["2"]
    assert "Rà soát 07 văn bản quy phạm pháp luật" in institutions and "04/04 văn bản" in institutions
    # A collective audience ("đội ngũ cán bộ, công chức ...") takes no number: "với 65 người tham dự", as the seed.
    assert "với 65 người tham dự, cấp phát 65 quyển tài liệu" in institutions and "65 đội ngũ" not in institutions
    assert "Tổ chức 05 hội nghị tập huấn công tác hòa giải ở cơ sở cho 200 hòa giải viên" in institutions
    for unit in SEED["trainings"][3]["units"]:
        assert (f"thị trấn {unit[3:]}" if unit.startswith("TT ") else f"xã {unit}") in institutions
    assert "09 số" in institutions
    assert "04 viên chức" in sections["4"]
    assert f"{SEED['teachers_recruited']} thí sinh" in sections["5"]
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC TRỌNG TÂM QUÝ IV" in sections["III"]


def test_section_8_is_titled_after_the_only_index_it_reports(sections):
    # The demo's section 8, like the seed's, reports on PAPI only; its title names neither PAR INDEX nor SIPAS.
    title = sections["8"].splitlines()[0]
    assert title == "8. Kết quả thực hiện chương trình nâng cao Chỉ số Hiệu quả quản trị và hành chính công (PAPI)"


def test_the_report_states_the_dates_it_covers(sections, generated):
    assert "(số liệu tính từ ngày 15/6/2023 đến hết ngày 14/9/2023)" in sections["opening"]
    assert "2023-06-15" in generated["stdout"] and "2023-09-14" in generated["stdout"]


def test_page_fonts_and_header_blocks(document):
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        for actual, expected in zip(margins, (Mm(20), Mm(20), Mm(30), Mm(15)), strict=True):
            assert abs(actual - expected) < Mm(0.1)
    fonts = {
        r.get(qn(f"w:{slot}"))
        for r in document.element.body.iter(qn("w:rFonts"))
        for slot in ("ascii", "hAnsi", "cs")
        if r.get(qn(f"w:{slot}"))
    }
    assert fonts == {"Times New Roman"}
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "ỦY BAN NHÂN DÂN" in left and "HUYỆN GIO LINH" in left
    # Decree 30: the issuer without a parent body is bold on both lines of its name.
    issuer_lines = [p for p in header.rows[0].cells[0].paragraphs if p.text]
    assert [p.text for p in issuer_lines] == ["ỦY BAN NHÂN DÂN", "HUYỆN GIO LINH"]
    assert all(r.bold for p in issuer_lines for r in p.runs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    number, place = (cell.text for cell in header.rows[1].cells)
    assert number.startswith("Số:") and number.endswith("/BC-UBND")
    assert place == "Gio Linh, ngày 15 tháng 9 năm 2023"
    assert all(r.italic for r in header.rows[1].cells[1].paragraphs[0].runs)
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.runs[0].font.size == Pt(14)
    texts = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Nơi nhận:" in texts and "TM. ỦY BAN NHÂN DÂN" in texts and "Võ Đắc Hóa" in texts


def test_the_appendix_workbook_reads_back(generated):
    workbook = load_workbook(generated["docx"].with_suffix(".xlsx"))
    assert workbook.sheetnames == ["Hồ sơ", "Số hóa", "Trực tuyến", "Ngân sách", "Giải ngân"]
    dossiers = {row[0]: row[1:] for row in workbook["Hồ sơ"].iter_rows(min_row=4, values_only=True) if row[0]}
    assert dossiers["Tổng số hồ sơ tiếp nhận giải quyết"] == (8134, 1365, 6769)
    assert dossiers["Giải quyết quá hạn"] == (4, 1, 3)
    digitization = {row[1]: row for row in workbook["Số hóa"].iter_rows(min_row=4, values_only=True) if row[1]}
    assert len(digitization) == 18
    assert digitization["UBND xã Trung Hải"][4] == pytest.approx(51.04)
    disbursed = [row for row in workbook["Giải ngân"].iter_rows(min_row=4, values_only=True) if row[1] == "Tổng cộng"]
    assert disbursed[0][2:4] == (pytest.approx(242322.798), pytest.approx(79461.612))


def test_each_file_is_logged_with_its_hash(generated):
    logged = generated["logged"]
    expected = [ReportFormat.DOCX, *([ReportFormat.PDF] if generated["pdf"] else []), ReportFormat.XLSX]
    assert [row.format for row in logged] == expected
    for row in logged:
        content = generated["docx"].with_suffix(f".{row.format}").read_bytes()
        assert row.sha256 == hashlib.sha256(content).hexdigest() and row.size == len(content)
        assert (row.period, row.cutoff, row.source) == ("2023-Q3", "statutory", ReportSource.COMMAND)
        assert (row.start.isoformat(), row.end.isoformat()) == ("2023-06-15", "2023-09-14")


@pytest.mark.pdf
@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_the_pdf_first_page_is_not_blank(generated, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    pdf = generated["docx"].with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    # Grey levels (PGM: "P5 width height 255" then one byte a pixel) are enough to tell ink from a blank page.
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    (pgm,) = tmp_path.glob("p*.pgm")
    magic, width, height, _maxval, pixels = pgm.read_bytes().split(maxsplit=4)
    assert magic == b"P5"
    ink = sum(1 for value in pixels[: int(width) * int(height)] if value < 128) / (int(width) * int(height))
    assert 0.01 < ink < 0.5, f"page 1 looks blank or black ({ink:.2%} dark pixels)"
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, check=True).stdout
    assert "BÁO CÁO" in text.decode()


def test_calendar_cutoff_states_calendar_dates(demo, tmp_path):
    out = tmp_path / "calendar.docx"
    stdout = io.StringIO()
    call_command(
        "report", "--unit", "gio-linh", "--period", "2023-Q3", "--cutoff", "calendar", "--out", str(out), stdout=stdout
    )
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "(số liệu tính từ ngày 01/7/2023 đến hết ngày 30/9/2023)" in text
    assert "2023-07-01" in stdout.getvalue() and "2023-09-30" in stdout.getvalue()
    assert GeneratedReport.objects.filter(cutoff="calendar", format=ReportFormat.DOCX).count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "no-such-unit", "--period", "2023-Q3"], "no-such-unit"),
        (["--unit", "gio-linh", "--period", "2023-Q5"], "2023-Q5"),
        (["--unit", "gio-linh", "--period", "2023"], "2023"),
    ],
)
def test_clear_errors_for_unknown_unit_or_bad_period(demo, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "--out", str(tmp_path / "x.docx"))
    assert not (tmp_path / "x.docx").exists()
