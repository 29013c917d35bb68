"""The dossier life cycle: statuses, one table of legal moves, and the one guard that applies it.

Nothing else assigns `Dossier.status` (a test fails on `.status =` anywhere else). Action services in
`services.py` are thin wrappers that compute the action's effects (deadlines, outcome) and call `apply`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import Dossier, DossierEvent


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


S = Status
OPEN = (S.RECEIVED, S.IN_PROCESS, S.AWAITING_SUPPLEMENT, S.AWAITING_FEE, S.AWAITING_APPROVAL, S.APPROVED)
DESK, SPEC, LEAD = "desk_officer", "specialist", "leader"
# The acting "role" of `cchc import` and other system jobs; no person holds it.
SYSTEM = "system"


@dataclass(frozen=True)
class Move:
    sources: tuple[str, ...]
    target: str | None  # None: the status does not change (the event is still logged)
    roles: frozenset[str]


# action               allowed source statuses                                   target               roles
TABLE: dict[str, Move] = {
    Action.RECEIVE: Move((), S.RECEIVED, frozenset({DESK})),
    Action.ASSIGN: Move((S.RECEIVED, S.IN_PROCESS), S.IN_PROCESS, frozenset({DESK, LEAD})),
    Action.REQUEST_SUPPLEMENT: Move((S.RECEIVED, S.IN_PROCESS), S.AWAITING_SUPPLEMENT, frozenset({DESK, SPEC})),
    Action.SUPPLEMENT: Move((S.AWAITING_SUPPLEMENT,), S.IN_PROCESS, frozenset({DESK, SPEC})),
    Action.REQUEST_FEE: Move((S.IN_PROCESS, S.APPROVED), S.AWAITING_FEE, frozenset({SPEC, DESK})),
    Action.FEE_PAID: Move((S.AWAITING_FEE,), S.IN_PROCESS, frozenset({DESK, SPEC})),
    Action.SUBMIT: Move((S.IN_PROCESS,), S.AWAITING_APPROVAL, frozenset({SPEC})),
    Action.SEND_BACK: Move((S.AWAITING_APPROVAL,), S.IN_PROCESS, frozenset({LEAD})),
    Action.APPROVE: Move((S.AWAITING_APPROVAL,), S.APPROVED, frozenset({LEAD})),
    Action.REFUSE: Move((S.IN_PROCESS, S.AWAITING_APPROVAL), S.REFUSED, frozenset({LEAD})),
    Action.ISSUE_RESULT: Move((S.APPROVED,), S.RESULT_ISSUED, frozenset({LEAD, SPEC, DESK})),
    Action.DELIVER: Move((S.RESULT_ISSUED, S.REFUSED), S.DELIVERED, frozenset({DESK})),
    Action.WITHDRAW: Move(OPEN[:-1], S.WITHDRAWN, frozenset({DESK})),
    Action.RETURN: Move((S.RECEIVED, S.IN_PROCESS, S.AWAITING_SUPPLEMENT), S.RETURNED, frozenset({DESK, LEAD})),
    Action.APOLOGIZE: Move(OPEN, None, frozenset({LEAD})),
    # A record loaded from another system: its status follows from its outcome (see imported_status).
    Action.IMPORT: Move((), None, frozenset({SYSTEM})),
}
CREATING = (Action.RECEIVE, Action.IMPORT)


def imported_status(outcome: str, delivered: bool = True) -> str:
    """The status of an imported record: open ones are in process, finished ones follow their outcome."""
    if not outcome:
        return S.IN_PROCESS
    if outcome == "resolved":
        return S.DELIVERED if delivered else S.RESULT_ISSUED
    return {"withdrawn": S.WITHDRAWN, "returned": S.RETURNED}[outcome]


class TransitionError(Exception):
    """The action is not allowed: wrong status, wrong role, or a missing fact. The message says which."""


def allowed_actions(status: str, roles: set[str] | frozenset[str]) -> list[str]:
    """The actions a holder of `roles` may take on a dossier in `status`, in table order."""
    return [a for a, m in TABLE.items() if status in m.sources and m.roles & set(roles)]


def check(dossier: Dossier, action: str, roles: set[str] | frozenset[str]) -> Move:
    move = TABLE.get(action)
    if move is None:
        raise TransitionError(_("Unknown action: %(action)s") % {"action": action})
    if action not in CREATING and dossier.status not in move.sources:
        raise TransitionError(
            _("Cannot %(action)s a dossier that is %(status)s.")
            % {"action": Action(action).label.lower(), "status": Status(dossier.status).label.lower()}
        )
    if not move.roles & set(roles):
        raise TransitionError(_("Your role does not allow this action: %(action)s.") % {"action": Action(action).label})
    return move


def apply(
    dossier: Dossier,
    action: str,
    *,
    roles: set[str] | frozenset[str],
    actor: Any = None,
    at: dt.datetime | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
) -> DossierEvent:
    """Check the move, set the new status and the action's field changes, save, and log the event.

    The caller (a service) runs inside a transaction and has locked the dossier row.
    """
    from .models import DossierEvent

    move = check(dossier, action, roles)
    at = at or timezone.now()
    # A re-import updates a saved dossier: its event starts from the status it had.
    from_status = "" if action in CREATING and dossier.pk is None else dossier.status
    for field, value in (changes or {}).items():
        setattr(dossier, field, value)
    if action == Action.IMPORT:
        dossier.status = imported_status(dossier.outcome, delivered=True)
    elif move.target is not None:
        dossier.status = move.target
    dossier.save()
    return DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        from_status=from_status,
        to_status=dossier.status,
        actor=actor if getattr(actor, "pk", None) else None,
        at=at,
        note=note,
        data=data or {},
    )
