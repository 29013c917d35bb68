"""Users, their roles and the units they belong to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", _("Desk officer")
    SPECIALIST = "specialist", _("Specialist")
    LEADER = "leader", _("Unit leader")
    REFORM_OFFICER = "reform_officer", _("Reform officer")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    """A member of staff. Citizens do not log in to the staff site."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Membership(models.Model):
    """A user holds a role in a unit. A user may hold several (e.g. desk officer and specialist)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"
