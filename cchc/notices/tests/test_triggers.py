"""Issue 8, point 7: which events send which notice, to whom, saying what (in Vietnamese), and only once the
action has committed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.feedback.models import Feedback
from cchc.feedback.services import feedback_answer
from cchc.notices.models import Notice, NoticeChannel, NoticeKind, NoticeStatus
from cchc.testing.factories import (
    APPLICANT as FACTORY_APPLICANT,
)
from cchc.testing.factories import (
    awaiting_supplement_dossier,
    imported_dossier,
    in_process_dossier,
    local,
    received_dossier,
    refused_dossier,
    resolved_dossier,
    returned_dossier,
    run_at,
)

from .conftest import APPLICANT

PORTAL = "https://dichvucong.quangtri.gov.vn"


@pytest.fixture(autouse=True)
def _portal(settings):
    settings.CCHC_PORTAL_URL = PORTAL


def notices(dossier: Dossier, kind: str) -> dict[str, Notice]:
    return {n.channel: n for n in Notice.objects.filter(dossier=dossier, kind=kind)}


def link(dossier: Dossier) -> str:
    return f"{PORTAL}/tra-cuu/?ma={dossier.code}&bi-mat={dossier.tracking_secret}"


def test_a_receipt_tells_the_applicant_by_email_and_sms_with_the_appointment_and_the_tracking_link(cast):
    dossier = received_dossier(cast.commune_a, applicant=APPLICANT)
    sent = notices(dossier, NoticeKind.RECEIVED)
    assert set(sent) == {NoticeChannel.EMAIL, NoticeChannel.SMS}
    email, sms = sent[NoticeChannel.EMAIL], sent[NoticeChannel.SMS]
    assert (email.recipient, sms.recipient) == ("hoa.nguyen@example.vn", "0914000111")
    assert email.event == sms.event == dossier.events.get(action="receive")
    assert email.status == sms.status == NoticeStatus.QUEUED and email.attempts == 0
    # Received Monday 3 July 2023 09:00 with a time limit of 3 working days: due Thursday 6 July 09:00.
    assert email.subject == f"Hồ sơ {dossier.code}: đã tiếp nhận"
    assert "đã được UBND xã Gio An tiếp nhận lúc 09:00 03/07/2023" in email.body
    assert "Ngày hẹn trả kết quả: 09:00 06/07/2023." in email.body
    assert "Thủ tục: Đăng ký khai sinh" in email.body
    assert link(dossier) in email.body
    assert sms.subject == ""
    assert sms.body == (
        f"Hồ sơ {dossier.code} đã được tiếp nhận, hẹn trả kết quả 09:00 06/07/2023. Tra cứu: {link(dossier)}"
    )
    # No officer's personal data in a notice: not the desk officer's name or user name.
    for notice in (email, sms):
        assert cast.desk_a.username not in notice.body and cast.desk_a.full_name not in notice.body


def test_an_applicant_without_email_gets_only_the_sms_and_one_without_contacts_nothing(cast):
    with_phone = received_dossier(cast.commune_a)
    assert set(notices(with_phone, NoticeKind.RECEIVED)) == {NoticeChannel.SMS}
    no_contact = received_dossier(cast.commune_a, applicant={**FACTORY_APPLICANT, "phone": ""})
    assert not Notice.objects.filter(dossier=no_contact).exists()


def test_the_texts_are_vietnamese_whatever_language_the_officer_reads(cast):
    with translation.override("en"):
        dossier = received_dossier(cast.commune_a, applicant=APPLICANT)
    assert notices(dossier, NoticeKind.RECEIVED)[NoticeChannel.EMAIL].subject.endswith("đã tiếp nhận")


def test_a_supplement_request_sends_the_complete_list(cast):
    dossier = in_process_dossier(cast.commune_a, applicant=APPLICANT)
    items = ["Bản sao giấy chứng nhận kết hôn", "Giấy xác nhận nơi cư trú"]
    run_at(
        local(2023, 7, 3, 14),
        services.dossier_request_supplement,
        dossier=dossier,
        by=cast.specialist_a,
        reason="Thiếu giấy tờ",
        items=items,
    )
    sent = notices(dossier, NoticeKind.SUPPLEMENT_REQUESTED)
    email, sms = sent[NoticeChannel.EMAIL], sent[NoticeChannel.SMS]
    assert email.subject == f"Hồ sơ {dossier.code}: yêu cầu bổ sung"
    assert "Lý do: Thiếu giấy tờ" in email.body
    listed = "Danh mục đầy đủ giấy tờ cần bổ sung:\n- Bản sao giấy chứng nhận kết hôn\n- Giấy xác nhận nơi cư trú"
    assert listed in email.body
    assert "trang tra cứu" in email.body and link(dossier) in email.body
    assert sms.body == (
        f"Hồ sơ {dossier.code} cần bổ sung: Bản sao giấy chứng nhận kết hôn; Giấy xác nhận nơi cư trú. "
        f"Tra cứu: {link(dossier)}"
    )


def test_a_long_list_leaves_the_sms_short_and_points_to_the_tracking_page(cast):
    dossier = in_process_dossier(cast.commune_a, applicant=APPLICANT)
    items = [f"Giấy tờ thứ {n} cần bổ sung theo quy định của thủ tục" for n in range(1, 9)]
    run_at(
        local(2023, 7, 3, 14),
        services.dossier_request_supplement,
        dossier=dossier,
        by=cast.specialist_a,
        reason="Thiếu",
        items=items,
    )
    sent = notices(dossier, NoticeKind.SUPPLEMENT_REQUESTED)
    assert all(item in sent[NoticeChannel.EMAIL].body for item in items)
    short = f"Hồ sơ {dossier.code} cần bổ sung (danh mục trên trang tra cứu): {link(dossier)}"
    assert sent[NoticeChannel.SMS].body == short


def test_the_result_ready_says_where_to_collect_it(cast):
    dossier = resolved_dossier(cast.commune_a, applicant=APPLICANT)
    sent = notices(dossier, NoticeKind.RESULT_READY)
    assert sent[NoticeChannel.EMAIL].subject == f"Hồ sơ {dossier.code}: đã có kết quả"
    assert "mời nhận tại Bộ phận Một cửa UBND xã Gio An" in sent[NoticeChannel.SMS].body
    assert "Bộ phận Một cửa UBND xã Gio An, mang theo phiếu tiếp nhận" in sent[NoticeChannel.EMAIL].body
    # Delivering the result tells nothing new.
    assert set(Notice.objects.filter(dossier=dossier).values_list("kind", flat=True)) == {
        NoticeKind.RECEIVED,
        NoticeKind.RESULT_READY,
    }


def test_a_refusal_gives_its_reasons(cast):
    dossier = refused_dossier(cast.commune_a, applicant=APPLICANT, reason="Không đủ điều kiện đăng ký")
    sent = notices(dossier, NoticeKind.REFUSED)
    assert "bị từ chối giải quyết vì các lý do sau:\n\n- Không đủ điều kiện đăng ký" in sent[NoticeChannel.EMAIL].body
    assert sent[NoticeChannel.SMS].body.startswith(
        f"Hồ sơ {dossier.code} bị từ chối giải quyết: Không đủ điều kiện đăng ký."
    )


def test_a_returned_dossier_gives_the_reason(cast):
    dossier = returned_dossier(cast.commune_a, applicant=APPLICANT, reason="Không thuộc thẩm quyền")
    sent = notices(dossier, NoticeKind.RETURNED)
    assert "Lý do: Không thuộc thẩm quyền" in sent[NoticeChannel.EMAIL].body
    assert "được trả lại, không giải quyết: Không thuộc thẩm quyền" in sent[NoticeChannel.SMS].body


def test_an_apology_gives_the_new_date(cast):
    # Due Thursday 6 July 09:00; the letter on Tuesday 4 July promises Monday 10 July 17:00.
    dossier = in_process_dossier(cast.commune_a, applicant=APPLICANT)
    run_at(
        local(2023, 7, 4, 10),
        services.dossier_apologize,
        dossier=dossier,
        by=cast.leader_a,
        reason="Chờ xác minh",
        new_due_at=local(2023, 7, 10, 17),
    )
    sent = notices(dossier, NoticeKind.APOLOGY)
    email = sent[NoticeChannel.EMAIL]
    assert "không giải quyết được đúng hẹn (09:00 06/07/2023)" in email.body
    assert "Thời gian hẹn trả kết quả mới: 17:00 10/07/2023." in email.body
    assert "Lý do: Chờ xác minh" in email.body
    assert "hẹn trả kết quả mới 17:00 10/07/2023" in sent[NoticeChannel.SMS].body
    assert cast.leader_a.full_name not in email.body


def test_assignment_and_other_inner_steps_send_nothing(cast):
    dossier = awaiting_supplement_dossier(cast.commune_a, applicant=APPLICANT)
    kinds = set(Notice.objects.filter(dossier=dossier).values_list("kind", flat=True))
    assert kinds == {NoticeKind.RECEIVED, NoticeKind.SUPPLEMENT_REQUESTED}


def test_an_imported_dossier_sends_nothing(cast):
    dossier = imported_dossier(cast.commune_a, applicant_phone="0914000111")
    assert dossier.imported and dossier.applicant_phone
    assert not Notice.objects.exists()


def test_a_rolled_back_action_leaves_no_notice_and_sends_nothing(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                received_dossier(cast.commune_a, applicant=APPLICANT)
                assert Notice.objects.count() == 2
                raise RuntimeError("the officer's request fails after the receipt")
    assert callbacks == []
    assert not Notice.objects.exists() and not Dossier.objects.exists()
    assert mail.outbox == []


def test_the_email_leaves_only_after_the_commit(cast, settings, django_capture_on_commit_callbacks):
    settings.CCHC_NOTICE_BACKENDS = {"email": "cchc.notices.backends.EmailBackend"}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dossier = received_dossier(cast.commune_a, applicant=APPLICANT)
        assert mail.outbox == []
    assert len(callbacks) == 2  # one delivery per notice, registered for after the commit
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["hoa.nguyen@example.vn"]]
    assert mail.outbox[0].subject == f"Hồ sơ {dossier.code}: đã tiếp nhận"
    sent = notices(dossier, NoticeKind.RECEIVED)
    assert sent[NoticeChannel.EMAIL].status == NoticeStatus.SENT and sent[NoticeChannel.EMAIL].sent_at is not None
    assert sent[NoticeChannel.SMS].status == NoticeStatus.SENT  # the log backend, the default


def _feedback(cast, **fields) -> Feedback:
    values = {
        "unit": cast.commune_a,
        "received_at": local(2023, 7, 3, 9),
        "code": "PAKN-230703-0001",
        "subject": "Thời gian chờ",
        "content": "Phải chờ lâu ở bộ phận một cửa.",
        "sender_name": "Trần Văn Bình",
        "sender_email": "binh@example.vn",
        "sender_phone": "0905111222",
        **fields,
    }
    return Feedback.objects.create(**values)


def test_an_answer_to_feedback_tells_its_sender_with_the_reference_and_the_link(cast):
    feedback = _feedback(cast)
    assert not Notice.objects.exists()
    run_at(local(2023, 7, 5, 9), feedback_answer, feedback=feedback, by=cast.leader_a, answer="Đã chấn chỉnh.")
    sent = {n.channel: n for n in Notice.objects.filter(feedback=feedback, kind=NoticeKind.FEEDBACK_ANSWERED)}
    email, sms = sent[NoticeChannel.EMAIL], sent[NoticeChannel.SMS]
    assert (email.recipient, sms.recipient) == ("binh@example.vn", "0905111222")
    assert email.subject == "Phản ánh, kiến nghị PAKN-230703-0001: đã có trả lời"
    assert "Nội dung trả lời:\nĐã chấn chỉnh." in email.body
    assert f"{PORTAL}/phan-anh/PAKN-230703-0001/" in email.body
    assert sms.body == (
        f"Phản ánh, kiến nghị PAKN-230703-0001 đã được UBND xã Gio An trả lời: {PORTAL}/phan-anh/PAKN-230703-0001/"
    )
    assert cast.leader_a.full_name not in email.body and cast.leader_a.username not in email.body
    # Saving the answered feedback again (an edit in the admin) sends nothing more.
    feedback.refresh_from_db()
    feedback.save(update_fields=["answered_at"])
    assert Notice.objects.filter(feedback=feedback).count() == 2


def test_saving_feedback_without_answering_it_sends_nothing(cast):
    feedback = _feedback(cast)
    feedback.subject = "Sửa tiêu đề"
    feedback.save(update_fields=["subject"])
    feedback.save()
    assert not Notice.objects.exists()
