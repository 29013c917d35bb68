"""How a unit's report is headed and signed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportSettings(models.Model):
    """How a unit's report is headed and signed (Decree 30/2020: issuer, place, recipients, signature)."""

    unit = models.OneToOneField(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="report_settings"
    )
    governing_body = models.CharField(_("governing body"), max_length=200, blank=True)
    issuer_name = models.CharField(_("issuer name"), max_length=200)
    symbol = models.CharField(_("document symbol"), max_length=50, default="BC-UBND")
    place = models.CharField(_("place"), max_length=100)
    signer_name = models.CharField(_("signer name"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer title"), max_length=150, blank=True)
    on_behalf = models.CharField(_("on behalf of"), max_length=150, blank=True, help_text=_("e.g. TM. ỦY BAN NHÂN DÂN"))
    recipients = models.TextField(_("recipients (Kính gửi)"), blank=True, help_text=_("one a line"))
    distribution = models.TextField(_("distribution (Nơi nhận)"), blank=True, help_text=_("one a line"))
    basis = models.TextField(_("basis sentence"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def distribution_lines(self) -> list[str]:
        return [line.strip() for line in self.distribution.splitlines() if line.strip()]
