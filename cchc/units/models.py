"""Administrative units (đơn vị hành chính) and the working-day calendar the desks keep."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    # A district's own specialist office (phòng chuyên môn): it processes dossiers, it has no desk of its own.
    OFFICE = "office", _("Specialist office")


class DeskKind(models.TextChoices):
    """What kind of one-stop unit (Bộ phận Một cửa) the unit's desk is (domain.md §1.1: Decree 61/2018 Art. 3(3);
    Decree 118/2025 Art. 1(1), Art. 7(3) sets up the commune public-service centre with its own seal)."""

    ONE_STOP = "one_stop", _("Reception and result-return unit (BPTN&TKQ)")
    SERVICE_CENTRE = "service_centre", _("Public administrative service centre (TTPVHCC)")


# The desk's name on the printed forms' left header block (domain.md §2.5), by kind.
DESK_TITLES = {
    DeskKind.ONE_STOP: "Bộ phận tiếp nhận và trả kết quả",
    DeskKind.SERVICE_CENTRE: "Trung tâm phục vụ hành chính công",
}


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        """Units that existed on `day` (units merge and split; history is never rewritten)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Unit(models.Model):
    """A unit of government with a one-stop desk (or a specialist office under one), effective-dated."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Identifier under the national agency-code standard (Circular 10/2016/TT-BTTTT); dossier codes start with it.
    agency_code = models.CharField(_("agency code"), max_length=32, blank=True)
    place_name = models.CharField(_("place name on documents"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    desk_kind = models.CharField(
        _("kind of one-stop desk"), max_length=16, choices=DeskKind.choices, default=DeskKind.ONE_STOP
    )
    # Materialised path of codes from the top ("/quang-tri/gio-linh/gio-an/"): subtree queries without recursion.
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # The path is structure, not domain logic: it must follow the parent and code on every save, and the
        # subtree's paths with it, or scoping by unit would silently break.
        old_path = self.path
        prefix = Unit.objects.get(pk=self.parent_id).path if self.parent_id else "/"
        self.path = f"{prefix}{self.code}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in Unit.objects.filter(parent=self):
                child.save()

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def descendants(self, include_self: bool = False) -> UnitQuerySet:
        qs = Unit.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def ancestors(self) -> list[Unit]:
        codes = [c for c in self.path.strip("/").split("/") if c and c != self.code]
        by_code = {u.code: u for u in Unit.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the unit existed on `day` (valid_from..valid_to, both days included)."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_service_centre(self) -> bool:
        return self.desk_kind == DeskKind.SERVICE_CENTRE

    @property
    def desk_title(self) -> str:
        """The desk's own name as the forms print it under its parent agency (domain.md §2.5)."""
        return DESK_TITLES[DeskKind(self.desk_kind)]

    @property
    def desk_name(self) -> str:
        """The desk's full name: a centre is an organisation of its own ("Trung tâm phục vụ hành chính công xã Gio
        Linh", Decree 118/2025 Art. 7(3)); a one-stop unit is part of its unit ("Bộ phận tiếp nhận và trả kết quả")."""
        if self.is_service_centre:
            return f"{self.desk_title} {self.name.removeprefix('UBND ')}"
        return self.desk_title

    def desk_unit(self) -> Unit:
        """The unit whose one-stop desk serves this unit: an office uses its district's desk."""
        return self.parent if self.level == UnitLevel.OFFICE and self.parent else self


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off (holiday or swapped day off)")
    WORKING_DAY = "working_day", _("Working day (make-up day)")


class CalendarDay(models.Model):
    """A correction to the calendar: a swapped day off, or a Saturday worked in exchange.

    The `holidays` package supplies Vietnam's public holidays (lunar dates included); these rows win over it,
    because each year the Government fixes the swapped days by its own letter. A row without a unit is national;
    a row of a province (the province may copy the national swaps with its own letter, or decide otherwise) wins
    over the national row of the same date for the units of that province (`lib.workdays.calendar(unit)`).
    """

    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=CalendarDayKind.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar_days",
        limit_choices_to={"level": UnitLevel.PROVINCE},
        help_text=_("Empty for the national calendar; a province for its own correction."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    source = models.CharField(_("source document"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar correction")
        verbose_name_plural = _("calendar corrections")
        constraints = [
            # NULLs are distinct in a unique index, so the national rows need a constraint of their own.
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(unit__isnull=True),
                name="calendar_day_national_date_unique",
                violation_error_message=_("The national calendar already has a correction for this date."),
            ),
            models.UniqueConstraint(
                fields=["date", "unit"],
                name="calendar_day_unit_date_unique",
                violation_error_message=_("This province already has a correction for this date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.unit is not None and self.unit.level != UnitLevel.PROVINCE:
            raise ValidationError({"unit": _("A calendar correction belongs to the nation or to a province.")})


class CalendarYear(models.Model):
    """A year whose national schedule (swapped days off, make-up Saturdays) has been checked.

    The year counts as entered (no warning in the admin or `cchc check`) when it has a row here, or at least one
    national `CalendarDay` with a source. A row here is the way to say "checked, nothing to add" for a year the
    `holidays` package already gets right, naming the notices that were read.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("source documents"), max_length=300)
    note = models.CharField(_("note"), max_length=200, blank=True)
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    class Meta:
        ordering = ["year"]
        verbose_name = _("checked calendar year")
        verbose_name_plural = _("checked calendar years")

    def __str__(self) -> str:
        return str(self.year)
