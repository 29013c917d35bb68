"""Receiving a dossier at a unit's desk, and the facts every receipt computes (the import uses them too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cchc.accounts.models import Membership, Role
from cchc.lib.ids import IdNumberError, clean_id_number, clean_tax_code
from cchc.lib.text import TextError, clean_text
from cchc.lib.workdays import WorkCalendar, calendar
from cchc.procedures.models import ComponentDocument, Procedure
from cchc.procedures.selectors import receivable_procedures
from cchc.units.models import Unit
from cchc.units.selectors import province_of
from cchc.units.services import UnitNotInForce, check_unit_in_force

from .. import workflow
from ..codes import DossierCodeError, new_tracking_secret, next_dossier_code
from ..models import ApplicantKind, Channel, Dossier, DossierComponent, Regime
from ..regimes import RegimeRules, regime_for, rules_for
from ..workflow import Action, TransitionError
from ._common import APPLICANT_FIELDS, check_not_future, clock_start_for, iso


@dataclass(frozen=True)
class ReceiptFacts:
    """What a receipt fixes: the regime in force, when the clock starts and the legal deadline."""

    regime: Regime
    clock_start_at: dt.datetime
    due_at: dt.datetime | None


def receipt_facts(
    *,
    procedure: Procedure,
    channel: str,
    received_at: dt.datetime,
    processing_days: Decimal | None,
    cal: WorkCalendar | None = None,
    due_at: dt.datetime | None = None,
    unit: Unit | None = None,
) -> ReceiptFacts:
    """The regime, clock start and deadline of a dossier received at `received_at` (the service and the import).

    `processing_days` is the time limit copied onto the dossier (None: the procedure has no legal time limit, so
    there is no deadline). A `due_at` given by another system (an import) stands as it is. Without `cal`, the
    calendar of the receiving `unit`'s province is used.
    """
    cal = cal or calendar(unit)
    regime = regime_for(received_at)
    clock_start = clock_start_for(channel=channel, procedure=procedure, at=received_at, cal=cal, regime=regime)
    if due_at is None and processing_days is not None:
        due_at = cal.add_working_days(clock_start, processing_days)
    return ReceiptFacts(regime=regime, clock_start_at=clock_start, due_at=due_at)


def _submitted_components(procedure: Procedure, components: Iterable[ComponentDocument]) -> list[ComponentDocument]:
    """The ticked documents, once each, in the catalogue's order; refuses any of another procedure."""
    unique = {c.pk: c for c in components}
    foreign = sorted(c.name for c in unique.values() if c.procedure_id != procedure.pk)
    if foreign:
        raise TransitionError(
            _("These documents do not belong to the procedure %(code)s: %(names)s.")
            % {"code": procedure.code, "names": "; ".join(foreign)}
        )
    return sorted(unique.values(), key=lambda c: (c.order, c.pk))


def missing_components(procedure: Procedure, submitted: Iterable[ComponentDocument]) -> list[ComponentDocument]:
    """The procedure's required documents that are not among `submitted` (Decree 61/2018 Art. 17: a dossier is
    accepted only when complete; otherwise the applicant is told everything missing at once)."""
    ticked = {c.pk for c in submitted}
    return [c for c in procedure.components.filter(required=True).order_by("order", "pk") if c.pk not in ticked]


def check_receivable(unit: Unit, procedure: Procedure) -> None:
    """Refuse a procedure the unit's desk does not receive (procedures.selectors.receivable_procedures)."""
    if not procedure.is_active:
        raise TransitionError(_("The procedure %(code)s is no longer in the catalogue.") % {"code": procedure.code})
    if not receivable_procedures(unit).filter(pk=procedure.pk).exists():
        raise TransitionError(
            _("The desk of %(unit)s does not receive the procedure %(code)s (%(name)s).")
            % {"unit": unit, "code": procedure.code, "name": procedure.name}
        )


