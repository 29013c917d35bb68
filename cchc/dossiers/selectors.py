"""Reads of dossiers that views, commands and reports share. Every list is scoped by accounts.access."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from cchc.accounts import access
from cchc.accounts.models import Membership, Role
from cchc.lib.periods import Period

from . import search
from .deadlines import due_soon_limit  # noqa: F401  (re-exported for views and tests)
from .models import Channel, Dossier, DossierQuerySet
from .states import Status

if TYPE_CHECKING:
    from cchc.accounts.models import User
    from cchc.units.models import Unit


def annotate_deadlines(qs: QuerySet[Dossier], now: dt.datetime | None = None) -> QuerySet[Dossier]:
    """Annotate `is_overdue` and `is_due_soon` as deadlines.py defines them (a dossier waiting for the applicant
    is neither)."""
    return cast(DossierQuerySet, qs).with_deadline_flags(now)


def online_to_check_q() -> Q:
    """Sent online and not yet checked by the desk (received, nobody assigned): Decree 61/2018 Art. 17(2)."""
    return Q(channel=Channel.ONLINE, status=Status.RECEIVED, assigned_to__isnull=True)


def worklist_for_user(
    user: User,
    *,
    unit: Unit | None = None,
    mine: bool = False,
    online_to_check: bool = False,
    now: dt.datetime | None = None,
) -> QuerySet[Dossier]:
    """Open dossiers `user` may see, soonest deadline first, flagged overdue or due soon.

    `unit` narrows to dossiers received, processed, held at the desk or decided there; `mine` to those assigned to
    the user (or received by the user and not yet assigned, and for a desk officer the online dossiers of the desk
    that nobody received by hand); `online_to_check` to the online dossiers the desk has still to check.
    """
    qs = cast(DossierQuerySet, access.dossiers_visible_to(user)).open()
    if unit is not None:
        qs = qs.filter(
            Q(receiving_unit=unit) | Q(processing_unit=unit) | Q(current_desk_unit=unit) | Q(competent_unit=unit)
        )
    if mine:
        desks = Membership.objects.filter(user=user, role=Role.DESK_OFFICER).values("unit")
        at_my_desk = Q(current_desk_unit__in=desks) | Q(current_desk_unit__isnull=True, receiving_unit__in=desks)
        qs = qs.filter(
            Q(assigned_to=user)
            | Q(assigned_to__isnull=True, received_by=user)
            | (online_to_check_q() & Q(received_by__isnull=True) & at_my_desk)
        )
    if online_to_check:
        qs = qs.filter(online_to_check_q())
    qs = qs.select_related("procedure", "receiving_unit", "processing_unit", "assigned_to")
    # Dossiers with no deadline (no legal time limit) come last, on every database.
    return annotate_deadlines(qs, now).order_by(F("due_at").asc(nulls_last=True), "pk")


def dossier_search(user: User, q: str, **filters: Any) -> QuerySet[Dossier]:
    """Visible dossiers matching every word of `q` by code (or part of it), procedure code or name, or (only
    among the dossiers the user handles) by applicant name, ID number or phone; diacritics and case ignored;
    newest first. `filters`: status, period, unit (search.py)."""
    return search.search(user, q, **filters)


def tracking_book(unit: Unit, period: Period) -> QuerySet[Dossier]:
    """The tracking book (Sổ theo dõi hồ sơ, Mẫu 06 of 2018): dossiers received at `unit`'s desk in `period`,
    in receipt order."""
    return (
        Dossier.objects.filter(receiving_unit=unit)
        .received_in(period)
        .select_related("procedure", "processing_unit", "received_by")
        .order_by("received_at", "pk")
    )


def due_soon_and_overdue_by_officer(now: dt.datetime | None = None) -> dict[User, tuple[list[Dossier], list[Dossier]]]:
    """For each officer: (dossiers falling due soon, dossiers overdue), each sorted by deadline.

    The officer is the handler the dossier is assigned to, or the desk officer who received it while nobody is
    assigned. Dossiers waiting for the applicant are left out (their clock is stopped).
    """
    now = now or timezone.now()
    qs = annotate_deadlines(Dossier.objects.open(), now)
    qs = qs.filter(Q(is_overdue=True) | Q(is_due_soon=True)).filter(
        Q(assigned_to__isnull=False) | Q(received_by__isnull=False)
    )
    qs = qs.select_related("assigned_to", "received_by", "procedure", "receiving_unit").order_by("due_at", "pk")
    result: dict[User, tuple[list[Dossier], list[Dossier]]] = defaultdict(lambda: ([], []))
    for dossier in qs:
        officer = dossier.assigned_to or dossier.received_by
        if officer is None or not officer.is_active:
            continue
        due_soon, overdue = result[officer]
        (overdue if getattr(dossier, "is_overdue", False) else due_soon).append(dossier)
    return dict(result)
