"""What every dossier service shares: locking the row, syncing the caller's instance, the guard call, times."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.accounts import access
from cchc.lib.text import TextError, clean_nested, clean_text
from cchc.lib.workdays import WorkCalendar, calendar

from .. import workflow
from ..models import Channel, Dossier, DossierEvent
from ..regimes import regime_for, rules_for
from ..workflow import TransitionError

APPLICANT_FIELDS = {
    "name": "applicant_name",
    "id_number": "applicant_id_number",
    "phone": "applicant_phone",
    "address": "applicant_address",
    "email": "applicant_email",
}
PAPER_CHANNELS = (Channel.DIRECT, Channel.POSTAL)


def iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def shown(value: dt.datetime) -> str:
    """A moment as messages show it, in local time: "15:00 14/09/2023"."""
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def lock(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "receiving_unit", "processing_unit")
        .get(pk=dossier.pk)
    )


def sync(target: Dossier, source: Dossier) -> Dossier:
    """Copy the saved state onto the caller's instance so it does not go stale."""
    if target is not source:
        for f in Dossier._meta.concrete_fields:
            setattr(target, f.attname, getattr(source, f.attname))
        target._state.fields_cache = dict(source._state.fields_cache)
    return source


def act(
    dossier: Dossier,
    action: str,
    *,
    by: Any,
    at: dt.datetime | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
    roles: set[str] | frozenset[str] | None = None,
) -> DossierEvent:
    """The guard (`workflow.apply`) with the roles `by` holds on this dossier (or `roles`: the portal's services
    pass {workflow.APPLICANT} for the applicant, who is no user).

    The note and the event's texts (reasons, items) are checked here as well as by the forms, so the command line
    and any future API cannot store a control character either (cchc.lib.text)."""
    try:
        note = clean_text(note or "", _("Note"))
        data = clean_nested(data, _("Reason"))
    except TextError as exc:
        raise TransitionError(str(exc)) from exc
    return workflow.apply(
        dossier,
        action,
        roles=access.roles_for(by, dossier) if roles is None else roles,
        actor=by,
        at=at,
        note=note,
        data=data,
        changes=changes,
    )


def cutoff_for(procedure: Any, regime: str) -> dt.time:
    """The procedure's own cut-off hour for paper dossiers, else the regime's default."""
    return procedure.cutoff_time or rules_for(regime).default_paper_cutoff


def clock_start_for(
    *, channel: str, procedure: Any, at: dt.datetime, cal: WorkCalendar | None = None, regime: str | None = None
) -> dt.datetime:
    """When the time limit starts for a dossier (or its supplement) accepted at `at` through `channel`.

    Paper (direct, postal): after the procedure's cut-off the clock starts at the next working day's opening.
    Online: outside office hours the clock starts at the next session (after closing: the next working day).
    """
    cal = cal or calendar()
    cutoff = cutoff_for(procedure, regime or regime_for(at)) if channel in PAPER_CHANNELS else None
    return cal.clock_start(at, cutoff)


def check_not_future(at: dt.datetime, now: dt.datetime) -> None:
    if at > now + dt.timedelta(minutes=5):
        raise TransitionError(_("The time of an action cannot be in the future."))
