"""A procedure with no legal time limit on the staff pages and the printed forms: no deadline is printed, the
time limit and the appointment read "không quy định", and nothing is ever flagged overdue."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from cchc.testing.factories import ProcedureFactory, in_process_dossier, local, received_dossier


def no_limit_dossier(cast, factory=received_dossier):
    procedure = ProcedureFactory(code="2.000286", name="Trợ cấp xã hội hằng tháng", processing_days=None)
    return factory(cast.commune_a, procedure=procedure, at=local(2023, 7, 3, 9))


def test_the_receipt_prints_khong_quy_dinh_for_the_time_limit_and_the_appointment(client, cast):
    dossier = no_limit_dossier(cast)
    client.force_login(cast.desk_a)
    with translation.override("vi"):
        response = client.get(reverse("web:receipt", args=[dossier.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thời gian giải quyết hồ sơ theo quy định là: không quy định" in html
    assert '<strong id="receipt-appointment">không quy định</strong>' in html


def test_the_dossier_page_work_list_search_book_and_control_sheet_show_no_deadline(client, cast):
    dossier = no_limit_dossier(cast)
    assigned = no_limit_dossier(cast, in_process_dossier)  # the control sheet needs a hand-over row
    dated = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9))  # due 6 July 2023: long overdue now
    client.force_login(cast.desk_a)
    with translation.override("vi"):
        page = client.get(dossier.get_absolute_url()).content.decode()
        worklist = client.get(reverse("web:worklist")).content.decode()
        search = client.get(reverse("web:search"), {"q": "Trợ cấp xã hội"}).content.decode()
        book = client.get(reverse("web:tracking_book"), {"unit": cast.commune_a.pk, "period": "2023-Q3"})
        sheet = client.get(reverse("web:print_control_sheet", args=[assigned.code])).content.decode()
    assert page.count("không quy định") == 2  # the time limit and the deadline
    rows = {row.code: row for row in client.get(reverse("web:worklist")).context["rows"]}
    assert (rows[dossier.code].is_overdue, rows[dossier.code].is_due_soon) == (False, False)
    assert rows[dated.code].is_overdue is True
    # The dossier with a deadline comes first, the one without last.
    assert worklist.index(dated.code) < worklist.index(dossier.code)
    assert worklist.count("không quy định") == 1
    assert "không quy định" in search
    assert "không quy định" in book.content.decode()
    assert "Thời gian hẹn trả kết quả: <strong>không quy định</strong>" in sheet
    # A step with no deadline is on time, as the figures count it (metrics.md): never early, never late.
    assert '<td class="center step-result">Đúng hạn</td>' in sheet
