"""Dossiers (hồ sơ), their immutable event log, pauses, documents and apology letters.

A dossier's `status` is set only by the guard in `workflow.py`; see docs/workflow.md.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.procedures.models import OnlineService

from . import deadlines
from .search import SearchKeyField, with_key_fields
from .states import Action, Status

if TYPE_CHECKING:
    from cchc.lib.periods import Period


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    DIRECT = "direct", _("At the desk")
    POSTAL = "postal", _("Public postal service")


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RETURNED = "returned", _("Returned")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("A person")
    ORGANISATION = "organisation", _("An organisation")


class Regime(models.TextChoices):
    # Received before Decree 61/2018/NĐ-CP took effect (21/06/2018): only ever imported, with the dates it came with.
    PRE2018 = "pre2018", _("Before Decree 61/2018/NĐ-CP")
    R2018 = "2018", _("Decree 61/2018/NĐ-CP")
    R2025 = "2025", _("Decree 118/2025/NĐ-CP")


def _flag(condition: models.Q) -> models.Case:
    """True where `condition` holds, as an annotation."""
    return models.Case(
        models.When(condition, then=models.Value(True)), default=models.Value(False), output_field=models.BooleanField()
    )


class DossierQuerySet(models.QuerySet):
    """Named filters; "pending", "paused", "overdue" and "due soon" mean what `deadlines.py` says, everywhere."""

    def open(self) -> DossierQuerySet:
        """Not finished yet (no outcome)."""
        return self.filter(finished_at__isnull=True)

    def pending(self, at: dt.datetime | None = None) -> DossierQuerySet:
        """Received before `at` (default now) and not finished before then."""
        return self.filter(deadlines.pending_at(at or timezone.now()))

    def paused(self, at: dt.datetime | None = None) -> DossierQuerySet:
        """Waiting for the applicant (supplement or fees) at `at` (default now)."""
        return self.filter(deadlines.paused_at(at or timezone.now()))

    def overdue(self, at: dt.datetime | None = None) -> DossierQuerySet:
        """Pending at `at` (default now) with the deadline missed; never while waiting for the applicant."""
        return self.filter(deadlines.overdue_at(at or timezone.now()))

    def due_soon(self, at: dt.datetime | None = None, limit: dt.datetime | None = None) -> DossierQuerySet:
        """Pending, running and not overdue, with the deadline before `limit` (default: the due-soon limit)."""
        at = at or timezone.now()
        return self.filter(deadlines.due_soon_at(at, limit or deadlines.due_soon_limit(at)))

    def with_deadline_flags(self, now: dt.datetime | None = None) -> DossierQuerySet:
        """Annotate `is_overdue` and `is_due_soon` (as of `now`), by the same conditions as the filters above."""
        now = now or timezone.now()
        limit = deadlines.due_soon_limit(now)
        return self.annotate(
            is_overdue=_flag(deadlines.overdue_at(now)),
            is_due_soon=_flag(deadlines.due_soon_at(now, limit)),
        )

    def finished_in(self, period: Period) -> DossierQuerySet:
        """Finished (any outcome) within the period's local dates."""
        return self.filter(finished_at__gte=period.start_at, finished_at__lt=period.end_at)

    def received_in(self, period: Period) -> DossierQuerySet:
        """Received within the period's local dates."""
        return self.filter(received_at__gte=period.start_at, received_at__lt=period.end_at)


