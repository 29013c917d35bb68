"""Loading the demo into the database: the same import path as real data, plus what the format does not carry.

Units, procedures and the 2023 dossiers go through cchc.exchange.services (`units_import`, `procedures_import`,
`dossiers_import`); agency codes, the district's offices, cut-off times, certification flags, component
documents and the staff are added with the services and models of their apps, and the report's other content
(directives, trainings, budget) by the reform app's own loader. The live 2025 dossiers are received and moved on
through the dossier services by the demo staff (see live.py).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from cchc.accounts.models import Membership, Role, User
from cchc.accounts.services import membership_grant
from cchc.dossiers.models import Dossier
from cchc.exchange.services import dossiers_import, procedures_import, units_import
from cchc.notices.receivers import no_notices
from cchc.procedures.models import Procedure
from cchc.procedures.services import component_add, procedure_save
from cchc.queueing.setup import queue_setup
from cchc.reform.demo import load_gio_linh_2023_q3
from cchc.units.models import DeskKind, Unit, UnitLevel

from . import catalogue
from .generator import SEED, build_rows
from .live import live_dossiers_create
from .people import person
from .targets import DISTRICT, load_targets

# The one password of every demo account (printed by `cchc demo`; never use the demo data in production).
DEMO_PASSWORD = "cchc-demo-2023"
ADMIN = "admin"
REFORM_OFFICER = f"cchc.{DISTRICT}"
# Username prefix of each role: one-stop desk, specialist, leader.
ROLE_PREFIX = {Role.DESK_OFFICER: "motcua", Role.SPECIALIST: "chuyenvien", Role.LEADER: "lanhdao"}


class DemoLoadError(RuntimeError):
    """An import of the demo rows was rejected; the message lists the row errors."""


# The log-ins `cchc demo` suggests first, in this order: the desk, specialist and leader of the 2025 commune of
# Gio Linh (a live work list), the district's reform officer (the Q3/2023 report), the administrator.
SUGGESTED = ["motcua.xa-gio-linh", "chuyenvien.xa-gio-linh", "lanhdao.xa-gio-linh", REFORM_OFFICER, ADMIN]


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    unit: str

    @property
    def role_label(self) -> str:
        """The role's name in the current language ("Cán bộ tiếp nhận")."""
        return str(Role(self.role).label) if self.role in Role.values else self.role

    @property
    def suggested(self) -> bool:
        return self.username in SUGGESTED


def demo_is_loaded() -> bool:
    """Whether the demo's 2023 dossiers are in the database."""
    return Dossier.objects.filter(receiving_unit__code=DISTRICT).exists()


def _check(result, what: str) -> None:
    if not result.ok:
        errors = "; ".join(str(error) for error in result.errors[:20])
        raise DemoLoadError(f"the demo {what} were rejected: {errors}")


def _units(admin: User) -> None:
    _check(units_import(rows=catalogue.unit_rows()), "units")
    codes = catalogue.agency_codes()
    district = Unit.objects.get(code=DISTRICT)
    for suffix, name in catalogue.OFFICES:
        Unit.objects.update_or_create(
            code=catalogue.office_code(suffix),
            defaults={
                "name": f"{name} huyện Gio Linh",
                "short_name": name,
                "level": UnitLevel.OFFICE,
                "parent": district,
                "valid_to": catalogue.DISTRICT_VALID_TO,
            },
        )
    for unit in Unit.objects.filter(code__in=codes):
        unit.agency_code = codes[unit.code]
        unit.short_name = unit.name.removeprefix("UBND ")
        unit.place_name = unit.short_name.removeprefix("tỉnh ").removeprefix("huyện ")
        unit.place_name = unit.place_name.removeprefix("xã ").removeprefix("thị trấn ")
        unit.save(update_fields=["agency_code", "short_name", "place_name"])
    # The four 2025 communes receive through their public-service centres (Trung tâm phục vụ hành chính công cấp xã,
    # Decree 118/2025 Art. 7(3); domain.md §1.1), not through a reception-and-return unit.
    Unit.objects.filter(code__in=catalogue.SUCCESSORS).update(desk_kind=DeskKind.SERVICE_CENTRE)


