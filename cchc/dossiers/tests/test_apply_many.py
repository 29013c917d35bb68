"""`workflow.apply_many`: the same checks, statuses and events as `apply`, written in bulk statements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.dossiers import workflow
from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.workflow import Action, Item, Status, TransitionError
from cchc.testing.factories import ProcedureFactory, local

pytestmark = pytest.mark.django_db

SYSTEM = {workflow.SYSTEM}
# Fields that differ between two copies of the same dossier by construction.
OWN = {"id", "code"}


def _changes(cast, n: int) -> dict:
    received = local(2023, 7, 3, 8, 0) + dt.timedelta(hours=n)
    finished = received + dt.timedelta(days=n % 4) if n % 3 else None
    return {
        "procedure": cast.procedure,
        "receiving_unit": cast.commune_a if n % 2 else cast.commune_b,
        "channel": ("online", "direct", "postal")[n % 3],
        "regime": "2018",
        "processing_days": Decimal("3.0"),
        "online_service": "full",
        "received_at": received,
        "clock_start_at": received,
        "due_at": received + dt.timedelta(days=3),
        "finished_at": finished,
        "outcome": ("resolved", "withdrawn", "returned")[n % 3 - 1] if finished else "",
        "processing_working_days": Decimal("1.25") if finished else None,
        "components_digitized": bool(n % 2),
        "applicant_name": f"Người nộp {n}",
        "imported": True,
    }


def _new(cast, code: str) -> Dossier:
    return Dossier(code=code, processing_unit=cast.commune_a)


def _state(dossier: Dossier) -> dict:
    dossier.refresh_from_db()
    state = {f.attname: getattr(dossier, f.attname) for f in Dossier._meta.concrete_fields if f.attname not in OWN}
    # The search keys begin with the (own) code, folded: the rest must be the same (search.py).
    for key in ("search_key", "search_key_public"):
        state[key] = state[key].removeprefix(dossier.code.lower())
    return state


def _event_state(event: DossierEvent) -> tuple:
    return (event.action, event.from_status, event.to_status, event.actor_id, event.note, event.data)


def test_new_dossiers_get_the_rows_and_events_apply_writes(cast):
    """Created one by one with apply() and in bulk with apply_many(): the same dossiers, statuses and events."""
    singles, bulk = [], []
    for n in range(8):
        dossier = _new(cast, f"ONE-{n}")
        workflow.apply(dossier, Action.IMPORT, roles=SYSTEM, actor=cast.desk_a, changes=_changes(cast, n), data={})
        singles.append(dossier)
        bulk.append(Item(_new(cast, f"MANY-{n}"), changes=_changes(cast, n), data={}))
    events = workflow.apply_many(bulk, Action.IMPORT, roles=SYSTEM, actor=cast.desk_a)

    assert [_state(item.dossier) for item in bulk] == [_state(d) for d in singles]
    assert {item.dossier.status for item in bulk} == {Status.IN_PROCESS, Status.DELIVERED, Status.WITHDRAWN}
    assert [_event_state(e) for e in DossierEvent.objects.filter(dossier__code__startswith="MANY-")] == [
        _event_state(e) for e in DossierEvent.objects.filter(dossier__code__startswith="ONE-")
    ]
    assert [e.dossier_id for e in events] == [item.dossier.pk for item in bulk]
    assert all(e.from_status == "" and e.actor == cast.desk_a for e in events)


def test_saved_dossiers_are_updated_with_their_changes_and_the_status_rule(cast):
    """A re-import writes each dossier's own changes; the event starts from the status it had."""
    first = [Item(_new(cast, f"D-{n}"), changes=_changes(cast, 0), data={}) for n in range(3)]
    workflow.apply_many(first, roles=SYSTEM)
    other = ProcedureFactory(code="2.000815", processing_days=Decimal("0.5"))
    saved = [Dossier.objects.get(code=f"D-{n}") for n in range(3)]
    finished = local(2023, 7, 5, 10, 0)
    items = [
        Item(saved[0], changes={"finished_at": finished, "outcome": "resolved"}, data={"changed": ["outcome"]}),
        Item(saved[1], changes={"procedure": other, "applicant_name": "Lê Thị Hoa"}, data={"changed": ["x"]}),
        Item(saved[2], changes={}, data={"changed": []}, note="status only"),
    ]
    events = workflow.apply_many(items, roles=SYSTEM)

    fresh = [Dossier.objects.get(code=f"D-{n}") for n in range(3)]
    assert (fresh[0].status, fresh[0].finished_at, fresh[0].outcome) == (Status.DELIVERED, finished, "resolved")
    assert (fresh[1].procedure, fresh[1].applicant_name, fresh[1].status) == (other, "Lê Thị Hoa", Status.IN_PROCESS)
    assert fresh[1].finished_at is None and fresh[2].applicant_name == "Người nộp 0"
    assert [(e.from_status, e.to_status, e.data, e.note) for e in events] == [
        (Status.IN_PROCESS, Status.DELIVERED, {"changed": ["outcome"]}, ""),
        (Status.IN_PROCESS, Status.IN_PROCESS, {"changed": ["x"]}, ""),
        (Status.IN_PROCESS, Status.IN_PROCESS, {"changed": []}, "status only"),
    ]
    assert DossierEvent.objects.count() == 6


def test_a_refused_item_writes_nothing(cast):
    """Every item is checked first: a role without the move raises and no dossier or event is written."""
    items = [Item(_new(cast, f"R-{n}"), changes=_changes(cast, n)) for n in range(3)]
    with pytest.raises(TransitionError):
        workflow.apply_many(items, Action.IMPORT, roles={workflow.DESK})
    assert not Dossier.objects.exists() and not DossierEvent.objects.exists()


def test_a_move_the_table_forbids_for_one_dossier_writes_nothing(cast):
    """A non-creating action that one dossier's status does not allow fails for the whole batch."""
    workflow.apply_many([Item(_new(cast, f"S-{n}"), changes=_changes(cast, 0)) for n in range(2)], roles=SYSTEM)
    first, second = Dossier.objects.order_by("code")
    Dossier.objects.filter(pk=first.pk).update(status=Status.AWAITING_APPROVAL)
    first.refresh_from_db()
    with pytest.raises(TransitionError):
        workflow.apply_many([Item(first), Item(second)], Action.APPROVE, roles={workflow.LEAD})
    assert DossierEvent.objects.count() == 2
    assert dict(Dossier.objects.values_list("code", "status")) == {
        "S-0": Status.AWAITING_APPROVAL,
        "S-1": Status.IN_PROCESS,
    }
    workflow.apply_many([Item(first)], Action.APPROVE, roles={workflow.LEAD})
    assert Dossier.objects.get(code="S-0").status == Status.APPROVED


def test_the_same_dossier_twice_is_refused(cast):
    dossier = _new(cast, "TWICE")
    with pytest.raises(ValueError, match="once"):
        workflow.apply_many([Item(dossier, changes=_changes(cast, 0)), Item(dossier)], roles=SYSTEM)
    assert not Dossier.objects.exists()


def test_no_items_no_writes(cast):
    assert workflow.apply_many([], roles=SYSTEM) == []
    assert not DossierEvent.objects.exists()
