"""The dossier life cycle: one table of legal moves, and the one guard that applies it (statuses in states.py).

Nothing else assigns `Dossier.status` (a test fails on `.status =` anywhere else). Action services in
`services.py` are thin wrappers that compute the action's effects (deadlines, outcome) and call `apply`.
`apply_many` is `apply` for a batch (the import): the same check, status rule and event row per dossier, written
with a few bulk statements instead of two per dossier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connections, models, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.accounts.models import Role

from .models import Dossier, DossierEvent
from .search import with_key_fields
from .states import OPEN, PAUSED, Action, Status

__all__ = ["OPEN", "PAUSED", "Action", "Status", "TABLE", "Move", "TransitionError", "apply", "apply_many", "check"]


S = Status
DESK, SPEC, LEAD = Role.DESK_OFFICER.value, Role.SPECIALIST.value, Role.LEADER.value
# The acting "role" of `cchc import` and other system jobs; no person holds it.
SYSTEM = "system"
# The applicant acting on the public portal (cchc.portal): submits online, sends a requested supplement, takes a
# full-online result. Not a membership: the portal's services pass it for the one dossier the applicant proved
# to hold (its code and tracking secret), never for a logged-in user.
APPLICANT = "applicant"


@dataclass(frozen=True)
class Move:
    sources: tuple[str, ...]
    target: str | None  # None: the status does not change (the event is still logged)
    roles: frozenset[str]


# action               allowed source statuses                                   target               roles
TABLE: dict[str, Move] = {
    Action.RECEIVE: Move((), S.RECEIVED, frozenset({DESK, APPLICANT})),
    Action.ASSIGN: Move((S.RECEIVED, S.IN_PROCESS), S.IN_PROCESS, frozenset({DESK, LEAD})),
    Action.REQUEST_SUPPLEMENT: Move((S.RECEIVED, S.IN_PROCESS), S.AWAITING_SUPPLEMENT, frozenset({DESK, SPEC})),
    Action.SUPPLEMENT: Move((S.AWAITING_SUPPLEMENT,), S.IN_PROCESS, frozenset({DESK, SPEC, APPLICANT})),
    Action.REQUEST_FEE: Move((S.IN_PROCESS, S.APPROVED), S.AWAITING_FEE, frozenset({SPEC, DESK})),
    Action.FEE_PAID: Move((S.AWAITING_FEE,), S.IN_PROCESS, frozenset({DESK, SPEC})),
    Action.SUBMIT: Move((S.IN_PROCESS,), S.AWAITING_APPROVAL, frozenset({SPEC})),
    Action.SEND_BACK: Move((S.AWAITING_APPROVAL,), S.IN_PROCESS, frozenset({LEAD})),
    Action.APPROVE: Move((S.AWAITING_APPROVAL,), S.APPROVED, frozenset({LEAD})),
    Action.REFUSE: Move((S.IN_PROCESS, S.AWAITING_APPROVAL), S.REFUSED, frozenset({LEAD})),
    Action.ISSUE_RESULT: Move((S.APPROVED,), S.RESULT_ISSUED, frozenset({LEAD, SPEC, DESK})),
    Action.DELIVER: Move((S.RESULT_ISSUED, S.REFUSED), S.DELIVERED, frozenset({DESK, APPLICANT})),
    Action.WITHDRAW: Move(OPEN[:-1], S.WITHDRAWN, frozenset({DESK})),
    Action.RETURN: Move((S.RECEIVED, S.IN_PROCESS, S.AWAITING_SUPPLEMENT), S.RETURNED, frozenset({DESK, LEAD})),
    Action.APOLOGIZE: Move(OPEN, None, frozenset({LEAD})),
    # A record loaded from another system: its status follows from its outcome (see imported_status).
    Action.IMPORT: Move((), None, frozenset({SYSTEM})),
    # A unit that stops existing hands its pending dossiers to its successor (`cchc units retire`; domain.md §8:
    # "the carried-over pending dossiers of an abolished district must move to a successor with an audit event").
    Action.TRANSFER: Move(OPEN, None, frozenset({SYSTEM})),
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


def _move(dossier: Dossier, action: str, move: Move, changes: dict[str, Any] | None) -> str:
    """Set the action's field changes and the new status on the (checked) dossier; return the status it had."""
    # A re-import updates a saved dossier: its event starts from the status it had.
    from_status = "" if action in CREATING and dossier.pk is None else dossier.status
    for field, value in (changes or {}).items():
        setattr(dossier, field, value)
    if action == Action.IMPORT:
        dossier.status = imported_status(dossier.outcome, delivered=True)
    elif move.target is not None:
        dossier.status = move.target
    return from_status


