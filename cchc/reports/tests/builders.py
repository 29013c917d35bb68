"""Test-data builder for the figures: dossier rows made directly (bulk), not through the workflow.

The figures read only the rows, so tests build exactly the histories they need, in bulk. The status is the one
the workflow gives an imported record with that outcome (`imported_status`), passed to the constructor.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from cchc.dossiers.models import Apology, Channel, Dossier, DossierPause, PauseKind
from cchc.dossiers.workflow import imported_status
from cchc.feedback.models import Evaluation, Feedback
from cchc.procedures.models import OnlineService, Procedure
from cchc.testing.factories import LOCAL, ProcedureFactory, UnitFactory, local
from cchc.units.models import Unit, UnitLevel

__all__ = ["LOCAL", "apology", "dossier", "evaluation", "feedback", "local", "pause", "procedure", "save", "unit_tree"]
_codes = itertools.count(1)


def unit_tree() -> dict[str, Unit]:
    """province > district d1 (communes c1, c2) and district d10 (commune c3).

    `d1` is a prefix of `d10`: a scope that matched codes instead of whole path segments would mix them up.
    """
    p = UnitFactory.create(code="p", name="Tỉnh P", level=UnitLevel.PROVINCE)
    d1 = UnitFactory.create(code="d1", name="Huyện D1", level=UnitLevel.DISTRICT, parent=p)
    d10 = UnitFactory.create(code="d10", name="Huyện D10", level=UnitLevel.DISTRICT, parent=p)
    c1 = UnitFactory.create(code="c1", name="Xã C1", parent=d1)
    c2 = UnitFactory.create(code="c2", name="Xã C2", parent=d1)
    c3 = UnitFactory.create(code="c3", name="Xã C3", parent=d10)
    return {u.code: u for u in (p, d1, d10, c1, c2, c3)}


def procedure(online_service: str = OnlineService.PARTIAL) -> Procedure:
    return ProcedureFactory.create(code=f"T.{online_service}", online_service=online_service)


def dossier(
    *,
    unit: Unit,
    received_at: dt.datetime,
    due_at: dt.datetime | None = None,
    finished_at: dt.datetime | None = None,
    outcome: str = "",
    channel: str = Channel.DIRECT,
    online_service: str = OnlineService.PARTIAL,
    **fields: Any,
) -> Dossier:
    """An unsaved dossier row; an outcome needs a finished_at and the other way round (default: resolved)."""
    if finished_at is not None and not outcome:
        outcome = "resolved"
    return Dossier(
        code=f"T-{next(_codes):07d}",
        procedure=procedure(online_service),
        receiving_unit=unit,
        channel=channel,
        status=imported_status(outcome),
        processing_days=Decimal("3"),
        online_service=online_service,
        received_at=received_at,
        clock_start_at=received_at,
        due_at=due_at or received_at + dt.timedelta(days=5),
        finished_at=finished_at,
        outcome=outcome,
        imported=True,
        **fields,
    )


def save(*dossiers: Dossier) -> list[Dossier]:
    """Insert the rows in one statement (primary keys are set on SQLite and PostgreSQL alike)."""
    return Dossier.objects.bulk_create(dossiers)


def apology(
    d: Dossier, issued_at: dt.datetime, new_due_at: dt.datetime | None = None, *, in_time: bool = True
) -> Apology:
    return Apology.objects.create(dossier=d, issued_at=issued_at, new_due_at=new_due_at, in_time=in_time)


def pause(d: Dossier, started_at: dt.datetime, ended_at: dt.datetime | None = None) -> DossierPause:
    """A wait for the applicant's supplement, as the services record one."""
    return DossierPause.objects.create(dossier=d, kind=PauseKind.SUPPLEMENT, started_at=started_at, ended_at=ended_at)


def evaluation(d: Dossier, submitted_at: dt.datetime) -> Evaluation:
    return Evaluation.objects.create(dossier=d, submitted_at=submitted_at)


def feedback(unit: Unit, received_at: dt.datetime, answered_at: dt.datetime | None = None) -> Feedback:
    return Feedback.objects.create(unit=unit, received_at=received_at, content="Phản ánh", answered_at=answered_at)
