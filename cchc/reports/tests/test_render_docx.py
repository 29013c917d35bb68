"""The .docx of the hand-made seed context: figures in their sections, Decree 30 page, fonts and header blocks."""

from __future__ import annotations

import dataclasses
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from cchc.reports.renderers.docx import render_docx
from cchc.reports.renderers.sample import sample_context


@pytest.fixture(scope="module")
def document():
    return Document(io.BytesIO(render_docx(sample_context())))


def _sections(document) -> dict[str, str]:
    """Body text grouped under each numbered clause of part I ("3", "6") and each Roman section ("II")."""
    found: dict[str, list[str]] = {}
    current = "opening"
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        head = text.split(".")[0]
        bold = bool(paragraph.runs) and all(r.bold for r in paragraph.runs if r.text.strip())
        if bold and (head.isdigit() or head in ("I", "II", "III", "IV")):
            current = head
        found.setdefault(current, []).append(text)
    return {key: "\n".join(lines) for key, lines in found.items()}


def test_figures_are_in_their_sections_written_the_vietnamese_way(document):
    sections = _sections(document)
    procedures, finance = sections["3"], sections["6"]
    for figure in (
        "8.134 hồ sơ",
        "4.910 hồ sơ",
        "7.610 hồ sơ, đạt 99,95%",
        "4 hồ sơ, chiếm 0,05%",
        "1.365 hồ sơ",
        "đạt 99,89%",
        "6.769 hồ sơ",
        "5.756 phiếu đánh giá/7.614 hồ sơ đã giải quyết, đạt 75,60%",
        "4/4 hồ sơ trễ hạn",
        "đã ban hành 9 phiếu xin lỗi",
        "272/272 TTHC",
        "124/124 TTHC",
        "136 hồ sơ",
        "Các đơn vị chưa đạt tỷ lệ quy định (<70%): cấp huyện (40,83%); cấp xã: Trung Hải (51,04%).",
        "Trung Giang (70,27%)",
        "Trung Sơn (95,2%)",
    ):
        assert figure in procedures, figure
    for printed_error in ("0,5%", "77,53%", "9/9", "(>70%)"):
        assert printed_error not in procedures
    for figure in ("79.461,612/242.322,798 triệu đồng, đạt 32,79%", "485.358 triệu đồng", "đạt 9,47%", "46,96%"):
        assert figure in finance, figure
    assert "79.461,612" not in procedures


def test_page_is_a4_portrait_with_decree_30_margins(document):
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
        # Word stores lengths in twentieths of a point: 20 mm is 1134 twips, 0.09 mm off.
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        for actual, expected in zip(margins, (Mm(20), Mm(20), Mm(30), Mm(15)), strict=True):
            assert abs(actual - expected) < Mm(0.1)


def test_every_run_and_default_is_times_new_roman_in_every_script(document):
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert fonts.get(qn("w:asciiTheme")) is None
    runs = document.element.body.iter(qn("w:r"))
    count = 0
    for run in runs:
        run_fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert run_fonts.get(qn("w:ascii")) == "Times New Roman"
        assert run_fonts.get(qn("w:eastAsia")) == "Times New Roman"
        count += 1
    assert count > 100


def test_header_blocks(document):
    header = document.tables[0]
    left, right = header.rows[0].cells
    # Decree 30, Appendix I (domain.md §7.3): the issuing authority is "upright bold"; only a direct parent body
    # is "upright (not bold)". A district People's Committee has no parent line: its name, "ỦY BAN NHÂN DÂN" over
    # "HUYỆN GIO LINH", is the issuer's name and is bold on both lines.
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "HUYỆN GIO LINH"]
    for line in (p for p in left.paragraphs if p.text):
        assert all(r.bold for r in line.runs) and line.runs[0].font.size == Pt(13)
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(p.runs[0].bold for p in right.paragraphs if p.text)
    # The lines under the issuing authority and the motto are paragraph borders.
    assert len(left._tc.xpath(".//w:pBdr/w:top")) == 1 and len(right._tc.xpath(".//w:pBdr/w:top")) == 1
    number, date = header.rows[1].cells
    assert number.text.startswith("Số:") and number.text.endswith("/BC-UBND")
    assert date.text == "Gio Linh, ngày 15 tháng 9 năm 2023"
    assert date.paragraphs[0].runs[0].italic
    assert not header._tbl.xpath(".//w:tblBorders")  # borderless


