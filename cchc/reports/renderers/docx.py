"""The report as a Word document laid out per Decree 30/2020/NĐ-CP (domain.md §7), built with python-docx.

Built in code rather than from a .docx template: every measure of the decree (page, margins, fonts, sizes,
the header table, the signature block) is a reviewable line here, and the body is a list of generated
paragraphs (the narrative package), not a template with fields. Fonts are set for every script slot (ascii, hAnsi,
eastAsia, cs) and theme fonts are removed, so Word and LibreOffice never fall back to another face for
Vietnamese letters.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from cchc.lib.formatting import document_number, vn_amount, vn_date, vn_date_long, vn_int

from .context import ReportContext
from .narrative import CLAUSE, ITEM, NOTE, SECTION, SUBCLAUSE, SUBITEM, Block, pct, report_outline, unit_pct
from .tables import AMOUNT, COUNT, PERCENT, RATIO, Table, appendix_tables, is_percent_row

FONT = "Times New Roman"
BODY_PT = 14
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH_CM = 16.5  # 210 - 30 - 15 mm
HEADER_LEFT_CM, HEADER_RIGHT_CM = 6.0, 10.5
SIGN_LEFT_CM, SIGN_RIGHT_CM = 7.8, 8.7
FIRST_LINE = Cm(1.27)


# --- low-level helpers ---
def _fonts(rpr_parent, size: float | None = None) -> None:
    """Times New Roman in every script slot, theme fonts removed; size in both the plain and complex slots.

    Elements are inserted in the order the WordprocessingML schema requires (Word rejects files otherwise).
    """
    if hasattr(rpr_parent, "get_or_add_rPr"):  # runs and styles
        rpr = rpr_parent.get_or_add_rPr()
    else:  # docDefaults/rPrDefault and a paragraph mark (pPr), where rPr is the last child
        rpr = rpr_parent.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_parent.append(rpr)
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        sz = rpr.get_or_add_sz()
        sz.set(qn("w:val"), str(int(size * 2)))
        complex_size = rpr.find(qn("w:szCs"))
        if complex_size is None:
            complex_size = OxmlElement("w:szCs")
            sz.addnext(complex_size)
        complex_size.set(qn("w:val"), str(int(size * 2)))


def _run(paragraph: Paragraph, text: str, size: float = BODY_PT, *, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    _fonts(run._r, size)
    return run


def _format(paragraph: Paragraph, *, align=WD_ALIGN_PARAGRAPH.CENTER, before=0, after=0, indent=None) -> Paragraph:
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if indent is not None:
        fmt.first_line_indent = indent
    return paragraph


def _line(
    container, text: str, size: float, *, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, before=0, after=0
):
    paragraph = container.add_paragraph() if not _is_fresh_cell(container) else container.paragraphs[0]
    _format(paragraph, align=align, before=before, after=after)
    _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _is_fresh_cell(container) -> bool:
    """A new table cell holds one empty paragraph; the first line goes into it rather than after it."""
    return isinstance(container, _Cell) and len(container.paragraphs) == 1 and not container.paragraphs[0].text


def _text_width_cm(text: str, size: float) -> float:
    """Rough printed width of bold Times New Roman text, to size the short rules under headings."""
    em = sum(0.25 if c == " " else 0.7 if c.isupper() else 0.5 for c in text)
    return em * size / 28.35


def _rule(container, width_cm: float, box_cm: float) -> None:
    """A solid line `width_cm` long, centred in a box `box_cm` wide (Decree 30's lines under headings)."""
    paragraph = container.add_paragraph()
    _format(paragraph, before=3)
    side = Cm(max((box_cm - width_cm) / 2, 0))
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    # An empty paragraph of fixed small height whose top border is the line, just below the text above.
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(4)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(borders, *_AFTER_PBDR)
    _fonts(ppr, 2)


_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _no_borders_table(doc, rows: int, widths_cm: Iterable[float]):
    widths = list(widths_cm)
    table = doc.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.insert_element_before(layout, "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    # LibreOffice lays a table out from its grid columns, Word from the cell widths: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    return table


def _page_number_field(paragraph: Paragraph, size: float) -> None:
    """A PAGE field (Word and LibreOffice update it when they lay the pages out)."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = _run(paragraph, "", size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _setup_section(section, *, restart_numbering: bool = False) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = PAGE["top"], PAGE["bottom"]
    section.left_margin, section.right_margin = PAGE["left"], PAGE["right"]
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    # Page numbers centred in the top margin, not on the first page (Decree 30, Appendix I, I.8).
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    _format(paragraph)
    _page_number_field(paragraph, 13)
    section.first_page_header.is_linked_to_previous = False
    if restart_numbering:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        section._sectPr.insert_element_before(
            numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
            "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
        )  # fmt: skip


def _setup_styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    _fonts(rpr_default, BODY_PT)
    rpr = rpr_default.find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    for style in styles:
        if style.type == 1 or style.name in ("Normal Table", "Table Grid"):  # paragraph styles and tables
            _fonts(style.element)
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


# --- parts of the document ---
def _header(doc, ctx: ReportContext) -> None:
    """Boxes 1-4: issuer and national title with their rules, then number and place-and-date on one line.

    Decree 30, Appendix I (domain.md §7.3): the direct parent body, when there is one, upright; the issuing
    authority bold, on every line of its name ("ỦY BAN NHÂN DÂN" / "HUYỆN GIO LINH" has no parent line and is
    bold on both), with the short rule under it.
    """
    table = _no_borders_table(doc, 2, (HEADER_LEFT_CM, HEADER_RIGHT_CM))
    left, right = table.rows[0].cells
    if ctx.issuer.parent_authority:
        _line(left, ctx.issuer.parent_authority, 13)
    lines = ctx.issuer.authority_lines
    for line in lines:
        _line(left, line, 13, bold=True)
    _rule(left, max(_text_width_cm(line, 13) for line in lines) * 0.45, HEADER_LEFT_CM)
    title, motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
    _line(right, title, 12, bold=True)
    _line(right, motto, 13, bold=True)
    _rule(right, _text_width_cm(motto, 13), HEADER_RIGHT_CM)
    number, date = table.rows[1].cells
    _line(number, document_number(ctx.issuer.number, ctx.issuer.symbol), 13, before=4)
    _line(date, f"{ctx.issuer.place}, {vn_date_long(ctx.issuer.date)}", 14, italic=True, before=4)


def _title(doc, ctx: ReportContext) -> None:
    _line(doc, ctx.document_type, 14, bold=True, before=18)
    _line(doc, ctx.summary, 14, bold=True)
    # The summary wraps to two lines; its rule is about a third of the text width.
    _rule(doc, min(_text_width_cm(ctx.summary, 14) / 3, 5.5), TEXT_WIDTH_CM)


def _punctuated(items: Iterable[str]) -> list[str]:
    """Decree 30 lists: each line ends with ";", the last with "."."""
    texts = [i.rstrip(" .;") for i in items]
    return [t + ("." if n == len(texts) - 1 else ";") for n, t in enumerate(texts)]


def _recipients(doc, ctx: ReportContext) -> None:
    """ "Kính gửi:" with the recipients' dashes aligned under each other (Decree 30, box 9a)."""
    items = _punctuated(ctx.recipients)
    indent, lead = Cm(5.0), Cm(2.3)
    if len(items) == 1:
        paragraph = _format(doc.add_paragraph(), before=12, after=6)
        _run(paragraph, f"Kính gửi: {items[0]}", 14)
        return
    for n, text in enumerate(items):
        paragraph = _format(doc.add_paragraph(), align=WD_ALIGN_PARAGRAPH.LEFT, before=12 if n == 0 else 0)
        fmt = paragraph.paragraph_format
        fmt.left_indent = indent + Cm(0.4)
        fmt.first_line_indent = Cm(-0.4) - (lead if n == 0 else Cm(0))
        if n == 0:
            fmt.tab_stops.add_tab_stop(indent)
            _run(paragraph, "Kính gửi:\t", 14)
        _run(paragraph, f"- {text}", 14)
    doc.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _body(doc, blocks: Iterable[Block]) -> None:
    marks = {ITEM: "- ", SUBITEM: "+ "}
    for block in blocks:
        paragraph = _format(
            doc.add_paragraph(), align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=6 if block.kind in (SECTION,) else 0, after=6
        )
        paragraph.paragraph_format.first_line_indent = FIRST_LINE
        paragraph.paragraph_format.line_spacing = 1.15
        heading = block.kind in (SECTION, CLAUSE, SUBCLAUSE)
        if heading:
            paragraph.paragraph_format.keep_with_next = True
        mark = marks.get(block.kind, "")
        if block.lead:
            _run(paragraph, mark + block.lead + " ", bold=True)
            mark = ""
        _run(paragraph, mark + block.text, bold=block.kind in (SECTION, CLAUSE), italic=block.kind in (NOTE, SUBCLAUSE))


def _signature(doc, ctx: ReportContext) -> None:
    """Box 9b (Nơi nhận) left, boxes 7a-7c (authority, title, name) right, in one borderless table."""
    # The closing sentence stays with the signature, and the signature row is never split across pages.
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.keep_with_next = True
    table = _no_borders_table(doc, 1, (SIGN_LEFT_CM, SIGN_RIGHT_CM))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    _line(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in _punctuated(ctx.distribution):
        _line(left, f"- {text}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, ctx.signer.on_behalf, 14, bold=True)
    _line(right, ctx.signer.title, 14, bold=True)
    for _ in range(4):
        _line(right, "", 14)
    _line(right, ctx.signer.name, 14, bold=True)


def _cell_text(value, kind: str, *, percent_row: bool = False) -> str:
    if value is None:
        return "-"
    if kind == PERCENT or (percent_row and isinstance(value, Decimal)):
        return unit_pct(value).rstrip("%") if kind == PERCENT else pct(value).rstrip("%")
    if kind == AMOUNT:
        return vn_amount(value)
    if kind == RATIO:
        return f"{vn_int(value.numerator)}/{vn_int(value.denominator)}"
    if kind == COUNT and isinstance(value, int):
        return vn_int(value)
    return str(value)


def _appendix_table(doc, table_data: Table, number: int) -> None:
    _line(doc, f"Bảng {number}. {table_data.title}", 13, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=12, after=6)
    columns = len(table_data.headers)
    name_col = 1 if table_data.headers[0] == "STT" else 0
    other = (TEXT_WIDTH_CM - 5.0 - (1.3 if name_col else 0)) / (columns - 1 - name_col)
    widths = [1.3 if (name_col and i == 0) else 5.0 if i == name_col else other for i in range(columns)]
    table = _no_borders_table(doc, 1 + len(table_data.rows), widths)
    table.style = doc.styles["Table Grid"]
    header_row = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    header_row._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(header_row.cells, table_data.headers, strict=True):
        _line(cell, text, 11, bold=True)
    for row, values in zip(table.rows[1:], table_data.rows, strict=True):
        percent_row = is_percent_row(values)
        for i, (cell, value, kind) in enumerate(zip(row.cells, values, table_data.kinds, strict=True)):
            align = WD_ALIGN_PARAGRAPH.LEFT if i == name_col else WD_ALIGN_PARAGRAPH.CENTER
            _line(cell, _cell_text(value, kind, percent_row=percent_row), 11, align=align)
    if table_data.note:
        _line(doc, table_data.note, 11, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=3)


def _appendix(doc, ctx: ReportContext) -> None:
    """Per-unit and finance tables in their own section, pages numbered from 1 (Decree 30, Appendix I, I.9)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _setup_section(section, restart_numbering=True)
    _line(doc, "Phụ lục", 14, bold=True)
    _line(doc, "SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH", 14, bold=True)
    number = f"{ctx.issuer.number:02d}" if ctx.issuer.number is not None else "      "
    _line(
        doc,
        f"(Kèm theo Báo cáo số {number}/{ctx.issuer.symbol} ngày {vn_date(ctx.issuer.date)} "
        f"của {ctx.issuer.name_in_text})",
        14,
        italic=True,
    )
    _rule(doc, 4.0, TEXT_WIDTH_CM)
    for n, table in enumerate(appendix_tables(ctx), 1):
        _appendix_table(doc, table, n)


def build_document(ctx: ReportContext):
    """The python-docx Document of the report (render_docx saves it)."""
    doc = Document()
    _setup_styles(doc)
    _setup_section(doc.sections[0])
    # A new document starts with no paragraph; the header table comes first.
    _header(doc, ctx)
    _title(doc, ctx)
    _recipients(doc, ctx)
    _body(doc, report_outline(ctx))
    _signature(doc, ctx)
    _appendix(doc, ctx)
    doc.core_properties.title = f"{ctx.document_type.capitalize()} {ctx.summary}"
    doc.core_properties.author = ctx.issuer.name_in_text
    doc.core_properties.language = "vi-VN"
    return doc


def render_docx(ctx: ReportContext) -> bytes:
    """The report as .docx bytes."""
    buffer = io.BytesIO()
    build_document(ctx).save(buffer)
    return buffer.getvalue()
