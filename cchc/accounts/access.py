"""Who may see and act on what: every view, command and selector scopes records through these helpers.

A user acts on a dossier through the roles held at the unit whose desk holds it (the receiving unit, or its
successor once the receiving unit stopped existing: `current_desk_unit`), at the unit now processing it (a
district's specialist office) or at the unit competent for it (a 2025 receipt regardless of administrative
boundary: `competent_unit`). The staff of a receiving unit that stopped existing keep reading its dossiers (the
history of their desk) but no longer act on them. Reform officers and leaders of a district or province also read
the dossiers and figures of the units below theirs, but never act on them and never see personal data there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from cchc.units.models import Unit, UnitLevel

from .models import Membership, Role

if TYPE_CHECKING:
    from cchc.dossiers.models import Dossier

# The roles that act on dossiers (workflow.TABLE uses the same values).
ACTION_ROLES = frozenset({Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER})
# The roles that read a whole subtree when held at a district or province.
OVERSIGHT_ROLES = frozenset({Role.REFORM_OFFICER, Role.LEADER})
OVERSIGHT_LEVELS = frozenset({UnitLevel.DISTRICT, UnitLevel.PROVINCE})


def _is_staff_user(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def user_units(user, roles=None) -> QuerySet[Unit]:
    """Units where `user` holds a membership (with one of `roles`, when given)."""
    if not _is_staff_user(user):
        return Unit.objects.none()
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return Unit.objects.filter(pk__in=memberships.values("unit_id"))


def _oversight_paths(user) -> list[str]:
    rows = Membership.objects.filter(
        user=user, role__in=list(OVERSIGHT_ROLES), unit__level__in=list(OVERSIGHT_LEVELS)
    ).values_list("unit__path", flat=True)
    return sorted(set(rows))


def roles_for(user, dossier: Dossier) -> set[str]:
    """The dossier-action roles `user` holds at the dossier's desk, processing or competent unit."""
    if not _is_staff_user(user):
        return set()
    desk_id = dossier.current_desk_unit_id or dossier.receiving_unit_id
    unit_ids = {desk_id, dossier.processing_unit_id, dossier.competent_unit_id} - {None}
    rows = Membership.objects.filter(user=user, unit_id__in=unit_ids, role__in=list(ACTION_ROLES))
    return set(rows.values_list("role", flat=True))


def handled_q(user, prefix: str = "") -> Q:
    """A filter on dossiers: those `user` handles (holds an action role at their desk, processing or competent
    unit; the same units as `roles_for`)."""
    units = Membership.objects.filter(user=user, role__in=list(ACTION_ROLES)).values("unit_id")
    at_desk = Q(**{f"{prefix}current_desk_unit__in": units}) | Q(
        **{f"{prefix}current_desk_unit__isnull": True, f"{prefix}receiving_unit__in": units}
    )
    return at_desk | Q(**{f"{prefix}processing_unit__in": units}) | Q(**{f"{prefix}competent_unit__in": units})


def dossiers_visible_to(user) -> QuerySet[Dossier]:
    """Dossiers `user` may open: those of units where the user is a member, plus the subtrees overseen."""
    from cchc.dossiers.models import Dossier

    if not _is_staff_user(user):
        return Dossier.objects.none()
    if user.is_superuser:
        return Dossier.objects.all()
    units = Membership.objects.filter(user=user).values("unit_id")
    visible = (
        Q(receiving_unit__in=units)
        | Q(processing_unit__in=units)
        | Q(current_desk_unit__in=units)
        | Q(competent_unit__in=units)
    )
    for path in _oversight_paths(user):
        visible |= (
            Q(receiving_unit__path__startswith=path)
            | Q(processing_unit__path__startswith=path)
            | Q(current_desk_unit__path__startswith=path)
            | Q(competent_unit__path__startswith=path)
        )
    return Dossier.objects.filter(visible)


def get_dossier_for_user(user, code: str, *, write: bool = False) -> Dossier:
    """The dossier with `code` if `user` may open it (else 404); with write=True the user must also handle it."""
    dossier = (
        dossiers_visible_to(user)
        .select_related(
            "procedure", "receiving_unit", "processing_unit", "current_desk_unit", "competent_unit", "assigned_to"
        )
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise Http404("No such dossier.")
    if write and not roles_for(user, dossier):
        raise PermissionDenied("You do not handle this dossier.")
    return dossier


def can_see_personal_data(user, dossier: Dossier) -> bool:
    """Names, ID and phone numbers are shown only to those who handle the dossier."""
    return bool(roles_for(user, dossier))


def units_for_figures(user) -> QuerySet[Unit]:
    """Units whose figures `user` may read: the user's own units and, for overseers, their subtrees."""
    if not _is_staff_user(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    allowed = Q(pk__in=Membership.objects.filter(user=user).values("unit_id"))
    for path in _oversight_paths(user):
        allowed |= Q(path__startswith=path)
    return Unit.objects.filter(allowed)
