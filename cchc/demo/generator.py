"""The Gio Linh demo data set, built from the Q3/2023 report's figures and written as exchange-format rows.

`build_rows(seed)` is pure (no database): the same seed gives the same rows. Its dossiers reproduce every
consistent figure of the report for the statutory Q3/2023 period (2023-06-15..2023-09-14, metrics.md
definitions), by unit and by scope, following the counts of `plan.build_plan()`:

- carried-over dossiers were received before 2023-06-15 and are all resolved within the period, in time;
- dossiers pending at the period's end were received in it, are within their deadline, and are resolved in
  Q4/2023, so nothing from 2023 stays open;
- the report's 4 late dossiers (1 at the district desk, 3 at communes) got an apology before their deadline;
  5 more apologies went to dossiers that were then resolved in time (the report's "9 apologies");
- the deadlines are given explicitly (`due_at`), computed the way the system computes them, so each dossier's
  timeliness is exactly the intended one.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from cchc.dossiers.services import clock_start_for
from cchc.lib.workdays import WorkCalendar

from . import catalogue
from .people import person
from .plan import UnitPlan, build_plan
from .targets import DISTRICT, load_targets

SEED = 20230915
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Where the report's e-certifications happened: most at the communes' desks, a few at the district's.
E_CERT_AT_DISTRICT = 8
# The 5 apologies of the report given to dossiers that were not late: 2 at the district desk, 3 at communes.
APOLOGIES_NOT_LATE_AT_DISTRICT = 2
Q4_END = dt.datetime(2023, 12, 29, 17, 0, tzinfo=TZ)


@dataclass
class Slot:
    """One dossier to make: what it must count as in the report, before its dates are drawn."""

    unit: str
    kind: str  # "carried" (before P, resolved in P), "resolved" (received and resolved in P), "pending"
    channel: str = "direct"
    service: str = "none"  # online service class of its procedure: none, partial, full
    digitized: bool = False
    result_digitized: bool = False
    late: bool = False
    apology: bool = False
    evaluated: bool = False
    e_cert: bool = False


@dataclass
class DemoRows:
    """The rows for `units_import`, `procedures_import` and `dossiers_import`, in that order."""

    units: list[dict[str, str]]
    procedures: list[dict[str, str]]
    dossiers: list[dict[str, str]] = field(default_factory=list)


class _Clock:
    """Working-time helpers over the system's own calendar rules (holidays package, settings' office hours)."""

    def __init__(self) -> None:
        self.cal = WorkCalendar()
        t = load_targets()
        self.p_start = dt.datetime.combine(t.period_start, dt.time(0), tzinfo=TZ)
        self.p_end = dt.datetime.combine(t.period_end + dt.timedelta(days=1), dt.time(0), tzinfo=TZ)
        self.days = self.working_days(t.period_start, t.period_end)

    def working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        days, day = [], start
        while day <= end:
            if self.cal.is_working_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def office_moment(self, rng: random.Random, day: dt.date) -> dt.datetime:
        """A time in the office sessions of `day`, to the minute."""
        sessions = self.cal.sessions
        start, end = sessions[rng.randrange(len(sessions))]
        minutes = rng.randrange(start.hour * 60 + start.minute, end.hour * 60 + end.minute)
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=TZ)

    def between(self, rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime | None:
        """A moment of office time in [start, end], to the minute where possible; None if there is none."""
        seconds = self.cal.working_seconds_between(start, end)
        if seconds <= 60:
            return None
        moment = self.cal.add_working_seconds(start, rng.randrange(60, seconds))
        rounded = moment.replace(second=0, microsecond=0)
        return rounded if rounded >= start else moment

    def start_of_day(self, moment: dt.datetime) -> dt.datetime:
        return dt.datetime.combine(moment.astimezone(TZ).date(), dt.time(0), tzinfo=TZ)


def _slots(plan: UnitPlan, rng: random.Random) -> list[Slot]:
    """The plan's counts for one unit as a list of slots (random only in which slot gets which flag)."""
    received: list[Slot] = []
    full_online = plan.full_online_online
    for _ in range(plan.online):
        service = "full" if full_online > 0 else "partial"
        full_online -= service == "full"
        received.append(Slot(plan.code, "resolved", channel="online", service=service))
    capable_direct = plan.online_capable - plan.online
    full_direct = plan.full_online - plan.full_online_online
    for index in range(capable_direct):
        received.append(Slot(plan.code, "resolved", service="full" if index < full_direct else "partial"))
    received += [Slot(plan.code, "resolved") for _ in range(plan.received - plan.online_capable)]
    # Online dossiers arrive as files; the rest of the digitized ones were scanned at the desk.
    direct = [s for s in received if s.channel == "direct"]
    for slot in received[: plan.online] + rng.sample(direct, plan.digitized_components - plan.online):
        slot.digitized = True
    # The full-process online dossiers are resolved within the period, so their pending choice stays free.
    candidates = [s for s in received if s.service != "full"]
    for slot in rng.sample(candidates, plan.pending):
        slot.kind = "pending"
    carried = [Slot(plan.code, "carried", channel=rng.choice(["online", "direct"])) for _ in range(plan.carried_over)]
    for slot in carried:
        slot.service = "partial" if slot.channel == "online" else rng.choice(["partial", "none"])
        slot.digitized = slot.channel == "online" or rng.random() < 0.5
    resolved = [s for s in received if s.kind == "resolved"] + carried
    for slot in rng.sample(resolved, plan.digitized_results):
        slot.result_digitized = True
    late_pool = [s for s in received if s.kind == "resolved" and s.service != "full"]
    for slot in rng.sample(late_pool, plan.late):
        slot.late = slot.apology = True
    return received + carried


