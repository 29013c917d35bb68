"""The dossier's statuses and the actions that move it, by themselves so that models and workflow share them.

The one table of legal moves is in `workflow.py`; the glossary (docs/glossary.md) maps each name to its
official term.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")  # Được tiếp nhận
    IN_PROCESS = "in_process", _("In process")  # Đang xử lý
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Awaiting supplement")  # Yêu cầu bổ sung
    AWAITING_FEE = "awaiting_fee", _("Awaiting fees")  # Yêu cầu thực hiện nghĩa vụ tài chính
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")  # Chờ phê duyệt
    APPROVED = "approved", _("Approved")  # Đã phê duyệt
    RESULT_ISSUED = "result_issued", _("Result issued")  # Đã có kết quả
    REFUSED = "refused", _("Refused with reasons")  # Từ chối giải quyết (văn bản nêu lý do)
    DELIVERED = "delivered", _("Result delivered")  # Đã trả kết quả
    WITHDRAWN = "withdrawn", _("Withdrawn")  # Rút hồ sơ
    RETURNED = "returned", _("Returned unprocessed")  # Trả lại hồ sơ


class Action(models.TextChoices):
    RECEIVE = "receive", _("Receive")
    ASSIGN = "assign", _("Assign")
    REQUEST_SUPPLEMENT = "request_supplement", _("Request a supplement")
    SUPPLEMENT = "supplement", _("Supplement received")
    REQUEST_FEE = "request_fee", _("Request fees")
    FEE_PAID = "fee_paid", _("Fees paid")
    SUBMIT = "submit", _("Submit for approval")
    SEND_BACK = "send_back", _("Send back for rework")
    APPROVE = "approve", _("Approve")
    REFUSE = "refuse", _("Refuse with reasons")
    ISSUE_RESULT = "issue_result", _("Issue the result")
    DELIVER = "deliver", _("Deliver the result")
    WITHDRAW = "withdraw", _("Withdraw")
    RETURN = "return", _("Return unprocessed")
    APOLOGIZE = "apologize", _("Issue an apology letter")
    IMPORT = "import", _("Imported from another one-stop system")
    TRANSFER = "transfer", _("Transferred to the successor unit")


# Not finished: the dossier is still on the desk or with its handler.
OPEN = (
    Status.RECEIVED,
    Status.IN_PROCESS,
    Status.AWAITING_SUPPLEMENT,
    Status.AWAITING_FEE,
    Status.AWAITING_APPROVAL,
    Status.APPROVED,
)
# The applicant holds the clock while the dossier waits in these statuses (supplement, fees).
PAUSED = (Status.AWAITING_SUPPLEMENT, Status.AWAITING_FEE)
