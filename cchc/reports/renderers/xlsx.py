"""The appendix workbook: one sheet per table of tables.py, numbers kept as numbers with number formats.

Cells hold real numbers (so a reader can sum and sort them); Excel or LibreOffice shows them with the
reader's locale separators, which in a Vietnamese locale are the report's "8.134" and "99,95".
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .context import ReportContext
from .tables import AMOUNT, COUNT, PERCENT, TEXT, Table, appendix_tables, is_percent_row

FONT = "Times New Roman"
FORMATS = {COUNT: "#,##0", AMOUNT: "#,##0.000", PERCENT: "0.00"}
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WIDTHS = {TEXT: 48, COUNT: 14, AMOUNT: 16, PERCENT: 12}


def _number(value):
    """Decimals become floats only here, at the file boundary: openpyxl writes numbers, not Decimal text."""
    return float(value) if isinstance(value, Decimal) else value


def _sheet(workbook: Workbook, table: Table, ctx: ReportContext) -> None:
    sheet = workbook.create_sheet(table.key)
    sheet.append([table.title])
    sheet["A1"].font = Font(name=FONT, bold=True, size=13)
    sheet.append([f"(Kèm theo Báo cáo của {ctx.issuer.name_in_text}, {ctx.period.label})"])
    sheet["A2"].font = Font(name=FONT, italic=True, size=11)
    header_row = 3
    sheet.append(list(table.headers))
    for cell in sheet[header_row]:
        cell.font = Font(name=FONT, bold=True, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    for values in table.rows:
        percent_row = is_percent_row(values)
        sheet.append([_number(v) for v in values])
        for cell, kind in zip(sheet[sheet.max_row], table.kinds, strict=True):
            cell.font = Font(name=FONT, size=11)
            cell.border = BOX
            if isinstance(cell.value, int | float):
                cell.number_format = FORMATS[PERCENT] if percent_row else FORMATS.get(kind, "General")
            elif cell.value is None and kind != TEXT:
                cell.value = "-"
                cell.alignment = Alignment(horizontal="center")
    if table.note:
        sheet.append([])
        sheet.append([table.note])
        sheet.cell(sheet.max_row, 1).font = Font(name=FONT, italic=True, size=10)
    for index, kind in enumerate(table.kinds, 1):
        wide = (
            "Đơn vị" in table.headers[index - 1] or "Nguồn" in table.headers[index - 1] or index == 1 and kind == TEXT
        )
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[TEXT] if wide else max(WIDTHS.get(kind, 12), 8)
    sheet.row_dimensions[header_row].height = 45
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def render_xlsx(ctx: ReportContext) -> bytes:
    """The appendix workbook as .xlsx bytes: dossiers by scope, digitisation, online rate, budget, disbursement."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in appendix_tables(ctx):
        _sheet(workbook, table, ctx)
    workbook.properties.title = f"Phụ lục báo cáo CCHC {ctx.period.label}"
    workbook.properties.creator = ctx.issuer.name_in_text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
