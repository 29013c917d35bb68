"""Shortcuts for the dossier tests: receive through the real service and walk a dossier to a status."""

from __future__ import annotations

import datetime as dt

from cchc.dossiers import services
from cchc.dossiers.models import Channel, Dossier
from cchc.dossiers.workflow import Status
from cchc.testing.factories import local

APPLICANT = {"name": "Nguyễn Văn An", "id_number": "045201000123", "phone": "0912345678", "address": "Gio An"}


def receive(
    cast, key: str = "a", *, at: dt.datetime | None = None, channel: str = Channel.DIRECT, procedure=None, **kwargs
) -> Dossier:
    """A dossier received at commune A (`key`="a"), B or the district desk, Monday 2023-07-03 09:00 by default."""
    unit = {"a": cast.commune_a, "b": cast.commune_b, "district": cast.district}[key]
    return services.dossier_receive(
        by=getattr(cast, f"desk_{key}"),
        unit=unit,
        procedure=procedure or cast.procedure,
        channel=channel,
        applicant=dict(APPLICANT),
        received_at=at or local(2023, 7, 3, 9, 0),
        **kwargs,
    )


def walk_to(cast, dossier: Dossier, status: str, key: str = "a") -> Dossier:
    """Take a received dossier of unit `key` to `status` through the services, as the unit's own staff."""
    desk, spec, lead = (getattr(cast, f"{r}_{key}") for r in ("desk", "specialist", "leader"))
    at = dossier.received_at + dt.timedelta(hours=1)
    if status == Status.RECEIVED:
        return dossier
    if status == Status.WITHDRAWN:
        return services.dossier_withdraw(dossier=dossier, by=desk, reason="Applicant asked", at=at)
    if status == Status.RETURNED:
        return services.dossier_return(dossier=dossier, by=desk, reason="Wrong authority", at=at)
    services.dossier_assign(dossier=dossier, by=desk, to=spec)
    if status == Status.IN_PROCESS:
        return dossier
    if status == Status.AWAITING_SUPPLEMENT:
        return services.dossier_request_supplement(dossier=dossier, by=spec, reason="Missing copy", at=at)
    if status == Status.AWAITING_FEE:
        return services.dossier_request_fee(dossier=dossier, by=spec, amount=50000, at=at)
    if status == Status.REFUSED:
        return services.dossier_refuse(dossier=dossier, by=lead, reasons=["Not eligible"], at=at)
    services.dossier_submit(dossier=dossier, by=spec)
    if status == Status.AWAITING_APPROVAL:
        return dossier
    services.dossier_approve(dossier=dossier, by=lead)
    if status == Status.APPROVED:
        return dossier
    services.dossier_issue_result(dossier=dossier, by=spec, at=at)
    if status == Status.RESULT_ISSUED:
        return dossier
    services.dossier_deliver(dossier=dossier, by=desk, at=at + dt.timedelta(minutes=5))
    assert status == Status.DELIVERED
    return dossier