def _check_competent_unit(unit: Unit, competent: Unit, day: dt.date, allowed: bool) -> None:
    """A receipt for another unit: allowed by the regime, within one province, the competent unit in force."""
    if not allowed:
        raise TransitionError(
            _("The desk of %(unit)s receives only for its own unit under the rules in force on %(day)s.")
            % {"unit": unit, "day": day.strftime("%d/%m/%Y")}
        )
    province = province_of(unit)
    if province is None or province_of(competent) != province:
        raise TransitionError(
            _(
                "A dossier can be received regardless of administrative boundary only within the province: "
                "%(unit)s and %(competent)s are not in the same province."
            )
            % {"unit": unit, "competent": competent}
        )
    try:
        check_unit_in_force(competent, day)
    except UnitNotInForce as exc:
        raise TransitionError(str(exc)) from exc


APPLICANT_LABELS = {
    "name": _lazy("Applicant"),
    "id_number": _lazy("ID number"),
    "phone": _lazy("Phone"),
    "address": _lazy("Address"),
    "email": _lazy("E-mail"),
}


def clean_applicant(applicant: dict[str, str], kind: str = ApplicantKind.PERSON) -> dict[str, str]:
    """The applicant's data as every channel must give it (the desk form, the import, the portal): known fields,
    text without control characters in NFC, a name; a person's ID number in one of its known shapes (CCCD, CMND,
    passport), an organisation's its tax code (cchc.lib.ids)."""
    unknown = set(applicant) - set(APPLICANT_FIELDS)
    if unknown:
        raise TransitionError(_("Unknown applicant fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if kind not in ApplicantKind.values:
        raise TransitionError(_("Unknown kind of applicant: %(kind)s.") % {"kind": kind})
    cleaned = {}
    try:
        for key, value in applicant.items():
            cleaned[key] = clean_text((value or "").strip(), APPLICANT_LABELS.get(key, key))
        if cleaned.get("id_number"):
            clean = clean_tax_code if kind == ApplicantKind.ORGANISATION else clean_id_number
            cleaned["id_number"] = clean(cleaned["id_number"])
    except (TextError, IdNumberError) as exc:
        raise TransitionError(str(exc)) from exc
    if not cleaned.get("name"):
        raise TransitionError(_("The applicant's name is required."))
    return cleaned


def check_receipt_day(unit: Unit, received_at: dt.datetime, now: dt.datetime) -> RegimeRules:
    """A receipt at `unit` at `received_at`: not in the future, under a regime that receives, the unit in force
    that day. Returns the regime's rules."""
    check_not_future(received_at, now)
    rules = rules_for(regime_for(received_at))
    if not rules.receives:
        raise TransitionError(
            _("Dossiers received before %(date)s (Decree 61/2018/NĐ-CP) can only be imported.") % {"date": "21/06/2018"}
        )
    try:
        check_unit_in_force(unit, timezone.localtime(received_at).date())
    except UnitNotInForce as exc:
        raise TransitionError(str(exc)) from exc
    return rules


def record_receipt(
    *,
    unit: Unit,
    procedure: Procedure,
    channel: str,
    applicant: dict[str, str],
    received_at: dt.datetime,
    roles: set[str],
    by: Any,
    submitted: list[ComponentDocument],
    note: str = "",
    data: dict[str, Any] | None = None,
    **fields: Any,
) -> Dossier:
    """Number a checked receipt, start its clock, set its deadline, save it with its RECEIVE event (`data` added to
    the event's) and its submitted documents. `applicant` is cleaned (`clean_applicant`); `fields` are further
    Dossier fields (sets, competent unit, the applicant's kind...)."""
    facts = receipt_facts(
        procedure=procedure,
        channel=channel,
        received_at=received_at,
        processing_days=procedure.processing_days,
        unit=unit,
    )
    try:
        code = next_dossier_code(unit=unit, received_at=received_at)
    except DossierCodeError as exc:
        raise TransitionError(
            _("The unit %(unit)s has no agency code, so no dossier code can be made.") % {"unit": unit}
        ) from exc
    dossier = Dossier(
        code=code,
        procedure=procedure,
        receiving_unit=unit,
        processing_unit=unit,
        channel=channel,
        regime=facts.regime,
        processing_days=procedure.processing_days,
        online_service=procedure.online_service,
        note=note,
        received_at=received_at,
        clock_start_at=facts.clock_start_at,
        due_at=facts.due_at,
        received_by=by,
        tracking_secret=new_tracking_secret(),
        **{APPLICANT_FIELDS[k]: v for k, v in applicant.items()},
        **fields,
    )
    workflow.apply(
        dossier,
        Action.RECEIVE,
        roles=roles,
        actor=by,
        at=received_at,
        note=note,
        data={
            "clock_start_at": iso(facts.clock_start_at),
            "due_at": iso(facts.due_at),
            "regime": str(dossier.regime),
            "components": [c.pk for c in submitted],
            **(data or {}),
        },
    )
    DossierComponent.objects.bulk_create(
        DossierComponent(dossier=dossier, component=c, name=c.name, form=c.form, quantity=c.quantity, order=position)
        for position, c in enumerate(submitted, start=1)
    )
    return dossier


@transaction.atomic
def dossier_receive(
    *,
    by: Any,
    unit: Unit,
    procedure: Procedure,
    channel: str,
    applicant: dict[str, str],
    received_at: dt.datetime | None = None,
    components_digitized: bool = False,
    sets: int = 1,
    note: str = "",
    components: Iterable[ComponentDocument] = (),
    competent_unit: Unit | None = None,
) -> Dossier:
    """Accept a complete dossier at `unit`'s desk: number it, start the clock and set the legal deadline.

    Only a desk officer of `unit` may receive, and only a procedure its desk receives. `components` are the
    documents actually submitted (the ticked checklist); each must belong to `procedure`, every required one must
    be there (an incomplete dossier is not received: the applicant gets the supplement guidance instead), and their
    name, form and quantity are stored with the dossier for the receipt. The procedure's time limit and online
    service are copied onto the dossier, so a later catalogue change never rewrites it. Logs a `receive` event.

    `unit` must be in force on the day of receipt (units.services.check_unit_in_force). Under the 2025 regime a
    desk may receive "regardless of administrative boundary" (domain.md §8) a dossier that `competent_unit`, another
    unit of the same province in force that day, decides: it is recorded on the dossier (the figures still count
    it once, at the receiving unit: docs/metrics.md), and the procedure must be one the competent unit receives.
    """
    now = timezone.now()
    received_at = received_at or now
    if channel not in Channel.values:
        raise TransitionError(_("Unknown channel: %(channel)s.") % {"channel": channel})
    applicant = clean_applicant(applicant)
    if sets < 1:
        raise TransitionError(_("A dossier has at least one set."))
    rules = check_receipt_day(unit, received_at, now)
    day = timezone.localtime(received_at).date()
    if competent_unit is not None and competent_unit.pk == unit.pk:
        competent_unit = None
    if competent_unit is not None:
        _check_competent_unit(unit, competent_unit, day, rules.receipt_regardless_of_boundary)
    check_receivable(competent_unit or unit, procedure)
    submitted = _submitted_components(procedure, components)
    missing = missing_components(procedure, submitted)
    if missing:
        raise TransitionError(
            _("The dossier is not complete; missing: %(names)s.") % {"names": "; ".join(c.name for c in missing)}
        )
    roles = set(Membership.objects.filter(user=by, unit=unit, role=Role.DESK_OFFICER).values_list("role", flat=True))
    if not roles:
        raise TransitionError(_("Only a desk officer of %(unit)s can receive dossiers there.") % {"unit": unit})
    return record_receipt(
        unit=unit,
        procedure=procedure,
        channel=channel,
        applicant=applicant,
        received_at=received_at,
        roles=roles,
        by=by,
        submitted=submitted,
        note=note,
        data={"competent_unit": competent_unit.code if competent_unit else None},
        competent_unit=competent_unit,
        sets=sets,
        components_digitized=components_digitized,
    )
