"""The report data's file pages: import a section's file from the browser (the importer of `cchc import-reform`,
all or nothing) and audit a hand-written report (`cchc audit-report`'s code); the submission's confirmation; the
numbers of the reform pages in Vietnamese notation."""

from __future__ import annotations

import io
import secrets
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.reform import services
from cchc.reform.models import BudgetLine, DirectiveDocument, PeriodStatus, ReportPeriod, Training
from cchc.testing.factories import UserFactory

IMPORT = reverse("reform:import")
AUDIT = reverse("reform:audit")
HEADER = "unit_code,year,quarter,area,doc_type,number,date,issuer,summary\n"
GOOD_ROW = "gio-linh,2023,3,1,official_letter,1033/UBND-NC,2023-07-12,UBND huyện Gio Linh,về việc tự đánh giá\n"


def csv_file(text: str, name: str = "documents.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def post_import(client, upload, kind: str = "documents", **extra):
    data = {"kind": kind, "file": upload, "form_token": secrets.token_urlsafe(32), **extra}
    return client.post(IMPORT, data)


def test_a_good_file_is_imported_whole(client, cast):
    client.force_login(cast.reform_officer)
    assert client.get(IMPORT).status_code == 200
    second = GOOD_ROW.replace("1033/UBND-NC", "1040/UBND-NC")
    response = post_import(client, csv_file(HEADER + GOOD_ROW + second))
    assert response.status_code == 302 and response["Location"] == IMPORT
    assert DirectiveDocument.objects.filter(period__unit=cast.district).count() == 2
    page = client.get(IMPORT).content.decode()
    assert "đã nhập 2 dòng văn bản chỉ đạo" in page.lower()  # the command's message, in the site's language


def test_the_same_form_sent_twice_imports_once(client, cast):
    client.force_login(cast.reform_officer)
    token = secrets.token_urlsafe(32)
    for _ in range(2):
        response = client.post(IMPORT, {"kind": "documents", "file": csv_file(HEADER + GOOD_ROW), "form_token": token})
        assert response.status_code == 302
    assert DirectiveDocument.objects.count() == 1


def test_a_bad_file_changes_nothing_and_names_the_row_and_column(client, cast):
    """One bad date among good rows: nothing is written, not even the period, and the table says where."""
    client.force_login(cast.reform_officer)
    bad = GOOD_ROW.replace("2023-07-12", "31/02/2023")
    unknown_unit = GOOD_ROW.replace("gio-linh,", "no-such-unit,", 1)
    response = post_import(client, csv_file(HEADER + GOOD_ROW + bad + unknown_unit))
    assert response.status_code == 400
    assert not DirectiveDocument.objects.exists() and not ReportPeriod.objects.exists()
    errors = response.context["result"].errors
    assert {(e.row, e.column) for e in errors} == {(3, "date"), (4, "unit_code")}
    page = response.content.decode()
    assert "2 lỗi; không có dữ liệu nào được nhập" in page
    assert '<td class="code">date</td>' in page and '<td class="code">unit_code</td>' in page


def test_a_bad_file_in_vietnamese(client, cast):
    """The officer's language: the command's messages, translated."""
    client.force_login(cast.reform_officer)
    bad = GOOD_ROW.replace("2023-07-12", "31/02/2023")
    response = client.post(
        IMPORT,
        {"kind": "documents", "file": csv_file(HEADER + bad), "form_token": secrets.token_urlsafe(32)},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    page = response.content.decode()
    assert response.status_code == 400 and "1 lỗi; không có dữ liệu nào được nhập" in page
    assert "Không có dữ liệu nào được nhập" in page and not DirectiveDocument.objects.exists()


def test_an_unknown_column_is_named(client, cast):
    client.force_login(cast.reform_officer)
    response = post_import(client, csv_file(HEADER.replace("summary", "summry") + GOOD_ROW))
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(1, "summry"), (1, "summary")]
    assert not ReportPeriod.objects.exists()


def test_an_xlsx_workbook_is_read(client, cast):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["unit_code", "year", "quarter", "kind", "plan", "estimate"])
    sheet.append(["gio-linh", 2023, 3, "recurrent", "79461.612", "60000"])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(cast.reform_officer)
    # The name says .csv; the content is a workbook, and is read as one.
    response = post_import(client, SimpleUploadedFile("budget.csv", buffer.getvalue()), kind="budget")
    assert response.status_code == 302, response.context["result"].errors if response.context else None
    assert BudgetLine.objects.get().plan == Decimal("79461.612")


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4 not a table", b"\x89PNG\r\n\x1a\n....", b"MZ\x90\x00\x03\x00\x00\x00", "tên,năm\n".encode("cp1258")],
    ids=["pdf", "png", "exe", "not-utf8"],
)
def test_a_file_that_is_no_table_is_refused_by_its_content(client, cast, content):
    client.force_login(cast.reform_officer)
    response = post_import(client, SimpleUploadedFile("documents.csv", content))
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert "đã kiểm tra nội dung tệp" in response.content.decode()
    assert not ReportPeriod.objects.exists()


