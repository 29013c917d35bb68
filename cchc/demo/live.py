"""Open dossiers of the four 2025 communes, received in the last working weeks before today.

They are received with `dossier_receive` and moved on with `dossier_act` by the demo staff of each commune, as
officers would, so a desk officer who logs in finds a real work list: fresh receipts, dossiers in process,
waiting for a supplement or for approval, a few due within a working day, one overdue per commune, and some
already delivered.

The assign, submit and approve services take no time of their own, so those steps are stamped with the moment
of loading; steps that do take one (receipt, supplement request) are given past times before it.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from cchc.accounts.models import User
from cchc.dossiers.deadlines import due_soon_limit
from cchc.dossiers.models import Channel, Dossier
from cchc.dossiers.services import dossier_act, dossier_receive, receipt_facts
from cchc.dossiers.workflow import Action
from cchc.lib.workdays import calendar
from cchc.procedures.models import OnlineService, Procedure, ProcedureLevel
from cchc.units.models import Unit

from .catalogue import SUCCESSORS, procedure_specs
from .people import person

# Per commune, in this order: what happens to each dossier after receipt, and where its deadline must fall.
SCENARIOS = [
    ("received", "later"),
    ("received", "soon"),
    ("assigned", "overdue"),
    ("assigned", "soon"),
    ("assigned", "later"),
    ("supplement", "later"),
    ("submitted", "later"),
    ("submitted", "later"),
    ("delivered", "later"),
    ("delivered", "later"),
]
LOOKBACK_WORKING_DAYS = 15


def _past_working_days(cal, today: dt.date, count: int) -> list[dt.date]:
    days: list[dt.date] = []
    day = today
    while len(days) < count:
        if cal.is_working_day(day):
            days.append(day)
        day -= dt.timedelta(days=1)
    return days


def _pick(rng, cal, now, procedures, weights, wanted: str):
    """A procedure, channel and receipt time (in office hours, before now) whose deadline falls as `wanted`."""
    soon_limit = due_soon_limit(now)
    days = _past_working_days(cal, timezone.localdate(now), LOOKBACK_WORKING_DAYS)
    fallback = None
    for _attempt in range(300):
        procedure = rng.choices(procedures, weights=weights)[0]
        channel = Channel.ONLINE if procedure.online_service != OnlineService.NONE and rng.random() < 0.6 else "direct"
        day = rng.choice(days)
        session = rng.choice(cal.sessions)
        minute = rng.randrange(session[0].hour * 60 + session[0].minute, session[1].hour * 60 + session[1].minute)
        received = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=cal.tz)
        if received >= now - dt.timedelta(minutes=30):
            continue
        facts = receipt_facts(
            procedure=procedure,
            channel=channel,
            received_at=received,
            processing_days=procedure.processing_days,
            cal=cal,
        )
        due = facts.due_at
        assert due is not None  # the procedures drawn have a time limit
        kind = "overdue" if due < now else "soon" if due < soon_limit else "later"
        fallback = fallback or (procedure, channel, received)
        if kind == wanted:
            return procedure, channel, received
    return fallback


def _act(dossier: Dossier, scenario: str, staff: dict[str, User], received: dt.datetime, rng) -> None:
    desk, specialist, leader = staff["motcua"], staff["chuyenvien"], staff["lanhdao"]
    if scenario == "received":
        return
    if scenario == "supplement":
        at = received + dt.timedelta(hours=1)
        at = min(at, timezone.now() - dt.timedelta(minutes=1))
        dossier_act(
            dossier=dossier,
            by=desk,
            action=Action.REQUEST_SUPPLEMENT,
            reason="Thiếu bản sao giấy tờ chứng minh nơi cư trú.",
            items=["Bản sao giấy tờ chứng minh nơi cư trú"],
            at=at,
        )
        return
    dossier_act(dossier=dossier, by=desk, action=Action.ASSIGN, to=specialist)
    if scenario == "assigned":
        return
    dossier_act(dossier=dossier, by=specialist, action=Action.SUBMIT, note="Đủ điều kiện giải quyết.")
    if scenario == "submitted":
        return
    dossier_act(dossier=dossier, by=leader, action=Action.APPROVE)
    dossier_act(dossier=dossier, by=specialist, action=Action.ISSUE_RESULT, result_digitized=True)
    dossier_act(dossier=dossier, by=desk, action=Action.DELIVER)


def live_dossiers_create(*, seed: int) -> list[Dossier]:
    """Receive and move on the live dossiers of the 2025 communes (their staff must exist)."""
    rng = random.Random(seed + 2025)
    cal = calendar()
    now = timezone.now()
    # The common procedures of the catalogue, as often as the 2023 data uses them.
    weight = {spec.code: spec.weight for spec in procedure_specs()}
    procedures = [
        p
        for p in Procedure.objects.filter(level=ProcedureLevel.COMMUNE, is_active=True, is_certification=False)
        if p.online_service != OnlineService.FULL
        and p.processing_days is not None
        and Decimal("1") <= p.processing_days <= Decimal("7")
        and weight.get(p.code, 0) > 0
    ]
    procedures.sort(key=lambda p: p.code)
    weights = [weight[p.code] for p in procedures]
    created = []
    for code in SUCCESSORS:
        unit = Unit.objects.get(code=code)
        staff = {
            prefix: User.objects.get(username=f"{prefix}.{code}") for prefix in ("motcua", "chuyenvien", "lanhdao")
        }
        picks = [(scenario, *_pick(rng, cal, now, procedures, weights, wanted)) for scenario, wanted in SCENARIOS]
        for scenario, procedure, channel, received in sorted(picks, key=lambda p: p[3]):
            applicant = person(rng)
            dossier = dossier_receive(
                by=staff["motcua"],
                unit=unit,
                procedure=procedure,
                channel=channel,
                applicant={**applicant, "address": f"Thôn {rng.randint(1, 12)}, {unit.name.removeprefix('UBND ')}"},
                received_at=received,
                components_digitized=channel == Channel.ONLINE or rng.random() < 0.7,
                # A complete dossier: the applicant brought every document of the catalogue.
                components=procedure.components.all(),
            )
            _act(dossier, scenario, staff, received, rng)
            created.append(dossier)
    return created