class Dossier(models.Model):
    """One application for one procedure, received at one unit's desk. Counted once, at that unit."""

    code = models.CharField(_("dossier code"), max_length=64, unique=True)
    procedure = models.ForeignKey("procedures.Procedure", on_delete=models.PROTECT, related_name="dossiers")
    receiving_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    # The unit currently processing it (a district office, or the receiving unit itself).
    processing_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("processing unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="processing_dossiers",
    )
    # The unit whose desk now holds the dossier when it is no longer the receiving unit's (the receiving unit
    # stopped existing and its pending dossiers moved to the successor: domain.md §8). Empty: the receiving unit.
    # The receiving unit itself never changes: the figures count the dossier where it was received.
    current_desk_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("desk now responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="desk_dossiers",
    )
    # 2025: a dossier received "regardless of administrative boundary" (domain.md §8) at another desk of the
    # province: the unit competent to decide it. Empty when the receiving unit is competent.
    competent_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("competent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competent_dossiers",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.RECEIVED)
    regime = models.CharField(_("regime"), max_length=8, choices=Regime.choices, default=Regime.R2018)

    # Copied from the procedure at receipt (the catalogue version in force then).
    # Empty when the procedure has no legal time limit; then `due_at` is empty too.
    processing_days = models.DecimalField(
        _("time limit (working days)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    online_service = models.CharField(_("online service"), max_length=16, choices=OnlineService.choices)

    # Personal data: shown only to those who handle the dossier (see accounts.access).
    applicant_name = models.CharField(_("applicant"), max_length=200, blank=True)
    applicant_id_number = models.CharField(_("ID number"), max_length=32, blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=32, blank=True)
    applicant_address = models.CharField(_("address"), max_length=300, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_kind = models.CharField(
        _("applicant is"), max_length=16, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    # The person who submitted on the applicant's behalf (nộp thay, ủy quyền); empty: the applicant.
    submitted_by_name = models.CharField(_("submitted on behalf by"), max_length=200, blank=True)
    # With the code, opens the public tracking page (printed on the receipt and in its QR code). Random, made at
    # receipt; empty for dossiers received before the portal (tracked with the applicant's phone number instead).
    tracking_secret = models.CharField(_("tracking secret"), max_length=16, blank=True)
    # The staff search's folded text (search.py): computed from the code, procedure and applicant whenever
    # Django writes the row; the full key holds personal data, the public one only the code and procedure.
    search_key = SearchKeyField(_("search text"))
    search_key_public = SearchKeyField(_("search text (public part)"), public=True)
    sets = models.PositiveSmallIntegerField(_("number of sets"), default=1)
    note = models.TextField(_("note"), blank=True)

    received_at = models.DateTimeField(_("received at"), db_index=True)
    # When the clock starts (the next working day for receipts after the cut-off).
    clock_start_at = models.DateTimeField(_("clock starts at"))
    # The legal deadline. Moved only by logged pauses (supplement restart, fee wait); never by an apology.
    # Empty for a procedure with no legal time limit: never overdue, due soon or late (deadlines.py).
    due_at = models.DateTimeField(_("due at"), null=True, blank=True, db_index=True)
    # The deadline the dossier had already missed when it began to wait for the applicant (a supplement or fee
    # asked after the deadline): it stays late whatever deadline the wait's end sets (deadlines.py).
    missed_due_at = models.DateTimeField(_("deadline missed before waiting"), null=True, blank=True)
    # The new appointment an apology letter promised (kept beside due_at, never replacing it).
    extended_due_at = models.DateTimeField(_("new appointment"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    delivered_at = models.DateTimeField(_("result delivered at"), null=True, blank=True)
    # Working days spent waiting for the applicant (supplements, fees), summed when each wait ends.
    waiting_working_days = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    # Working days from receipt to result, less the waits; set when the dossier is finished.
    processing_working_days = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    components_digitized = models.BooleanField(_("components digitized"), default=False)
    result_digitized = models.BooleanField(_("result digitized"), default=False)
    e_certified = models.BooleanField(_("electronic certified copy issued"), default=False)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_dossiers",
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # True for rows loaded by `cchc import dossiers` (their history lives in the system they came from).
    imported = models.BooleanField(default=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=["receiving_unit", "received_at"], name="dossier_unit_received"),
            models.Index(fields=["receiving_unit", "finished_at"], name="dossier_unit_finished"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due"),
            # The figures' "carried over" part (received before a period, finished in or after it): per unit, a
            # range on finished_at checked against received_at inside the index, without reading the table.
            models.Index(fields=["receiving_unit", "finished_at", "received_at"], name="dossier_unit_fin_recv"),
            # The open dossiers by receipt (finished_at null-aware): the figures' "carried over" and "pending" parts
            # still open ("received before the period and not finished"), whatever the period. Without it
            # PostgreSQL read the finished_at index's null entries and checked received_at in the table.
            models.Index(
                fields=["received_at"], condition=models.Q(finished_at__isnull=True), name="dossier_open_recv"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finished_at__isnull=True) | models.Q(finished_at__gte=models.F("received_at")),
                name="dossier_finished_after_received",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(finished_at__isnull=True, outcome="")
                    | (models.Q(finished_at__isnull=False) & ~models.Q(outcome=""))
                ),
                name="dossier_outcome_iff_finished",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs) -> None:
        # A partial save that writes a source of the search keys rewrites the keys too (search.py).
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = with_key_fields(kwargs["update_fields"])
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("web:dossier_detail", args=[self.code])

    @property
    def desk(self):
        """The unit whose desk is responsible for the dossier now (returns it, prints its forms)."""
        return self.current_desk_unit or self.receiving_unit

    @property
    def is_open(self) -> bool:
        return self.finished_at is None

    def submitted_components(self) -> tuple[list, bool]:
        """The documents listed on the receipt, and whether they come from the catalogue.

        The ones ticked at receipt (stored in DossierComponent). Dossiers received before the checklist was
        stored, or imported and demo rows, have none and no checklist in their receive event: for them, the
        procedure's current list, flagged True so pages can say so.
        """
        stored = list(self.components.all())
        if stored or self.events.filter(action=Action.RECEIVE, data__has_key="components").exists():
            return stored, False
        return list(self.procedure.components.all()), True


class DossierEvent(models.Model):
    """An immutable row for every change of a dossier: who, when, which action, from which status to which."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("from"), max_length=32, blank=True)
    to_status = models.CharField(_("to"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)
    # Action-specific facts (assignee, old and new due date, reasons, ...), kept as given.
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action} {self.from_status}->{self.to_status}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Dossier events are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Dossier events are immutable.")


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Waiting for a supplement")
    FEE = "fee", _("Waiting for fees")


class DossierPause(models.Model):
    """A time the dossier waited for the applicant. Ended when the supplement or payment arrives."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="pauses")
    kind = models.CharField(max_length=16, choices=PauseKind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    working_days = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.started_at:%Y-%m-%d}"


class DocumentKind(models.TextChoices):
    COMPONENT = "component", _("Component document")
    RESULT = "result", _("Result")


class DossierDocument(models.Model):
    """A digital file held for a dossier: a scanned component or the result."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    component = models.ForeignKey(
        "procedures.ComponentDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=300)
    file = models.FileField(upload_to="dossiers/%Y/%m/")
    # Decided from the file's content at upload (cchc.lib.uploads), never from its name; the file is served
    # with it. Empty for a file stored before the check: served as application/octet-stream.
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return self.name


class DossierComponent(models.Model):
    """A document the applicant actually submitted, ticked on the checklist at receipt and printed on the receipt.

    The name, form and quantity are copied from the catalogue then, so a later catalogue edit never rewrites an
    old receipt.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="components")
    component = models.ForeignKey(
        "procedures.ComponentDocument",
        verbose_name=_("component document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=500)
    form = models.CharField(_("form (original, certified copy, copy)"), max_length=100, blank=True)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["dossier", "order", "pk"]
        verbose_name = _("submitted document")
        verbose_name_plural = _("submitted documents")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "component"], name="dossier_component_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Apology(models.Model):
    """An apology letter for a late dossier (Mẫu 04, 2018) with the new appointment it promises."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="apology")
    issued_at = models.DateTimeField(_("issued at"), db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    new_due_at = models.DateTimeField(_("new appointment"), null=True, blank=True)
    # Issued no later than 1 day before the deadline (Decree 61/2018 Art. 19(9)); False only where the setting
    # CCHC_APOLOGY_LATE_ALLOWED let a late letter be recorded, or for an imported letter dated later.
    in_time = models.BooleanField(_("issued in time"), default=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("apology letter")
        verbose_name_plural = _("apology letters")

    def __str__(self) -> str:
        return f"{self.dossier} {self.issued_at:%Y-%m-%d}"


class DossierCodeCounter(models.Model):
    """The last sequence number used for a unit's dossier codes on one day. Only ever incremented."""

    agency_code = models.CharField(max_length=64)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency_code", "day"], name="code_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_code}-{self.day:%y%m%d}: {self.last}"


class ReceptionGuidance(models.Model):
    """An incomplete dossier the desk did not receive, and the guidance slip the applicant took away: the
    "one-time, complete" list of what to supplement, with the officer's reasons (Decree 61/2018 Art. 15(1) and
    17(1)(b); Mẫu 02 of Circular 01/2018). Numbered per unit and year ("Số: 12/HDHS"); kept to be re-printed and
    counted. The applicant's data is personal data: only the desk officers of `unit` see it."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("receiving unit"), on_delete=models.PROTECT, related_name="reception_guidances"
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    applicant_name = models.CharField(_("applicant"), max_length=200)
    applicant_phone = models.CharField(_("phone"), max_length=32, blank=True)
    applicant_address = models.CharField(_("address"), max_length=300, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    # The missing documents as the catalogue named them then, each with the officer's reason:
    # [{"component": pk, "name": ..., "form": ..., "quantity": n, "reason": ...}], in the catalogue's order.
    items = models.JSONField(_("documents to supplement"), default=list)
    # The documents the applicant did bring (component ids), so the reception can go on from the slip.
    submitted = models.JSONField(_("documents brought"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("guided by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("reception guidance")
        verbose_name_plural = _("reception guidances")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="reception_guidance_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}/HDHS {self.unit} {self.year}"
