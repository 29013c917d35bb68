"""Administrator corrections of what the research note marks UNVERIFIED (service-index.md): the maxima and
thresholds of the unverified sub-indicators and the classification bands. Without a row, data/decision-766.json's
default applies."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _unverified_choices() -> list[tuple[str, str]]:
    from .rules import default_groups

    return [(s.code, f"{s.code} {s.name_vi}") for g in default_groups() for s in g.subs if s.unverified]


class SubIndicatorSetting(models.Model):
    """The maximum points and threshold of an unverified sub-indicator, as an administrator corrected them."""

    code = models.CharField(_("sub-indicator"), max_length=8, unique=True, choices=_unverified_choices)
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    threshold_percent = models.DecimalField(
        _("threshold (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Only for the rows scored against a threshold."),
    )
    source = models.CharField(_("source of the correction"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("service index sub-indicator setting")
        verbose_name_plural = _("service index sub-indicator settings")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ClassificationBand(models.Model):
    """A classification band: a total of at least `min_score` is named `name`. Any row replaces the defaults."""

    min_score = models.DecimalField(
        _("from total"), max_digits=5, decimal_places=2, unique=True, validators=[MinValueValidator(0)]
    )
    name = models.CharField(_("classification"), max_length=60)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("service index classification band")
        verbose_name_plural = _("service index classification bands")
        ordering = ["-min_score"]

    def __str__(self) -> str:
        return f"≥ {self.min_score}: {self.name}"
