"""The printable desk forms (supplement request, refusal, apology, control sheet): filled from the dossier's
records, numbered by its regime, Vietnamese whatever the interface, and only for those who handle it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.dossiers import services
from cchc.testing.factories import in_process_dossier, local, received_dossier, run_at
from cchc.web.forms_print import StepResult, step_result

FORMS = ["print_supplement_request", "print_refusal", "print_apology", "print_control_sheet"]


def url(name: str, dossier) -> str:
    return reverse(f"web:{name}", args=[dossier.code])


def page(client, user, name: str, dossier) -> str:
    client.force_login(user)
    response = client.get(url(name, dossier))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def assigned(cast):
    """A commune A dossier (received Monday 3 July 2023, 09:00, due Thursday 6 July 09:00) given to its specialist
    at 10:00."""
    return in_process_dossier(cast.commune_a)


def test_the_supplement_request_lists_the_items_reason_and_contact_officer(client, cast, assigned):
    cast.specialist_a.phone = "0233 3861 234"
    cast.specialist_a.save()
    run_at(
        local(2023, 7, 4, 14, 0),
        services.dossier_request_supplement,
        dossier=assigned,
        by=cast.specialist_a,
        reason="Tờ khai chưa ghi quê quán của người mẹ",
        items=["Tờ khai đăng ký khai sinh (bản chính, ghi đủ quê quán)", "Bản sao giấy chứng nhận kết hôn"],
    )
    html = page(client, cast.desk_a, "print_supplement_request", assigned)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in html and "Mẫu số 02" in html
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "UBND huyện Gio Linh" in html and "UBND xã Gio An" in html and "Số: ……/PBS" in html
    assert "ngày 04 tháng 7 năm 2023" in html
    assert assigned.code in html and "Nguyễn Thị Hoa" in html and "Đăng ký khai sinh" in html
    assert "<li>Tờ khai đăng ký khai sinh (bản chính, ghi đủ quê quán)</li>" in html
    assert "<li>Bản sao giấy chứng nhận kết hôn</li>" in html
    assert "Tờ khai chưa ghi quê quán của người mẹ" in html
    assert str(cast.specialist_a) in html and "0233 3861 234" in html
    assert "css/page-a5.css" in html  # the A5 paper (static/css/page-a5.css: no inline style, CSP)


def test_the_latest_request_is_printed_unless_an_earlier_one_is_named(client, cast, assigned, settings):
    settings.CCHC_SUPPLEMENT_REQUESTS_MAX = 2  # a province whose rules allow a second request
    first = run_at(
        local(2023, 7, 4, 14, 0),
        services.dossier_request_supplement,
        dossier=assigned,
        by=cast.specialist_a,
        reason="Lần một",
    )
    run_at(local(2023, 7, 5, 9, 0), services.dossier_supplement, dossier=first, by=cast.desk_a)
    run_at(
        local(2023, 7, 5, 10, 0),
        services.dossier_request_supplement,
        dossier=first,
        by=cast.specialist_a,
        reason="Lần hai",
    )
    html = page(client, cast.desk_a, "print_supplement_request", assigned)
    assert "Lần hai" in html and "Lần một" not in html
    earlier = assigned.events.get(action="request_supplement", note="Lần một")
    client.force_login(cast.desk_a)
    html = client.get(url("print_supplement_request", assigned), {"event": earlier.pk}).content.decode()
    assert "Lần một" in html and "Lần hai" not in html
    refusal_event = assigned.events.get(action="assign")
    response = client.get(url("print_supplement_request", assigned), {"event": refusal_event.pk})
    assert response.status_code == 404  # an event of another kind is not a supplement request


def test_the_refusal_prints_every_reason(client, cast, assigned):
    run_at(
        local(2023, 7, 5, 9, 0),
        services.dossier_refuse,
        dossier=assigned,
        by=cast.leader_a,
        reasons=["Người yêu cầu không thuộc diện đăng ký tại xã", "Giấy chứng sinh không hợp lệ"],
    )
    html = page(client, cast.desk_a, "print_refusal", assigned)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in html and "Mẫu số 03" in html and "Số: ……/PTC" in html
    assert "<li>Người yêu cầu không thuộc diện đăng ký tại xã</li>" in html
    assert "<li>Giấy chứng sinh không hợp lệ</li>" in html
    assert "Nguyễn Thị Hoa" in html and "045301000777" in html and assigned.code in html
    assert "ngày 05 tháng 7 năm 2023" in html
    assert f'id="form-signer">{cast.leader_a}<' in html  # the leader who refused signs, not the viewer


def test_a_returned_dossier_prints_the_return_reason_on_the_refusal_form(client, cast):
    dossier = received_dossier(cast.commune_a)
    run_at(
        local(2023, 7, 3, 9, 30),
        services.dossier_return,
        dossier=dossier,
        by=cast.desk_a,
        reason="Không thuộc thẩm quyền của xã",
    )
    html = page(client, cast.desk_a, "print_refusal", dossier)
    assert "<li>Không thuộc thẩm quyền của xã</li>" in html


def test_the_apology_is_signed_by_the_processing_units_head(client, cast):
    # Received 3 July 09:00, given to the district office's specialist at 10:00.
    dossier = in_process_dossier(cast.commune_a, to=cast.specialist_office, processing_unit=cast.office)
    run_at(
        local(2023, 7, 5, 9, 0),
        services.dossier_apologize,
        dossier=dossier,
        by=cast.leader_a,
        reason="Phải xác minh thông tin hộ tịch tại nơi đăng ký thường trú cũ",
        new_due_at=local(2023, 7, 11, 16, 0),
    )
    html = page(client, cast.desk_a, "print_apology", dossier)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in html and "Mẫu số 04" in html and "Số: ……/PXL" in html
    assert "Phòng Tư pháp huyện Gio Linh" in html and "UBND huyện Gio Linh" in html
    assert "Kính gửi: <strong>Nguyễn Thị Hoa</strong>" in html
    assert 'tiếp nhận hồ sơ <span id="apology-received">ngày 03 tháng 7 năm 2023</span>' in html
    assert "09 giờ 00 phút, ngày 06 tháng 7 năm 2023" in html  # the original appointment
    assert "16 giờ 00 phút, ngày 11 tháng 7 năm 2023" in html  # the new one
    assert "Phải xác minh thông tin hộ tịch tại nơi đăng ký thường trú cũ" in html
    assert "xin lỗi Ông/Bà/Tổ chức" in html
    assert "Thủ trưởng cơ quan, đơn vị" in html
    assert str(cast.leader_office) in html and str(cast.leader_a) not in html


def test_the_2025_regime_numbers_and_titles_its_forms(client, cast):
    dossier = in_process_dossier(cast.commune_a, at=local(2025, 7, 2, 9, 0))  # given to its specialist at 10:00
    run_at(
        local(2025, 7, 3, 9, 0),
        services.dossier_apologize,
        dossier=dossier,
        by=cast.leader_a,
        reason="Chờ ý kiến cơ quan phối hợp",
        new_due_at=local(2025, 7, 10, 9, 0),
    )
    apology = page(client, cast.desk_a, "print_apology", dossier)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in apology and "Mẫu số 04" in apology
    sheet = page(client, cast.desk_a, "print_control_sheet", dossier)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in sheet and "Mẫu số 06" in sheet and "Mẫu số 05" not in sheet


def test_the_control_sheet_has_a_row_per_handover_with_its_result(client, cast, assigned):
    steps = [
        (local(2023, 7, 5, 15, 0), services.dossier_submit, cast.specialist_a, {"note": "Đủ điều kiện"}),
        (local(2023, 7, 6, 8, 0), services.dossier_send_back, cast.leader_a, {"note": "Ghi sai tên cha"}),
        (local(2023, 7, 6, 8, 30), services.dossier_submit, cast.specialist_a, {}),
        (local(2023, 7, 6, 10, 0), services.dossier_approve, cast.leader_a, {}),
        (local(2023, 7, 6, 11, 0), services.dossier_issue_result, cast.leader_a, {}),
        (local(2023, 7, 7, 9, 0), services.dossier_deliver, cast.desk_a, {"note": "Công dân đã nhận"}),
    ]
    for when, service, user, kwargs in steps:
        run_at(when, service, dossier=assigned, by=user, **kwargs)
    client.force_login(cast.desk_a)
    response = client.get(url("print_control_sheet", assigned))
    rows = response.context["rows"]
    assert [r.action for r in rows] == ["assign", "submit", "send_back", "submit", "approve", "issue_result", "deliver"]
    assert [r.result for r in rows] == [
        StepResult.EARLY,  # 3 July, deadline 6 July 09:00
        StepResult.EARLY,
        StepResult.ON_TIME,  # the deadline's day, before 09:00
        StepResult.ON_TIME,
        StepResult.LATE,
        StepResult.LATE,
        StepResult.LATE,
    ]
    assign, submit, send_back = rows[0], rows[1], rows[2]
    assert (assign.giver, assign.receiver) == (str(cast.desk_a), str(cast.specialist_a))
    assert assign.giver_unit == "Bộ phận tiếp nhận và trả kết quả - UBND xã Gio An"
    assert assign.receiver_unit == "UBND xã Gio An"
    assert (submit.giver, submit.receiver) == (str(cast.specialist_a), str(cast.leader_a))
    assert (send_back.giver, send_back.receiver, send_back.note) == (
        str(cast.leader_a),
        str(cast.specialist_a),
        "Ghi sai tên cha",
    )
    assert (rows[-1].giver, rows[-1].receiver) == (str(cast.desk_a), "Nguyễn Thị Hoa")
    html = response.content.decode()
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in html and "Mẫu số 05" in html and "Số: ……/PKS" in html
    assert html.count('class="handover ') == 7
    assert "Trước hạn" in html and "Đúng hạn" in html and "Quá hạn" in html
    assert "15 giờ 00 phút, ngày 05 tháng 7 năm 2023" in html and "Công dân đã nhận" in html


def test_a_step_is_judged_against_the_deadline_in_force_then(client, cast, assigned):
    """A completed supplement restarts the 2018 clock: a submission after the first deadline is still early."""
    run_at(
        local(2023, 7, 4, 9, 0),
        services.dossier_request_supplement,
        dossier=assigned,
        by=cast.specialist_a,
        reason="Thiếu",
    )
    run_at(local(2023, 7, 10, 9, 0), services.dossier_supplement, dossier=assigned, by=cast.desk_a)
    run_at(local(2023, 7, 11, 9, 0), services.dossier_submit, dossier=assigned, by=cast.specialist_a)
    client.force_login(cast.desk_a)
    rows = client.get(url("print_control_sheet", assigned)).context["rows"]
    assert [r.result for r in rows] == [StepResult.EARLY, StepResult.EARLY]
    assert rows[1].due_at == local(2023, 7, 13, 9, 0)


def test_step_results_compare_local_days_then_the_deadline():
    due = local(2023, 7, 6, 9, 0)
    assert step_result(local(2023, 7, 5, 23, 59), due) == StepResult.EARLY
    assert step_result(local(2023, 7, 6, 0, 30), due) == StepResult.ON_TIME
    assert step_result(due, due) == StepResult.ON_TIME
    assert step_result(local(2023, 7, 6, 9, 1), due) == StepResult.LATE


@pytest.mark.parametrize("name", FORMS)
def test_a_form_whose_fact_does_not_exist_is_not_found(client, cast, name):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    assert client.get(url(name, dossier)).status_code == 404


@pytest.fixture
def with_every_form(cast, assigned):
    """A dossier that has all four facts: a supplement request, an apology, hand-overs and a refusal."""
    run_at(
        local(2023, 7, 3, 11, 0),
        services.dossier_request_supplement,
        dossier=assigned,
        by=cast.specialist_a,
        reason="Thiếu",
    )
    run_at(local(2023, 7, 3, 14, 0), services.dossier_supplement, dossier=assigned, by=cast.desk_a)
    run_at(
        local(2023, 7, 5, 9, 0),
        services.dossier_apologize,
        dossier=assigned,
        by=cast.leader_a,
        reason="Chậm",
        new_due_at=local(2023, 7, 12, 9, 0),
    )
    run_at(
        local(2023, 7, 6, 9, 0),
        services.dossier_refuse,
        dossier=assigned,
        by=cast.leader_a,
        reasons=["Không đủ điều kiện"],
    )
    return assigned


@pytest.mark.parametrize("name", FORMS)
def test_only_those_who_handle_the_dossier_open_its_forms(client, cast, with_every_form, name):
    assert page(client, cast.specialist_a, name, with_every_form)
    client.force_login(cast.desk_b)
    assert client.get(url(name, with_every_form)).status_code == 404
    client.force_login(cast.reform_officer)
    assert client.get(url(name, with_every_form)).status_code == 403


def test_the_dossier_page_links_the_forms_that_exist_to_its_handlers(client, cast, assigned):
    client.force_login(cast.desk_a)
    html = client.get(assigned.get_absolute_url()).content.decode()
    assert url("print_control_sheet", assigned) in html
    assert url("print_supplement_request", assigned) not in html and url("print_apology", assigned) not in html
    run_at(
        local(2023, 7, 3, 11, 0),
        services.dossier_request_supplement,
        dossier=assigned,
        by=cast.specialist_a,
        reason="Thiếu",
    )
    html = client.get(assigned.get_absolute_url()).content.decode()
    assert url("print_supplement_request", assigned) in html and url("print_refusal", assigned) not in html
    client.force_login(cast.reform_officer)
    html = client.get(assigned.get_absolute_url()).content.decode()
    assert url("print_supplement_request", assigned) not in html and url("print_control_sheet", assigned) not in html


def test_the_forms_stay_vietnamese_when_the_interface_is_english(client, cast, assigned):
    run_at(
        local(2023, 7, 3, 11, 0),
        services.dossier_request_supplement,
        dossier=assigned,
        by=cast.specialist_a,
        reason="Thiếu",
    )
    client.force_login(cast.desk_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(url("print_supplement_request", assigned)).content.decode()
    assert "Work list" in html and "Request to supplement the dossier" in html  # the interface follows English
    assert "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau" in html and "Mẫu số 02" in html  # the form does not
    sheet = client.get(url("print_control_sheet", assigned)).content.decode()
    assert "Thời gian giao, nhận hồ sơ" in sheet and "Trước hạn" in sheet
