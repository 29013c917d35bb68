import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from cchc.reform import services
from cchc.reform.importer import columns_for, import_file
from cchc.reform.models import CapitalDisbursement, DirectiveDocument, ReportPeriod, Training

DOCS_CSV = (
    "unit_code,year,quarter,area,doc_type,number,date,issuer,summary\r\n"
    "gio-linh,2023,3,1,Công văn,1033/UBND-NC,12/07/2023,UBND huyện Gio Linh,về việc hướng dẫn tự đánh giá\r\n"
    "gio-linh,2023,3,1,plan,123/KH-UBND,2023-08-23,UBND huyện Gio Linh,triển khai Kế hoạch 165/KH-UBND\r\n"
    ",,,,,,,,\r\n"
    "gio-an,2023,3,7,Quyết định,12/QĐ-UBND,2023-08-01,UBND xã Gio An,về chuyển đổi số\r\n"
)


def write(tmp_path, name, text, bom=True):
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return path


def test_good_csv_with_bom_is_imported(cast, tmp_path):
    result = import_file("documents", write(tmp_path, "docs.csv", DOCS_CSV))
    assert result.ok, result.errors
    assert result.created == 3
    doc = DirectiveDocument.objects.get(number="1033/UBND-NC")
    assert (doc.doc_type, doc.date, doc.area) == ("official_letter", dt.date(2023, 7, 12), 1)
    assert doc.period.unit == cast.district and doc.period.label == "2023-Q3"
    assert DirectiveDocument.objects.get(number="12/QĐ-UBND").doc_type == "decision"
    assert list(DirectiveDocument.objects.filter(period__unit=cast.district).values_list("position", flat=True)) == [
        1,
        2,
    ]


def test_every_bad_row_is_reported_and_nothing_written(cast, tmp_path):
    text = (
        "unit_code,year,quarter,area,doc_type,number,date,issuer,summary\r\n"
        "gio-linh,2023,3,1,Công văn,1033/UBND-NC,2023-07-12,UBND huyện,ok\r\n"
        "no-such-unit,2023,3,1,Công văn,1/UBND,2023-07-12,UBND huyện,x\r\n"
        "gio-linh,2023,5,9,Thư tay,,31/02/2023,UBND huyện,x\r\n"
        "gio-an,20x3,3,1,plan,2/KH,2023-07-01,,\r\n"
    )
    result = import_file("documents", write(tmp_path, "bad.csv", text))
    found = {(e.row, e.column) for e in result.errors}
    assert {(3, "unit_code"), (4, "quarter"), (4, "area"), (4, "doc_type"), (4, "number"), (4, "date")} <= found
    assert {(5, "year"), (5, "issuer"), (5, "summary")} <= found
    assert not any(e.row == 2 for e in result.errors)
    assert result.created == 0
    assert not DirectiveDocument.objects.exists() and not ReportPeriod.objects.exists()


def test_unknown_and_missing_columns_are_errors(cast, tmp_path):
    text = "unit_code,year,quarter,area,doc_type,number,date,issuer,colour\r\n"
    text += "gio-linh,2023,3,1,plan,1/KH,2023-07-01,U,x\r\n"
    result = import_file("documents", write(tmp_path, "cols.csv", text))
    assert {(e.row, e.column, e.message) for e in result.errors} == {
        (1, "colour", "unknown column"),
        (1, "summary", "missing column"),
    }
    assert not DirectiveDocument.objects.exists()


def test_submitted_period_is_not_imported_into(cast, tmp_path):
    period = services.period_get_or_create(unit=cast.district, year=2023, quarter=3, by=None)
    services.period_submit(period=period, by=cast.reform_officer)
    result = import_file("documents", write(tmp_path, "docs.csv", DOCS_CSV))
    assert {(e.row, e.column) for e in result.errors} == {(2, "quarter"), (3, "quarter")}
    assert not DirectiveDocument.objects.exists()