def _procedures(admin: User) -> None:
    _check(procedures_import(rows=catalogue.procedure_rows()), "procedures")
    for spec in catalogue.procedure_specs():
        if spec.cutoff or spec.is_certification:
            procedure_save(
                by=admin,
                code=spec.code,
                cutoff_time=dt.time.fromisoformat(spec.cutoff) if spec.cutoff else None,
                is_certification=spec.is_certification,
            )
        if spec.components:
            procedure = Procedure.objects.get(code=spec.code)
            if not procedure.components.exists():
                for name, form in spec.components:
                    component_add(by=admin, procedure=procedure, name=name, form=form)


def _staff(admin: User, rng, password: str) -> list[Login]:
    """A desk officer, a specialist and a leader for each desk, a specialist and a leader for each office,
    and the district's reform officer. One password hash (`password`) for all keeps the load fast."""
    logins = [Login(ADMIN, Role.ADMINISTRATOR, "")]
    units = Unit.objects.exclude(level=UnitLevel.PROVINCE).order_by("path")
    wanted: list[tuple[str, Unit, str]] = []
    for unit in units:
        roles = [Role.SPECIALIST, Role.LEADER] if unit.level == UnitLevel.OFFICE else list(ROLE_PREFIX)
        wanted += [(f"{ROLE_PREFIX[role]}.{unit.code}", unit, role) for role in roles]
    wanted.append((REFORM_OFFICER, Unit.objects.get(code=DISTRICT), Role.REFORM_OFFICER))
    for username, unit, role in wanted:
        user, _created = User.objects.get_or_create(
            username=username, defaults={"full_name": person(rng)["name"], "password": password}
        )
        membership_grant(by=admin, user=user, unit=unit, role=role)
        logins.append(Login(username, str(role), unit.code))
    return logins


def demo_logins() -> list[Login]:
    """The demo accounts as they are in the database, for printing: username, role, unit; the SUGGESTED ones first
    (in that order), then the others by unit."""
    rows = [Login(ADMIN, Role.ADMINISTRATOR, "")] if User.objects.filter(username=ADMIN).exists() else []
    memberships = Membership.objects.select_related("user", "unit").order_by("unit__path", "user__username")
    prefixes = (*ROLE_PREFIX.values(), "cchc")
    for m in memberships:
        if m.user.username.split(".", 1)[0] in prefixes:
            rows.append(Login(m.user.username, m.role, m.unit.code))
    return sorted(rows, key=lambda login: SUGGESTED.index(login.username) if login.suggested else len(SUGGESTED))


@transaction.atomic
def demo_load(*, seed: int = SEED, live: bool = True) -> dict[str, int]:
    """Load the demo data set (idempotent: nothing happens when its dossiers are already there).

    Returns what was created. The 2023 dossiers come from `build_rows(seed)`; with `live`, a few dozen open
    dossiers of the 2025 communes are received through the dossier services, relative to today.
    """
    if demo_is_loaded():
        return {}
    load_targets()
    rng = random.Random(seed)
    admin, _ = User.objects.get_or_create(
        username=ADMIN, defaults={"full_name": "Quản trị hệ thống", "is_staff": True, "is_superuser": True}
    )
    # Hashing is slow on purpose (about 0.6 s): the admin and every demo account share one hash.
    password = make_password(DEMO_PASSWORD)
    admin.password = password
    admin.save()
    _units(admin)
    _procedures(admin)
    logins = _staff(admin, rng, password)
    rows = build_rows(seed)
    result = dossiers_import(rows=rows.dossiers, by=admin)
    _check(result, "dossiers")
    # The report's non-dossier content (directives, trainings, budget), entered as the reform officer would.
    load_gio_linh_2023_q3(by=admin)
    # The queue numbers of the 2025 commune's desk: three service groups and three counters (cchc.queueing).
    queue_setup(Unit.objects.get(code="xa-gio-linh"))
    created = {"units": Unit.objects.count(), "users": len(logins), "dossiers": result.created}
    if live:
        # Made-up applicants: no notice, so a site with a real SMS gateway never texts an invented number.
        with no_notices():
            created["live_dossiers"] = len(live_dossiers_create(seed=seed))
    return created