def _mark_report_wide(slots: list[Slot], rng: random.Random, targets) -> None:
    """Flags counted over the whole district: e-certifications, apologies to dossiers not late, evaluations."""
    in_period = [s for s in slots if s.kind in ("resolved", "carried")]
    plain = [s for s in in_period if s.kind == "resolved" and not s.late and s.service == "partial"]
    district = [s for s in plain if s.unit == DISTRICT]
    communes = [s for s in plain if s.unit != DISTRICT]
    for slot in rng.sample(district, E_CERT_AT_DISTRICT) + rng.sample(
        communes, targets.e_certifications - E_CERT_AT_DISTRICT
    ):
        slot.e_cert = True
    not_late = targets.apologies - sum(s.apology for s in slots)
    spare_district = [s for s in district if not s.e_cert]
    spare_communes = [s for s in communes if not s.e_cert]
    for slot in rng.sample(spare_district, APOLOGIES_NOT_LATE_AT_DISTRICT) + rng.sample(
        spare_communes, not_late - APOLOGIES_NOT_LATE_AT_DISTRICT
    ):
        slot.apology = True
    for slot in rng.sample(in_period, targets.evaluations):
        slot.evaluated = True


class _Procedures:
    """The catalogue's procedures grouped for drawing: by level and online service, weighted by use."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], list] = {}
        self.e_cert: dict[str, object] = {}
        for spec in catalogue.procedure_specs():
            if spec.is_certification:
                self.e_cert[spec.level] = spec
            elif spec.weight:
                self.by_key.setdefault((spec.level, spec.online), []).append(spec)
        for level in ("district", "commune"):
            self.by_key.setdefault((level, "full"), [])
            if level == "commune":
                self.by_key[(level, "full")] = [
                    s for s in catalogue.procedure_specs() if s.level == level and s.online == "full"
                ]

    def draw(self, rng: random.Random, slot: Slot, min_days: Decimal = Decimal(0)):
        level = "district" if slot.unit == DISTRICT else "commune"
        if slot.e_cert:
            return self.e_cert[level]
        pool = [s for s in self.by_key[(level, slot.service)] if Decimal(s.days) >= min_days]
        if not pool:
            pool = self.by_key[(level, slot.service)]
        return rng.choices(pool, weights=[max(s.weight, 1) for s in pool])[0]


def _receipt(rng: random.Random, clock: _Clock, channel: str, day: dt.date) -> dt.datetime:
    if channel == "online" and rng.random() < 0.25:
        # Online filings also come in the evening; the clock starts at the next session.
        return dt.datetime.combine(day, dt.time(rng.randint(18, 21), rng.randrange(60)), tzinfo=TZ)
    return clock.office_moment(rng, day)


def _dates(rng: random.Random, clock: _Clock, slot: Slot, spec) -> dict[str, dt.datetime | None]:
    """Draw receipt, deadline, finish (and apology) times that give the slot exactly its intended figures."""
    cutoff = dt.time.fromisoformat(spec.cutoff) if spec.cutoff else None
    procedure = SimpleNamespace(cutoff_time=cutoff)
    days = Decimal(spec.days)
    for _attempt in range(400):
        if slot.kind == "carried":
            back = int(days * Decimal("1.4")) + 3
            day = rng.choice(clock.working_days(clock.p_start.date() - dt.timedelta(days=back), clock.p_start.date()))
            if day >= clock.p_start.date():
                continue
        elif slot.kind == "pending":
            day = rng.choice(clock.days[-(int(days) + 2) :])
        else:
            day = rng.choice(clock.days)
        received = _receipt(rng, clock, slot.channel, day)
        start = clock_start_for(channel=slot.channel, procedure=procedure, at=received, cal=clock.cal)
        due = clock.cal.add_working_days(start, days)
        result = _finish(rng, clock, slot, received, start, due)
        if result is not None:
            return {"received_at": received, "due_at": due, **result}
    raise RuntimeError(f"no dates found for {slot} with {spec.code}")


def _finish(rng, clock: _Clock, slot: Slot, received, start, due) -> dict[str, dt.datetime | None] | None:
    if slot.kind == "pending":
        if due < clock.p_end:
            return None
        finished = clock.between(rng, max(start, clock.p_end), min(due, Q4_END))
        return None if finished is None else {"finished_at": finished, "apology_at": None}
    lower = max(start, clock.p_start)
    last = clock.p_end - dt.timedelta(minutes=1)
    if slot.late:
        finished = clock.between(rng, due + dt.timedelta(minutes=5), min(clock.cal.add_working_days(due, 2), last))
        apology = clock.between(rng, max(start, clock.p_start), due - dt.timedelta(minutes=30))
        if finished is None or apology is None:
            return None
        return {"finished_at": finished, "apology_at": apology}
    upper = min(due, last)
    due_day = clock.start_of_day(due)
    if rng.random() < 0.25 and due_day <= upper:
        finished = clock.between(rng, max(lower, due_day), upper)  # on the due day
    else:
        finished = clock.between(rng, lower, min(upper, due_day - dt.timedelta(minutes=1)))  # early
    if finished is None:
        finished = clock.between(rng, lower, upper)
    if finished is None:
        return None
    apology = None
    if slot.apology:
        apology = clock.between(rng, max(start, clock.p_start), finished - dt.timedelta(minutes=5))
        if apology is None:
            return None
    return {"finished_at": finished, "apology_at": apology}


def _min_days(slot: Slot) -> Decimal:
    """The shortest time limit that makes the slot plausible (a late or carried-over dossier is not same-day)."""
    if slot.late or slot.apology:
        return Decimal(3)
    if slot.kind == "pending" and slot.unit == DISTRICT:
        # The district's open dossiers at the cut-off are the long land and building ones.
        return Decimal(10)
    if slot.kind in ("carried", "pending"):
        return Decimal(1)
    return Decimal(0)


def _iso(value: dt.datetime | None) -> str:
    return value.isoformat() if value else ""


def _dossier_rows(rng: random.Random) -> list[dict[str, str]]:
    targets = load_targets()
    plans = build_plan()
    clock = _Clock()
    slots: list[Slot] = []
    for plan in plans.values():
        slots += _slots(plan, rng)
    _mark_report_wide(slots, rng, targets)
    procedures = _Procedures()
    agency = catalogue.agency_codes()
    drafts = []
    for slot in slots:
        min_days = _min_days(slot)
        spec = procedures.draw(rng, slot, min_days)
        dates = _dates(rng, clock, slot, spec)
        evaluated = None
        finished = dates["finished_at"]
        if slot.evaluated and finished is not None:
            evaluated = finished + dt.timedelta(minutes=rng.randint(1, 20))
        drafts.append((slot, spec, dates, evaluated, person(rng)))
    drafts.sort(key=lambda d: (d[0].unit, d[2]["received_at"]))
    sequence: Counter[tuple[str, dt.date]] = Counter()
    rows = []
    for slot, spec, dates, evaluated, applicant in drafts:
        received = dates["received_at"]
        assert received is not None  # _dates always draws the receipt
        day = received.date()
        sequence[(slot.unit, day)] += 1
        rows.append(
            {
                "code": f"{agency[slot.unit]}-{day:%y%m%d}-{sequence[(slot.unit, day)]:04d}",
                "procedure_code": spec.code,
                "unit_code": slot.unit,
                "channel": slot.channel,
                "received_at": _iso(dates["received_at"]),
                "due_at": _iso(dates["due_at"]),
                "finished_at": _iso(dates["finished_at"]),
                "outcome": "resolved",
                "components_digitized": "true" if slot.digitized or slot.channel == "online" else "false",
                "result_digitized": "true" if slot.result_digitized or slot.kind == "pending" else "false",
                "apology_at": _iso(dates["apology_at"]),
                "evaluated_at": _iso(evaluated),
                "e_certified": "true" if slot.e_cert else "false",
                "applicant_name": applicant["name"],
                "applicant_id": applicant["id_number"],
                "applicant_phone": applicant["phone"],
            }
        )
    return rows


def build_rows(seed: int = SEED) -> DemoRows:
    """Every exchange row of the demo data set, the same for the same seed."""
    rng = random.Random(seed)
    return DemoRows(units=catalogue.unit_rows(), procedures=catalogue.procedure_rows(), dossiers=_dossier_rows(rng))
