"""factory_boy factories shared by every app's tests: one per model, and one per dossier state."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import factory
import time_machine
from django.utils import timezone

from cchc.accounts.models import Membership, Role, User
from cchc.dossiers import services
from cchc.dossiers.models import Channel, Dossier
from cchc.dossiers.workflow import Status
from cchc.exchange.services import dossiers_import
from cchc.procedures.models import ComponentDocument, OnlineService, Procedure, ProcedureLevel
from cchc.units.models import Unit, UnitLevel

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An aware local datetime: local(2023, 7, 3, 9, 0)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL)


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.LazyAttribute(lambda o: f"UBND {o.code}")
    level = UnitLevel.COMMUNE
    agency_code = factory.Sequence(lambda n: f"000.{n:02d}.27.H45")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    password = factory.django.Password("pass-1234")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.DESK_OFFICER


class ProcedureFactory(factory.django.DjangoModelFactory[Procedure]):
    class Meta:
        model = Procedure
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"1.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục số {n}")
    field = "Hộ tịch"
    level = ProcedureLevel.COMMUNE
    processing_days = Decimal("3")
    online_service = OnlineService.PARTIAL
    fee = None
    posted = True


class ComponentDocumentFactory(factory.django.DjangoModelFactory[ComponentDocument]):
    class Meta:
        model = ComponentDocument

    procedure = factory.SubFactory(ProcedureFactory)
    name = factory.Sequence(lambda n: f"Giấy tờ {n}")


def user_with_role(unit: Unit, role: str, username: str | None = None) -> User:
    user = UserFactory.create(username=username) if username else UserFactory.create()
    Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return user


def now_local() -> dt.datetime:
    return timezone.localtime()


# --- dossiers: one factory per state, each built through the real services (or the real import) ---

APPLICANT = {
    "name": "Nguyễn Thị Hoa",
    "id_number": "045301000777",
    "phone": "0914000111",
    "address": "Thôn An Hướng, xã Gio An",
}
# A Monday in Q3/2023: a 3-working-day dossier received then is due Thursday 6 July at 09:00.
RECEIVED_AT = dt.datetime(2023, 7, 3, 9, 0, tzinfo=LOCAL)
# Each step after the receipt happens this long after the one before (the services stamp most steps with "now").
STEP = dt.timedelta(hours=1)


def birth_registration() -> Procedure:
    """The cast's procedure: birth registration, 3 working days (created once, then the same row)."""
    return ProcedureFactory.create(code="1.001612", name="Đăng ký khai sinh", processing_days=3)


def procedure_received_at(unit: Unit) -> Procedure:
    """A procedure the unit's desk receives (each desk receives the procedures of its own level, Decree 61/2018
    Art. 14): the birth registration at a commune, a 3-day procedure of the district or province otherwise."""
    if unit.level == UnitLevel.COMMUNE:
        return birth_registration()
    if unit.level == UnitLevel.PROVINCE:
        code, name, level = "3.999001", "Thủ tục cấp tỉnh", ProcedureLevel.PROVINCE
    else:
        code, name, level = "2.999001", "Thủ tục cấp huyện", ProcedureLevel.DISTRICT
    return ProcedureFactory.create(code=code, name=name, level=level, processing_days=3)


def staff(unit: Unit, role: str) -> User:
    """The first holder of `role` at `unit` (the cast has one of each), or a new one."""
    membership = Membership.objects.filter(unit=unit, role=role).select_related("user").order_by("pk").first()
    return membership.user if membership else user_with_role(unit, role)


def run_at(when: dt.datetime, service: Callable[..., Dossier], **kwargs: Any) -> Dossier:
    """Run a service as if it were `when`, so the actions it stamps with the current time happen then."""
    with time_machine.travel(when, tick=False):
        return service(**kwargs)


