"""Public finance: budget lines against their plan and capital disbursement by source."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import SectionRow, share_pct


class BudgetKind(models.TextChoices):
    REVENUE_TOTAL = "revenue_total", _("State budget revenue")
    REVENUE_LOCAL = "revenue_local", _("Revenue collected in the area")
    EXPENDITURE_TOTAL = "expenditure_total", _("State budget expenditure")
    CAPITAL_CONSTRUCTION = "capital_construction", _("Capital construction expenditure")
    RECURRENT = "recurrent", _("Recurrent expenditure")
    OTHER = "other", _("Other")


MONEY: dict[str, Any] = {"max_digits": 18, "decimal_places": 3}


class BudgetLine(SectionRow):
    """A budget revenue or expenditure line: the year's plan and the estimate to date, in million VND."""

    kind = models.CharField(_("kind"), max_length=32, choices=BudgetKind.choices)
    label = models.CharField(_("label"), max_length=200, blank=True, help_text=_("only for the kind Other"))
    plan = models.DecimalField(_("plan (million VND)"), **MONEY)
    estimate = models.DecimalField(_("estimate (million VND)"), **MONEY)
    period_note = models.CharField(_("period"), max_length=50, blank=True, help_text=_("e.g. 9 tháng"))

    data_fields = ("kind", "label", "plan", "estimate", "period_note")

    class Meta(SectionRow.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.estimate}/{self.plan}"

    @property
    def pct(self) -> Decimal | None:
        return share_pct(self.estimate, self.plan)


class CapitalDisbursement(SectionRow):
    """Capital (XDCB) disbursed from one funding source up to a date, against its plan; or a forecast."""

    source = models.CharField(_("funding source"), max_length=300)
    plan = models.DecimalField(_("plan (million VND)"), **MONEY)
    disbursed = models.DecimalField(_("disbursed (million VND)"), **MONEY)
    as_of = models.DateField(_("as of"))
    is_forecast = models.BooleanField(_("forecast"), default=False)
    note = models.TextField(_("note"), blank=True)

    data_fields = ("source", "plan", "disbursed", "as_of", "is_forecast", "note")

    class Meta(SectionRow.Meta):
        verbose_name = _("capital disbursement")
        verbose_name_plural = _("capital disbursements")

    def __str__(self) -> str:
        return f"{self.source} {self.disbursed}/{self.plan} ({self.as_of})"

    @property
    def pct(self) -> Decimal | None:
        return share_pct(self.disbursed, self.plan)
