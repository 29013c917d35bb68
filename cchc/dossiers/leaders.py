"""The leader a dossier goes to (approval) and the leader who signs for a unit (the apology), when a unit has
several: the actor chooses, the choice is kept in the event's data (`leader`, `signer`), and the unit's first
leader (by membership, the order `forms_print` always used) is the default. See docs/decisions/0025."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from cchc.accounts.models import Membership, Role

from .states import Action
from .workflow import TransitionError

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from cchc.accounts.models import User
    from cchc.units.models import Unit

    from .models import Dossier


def unit_leaders(unit: Unit | None) -> list[User]:
    """The active leaders of `unit`, the default (first membership) first."""
    if unit is None:
        return []
    rows = Membership.objects.filter(unit=unit, role=Role.LEADER, user__is_active=True).select_related("user")
    return [m.user for m in rows.order_by("pk")]


def approving_unit(dossier: Dossier) -> Unit:
    """The unit whose leader approves: the processing unit when it has a leader, else the desk's unit."""
    processing = dossier.processing_unit
    if processing is not None and unit_leaders(processing):
        return processing
    return dossier.desk


def pick_leader(unit: Unit | None, chosen: Any = None) -> User | None:
    """`chosen` (a user) when a leader of `unit`; None chosen: the default leader (None if the unit has none).
    A chosen user who is not a leader there is refused."""
    leaders = unit_leaders(unit)
    if chosen is None:
        return leaders[0] if leaders else None
    if chosen not in leaders:
        raise TransitionError(_("%(user)s is not a leader of %(unit)s.") % {"user": chosen, "unit": unit})
    return chosen


def leader_data(leader: User | None, key: str = "leader") -> dict[str, Any]:
    """The event data naming the chosen leader (kept with the name, as assign keeps the handler's)."""
    if leader is None:
        return {}
    return {key: leader.pk, f"{key}_name": str(leader)}


def submitted_to(dossier: Dossier) -> User | None:
    """The leader the latest submission for approval was sent to, or None (none chosen, or no submission)."""
    from cchc.accounts.models import User

    event = dossier.events.filter(action=Action.SUBMIT).order_by("-at", "-pk").first()
    pk = (event.data or {}).get("leader") if event is not None else None
    return User.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def sent_to_me_first(rows: QuerySet[Dossier], user: User, queue: str, order: tuple) -> QuerySet[Dossier]:
    """The leader's approval tab: the dossiers whose latest submission was sent to `user` first (flagged
    `sent_to_me`), then `order`. Other tabs: `order` only."""
    from django.db.models import Exists, F, OuterRef

    from .models import DossierEvent
    from .selectors import APPROVE

    if queue != APPROVE:
        return rows.order_by(*order)
    later = DossierEvent.objects.filter(dossier=OuterRef("dossier"), action=Action.SUBMIT, at__gt=OuterRef("at"))
    mine = DossierEvent.objects.filter(dossier=OuterRef("pk"), action=Action.SUBMIT, data__leader=user.pk).exclude(
        Exists(later)
    )
    return rows.annotate(sent_to_me=Exists(mine)).order_by(F("sent_to_me").desc(), *order)