def received_dossier(
    unit: Unit,
    *,
    at: dt.datetime | None = None,
    procedure: Procedure | None = None,
    channel: str = Channel.DIRECT,
    by: User | None = None,
    applicant: Mapping[str, str] | None = None,
    components: Iterable[ComponentDocument] | None = None,
    **receive: Any,
) -> Dossier:
    """A complete dossier received at `unit`'s desk by its desk officer (`dossier_receive`), Monday 3 July 2023
    09:00 by default, of `procedure` (default: `procedure_received_at(unit)`) with its required documents ticked
    unless `components` says which; `receive` goes to the service (components_digitized, sets, note)."""
    at = at or RECEIVED_AT
    procedure = procedure or procedure_received_at(unit)
    if components is None:
        components = procedure.components.filter(required=True)
    # The receipt carries its own time: no clock travel (so threads may receive at once).
    return services.dossier_receive(
        by=by or staff(unit, Role.DESK_OFFICER),
        unit=unit,
        procedure=procedure,
        channel=channel,
        applicant=dict(applicant or APPLICANT),
        received_at=at,
        components=list(components),
        **receive,
    )


class _Walk:
    """Takes a received dossier on through the services, one STEP apart, as the receiving unit's staff."""

    def __init__(self, dossier: Dossier, to: User | None, processing_unit: Unit | None) -> None:
        unit = dossier.receiving_unit
        self.dossier = dossier
        self.when = dossier.received_at
        self.desk = dossier.received_by or staff(unit, Role.DESK_OFFICER)
        self.handler = to or staff(processing_unit or unit, Role.SPECIALIST)
        self.leader = staff(unit, Role.LEADER)
        self.processing_unit = processing_unit

    def __call__(self, service: Callable[..., Dossier], by: User, **kwargs: Any) -> Dossier:
        self.when += STEP
        return run_at(self.when, service, dossier=self.dossier, by=by, **kwargs)

    def assign(self) -> Dossier:
        return self(services.dossier_assign, self.desk, to=self.handler, processing_unit=self.processing_unit)


# The statuses after the assignment, each reached from the one before it (or from in process).
_PROCESS_PATH = (Status.AWAITING_APPROVAL, Status.APPROVED, Status.RESULT_ISSUED, Status.DELIVERED)


def dossier_in(
    status: str,
    unit: Unit,
    *,
    to: User | None = None,
    processing_unit: Unit | None = None,
    reason: str = "Missing copy",
    **receive: Any,
) -> Dossier:
    """A dossier received at `unit` (see `received_dossier`) and taken to `status` through the services.

    Each step comes one STEP after the one before, by the receiving unit's staff: its desk officer assigns it to
    `to` (default: the specialist of `processing_unit`, or of `unit`), the handler submits, the unit's leader
    approves or refuses, the handler issues the result and the desk delivers it. `reason` is the supplement
    request's, the withdrawal's or the return's (and the refusal's single reason).
    """
    walk = _Walk(received_dossier(unit, **receive), to, processing_unit)
    if status == Status.RECEIVED:
        return walk.dossier
    if status == Status.WITHDRAWN:
        return walk(services.dossier_withdraw, walk.desk, reason=reason)
    if status == Status.RETURNED:
        return walk(services.dossier_return, walk.desk, reason=reason)
    walk.assign()
    if status == Status.IN_PROCESS:
        return walk.dossier
    if status == Status.AWAITING_SUPPLEMENT:
        return walk(services.dossier_request_supplement, walk.handler, reason=reason)
    if status == Status.AWAITING_FEE:
        return walk(services.dossier_request_fee, walk.handler, amount=50000)
    if status == Status.REFUSED:
        return walk(services.dossier_refuse, walk.leader, reasons=[reason])
    if status not in _PROCESS_PATH:
        raise ValueError(f"no path to the status {status!r}")
    steps: list[tuple[Callable[..., Dossier], User]] = [
        (services.dossier_submit, walk.handler),
        (services.dossier_approve, walk.leader),
        (services.dossier_issue_result, walk.handler),
        (services.dossier_deliver, walk.desk),
    ]
    for target, (service, by) in zip(_PROCESS_PATH, steps, strict=True):
        walk(service, by)
        if status == target:
            break
    return walk.dossier


