"""Human names of the figures, for tables, dashboards and the CLI (msgids in English, shown in Vietnamese)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COUNT_LABELS = {
    "received_online": _("Received online"),  # Trực tuyến
    "received_direct": _("Received at the desk"),  # Trực tiếp
    "received_postal": _("Received by post"),  # Qua dịch vụ bưu chính công ích
    "received": _("Received in the period"),  # Tiếp nhận trong kỳ
    "carried_over": _("Carried over"),  # Tồn kỳ trước
    "total": _("Total to handle"),  # Tổng số hồ sơ tiếp nhận giải quyết
    "resolved": _("Resolved"),  # Đã giải quyết
    "resolved_early": _("Resolved early"),  # Trước hạn
    "resolved_on_time": _("Resolved on time"),  # Đúng hạn
    "resolved_late": _("Resolved late"),  # Quá hạn
    "withdrawn_or_returned": _("Withdrawn or returned"),  # Rút hoặc trả lại hồ sơ
    "pending": _("Pending"),  # Đang giải quyết
    "pending_overdue": _("Pending, overdue"),  # Đang giải quyết, quá hạn
    "pending_within_deadline": _("Pending, within the deadline"),  # Đang giải quyết, còn hạn
    "due": _("Due"),  # Đến hạn giải quyết
    "late": _("Late (resolved late or pending overdue)"),  # Trễ hạn
    "apologies": _("Apology letters issued"),  # Thư xin lỗi
    "late_with_apology": _("Late dossiers with an apology letter"),
    "late_with_apology_in_time": _("Late dossiers with an apology letter issued in time"),
    "late_kept_new_date": _("Resolved late, by the apology's new date"),
    "evaluations": _("Satisfaction evaluations"),  # Phiếu đánh giá
    "evaluations_satisfied": _("Evaluations: satisfied or very satisfied"),
    "e_certifications": _("Electronic certified copies"),  # Chứng thực bản sao điện tử
    "digitized_components": _("Received with all components digitized"),  # Số hóa thành phần hồ sơ
    "digitized_results": _("Resolved with the result digitized"),  # Số hóa kết quả
    "online_capable_received": _("Received, procedure offers online service"),
    "online_capable_received_online": _("Of those, received online"),
    "full_online_received": _("Received, procedure offers full-process online service"),  # Toàn trình
    "full_online_received_online": _("Of those, received online (full process)"),
    "feedback_received": _("Feedback and petitions received"),  # Phản ánh, kiến nghị
    "feedback_resolved": _("Feedback and petitions answered"),
    "feedback_answered_on_time": _("Feedback and petitions answered on time"),
    "feedback_overdue": _("Feedback and petitions overdue for an answer"),
    "no_time_limit_received": _("Received, procedure with no legal time limit"),
    "no_time_limit_resolved": _("Resolved, procedure with no legal time limit"),
    "received_handled_on_time": _("Received, handled by the deadline or still within it"),
    "received_with_complaint": _("Received, with a petition or a 'not satisfied' evaluation"),
    "received_paper_result": _("Received, procedure issues a result document"),
    "received_paper_result_digitized": _("Of those, with an electronic result"),
    "received_digitized_fully": _("Received, digitised (components, and the result where one is issued)"),
    "received_fee_bearing": _("Received, procedure with a fee"),
    "feedback_received_late": _("Feedback and petitions received, answered late or overdue"),
}

DURATION_LABELS = {
    "processing_working_days_avg": _("Average processing time (working days)"),
    "waiting_working_days_avg": _("Average waiting for the applicant (working days)"),
}

RATE_LABELS = {
    "on_time_of_resolved": _("Early or on time, of resolved"),
    "late_of_resolved": _("Late, of resolved"),
    "on_time_of_due": _("Early or on time, of due"),
    "late_of_due": _("Late, of due"),
    "digitized_components": _("Components digitized, of received"),
    "digitized_results": _("Results digitized, of resolved"),
    "online": _("Received online, of online-capable"),
    "full_online": _("Received online, of full-process online"),
    "apology_coverage": _("Late dossiers with an apology letter"),
    "apology_in_time_coverage": _("Late dossiers with an apology letter issued in time"),
    "evaluation": _("Evaluations, of resolved"),
    "satisfaction": _("Satisfied or very satisfied, of evaluations"),
    "feedback_on_time": _("Feedback and petitions answered on time, of answered"),
}
