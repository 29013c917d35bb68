"""Citizens' satisfaction evaluations and their feedback and petitions (phản ánh, kiến nghị)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Satisfaction(models.TextChoices):
    UNSATISFIED = "unsatisfied", _("Not satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")


class Evaluation(models.Model):
    """A satisfaction evaluation form submitted for a dossier (at the desk device, on paper or online)."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="evaluations")
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=16, choices=Satisfaction.choices, default=Satisfaction.SATISFIED
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.submitted_at:%Y-%m-%d}"


class Feedback(models.Model):
    """A citizen's feedback or petition about a regulation or the handling of a procedure, to one unit."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="feedback")
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.PROTECT, related_name="feedback"
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    sender_name = models.CharField(_("sender"), max_length=200, blank=True)
    content = models.TextField(_("content"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.unit_id} {self.received_at:%Y-%m-%d}"
