"""The catalogue of administrative procedures (thủ tục hành chính) the desks receive."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcedureLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class OnlineService(models.TextChoices):
    NONE = "none", _("No online service")
    PARTIAL = "partial", _("Partial online service")
    FULL = "full", _("Full-process online service")


class Procedure(models.Model):
    """A procedure of the catalogue. Its time limit and online level are copied onto each dossier at receipt,
    so a later change of the catalogue never rewrites an old dossier's deadline or figures."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=500)
    field = models.CharField(_("field"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=ProcedureLevel.choices)
    # Empty for a procedure the law sets no time limit for (some social-benefit procedures): its dossiers have no
    # due date, so they are never overdue or late.
    processing_days = models.DecimalField(
        _("time limit (working days)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Empty when the law sets no time limit."),
    )
    online_service = models.CharField(
        _("online service"), max_length=16, choices=OnlineService.choices, default=OnlineService.NONE
    )
    fee = models.DecimalField(_("fee (VND)"), max_digits=14, decimal_places=0, null=True, blank=True)
    posted = models.BooleanField(_("posted publicly"), default=True)
    # Paper dossiers received after this time count from the next working day; empty = the site default.
    cutoff_time = models.TimeField(_("cut-off time"), null=True, blank=True)
    has_result_document = models.BooleanField(_("issues a result document"), default=True)
    # E-certification procedures (chứng thực bản sao điện tử) produce electronic certified copies.
    is_certification = models.BooleanField(_("electronic certification"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    # Public posting (Decree 61/2018 Art. 15; Circular 01/2018 Art. 13, index 6): what the portal shows.
    legal_basis = models.TextField(_("legal basis"), blank=True)
    # Where to submit besides the desks of the units that receive the procedure (e.g. the public postal service).
    submission_place = models.TextField(_("where to submit"), blank=True)
    # What a partial-online procedure still needs at the desk (originals to show, the paper result to collect).
    online_note = models.TextField(_("what is done online"), blank=True)
    result_description = models.CharField(_("result"), max_length=500, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.CheckConstraint(condition=models.Q(processing_days__gte=0), name="procedure_days_nonnegative")
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


class ComponentDocument(models.Model):
    """A document the applicant must submit for a procedure (thành phần hồ sơ)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="components")
    name = models.CharField(_("name"), max_length=500)
    form = models.CharField(_("form (original, certified copy, copy)"), max_length=100, blank=True)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The sample form (mẫu đơn, tờ khai) the applicant fills in, offered for download on the portal.
    sample_form = models.FileField(_("sample form"), upload_to="procedures/forms/", blank=True)

    class Meta:
        ordering = ["procedure", "order", "pk"]
        verbose_name = _("component document")
        verbose_name_plural = _("component documents")

    def __str__(self) -> str:
        return self.name
