"""Writes on memberships: who holds which role at which unit."""

from __future__ import annotations

from django.db import transaction

from .models import Membership, Role


@transaction.atomic
def membership_grant(*, by, user, unit, role: str) -> Membership:
    """Give `user` the `role` at `unit` (idempotent)."""
    if role not in Role.values:
        raise ValueError(f"Unknown role: {role}")
    membership, _ = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return membership


@transaction.atomic
def membership_revoke(*, by, user, unit, role: str) -> int:
    """Take the `role` at `unit` away from `user`; returns how many memberships were removed."""
    deleted, _ = Membership.objects.filter(user=user, unit=unit, role=role).delete()
    return deleted
