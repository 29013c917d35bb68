"""Template filters of the staff site: labels of workflow values and the official Vietnamese date forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone

from cchc.dossiers.workflow import Action, Status
from cchc.lib.formatting import vn_amount, vn_date_long, vn_decimal, vn_int
from cchc.lib.formatting import vn_percent as _vn_percent

register = template.Library()

# Statuses grouped by what the officer has to do about them (the badge colour).
STATUS_TONES: dict[str, str] = {
    Status.RECEIVED: "new",
    Status.IN_PROCESS: "work",
    Status.AWAITING_SUPPLEMENT: "wait",
    Status.AWAITING_FEE: "wait",
    Status.AWAITING_APPROVAL: "work",
    Status.APPROVED: "work",
    Status.RESULT_ISSUED: "done",
    Status.REFUSED: "stop",
    Status.DELIVERED: "done",
    Status.WITHDRAWN: "stop",
    Status.RETURNED: "stop",
}


@register.filter
def status_label(value: str) -> str:
    return str(Status(value).label) if value in Status.values else (value or "")


@register.filter
def status_tone(value: str) -> str:
    return STATUS_TONES.get(value, "new")


@register.filter
def action_label(value: str) -> str:
    return str(Action(value).label) if value in Action.values else value


@register.filter
def holds_role(user, roles: str) -> bool:
    """Whether `user` holds any of the comma-separated roles anywhere (to show a menu entry, not to grant access)."""
    wanted = {r.strip() for r in roles.split(",") if r.strip()}
    return any(m.role in wanted for m in memberships(user))


@register.filter
def memberships(user) -> list:
    """The user's memberships with their units, read once per request (the page's header and menu ask several
    times: one query instead of one per question and per unit)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_cchc_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("unit").order_by("pk"))
        user._cchc_memberships = cached
    return cached


@register.filter
def vn_moment(value: dt.datetime | None) -> str:
    """The forms' "giờ phút, ngày tháng năm": "09 giờ 00 phút, ngày 03 tháng 7 năm 2023" (always Vietnamese,
    as the official form prints it)."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, {vn_date_long(local.date())}"


@register.filter
def vn_day(value: dt.datetime | dt.date | None) -> str:
    """The place-and-date line's "ngày 05 tháng 02 năm 2023"."""
    if not value:
        return ""
    day = timezone.localtime(value).date() if isinstance(value, dt.datetime) else value
    return vn_date_long(day)


@register.filter
def working_days(value: Decimal | int | None) -> str:
    """A time limit in working days as Vietnamese documents write it: 3, 0,5, 1,5."""
    if value is None:
        return ""
    return vn_decimal(Decimal(value), 1, strip_zeros=True)


@register.filter
def vn_number(value: Decimal | int | None) -> str:
    """A count or an amount in Vietnamese notation (cchc.lib.formatting): 461.006, 79.461,612; a year or a code
    is not a number to group, so pass only quantities."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return vn_int(value)
    return vn_amount(Decimal(value))


@register.filter
def vn_percent(value: Decimal | int | None, decimals: int = 2) -> str:
    """A percentage with a decimal comma: 105,28%."""
    if value is None or value == "":
        return ""
    return _vn_percent(Decimal(value), int(decimals))