def test_a_parent_body_is_upright_over_the_bold_issuer():
    # Decree 30, Appendix I: the parent body ("cơ quan chủ quản trực tiếp") upright, not bold; the issuer bold.
    issuer = dataclasses.replace(
        sample_context().issuer, authority="SỞ NỘI VỤ", parent_authority="ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"
    )
    document = Document(io.BytesIO(render_docx(dataclasses.replace(sample_context(), issuer=issuer))))
    left = document.tables[0].rows[0].cells[0]
    parent, authority = (p for p in left.paragraphs if p.text)
    assert (parent.text, authority.text) == ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ")
    assert not any(r.bold for r in parent.runs) and all(r.bold for r in authority.runs)
    # The short rule is under the issuer, the last line.
    assert left.paragraphs[-1]._p.xpath("./w:pPr/w:pBdr/w:top") and not left.paragraphs[-1].text


def test_issuer_name_lines():
    # A People's Committee or Council: its kind on the first line, the place on the second; a name entered on two
    # lines keeps them; any other name is one line.
    issuer = sample_context().issuer
    assert issuer.authority_lines == ("ỦY BAN NHÂN DÂN", "HUYỆN GIO LINH")
    lines = {
        "HỘI ĐỒNG NHÂN DÂN XÃ GIO CHÂU": ("HỘI ĐỒNG NHÂN DÂN", "XÃ GIO CHÂU"),
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\nXÃ GIO LINH": ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "XÃ GIO LINH"),
        "SỞ NỘI VỤ": ("SỞ NỘI VỤ",),
    }
    for name, expected in lines.items():
        assert dataclasses.replace(issuer, authority=name).authority_lines == expected


def test_title_summary_and_recipients(document):
    texts = [p.text for p in document.paragraphs]
    title = document.paragraphs[texts.index("BÁO CÁO")]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold and title.runs[0].font.size == Pt(14)
    summary = document.paragraphs[texts.index("BÁO CÁO") + 1]
    assert summary.text == (
        "Kết quả thực hiện công tác cải cách hành chính nhà nước quý III và phương hướng, nhiệm vụ quý IV năm 2023"
    )
    assert summary.runs[0].bold and summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "Kính gửi:\t- Văn phòng UBND tỉnh;" in texts
    assert any(t.startswith("- Các Sở:") and t.endswith("Kế hoạch và Đầu tư.") for t in texts)


def test_body_paragraphs_are_justified_indented_and_spaced(document):
    body = [p for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY]
    assert len(body) > 60
    for paragraph in body:
        assert paragraph.paragraph_format.first_line_indent == Cm(1.27)
        assert paragraph.paragraph_format.space_after >= Pt(6)
        assert all(r.font.size == Pt(14) for r in paragraph.runs)


def test_signature_block_and_recipients_list(document):
    table = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    left, right = table.rows[0].cells
    first = left.paragraphs[0]
    assert first.text == "Nơi nhận:" and first.runs[0].bold and first.runs[0].italic
    assert first.runs[0].font.size == Pt(12)
    items = [p for p in left.paragraphs[1:] if p.text]
    assert items[0].text == "- Như trên;" and items[-1].text == "- Lưu: VT, NV."
    assert all(p.runs[0].font.size == Pt(11) for p in items)
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Võ Đắc Hóa"]
    assert all(p.runs[0].bold for p in lines)


def test_page_numbers_from_page_two_and_appendix_numbered_apart(document):
    body, appendix = document.sections
    for section in (body, appendix):
        assert section.different_first_page_header_footer
        assert "PAGE" in section.header._element.xml
        assert "PAGE" not in section.first_page_header._element.xml
    assert appendix._sectPr.xpath("./w:pgNumType/@w:start") == ["1"]


def test_appendix_tables_list_every_unit(document):
    texts = [p.text for p in document.paragraphs]
    assert "Phụ lục" in texts
    digitization = next(t for t in document.tables if t.rows[0].cells[-1].text == "Tỷ lệ số hóa kết quả (%)")
    rows = [[c.text for c in row.cells] for row in digitization.rows[1:]]
    assert len(rows) == 18
    assert rows[0][1].startswith("UBND huyện Gio Linh") and rows[0][2:5] == ["434", "1.063", "40,83"]
