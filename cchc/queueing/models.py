"""Queue numbers at a unit's one-stop desk: service groups, counters (quầy) and the day's tickets.

A ticket's number restarts each local day (Asia/Ho_Chi_Minh) per unit; `DailySequence` is the per-unit-per-day row
whose update allocates the next number (cchc.queueing.services.ticket_issue). This is not the dossier workflow: a
ticket's states are a small queue of their own (docs/decisions/0032).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceGroup(models.Model):
    """A group of procedures a visitor picks at the kiosk (nhóm dịch vụ): "Hộ tịch", "Đất đai", "Chứng thực"."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="service_groups"
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position on the kiosk"), default=0)
    active = models.BooleanField(_("shown on the kiosk"), default=True)

    class Meta:
        ordering = ["unit", "position", "name"]
        verbose_name = _("service group")
        verbose_name_plural = _("service groups")
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="service_group_unit_name")]

    def __str__(self) -> str:
        return self.name


class Counter(models.Model):
    """A numbered counter (quầy) of the unit's desk, the service groups it serves and the officer at it today."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="counters")
    number = models.PositiveSmallIntegerField(_("counter number"))
    groups = models.ManyToManyField(ServiceGroup, verbose_name=_("service groups served"), related_name="counters")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer at the counter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The officer sits at the counter on this local day only: tomorrow the counter is free until chosen again.
    officer_day = models.DateField(_("officer's day"), null=True, blank=True)
    active = models.BooleanField(_("open"), default=True)

    class Meta:
        ordering = ["unit", "number"]
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="counter_unit_number")]

    def __str__(self) -> str:
        return str(_("Counter %(number)s") % {"number": self.number})


class DailySequence(models.Model):
    """The last ticket number given by a unit on a local day: the row whose update allocates the next one."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("daily number sequence")
        verbose_name_plural = _("daily number sequences")
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="daily_sequence_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} · {self.day} · {self.last_number}"


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Being served")
    DONE = "done", _("Served")
    SKIPPED = "skipped", _("Skipped (absent)")


class Ticket(models.Model):
    """One queue number of a unit's day: who holds it is never recorded (the kiosk is anonymous)."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ServiceGroup, verbose_name=_("service group"), on_delete=models.PROTECT, related_name="tickets"
    )
    day = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=16, choices=TicketStatus.choices, default=TicketStatus.WAITING)
    issued_at = models.DateTimeField(_("issued at"))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    # The last call or recall: the hall display announces a ticket again when this changes.
    announced_at = models.DateTimeField(_("last announced at"), null=True, blank=True)
    recalls = models.PositiveSmallIntegerField(_("times recalled"), default=0)
    counter = models.ForeignKey(
        Counter, verbose_name=_("counter"), null=True, blank=True, on_delete=models.PROTECT, related_name="tickets"
    )
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    done_at = models.DateTimeField(_("served at"), null=True, blank=True)
    skipped_at = models.DateTimeField(_("skipped at"), null=True, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["unit", "day", "number"]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        constraints = [models.UniqueConstraint(fields=["unit", "day", "number"], name="ticket_unit_day_number")]
        indexes = [models.Index(fields=["unit", "day", "status"], name="ticket_unit_day_status")]

    def __str__(self) -> str:
        return f"{self.number} · {self.day}"
