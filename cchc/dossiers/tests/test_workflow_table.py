"""Every move of workflow.TABLE, allowed and forbidden, for every role of the cast, from every status."""

from __future__ import annotations

import pytest

from cchc.accounts import access
from cchc.dossiers import workflow
from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.workflow import CREATING, TABLE, Action, Status, TransitionError

from .helpers import receive

NON_CREATING = [a for a in TABLE if a not in CREATING]
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


@pytest.mark.parametrize("status", list(Status.values))
@pytest.mark.parametrize("action", NON_CREATING)
def test_each_move_is_allowed_exactly_as_the_table_says(cast, action, status):
    """apply() accepts the action iff the status is a source and the actor holds one of the move's roles at the
    dossier's unit; a refused move changes nothing and logs nothing."""
    dossier = receive(cast)
    move = TABLE[action]
    for username, role in ACTORS.items():
        Dossier.objects.filter(pk=dossier.pk).update(status=status)
        dossier.refresh_from_db()
        user = getattr(cast, username)
        roles = access.roles_for(user, dossier)
        assert roles == ({role} if role else set()), username
        events_before = DossierEvent.objects.count()
        allowed = status in move.sources and role in move.roles
        if allowed:
            event = workflow.apply(dossier, action, roles=roles, actor=user)
            expected = move.target or status
            assert Dossier.objects.get(pk=dossier.pk).status == expected
            assert (event.from_status, event.to_status, event.actor, event.action) == (status, expected, user, action)
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


def test_only_desk_officers_receive(cast):
    """Receiving is a desk officer's move, at the desk officer's own unit."""
    from cchc.dossiers import services
    from cchc.testing.factories import local

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
    dossier = receive(cast)
    event = dossier.events.get()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        Action.RECEIVE,
        "",
        Status.RECEIVED,
        cast.desk_a,
    )
