"""Every write on a dossier. Each service locks the row, computes the action's effects (deadlines, outcome,
pauses) and hands them to `workflow.apply`, which checks the move against workflow.TABLE and logs the event.

Deadlines: `due_at` is computed at receipt from the procedure's working days (lib/workdays.py) and is moved
only by a logged pause (supplement, fee wait); an apology's new appointment goes to `extended_due_at`.
The modules: receipt (receiving, and the facts every receipt computes), waits (supplements and fees), processing
(assign, submit, send back, approve, apologize), finishing (result, refusal, delivery, withdrawal, return) and
documents (scans and result files); applicant (the applicant's own writes on the portal: a supplement sent
online, taking a full-online result).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from ..models import Dossier
from ..workflow import Action, TransitionError
from ._common import APPLICANT_FIELDS, PAPER_CHANNELS, clock_start_for
from .applicant import dossier_supplement_online, dossier_take_result
from .documents import dossier_attach_document
from .finishing import dossier_deliver, dossier_issue_result, dossier_refuse, dossier_return, dossier_withdraw
from .online import (
    Problem,
    SubmissionRefused,
    document_problems,
    dossier_submit_online,
    online_procedure_error,
    online_units,
)
from .processing import dossier_apologize, dossier_approve, dossier_assign, dossier_send_back, dossier_submit
from .receipt import ReceiptFacts, check_receivable, dossier_receive, missing_components, receipt_facts
from .waits import dossier_fee_paid, dossier_request_fee, dossier_request_supplement, dossier_supplement

__all__ = [
    "ACTION_SERVICES",
    "APPLICANT_FIELDS",
    "PAPER_CHANNELS",
    "Problem",
    "ReceiptFacts",
    "SubmissionRefused",
    "check_receivable",
    "clock_start_for",
    "document_problems",
    "dossier_act",
    "dossier_apologize",
    "dossier_approve",
    "dossier_assign",
    "dossier_attach_document",
    "dossier_deliver",
    "dossier_fee_paid",
    "dossier_issue_result",
    "dossier_receive",
    "dossier_refuse",
    "dossier_request_fee",
    "dossier_request_supplement",
    "dossier_return",
    "dossier_send_back",
    "dossier_submit",
    "dossier_submit_online",
    "dossier_supplement",
    "dossier_supplement_online",
    "dossier_take_result",
    "dossier_withdraw",
    "missing_components",
    "online_procedure_error",
    "online_units",
    "receipt_facts",
]

ACTION_SERVICES: dict[str, Callable[..., Dossier]] = {
    Action.ASSIGN: dossier_assign,
    Action.REQUEST_SUPPLEMENT: dossier_request_supplement,
    Action.SUPPLEMENT: dossier_supplement,
    Action.REQUEST_FEE: dossier_request_fee,
    Action.FEE_PAID: dossier_fee_paid,
    Action.SUBMIT: dossier_submit,
    Action.SEND_BACK: dossier_send_back,
    Action.APPROVE: dossier_approve,
    Action.REFUSE: dossier_refuse,
    Action.ISSUE_RESULT: dossier_issue_result,
    Action.DELIVER: dossier_deliver,
    Action.WITHDRAW: dossier_withdraw,
    Action.RETURN: dossier_return,
    Action.APOLOGIZE: dossier_apologize,
}


def dossier_act(*, dossier: Dossier, by: Any, action: str, **kwargs: Any) -> Dossier:
    """Run the service of `action` (an Action value) on `dossier`, for views that post the action's name."""
    service = ACTION_SERVICES.get(action)
    if service is None:
        raise TransitionError(_("Unknown action: %(action)s") % {"action": action})
    return service(dossier=dossier, by=by, **kwargs)