def test_a_file_over_the_limit_is_refused(client, cast, settings):
    settings.CCHC_UPLOAD_MAX_MB = 1
    client.force_login(cast.reform_officer)
    big = HEADER + GOOD_ROW * (1024 * 1024 // len(GOOD_ROW) + 1)
    response = post_import(client, csv_file(big))
    assert response.context["form"].errors["file"] == ["Tệp lớn hơn 1 MB."]
    assert not ReportPeriod.objects.exists()


def test_rows_of_a_unit_the_user_may_not_edit_are_refused(client, cast):
    client.force_login(cast.leader_a)  # commune A's leader, not the district's
    response = post_import(client, csv_file(HEADER + GOOD_ROW))
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["result"].errors] == [(2, "unit_code")]
    assert not ReportPeriod.objects.exists()


def test_who_may_open_the_file_pages(client, cast):
    client.force_login(UserFactory(username="nobody"))  # staff without any unit
    assert client.get(IMPORT).status_code == 403 and client.get(AUDIT).status_code == 403
    client.force_login(cast.specialist_a)  # edits commune A's data, audits nothing
    assert client.get(IMPORT).status_code == 200 and client.get(AUDIT).status_code == 403
    client.force_login(cast.leader_a)
    assert client.get(AUDIT).status_code == 200


WRONG_REPORT = (
    "Đã giải quyết 90/100 hồ sơ, đạt 95%.\n"
    "Tổng số hồ sơ tiếp nhận: 100 hồ sơ (trực tuyến: 60 hồ sơ, trực tiếp: 40 hồ sơ)\n"
)


def test_the_audit_lists_what_does_not_add_up(client, cast):
    """90 of 100 is 90% (stated 95%); 60 + 40 = 100 adds up."""
    client.force_login(cast.reform_officer)
    upload = SimpleUploadedFile("bao-cao.txt", WRONG_REPORT.encode("utf-8"))
    response = client.post(AUDIT, {"file": upload})
    assert response.status_code == 200
    assert [(r["line"], r["stated"], r["expected"]) for r in response.context["rows"]] == [("1", "95%", "90%")]
    page = response.content.decode()
    assert "Có 1 số liệu không khớp." in page and "bao-cao.txt" in page
    assert '>95%</td><td class="num good" data-label="Số đúng">90%</td>' in page


