"""The hand-made history the index tests share (worked out by hand in test_groups.py)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from cchc.dossiers.models import Channel, Dossier
from cchc.dossiers.workflow import imported_status
from cchc.feedback.models import Evaluation, Feedback, Satisfaction
from cchc.procedures.models import OnlineService, Procedure, ProcedureLevel
from cchc.testing.factories import ProcedureFactory, UnitFactory, local
from cchc.units.models import Unit, UnitLevel

_codes = itertools.count(1)


def row(unit: Unit, procedure: Procedure, received: dt.datetime, due: dt.datetime, **fields) -> Dossier:
    finished = fields.pop("finished_at", None)
    outcome = fields.pop("outcome", "resolved" if finished else "")
    return Dossier(
        code=f"SI-{next(_codes):06d}",
        procedure=procedure,
        receiving_unit=unit,
        channel=fields.pop("channel", Channel.DIRECT),
        status=imported_status(outcome),
        processing_days=Decimal("3"),
        online_service=procedure.online_service,
        received_at=received,
        clock_start_at=received,
        due_at=due,
        finished_at=finished,
        outcome=outcome,
        imported=True,
        **fields,
    )


@pytest.fixture
def history():
    """Procedures (commune level): A partial online, result document; B full online, fee, no result document;
    C no online service, result document. Dossiers received in March 2024 at commune c1:
    d1 A online, due 8/3, resolved 7/3, components and result digitised, a "not satisfied" evaluation;
    d2 B online, due 11/3, resolved 12/3 (late), components digitised;
    d3 C desk, due 12/3, still open on 31/3 (overdue);
    d4 C desk, received 20/3, due 5/4, open (within the deadline);
    d5 A desk, due 14/3, withdrawn 11/3;
    and d0 A received in February (outside the period). Petitions: f1 answered on time, f2 answered late."""
    district = UnitFactory.create(code="h", name="Huyện H", level=UnitLevel.DISTRICT)
    c1 = UnitFactory.create(code="c1", name="Xã C1", parent=district)
    UnitFactory.create(code="c2", name="Xã C2", parent=district)
    UnitFactory.create(code="c-old", name="Xã cũ", parent=district, valid_to=dt.date(2024, 2, 28))
    a = ProcedureFactory.create(code="A", online_service=OnlineService.PARTIAL, has_result_document=True)
    b = ProcedureFactory.create(code="B", online_service=OnlineService.FULL, has_result_document=False, fee=20000)
    c = ProcedureFactory.create(code="C", online_service=OnlineService.NONE, has_result_document=True)
    ProcedureFactory.create(code="D", level=ProcedureLevel.DISTRICT, online_service=OnlineService.FULL)
    d1, d2, d3, d4, d5, d0 = Dossier.objects.bulk_create(
        [
            row(
                c1,
                a,
                local(2024, 3, 4, 8),
                local(2024, 3, 8, 17),
                finished_at=local(2024, 3, 7, 9),
                channel=Channel.ONLINE,
                components_digitized=True,
                result_digitized=True,
            ),
            row(
                c1,
                b,
                local(2024, 3, 5, 8),
                local(2024, 3, 11, 17),
                finished_at=local(2024, 3, 12, 9),
                channel=Channel.ONLINE,
                components_digitized=True,
            ),
            row(c1, c, local(2024, 3, 6, 8), local(2024, 3, 12, 17)),
            row(c1, c, local(2024, 3, 20, 8), local(2024, 4, 5, 17)),
            row(
                c1,
                a,
                local(2024, 3, 10, 8),
                local(2024, 3, 14, 17),
                finished_at=local(2024, 3, 11, 9),
                outcome="withdrawn",
            ),
            row(c1, a, local(2024, 2, 20, 8), local(2024, 2, 26, 17), finished_at=local(2024, 2, 23, 9)),
        ]
    )
    Evaluation.objects.create(dossier=d1, submitted_at=local(2024, 3, 8, 10), satisfaction=Satisfaction.UNSATISFIED)
    Feedback.objects.create(
        unit=c1,
        content="f1",
        received_at=local(2024, 3, 5, 9),
        due_at=local(2024, 3, 20, 17),
        answered_at=local(2024, 3, 15, 9),
    )
    Feedback.objects.create(
        unit=c1,
        content="f2",
        received_at=local(2024, 3, 10, 9),
        due_at=local(2024, 3, 25, 17),
        answered_at=local(2024, 3, 28, 9),
    )
    return {"district": district, "c1": c1}