def _event(dossier: Dossier, action: str, from_status: str, *, actor: Any, at: dt.datetime, note: str, data):
    return DossierEvent(
        dossier=dossier,
        action=action,
        from_status=from_status,
        to_status=dossier.status,
        actor=actor if getattr(actor, "pk", None) else None,
        at=at,
        note=note,
        data=data or {},
    )


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
    move = check(dossier, action, roles)
    at = at or timezone.now()
    from_status = _move(dossier, action, move, changes)
    dossier.save()
    event = _event(dossier, action, from_status, actor=actor, at=at, note=note, data=data)
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class Item:
    """One dossier for `apply_many`, with its own field changes and event data, as `apply` takes them."""

    dossier: Dossier
    changes: dict[str, Any] | None = None
    data: dict[str, Any] | None = None
    note: str = ""


# Rows per INSERT statement of apply_many (each backend may split further for its parameter limit).
BATCH = 500


def _update_rows(dossiers: list[Dossier], names: tuple[str, ...]) -> None:
    """Write the fields `names` of saved dossiers: one UPDATE statement by primary key, run for every row.

    `bulk_update` builds a CASE expression per field and row, which costs seconds for a few thousand rows;
    the values here are prepared by each field exactly as `save()` prepares them.
    """
    connection = connections[router.db_for_write(Dossier)]
    quote = connection.ops.quote_name
    meta = Dossier._meta
    fields: list[models.Field[Any, Any]] = []
    for name in names:
        field = meta.get_field(name)
        assert isinstance(field, models.Field)  # the names are the dossier's own concrete columns
        fields.append(field)
    assignments = ", ".join(f"{quote(str(field.column))} = %s" for field in fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    params = [
        [field.get_db_prep_save(field.pre_save(dossier, False), connection) for field in fields] + [dossier.pk]
        for dossier in dossiers
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def apply_many(
    items: Iterable[Item],
    action: str = Action.IMPORT,
    *,
    roles: set[str] | frozenset[str],
    actor: Any = None,
    at: dt.datetime | None = None,
) -> list[DossierEvent]:
    """`apply` for many dossiers at once: the same check, status rule and event row for each, in bulk statements.

    Every item is checked before anything is written (a refused one raises TransitionError and nothing is
    saved). New dossiers are inserted with `bulk_create`, saved ones updated on the fields their `changes` name
    plus the status (so a caller must not rely on other unsaved edits being written, as `save()` would), and one
    event per dossier is inserted, in the items' order. Each dossier comes once. All events share one time (`at`,
    default now). The caller runs inside a transaction and holds the saved dossiers' rows.
    """
    items = list(items)
    if len({id(item.dossier) for item in items}) < len(items):
        # A second move of the same dossier would be checked against the status it had before the first.
        raise ValueError("apply_many takes each dossier once")
    move = None
    for item in items:
        move = check(item.dossier, action, roles)
    if move is None:
        return []
    at = at or timezone.now()
    new: list[Dossier] = []
    saved: dict[tuple[str, ...], list[Dossier]] = {}
    from_statuses = []
    for item in items:
        from_statuses.append(_move(item.dossier, action, move, item.changes))
        if item.dossier.pk is None:
            new.append(item.dossier)
        else:
            # Writing a source of the search keys (an imported applicant's name...) rewrites the keys.
            fields = tuple(sorted(with_key_fields({"status", *(item.changes or ())})))
            saved.setdefault(fields, []).append(item.dossier)
    Dossier.objects.bulk_create(new, batch_size=BATCH)
    for fields, dossiers in saved.items():
        _update_rows(dossiers, fields)
    events = [
        _event(item.dossier, action, from_status, actor=actor, at=at, note=item.note, data=item.data)
        for item, from_status in zip(items, from_statuses, strict=True)
    ]
    return DossierEvent.objects.bulk_create(events, batch_size=BATCH)
