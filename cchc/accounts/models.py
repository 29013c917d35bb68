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


class PersonalDataView(models.Model):
    """One showing of a dossier's personal data to a member of staff: who saw it, whose (the dossier), when and on
    which page (the URL name). Written by `services.personal_data_viewed` wherever personal data is rendered; read
    in the admin, never changed."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), db_index=True)
    page = models.CharField(_("page"), max_length=100)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")
        indexes = [models.Index(fields=["dossier", "at"], name="personal_view_dossier_at")]

    def __str__(self) -> str:
        return f"{self.user} · {self.dossier_id} · {self.page} · {self.at:%Y-%m-%d %H:%M}"


class FormToken(models.Model):
    """A creating form's one-time token once a post used it, with where that post led (the receipt, the period
    page): a second post with the same token is answered with the first result instead of creating again. The
    unique token makes two simultaneous posts safe: the row is written in the transaction of the creation."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    # Who posted: a member of staff, or (on the public portal) the visitor's browser session.
    user = models.ForeignKey(
        User, verbose_name=_("user"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    session_key = models.CharField(_("visitor's session"), max_length=64, blank=True)
    url = models.CharField(_("result"), max_length=500)
    used_at = models.DateTimeField(_("used at"))

    class Meta:
        verbose_name = _("form token")
        verbose_name_plural = _("form tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.url}"
