"""The appendix workbook reads back with openpyxl: sheets, Vietnamese headers, numbers and formats."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from cchc.reports.renderers.sample import sample_context
from cchc.reports.renderers.xlsx import render_xlsx


@pytest.fixture(scope="module")
def workbook():
    return load_workbook(io.BytesIO(render_xlsx(sample_context())))


def _rows(sheet):
    return {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0] is not None}


def test_one_sheet_per_table(workbook):
    assert workbook.sheetnames == ["Hồ sơ", "Số hóa", "Trực tuyến", "Ngân sách", "Giải ngân"]
    for sheet in workbook:
        assert sheet.freeze_panes == "A4"
        assert sheet["A1"].value and sheet["A1"].font.name == "Times New Roman"


def test_dossier_figures_by_scope(workbook):
    sheet = workbook["Hồ sơ"]
    assert [c.value for c in sheet[3]] == ["Chỉ tiêu", "Toàn huyện", "Cấp huyện", "Tại UBND các xã, thị trấn"]
    rows = _rows(sheet)
    assert rows["Tổng số hồ sơ tiếp nhận giải quyết"] == (8134, 1365, 6769)
    assert rows["Giải quyết quá hạn"] == (4, 1, 3)
    assert rows["Tỷ lệ giải quyết quá hạn (%)"] == (0.05, 0.11, 0.04)
    assert rows["Tỷ lệ phiếu đánh giá trên hồ sơ đã giải quyết (%)"][0] == 75.6
    assert sheet["B4"].number_format == "#,##0"
    late_rate_row = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == "Tỷ lệ giải quyết quá hạn (%)")
    assert late_rate_row[1].number_format == "0.00"


def test_per_unit_digitization_and_online(workbook):
    digitization = list(workbook["Số hóa"].iter_rows(min_row=4, values_only=True))
    assert len(digitization) == 18
    assert digitization[0][2:5] == (434, 1063, 40.83)
    online = list(workbook["Trực tuyến"].iter_rows(min_row=4, values_only=True))
    tt_gio_linh = next(r for r in online if r[1] == "UBND thị trấn Gio Linh")
    assert tt_gio_linh[5:8] == (2, 2, 100)
    assert online[0][7] == "-"  # the district desk had no full-process dossiers: 0/0 is no rate


def test_budget_and_disbursement(workbook):
    budget = _rows(workbook["Ngân sách"])
    assert budget["Thu ngân sách Nhà nước"] == (461006, 485358, 105.28)
    disbursement = list(workbook["Giải ngân"].iter_rows(min_row=4, values_only=True))
    total = next(r for r in disbursement if r[1] == "Tổng cộng")
    assert total[2:] == (242322.798, 79461.612, 32.79)
    assert workbook["Giải ngân"]["C4"].number_format == "#,##0.000"
    assert "31/8/2023" in workbook["Giải ngân"]["A1"].value
