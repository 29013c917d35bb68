"""Every move of the life cycle, allowed and forbidden, for every role of the cast, from every status.

The expected moves are written out below by hand, from the law and docs/workflow.md, not read from workflow.TABLE:
a wrong edit of the table fails here.
"""

from __future__ import annotations

import pytest

from cchc.accounts import access
from cchc.dossiers import workflow
from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.workflow import CREATING, TABLE, Action, Status, TransitionError
from cchc.testing.factories import local, received_dossier

# The source statuses, in the order of the cells of MOVES.
COLUMNS = (
    Status.RECEIVED,
    Status.IN_PROCESS,
    Status.AWAITING_SUPPLEMENT,
    Status.AWAITING_FEE,
    Status.AWAITING_APPROVAL,
    Status.APPROVED,
    Status.RESULT_ISSUED,
    Status.REFUSED,
    Status.DELIVERED,
    Status.WITHDRAWN,
    Status.RETURNED,
)
# Who may take each action from each status: D desk officer, S specialist (the handler), L leader, A the applicant
# on the portal (online submission: Decree 61/2018 Art. 16(3), 17(2); the supplement and the online result:
# Art. 19(4), 20), "-" nobody.
# Sources (domain.md §2):
# - assign: Decree 61/2018 Art. 18-19(1), the desk transfers the dossier and the head assigns a handler;
#   reassigning an open dossier is the same act;
# - request_supplement / supplement: Art. 17 (desk, at receipt) and Art. 19(4) (handler, after appraisal);
# - request_fee / fee_paid: Art. 22, fees are asked for while processing or once the result is approved, before
#   it is issued;
# - submit, send_back, approve: Art. 19(1), the handler appraises and submits, the head approves or sends back;
# - refuse: Art. 19, refusal on the merits in writing, signed by the head, while processing or at approval;
# - issue_result: the approved result is issued by whoever holds it; deliver: Art. 20, the desk hands over the
#   result or the written refusal;
# - withdraw: Decree 118/2025 Art. 21, the receiving desk stops a dossier while no result document exists;
# - return: unprocessed (not this authority's competence, or never supplemented), before the appraisal ends;
# - apologize: Art. 19(9), the competent authority's letter for any dossier still open;
# - transfer: no person; the retirement of a unit hands its pending dossiers to the successor (domain.md §8).
# fmt: off
#                                rcv    inp    sup    fee    apr    apv    res    ref    dlv    wdr    ret
MOVES = {
    Action.ASSIGN:              ("DL",  "DL",  "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.REQUEST_SUPPLEMENT:  ("DS",  "DS",  "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.SUPPLEMENT:          ("-",   "-",   "DSA", "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.REQUEST_FEE:         ("-",   "DS",  "-",   "-",   "-",   "DS",  "-",   "-",   "-",   "-",   "-"),
    Action.FEE_PAID:            ("-",   "-",   "-",   "DS",  "-",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.SUBMIT:              ("-",   "S",   "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.SEND_BACK:           ("-",   "-",   "-",   "-",   "L",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.APPROVE:             ("-",   "-",   "-",   "-",   "L",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.REFUSE:              ("-",   "L",   "-",   "-",   "L",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.ISSUE_RESULT:        ("-",   "-",   "-",   "-",   "-",   "DSL", "-",   "-",   "-",   "-",   "-"),
    Action.DELIVER:             ("-",   "-",   "-",   "-",   "-",   "-",   "DA",  "DA",  "-",   "-",   "-"),
    Action.WITHDRAW:            ("D",   "D",   "D",   "D",   "D",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.RETURN:              ("DL",  "DL",  "DL",  "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-"),
    Action.APOLOGIZE:           ("L",   "L",   "L",   "L",   "L",   "L",   "-",   "-",   "-",   "-",   "-"),
    Action.TRANSFER:            ("-",   "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-",   "-"),
}
# fmt: on
# The status each action leads to (None: unchanged, the event is still logged).
TARGETS = {
    Action.ASSIGN: Status.IN_PROCESS,
    Action.REQUEST_SUPPLEMENT: Status.AWAITING_SUPPLEMENT,
    Action.SUPPLEMENT: Status.IN_PROCESS,
    Action.REQUEST_FEE: Status.AWAITING_FEE,
    Action.FEE_PAID: Status.IN_PROCESS,
    Action.SUBMIT: Status.AWAITING_APPROVAL,
    Action.SEND_BACK: Status.IN_PROCESS,
    Action.APPROVE: Status.APPROVED,
    Action.REFUSE: Status.REFUSED,
    Action.ISSUE_RESULT: Status.RESULT_ISSUED,
    Action.DELIVER: Status.DELIVERED,
    Action.WITHDRAW: Status.WITHDRAWN,
    Action.RETURN: Status.RETURNED,
    Action.APOLOGIZE: None,
    Action.TRANSFER: None,
}
LETTER = {workflow.DESK: "D", workflow.SPEC: "S", workflow.LEAD: "L", workflow.APPLICANT: "A"}
# Users of the cast and the workflow role each one holds at commune A (None: no action role there).
ACTORS = {
    "desk_a": workflow.DESK,
    "specialist_a": workflow.SPEC,
    "leader_a": workflow.LEAD,
    "desk_b": None,
    "leader_b": None,
    "reform_officer": None,
    "leader_district": None,
}


def expected(action: str, status: str, role: str | None) -> bool:
    cell = MOVES[Action(action)][COLUMNS.index(Status(status))]
    return role is not None and LETTER[role] in cell


def test_the_literal_table_covers_every_action_and_status():
    """A new action or status in the code needs its row or column here, written from the law."""
    assert set(MOVES) == set(TARGETS) == set(TABLE) - set(CREATING)
    assert all(len(cells) == len(COLUMNS) for cells in MOVES.values())
    assert set(COLUMNS) == set(Status.values)


@pytest.mark.parametrize("status", COLUMNS)
@pytest.mark.parametrize("action", list(MOVES))
def test_each_move_is_allowed_exactly_as_the_law_says(cast, action, status):
    """apply() accepts the action iff the literal table allows the actor's role at the dossier's unit from that
    status, and leads to the status the table names; a refused move changes nothing and logs nothing."""
    dossier = received_dossier(cast.commune_a)
    target = TARGETS[action]
    for username, role in ACTORS.items():
        Dossier.objects.filter(pk=dossier.pk).update(status=status)
        dossier.refresh_from_db()
        user = getattr(cast, username)
        roles = access.roles_for(user, dossier)
        assert roles == ({role} if role else set()), username
        events_before = DossierEvent.objects.count()
        if expected(action, status, role):
            event = workflow.apply(dossier, action, roles=roles, actor=user)
            after = target or status
            assert Dossier.objects.get(pk=dossier.pk).status == after
            assert (event.from_status, event.to_status, event.actor, event.action) == (status, after, user, action)
        else:
            with pytest.raises(TransitionError):
                workflow.apply(dossier, action, roles=roles, actor=user)
            assert Dossier.objects.get(pk=dossier.pk).status == status
            assert DossierEvent.objects.count() == events_before


def test_allowed_actions_lists_table_moves():
    """allowed_actions() is the table read from a status and a role set."""
    assert workflow.allowed_actions(Status.AWAITING_APPROVAL, {workflow.LEAD}) == [
        Action.SEND_BACK,
        Action.APPROVE,
        Action.REFUSE,
        Action.APOLOGIZE,
    ]
    assert workflow.allowed_actions(Status.DELIVERED, {workflow.DESK, workflow.SPEC, workflow.LEAD}) == []


@pytest.mark.parametrize("status", COLUMNS)
@pytest.mark.parametrize("action", list(MOVES))
def test_the_applicant_moves_exactly_as_the_table_says(action, status):
    """The portal's role (no membership): only the cells marked A, and the online receipt."""
    allowed = "A" in MOVES[Action(action)][COLUMNS.index(Status(status))]
    if allowed:
        assert workflow.check(Dossier(status=status), action, {workflow.APPLICANT})
    else:
        with pytest.raises(TransitionError):
            workflow.check(Dossier(status=status), action, {workflow.APPLICANT})
    assert workflow.check(Dossier(), Action.RECEIVE, {workflow.APPLICANT})


def test_only_desk_officers_receive(cast):
    """Receiving is a desk officer's move, at the desk officer's own unit."""
    from cchc.dossiers import services

    for user in (cast.specialist_a, cast.leader_a, cast.reform_officer, cast.desk_b):
        with pytest.raises(TransitionError):
            services.dossier_receive(
                by=user,
                unit=cast.commune_a,
                procedure=cast.procedure,
                channel="direct",
                applicant={"name": "X"},
                received_at=local(2023, 7, 3, 9),
            )
    assert not Dossier.objects.exists()
    dossier = received_dossier(cast.commune_a)
    event = dossier.events.get()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        Action.RECEIVE,
        "",
        Status.RECEIVED,
        cast.desk_a,
    )


def test_only_the_system_imports():
    """A record from another one-stop system is loaded by the import job (role "system"), never by a person."""
    for role in (workflow.DESK, workflow.SPEC, workflow.LEAD):
        with pytest.raises(TransitionError):
            workflow.check(Dossier(), Action.IMPORT, {role})
    assert workflow.check(Dossier(), Action.IMPORT, {workflow.SYSTEM})


def test_only_the_system_transfers_and_only_open_dossiers():
    """domain.md §8: "the carried-over pending dossiers of an abolished district must move to a successor with an
    audit event": a job of the system (`cchc units retire`), for dossiers not finished; the status stays."""
    for role in (workflow.DESK, workflow.SPEC, workflow.LEAD):
        with pytest.raises(TransitionError):
            workflow.check(Dossier(status=Status.IN_PROCESS), Action.TRANSFER, {role})
    for status in Status.values:
        pending = status in (
            Status.RECEIVED,
            Status.IN_PROCESS,
            Status.AWAITING_SUPPLEMENT,
            Status.AWAITING_FEE,
            Status.AWAITING_APPROVAL,
            Status.APPROVED,
        )
        if pending:
            assert workflow.check(Dossier(status=status), Action.TRANSFER, {workflow.SYSTEM}).target is None
        else:
            with pytest.raises(TransitionError):
                workflow.check(Dossier(status=status), Action.TRANSFER, {workflow.SYSTEM})
