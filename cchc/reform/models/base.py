"""Report periods, their lock and corrections, and what every section row shares."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.lib.periods import CALENDAR, Period, parse_period
from cchc.reports.figures.definitions import percent


class ReformArea(models.IntegerChoices):
    """The eight parts of section I of the report outline (domain.md §6.2)."""

    DIRECTION = 1, _("Direction and management of reform")
    INSTITUTIONS = 2, _("Institutional reform")
    PROCEDURES = 3, _("Administrative procedure reform")
    APPARATUS = 4, _("Reform of the state apparatus")
    CIVIL_SERVICE = 5, _("Civil service reform")
    PUBLIC_FINANCE = 6, _("Public finance reform")
    E_GOVERNMENT = 7, _("E-government and digital government")
    INDICES = 8, _("PAPI, SIPAS and PAR INDEX")


class ReformPart(models.TextChoices):
    """The named parts of a reform area in the report outline; a row without a part goes to its area's default."""

    INSTITUTIONS_REVIEW = "institutions.review", _("2.1 Review of legal documents")
    INSTITUTIONS_MONITORING = "institutions.monitoring", _("2.2 Monitoring of law enforcement")
    INSTITUTIONS_DISSEMINATION = "institutions.dissemination", _("2.3 Law dissemination")
    FINANCE_AUTONOMY = "finance.autonomy", _("6 Financial autonomy of public service units")


# The area each part belongs to: a part is only valid on a row of that area.
PART_AREAS: dict[str, int] = {
    ReformPart.INSTITUTIONS_REVIEW: ReformArea.INSTITUTIONS,
    ReformPart.INSTITUTIONS_MONITORING: ReformArea.INSTITUTIONS,
    ReformPart.INSTITUTIONS_DISSEMINATION: ReformArea.INSTITUTIONS,
    ReformPart.FINANCE_AUTONOMY: ReformArea.PUBLIC_FINANCE,
}


def part_field() -> models.CharField:
    return models.CharField(
        _("part of the area"),
        max_length=32,
        choices=ReformPart.choices,
        blank=True,
        help_text=_("Where the row goes within its area; empty: the area's usual place."),
    )


def part_constraint(name: str) -> models.CheckConstraint:
    """The database's own check that a row's part belongs to its area (the forms say why, this makes sure)."""
    condition = Q(part="")
    for area in sorted(set(PART_AREAS.values())):
        condition |= Q(area=int(area), part__in=[str(p) for p, a in PART_AREAS.items() if a == area])
    return models.CheckConstraint(condition=condition, name=name)


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ReportPeriod(models.Model):
    """One unit's report data for one quarter: a draft until submitted, then locked."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    status = models.CharField(_("status"), max_length=16, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-quarter", "unit__path"]
        verbose_name = _("report period")
        verbose_name_plural = _("report periods")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="reform_period_unique"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="reform_period_quarter"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.label}"

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def is_locked(self) -> bool:
        return self.status == PeriodStatus.SUBMITTED

    def dates(self, cutoff: str = CALENDAR) -> Period:
        """The dates the quarter covers, by calendar or by the statutory cut-off."""
        return parse_period(self.label, cutoff)


class CorrectionAction(models.TextChoices):
    CREATE = "create", _("Row added")
    UPDATE = "update", _("Field changed")
    DELETE = "delete", _("Row deleted")


class Correction(models.Model):
    """A change to a submitted period: never silent, always with its reason."""

    period = models.ForeignKey(ReportPeriod, on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(_("section"), max_length=32)
    row_id = models.PositiveBigIntegerField(_("row"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=CorrectionAction.choices)
    field = models.CharField(_("field"), max_length=64, blank=True)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.period} {self.kind}#{self.row_id} {self.field}"


# The mixin below is mixed into models: to the type checker it is one.
if TYPE_CHECKING:
    _ModelBase = models.Model
else:
    _ModelBase = object


class SectionRow(models.Model):
    """Fields every row of a period carries; `position` keeps the order the officer gave."""

    period = models.ForeignKey(ReportPeriod, verbose_name=_("period"), on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The fields the officer enters (everything else is bookkeeping); forms, import and corrections use them.
    data_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class AreaPartMixin(_ModelBase):
    """Checks, for a row with `area` and `part`, that the part belongs to the area."""

    area: Any

    def clean(self) -> None:
        super().clean()
        part = getattr(self, "part", "")
        if part and part in PART_AREAS and self.area is not None and PART_AREAS[part] != self.area:
            raise ValidationError(
                {
                    "part": _("The part “%(part)s” belongs to the area “%(area)s”: choose that area or no part.")
                    % {"part": ReformPart(part).label, "area": ReformArea(PART_AREAS[part]).label}
                }
            )


def share_pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """The percentage the report prints: the figures' one rounding (half-up, 2 decimals; None for a 0 whole)."""
    if part is None or whole is None:
        return None
    return percent(part, whole)