def test_the_audit_reads_a_docx(client, cast):
    document = docx.Document()
    document.add_paragraph("Tiêu đề")
    document.add_paragraph("Đã giải quyết 90/100 hồ sơ, đạt 90%.")
    document.add_paragraph("Tiếp nhận 7.614 hồ sơ, đã giải quyết 5.756/7.614 hồ sơ, đạt 75,61%.")
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(cast.reform_officer)
    response = client.post(AUDIT, {"file": SimpleUploadedFile("report.docx", buffer.getvalue())})
    # 5756 / 7614 = 75.5976...% -> 75,60%, not the stated 75,61%.
    assert [(r["line"], r["stated"], r["expected"]) for r in response.context["rows"]] == [("3", "75,61%", "75,60%")]
    assert response.context["place"] == "Đoạn"


def test_the_audit_says_when_everything_adds_up(client, cast):
    client.force_login(cast.reform_officer)
    upload = SimpleUploadedFile("ok.txt", "Đã giải quyết 90/100 hồ sơ, đạt 90%.".encode())
    page = client.post(AUDIT, {"file": upload}).content.decode()
    assert "Mọi tổng số và tỷ lệ phần trăm đều khớp." in page


def test_the_audit_refuses_a_file_by_its_content(client, cast):
    client.force_login(cast.reform_officer)
    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)
    for content in (b"%PDF-1.4", workbook.getvalue(), b"\x00\x01binary"):
        response = client.post(AUDIT, {"file": SimpleUploadedFile("report.docx", content)})
        assert response.status_code == 400 and response.context["findings"] is None
        assert "đã kiểm tra nội dung tệp" in response.content.decode()


def submit_url(unit):
    return reverse("reform:submit", args=[unit.code, 2023, 3])


def test_submission_asks_for_confirmation_first(client, cast):
    client.force_login(cast.reform_officer)
    period_url = reverse("reform:period", args=["gio-linh", 2023, 3])
    assert f'href="{submit_url(cast.district)}"' in client.get(period_url).content.decode()
    page = client.get(submit_url(cast.district))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Không ai mở khóa được kỳ đã gửi" in text and "bạn sẽ gửi một báo cáo trống" in text
    assert 'method="post"' in text and "csrfmiddlewaretoken" in text
    assert not ReportPeriod.objects.exists()  # the question writes nothing
    assert client.post(submit_url(cast.district)).status_code == 302
    assert ReportPeriod.objects.get().status == PeriodStatus.SUBMITTED
    # Asked again once submitted: back to the period, nothing to confirm.
    assert client.get(submit_url(cast.district))["Location"] == period_url


def test_only_submitters_see_the_confirmation(client, cast):
    client.force_login(cast.specialist_district)
    assert client.get(submit_url(cast.district)).status_code == 403
    client.force_login(cast.leader_b)
    assert client.get(submit_url(cast.commune_a)).status_code == 404


def test_the_submission_keeps_csrf_protection(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.reform_officer)
    assert client.post(submit_url(cast.district)).status_code == 403
    assert not ReportPeriod.objects.exists()


def test_numbers_in_vietnamese_notation(client, cast):
    """Counts with "." between thousands, amounts with a decimal comma, whatever the interface language."""
    period = services.period_get_or_create(unit=cast.commune_a, year=2023, quarter=3, by=None)
    services.section_row_create(
        period=period,
        kind="trainings",
        data={"area": 1, "topic": "Tập huấn", "sessions": 2, "participants": 1234, "units": []},
        by=None,
    )
    services.section_row_create(
        period=period,
        kind="budget",
        data={"kind": "recurrent", "plan": Decimal("79461.612"), "estimate": Decimal("7000")},
        by=None,
    )
    services.period_submit(period=period, by=None)
    client.force_login(cast.reform_officer)
    base = reverse("reform:period", args=["gio-an", 2023, 3])
    assert '">1.234</td>' in client.get(base, {"section": "trainings"}).content.decode()
    budget = client.get(base, {"section": "budget"}).content.decode()
    assert '">79.461,612</td>' in budget and '">7.000</td>' in budget
    rollup = client.get(reverse("reform:rollup", args=["gio-linh", 2023, 3])).content.decode()
    assert '<td class="num">1.234</td>' in rollup
    assert Training.objects.count() == 1