def in_process_dossier(unit: Unit, **kwargs: Any) -> Dossier:
    """Received and assigned to a handler (one STEP after the receipt)."""
    return dossier_in(Status.IN_PROCESS, unit, **kwargs)


def awaiting_supplement_dossier(unit: Unit, **kwargs: Any) -> Dossier:
    """In process, then the handler asks for a supplement (`reason`): the clock waits."""
    return dossier_in(Status.AWAITING_SUPPLEMENT, unit, **kwargs)


def awaiting_fee_dossier(unit: Unit, **kwargs: Any) -> Dossier:
    """In process, then the handler asks for 50,000 đồng of fees."""
    return dossier_in(Status.AWAITING_FEE, unit, **kwargs)


def awaiting_approval_dossier(unit: Unit, **kwargs: Any) -> Dossier:
    return dossier_in(Status.AWAITING_APPROVAL, unit, **kwargs)


def approved_dossier(unit: Unit, **kwargs: Any) -> Dossier:
    return dossier_in(Status.APPROVED, unit, **kwargs)


def resolved_dossier(unit: Unit, **kwargs: Any) -> Dossier:
    """Assigned, submitted, approved, its result issued and delivered: resolved, four STEPs after the receipt."""
    return dossier_in(Status.DELIVERED, unit, **kwargs)


def refused_dossier(unit: Unit, **kwargs: Any) -> Dossier:
    """In process, then refused in writing by the unit's leader (outcome resolved)."""
    return dossier_in(Status.REFUSED, unit, **kwargs)


def withdrawn_dossier(unit: Unit, **kwargs: Any) -> Dossier:
    return dossier_in(Status.WITHDRAWN, unit, **kwargs)


def returned_dossier(unit: Unit, **kwargs: Any) -> Dossier:
    return dossier_in(Status.RETURNED, unit, **kwargs)


_import_codes = itertools.count(1)


def _cell(value: Any) -> str:
    """A Python value as the exchange table's text: ISO 8601 times, true/false, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def import_row(
    unit: Unit,
    *,
    code: str | None = None,
    procedure: Procedure | None = None,
    channel: str = Channel.DIRECT,
    received_at: dt.datetime | None = None,
    **columns: Any,
) -> dict[str, str]:
    """One row of the dossier exchange table (docs/import-format.md); `columns` are its optional columns
    (due_at, finished_at, outcome, components_digitized, result_digitized, apology_at, evaluated_at, e_certified,
    applicant_name, applicant_id, applicant_phone) as Python values."""
    row = {
        "code": code or f"IMPORTED-{next(_import_codes):06d}",
        "procedure_code": (procedure or procedure_received_at(unit)).code,
        "unit_code": unit.code,
        "channel": channel,
        "received_at": received_at or RECEIVED_AT,
        "applicant_name": APPLICANT["name"],
        **columns,
    }
    return {column: _cell(value) for column, value in row.items()}


def imported_dossiers(*rows: dict[str, str], by: User | None = None) -> list[Dossier]:
    """Load `rows` (see `import_row`) through the real import (`dossiers_import`, as `cchc import dossiers`
    does with a file) and return their dossiers in the rows' order; a refused row fails with the import's
    messages."""
    header = list(dict.fromkeys(column for row in rows for column in row))
    result = dossiers_import(rows=[{column: row.get(column, "") for column in header} for row in rows], by=by)
    if not result.ok:
        raise ValueError("the import refused the rows: " + "; ".join(str(error) for error in result.errors))
    by_code = Dossier.objects.in_bulk([row["code"] for row in rows], field_name="code")
    return [by_code[row["code"]] for row in rows]


def imported_dossier(unit: Unit, **columns: Any) -> Dossier:
    """A dossier loaded from another one-stop system through the real import (one in-memory row, `import_row`):
    open unless it has `finished_at` and an `outcome`; received Monday 3 July 2023 09:00 by default."""
    return imported_dossiers(import_row(unit, **columns))[0]
