"""The catalogue's public-posting columns in the procedure import: written when the file has them, kept otherwise."""

from __future__ import annotations

import pytest

from cchc.exchange.services import procedures_import
from cchc.procedures.models import Procedure

pytestmark = pytest.mark.django_db

BIRTH = {"code": "1.001612", "name": "Đăng ký khai sinh", "level": "commune", "processing_days": "1"}
POSTING = {
    "legal_basis": "Luật Hộ tịch 2014;\r\nNghị định 123/2015/NĐ-CP",
    "result_description": "Giấy khai sinh",
    "online_note": "Xuất trình bản chính giấy tờ tùy thân khi nhận kết quả.",
    "submission_place": "Hoặc gửi qua dịch vụ bưu chính công ích.",
}


def test_the_posting_columns_land_on_the_procedure_and_an_older_file_keeps_them():
    result = procedures_import(rows=[{**BIRTH, **POSTING}])
    assert (result.created, result.errors) == (1, [])
    birth = Procedure.objects.get(code="1.001612")
    assert birth.legal_basis == "Luật Hộ tịch 2014;\nNghị định 123/2015/NĐ-CP"  # CRLF read as one line end
    assert (birth.result_description, birth.online_note) == (POSTING["result_description"], POSTING["online_note"])
    assert birth.submission_place == POSTING["submission_place"]
    # A file without the columns changes nothing; one with an empty cell empties that field only.
    assert procedures_import(rows=[BIRTH]).unchanged == 1
    assert procedures_import(rows=[{**BIRTH, "online_note": ""}]).updated == 1
    birth.refresh_from_db()
    assert birth.online_note == "" and birth.legal_basis.startswith("Luật Hộ tịch 2014")


def test_a_bad_posting_cell_is_reported_and_nothing_is_written():
    rows = [{**BIRTH, "result_description": "x" * 501}, {**BIRTH, "code": "1.000002", "legal_basis": "a\x00b"}]
    result = procedures_import(rows=rows)
    assert {(error.row, error.column) for error in result.errors} == {(2, "result_description"), (3, "legal_basis")}
    assert not Procedure.objects.exists()
