"""Who may read, edit and submit a unit's report data.

A unit's members edit its own data, and so do the members of its specialist offices (the finance office
enters the district's budget lines). Leaders and reform officers submit. Reading follows the figures rule of
cchc.accounts.access (one's own units, and the whole subtree for a district's leader or reform officer), plus the
units one may edit: an office's staff read the district's data they enter.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cchc.accounts.access import OVERSIGHT_LEVELS, OVERSIGHT_ROLES, units_for_figures
from cchc.accounts.models import Membership, Role
from cchc.units.models import Unit, UnitLevel

SUBMIT_ROLES = frozenset({Role.LEADER, Role.REFORM_OFFICER})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def units_readable(user) -> QuerySet[Unit]:
    """Units whose report data `user` may read: those whose figures the user reads, and those the user edits."""
    return Unit.objects.filter(
        Q(pk__in=units_for_figures(user).values("pk")) | Q(pk__in=units_editable(user).values("pk"))
    )


def units_editable(user) -> QuerySet[Unit]:
    """Units whose report data `user` may change: where a member, or a member of one of its offices."""
    if not _active(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    member_of = Membership.objects.filter(user=user).values("unit_id")
    office_parents = Unit.objects.filter(pk__in=member_of, level=UnitLevel.OFFICE).values("parent_id")
    return Unit.objects.filter(Q(pk__in=member_of) | Q(pk__in=office_parents)).exclude(level=UnitLevel.OFFICE)


def can_edit(user, unit: Unit) -> bool:
    return units_editable(user).filter(pk=unit.pk).exists()


def can_submit(user, unit: Unit) -> bool:
    """Only the unit's leader or reform officer submits its report data."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, unit=unit, role__in=list(SUBMIT_ROLES)).exists()


def can_view_rollup(user, unit: Unit) -> bool:
    """The roll-up of a district's communes is for the district's leader and reform officer."""
    if not _active(user) or unit.level not in OVERSIGHT_LEVELS:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, unit=unit, role__in=list(OVERSIGHT_ROLES)).exists()


def get_unit_for_user(user, code: str, *, write: bool = False) -> Unit:
    """The unit with `code` if `user` may read its report data (else 404); with write=True, also edit it."""
    unit = units_readable(user).filter(code=code).first()
    if unit is None:
        raise Http404("No such unit.")
    if write and not can_edit(user, unit):
        raise PermissionDenied(_("You may not change the report data of this unit."))
    return unit


def require_edit(user, unit: Unit) -> None:
    """Raise PermissionDenied unless `user` may change `unit`'s data; None stands for the system itself."""
    if user is not None and not can_edit(user, unit):
        raise PermissionDenied(_("You may not change the report data of %(unit)s.") % {"unit": unit})
