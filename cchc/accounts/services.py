"""Writes on memberships (who holds which role at which unit), the log of personal data shown, and the one-time
tokens of creating forms."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FormToken, Membership, PersonalDataView, Role, User

if TYPE_CHECKING:
    from cchc.units.models import Unit


@transaction.atomic
def membership_grant(*, by: User | None, user: User, unit: Unit, role: str) -> Membership:
    """Give `user` the `role` at `unit` (idempotent)."""
    if role not in Role.values:
        raise ValueError(f"Unknown role: {role}")
    membership, _ = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return membership


def personal_data_viewed(*, by: User, dossiers: Iterable[Any], page: str) -> int:
    """Log that `by` was shown the personal data of `dossiers` (Dossier rows or their pks) on `page` (the URL
    name): one row per dossier, all at the same moment. Call it wherever a page renders a dossier's personal data
    (names, ID and phone numbers, addresses, notes, reasons, document names). Returns the number of rows."""
    pks = sorted({getattr(d, "pk", d) for d in dossiers} - {None})
    if not pks:
        return 0
    at = timezone.now()
    rows = [PersonalDataView(user=by, dossier_id=pk, at=at, page=page) for pk in pks]
    PersonalDataView.objects.bulk_create(rows)
    return len(rows)


class FormTokenError(Exception):
    """The token was used by another user's post: never answer with someone else's result."""


def form_token_result(*, by: User | None, token: str, session_key: str = "") -> str | None:
    """The URL the first post with `token` led to, or None while it is unused; FormTokenError if another user (or,
    on the portal, where `by` is None, another browser session) used it."""
    first = FormToken.objects.filter(token=token).first()
    if first is None:
        return None
    same = first.user_id == by.pk if by is not None else (first.user_id is None and first.session_key == session_key)
    if not same or (by is None and not session_key):
        raise FormTokenError(_("This form was already sent by another user: reload the page and fill it in again."))
    return first.url


def create_once(*, by: User | None, token: str, create: Callable[[], str], session_key: str = "") -> tuple[str, bool]:
    """Run `create` (which writes and returns the URL of what it made) at most once per one-time `token`.

    Returns (url, True) when it ran now, or (the first post's url, False) when a post with the same token came
    first, earlier or at the same moment: the token row is written in the transaction of the creation, so of two
    simultaneous posts the second fails on the unique token and its creation is rolled back with it. Whatever
    `create` raises (a refused receipt) rolls everything back and leaves the token unused.
    A portal visitor (`by` None) is told apart by its browser session's key (`session_key`, required then).
    """
    if by is None and not session_key:
        raise ValueError("An anonymous post needs the visitor's session key.")
    earlier = form_token_result(by=by, token=token, session_key=session_key)
    if earlier is not None:
        return earlier, False
    try:
        with transaction.atomic():
            url = create()
            FormToken.objects.create(
                token=token, user=by, session_key="" if by is not None else session_key, url=url, used_at=timezone.now()
            )
    except IntegrityError:
        earlier = form_token_result(by=by, token=token, session_key=session_key)
        if earlier is None:  # another constraint failed inside `create`
            raise
        return earlier, False
    return url, True