def test_user_may_only_import_for_own_units(cast, tmp_path):
    result = import_file("documents", write(tmp_path, "docs.csv", DOCS_CSV), by=cast.leader_a)
    assert {(e.row, e.column) for e in result.errors} == {(2, "unit_code"), (3, "unit_code")}
    assert not DirectiveDocument.objects.exists()


def test_duplicate_narrative_in_one_file_rolls_back_everything(cast, tmp_path):
    text = (
        "unit_code,year,quarter,kind,text\r\n"
        "gio-an,2023,3,shortcomings,Thiếu thiết bị\r\n"
        "gio-linh,2023,3,positives,Tốt\r\n"
        "gio-linh,2023,3,positives,Rất tốt\r\n"
    )
    result = import_file("narrative", write(tmp_path, "n.csv", text))
    assert [e.row for e in result.errors] == [4]
    assert result.created == 0
    assert not ReportPeriod.objects.exists()


def test_xlsx_first_sheet_with_forecast_and_units(cast, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns_for("disbursement"))
    sheet.append(["gio-linh", 2023, 3, "Ngân sách huyện", 64332.776, 26909.375, dt.datetime(2023, 8, 31), "", ""])
    sheet.append(["gio-linh", 2023, 3, "Tổng", 242322.798, 113800, dt.datetime(2023, 9, 30), "true", "ước"])
    workbook.create_sheet("ignored").append(["nothing"])
    path = tmp_path / "d.xlsx"
    workbook.save(path)
    result = import_file("disbursement", path)
    assert result.ok, result.errors
    rows = list(CapitalDisbursement.objects.order_by("position"))
    assert [(r.disbursed, r.as_of, r.is_forecast) for r in rows] == [
        (Decimal("26909.375"), dt.date(2023, 8, 31), False),
        (Decimal("113800"), dt.date(2023, 9, 30), True),
    ]

    text = (
        'unit_code,year,quarter,source,plan,disbursed,as_of\r\ngio-linh,2023,3,Tỉnh,"11732,346",6780.423,31/08/2023\r\n'
    )
    assert import_file("disbursement", write(tmp_path, "comma.csv", text)).ok
    assert CapitalDisbursement.objects.get(source="Tỉnh").plan == Decimal("11732.346")

    text = "unit_code,year,quarter,area,topic,sessions,participants,unit_codes\r\n"
    text += "gio-linh,2023,3,2,Hòa giải,5,200,gio-an;gio-chau\r\ngio-linh,2023,3,2,X,1,,gio-xyz\r\n"
    result = import_file("trainings", write(tmp_path, "t.csv", text))
    assert [(e.row, e.column) for e in result.errors] == [(3, "unit_codes")]
    text = text.replace(";gio-chau", ";gio-chau").replace("gio-xyz", "gio-an")
    assert import_file("trainings", write(tmp_path, "t.csv", text)).ok
    assert set(Training.objects.get(topic="Hòa giải").units.values_list("code", flat=True)) == {"gio-an", "gio-chau"}


def test_replace_loads_a_corrected_file_again(cast, tmp_path):
    path = write(tmp_path, "docs.csv", DOCS_CSV)
    assert import_file("documents", path).ok
    result = import_file("documents", path, replace=True)
    assert (result.created, result.replaced) == (3, 3)
    assert DirectiveDocument.objects.count() == 3


def test_command_reports_errors_and_imports(cast, tmp_path, capsys):
    bad = write(tmp_path, "bad.csv", DOCS_CSV.replace("gio-an", "nowhere"))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import-reform", "documents", str(bad))
    assert "row 5, column unit_code" in capsys.readouterr().err
    assert not DirectiveDocument.objects.exists()
    district_only = "\r\n".join(DOCS_CSV.split("\r\n")[:3]) + "\r\n"
    call_command("import-reform", "documents", str(write(tmp_path, "ok.csv", district_only)), "--by", "reform_district")
    assert "2 documents row(s) imported" in capsys.readouterr().out
    assert DirectiveDocument.objects.filter(period__unit=cast.district, created_by=cast.reform_officer).count() == 2
