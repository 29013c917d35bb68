"""Guiding an applicant whose dossier is incomplete at the desk (Decree 61/2018 Art. 15(1), 17(1)(b)).

An incomplete dossier is not received: the officer tells the applicant everything to add "in one go" (một lần
đầy đủ), with reasons, on the supplement form (Mẫu 02 of Circular 01/2018). The guidance is recorded, numbered
per unit and year, so the slip can be printed again and the guidances counted. No dossier is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts.models import Membership, Role
from cchc.lib.text import TextError, clean_text
from cchc.procedures.models import ComponentDocument, Procedure
from cchc.units.models import Unit

from ..models import ReceptionGuidance
from ..workflow import TransitionError
from .receipt import _submitted_components, check_receivable, clean_applicant, missing_components

# The symbol after the number ("Số: 12/HDHS"): a local choice of 2018 implementations (domain.md §2.5).
GUIDANCE_TYPE_CODE = "HDHS"
REASON_MAX = 1000


@transaction.atomic
def guidance_record(
    *,
    by: Any,
    unit: Unit,
    procedure: Procedure,
    applicant: dict[str, str],
    components: Iterable[ComponentDocument] = (),
    reasons: Mapping[int, str] | None = None,
    note: str = "",
) -> ReceptionGuidance:
    """Record the guidance given at `unit`'s desk for `procedure`: every required document of the catalogue that is
    not among `components` (the ticked checklist), each with the officer's reason (`reasons`, by component id),
    and a general `note`. Refused when nothing required is missing (then the dossier is received instead), when
    `by` is not a desk officer of `unit` or the desk does not receive `procedure`. One transaction."""
    if not Membership.objects.filter(user=by, unit=unit, role=Role.DESK_OFFICER).exists():
        raise TransitionError(_("Only a desk officer of %(unit)s can guide applicants there.") % {"unit": unit})
    check_receivable(unit, procedure)
    cleaned = clean_applicant({k: v for k, v in applicant.items() if k in ("name", "phone", "address", "email")})
    submitted = _submitted_components(procedure, components)
    missing = missing_components(procedure, submitted)
    if not missing:
        raise TransitionError(_("No required document is missing: receive the dossier instead."))
    reasons = reasons or {}
    too_long = [c.name for c in missing if len(reasons.get(c.pk) or "") > REASON_MAX]
    if too_long or len(note or "") > REASON_MAX:
        raise TransitionError(
            _("A reason may have at most %(max)d characters: %(names)s.")
            % {"max": REASON_MAX, "names": "; ".join(too_long) or _("Note")}
        )
    try:
        note = clean_text((note or "").strip(), _("Note"))
        items = [
            {
                "component": c.pk,
                "name": c.name,
                "form": c.form,
                "quantity": c.quantity,
                "reason": clean_text((reasons.get(c.pk) or "").strip(), _("Reason")),
            }
            for c in missing
        ]
    except TextError as exc:
        raise TransitionError(str(exc)) from exc
    at = timezone.now()
    year = timezone.localtime(at).year
    # The unit's row serialises the numbering on PostgreSQL; the unique constraint guards it everywhere.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    last = ReceptionGuidance.objects.filter(unit=unit, year=year).aggregate(last=Max("number"))["last"] or 0
    return ReceptionGuidance.objects.create(
        unit=unit,
        procedure=procedure,
        year=year,
        number=last + 1,
        applicant_name=cleaned["name"],
        applicant_phone=cleaned.get("phone", ""),
        applicant_address=cleaned.get("address", ""),
        applicant_email=cleaned.get("email", ""),
        items=items,
        submitted=[c.pk for c in submitted],
        note=note,
        by=by,
        at=at,
    )
