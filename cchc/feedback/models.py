"""Citizens' satisfaction evaluations and their feedback and petitions (phản ánh, kiến nghị)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Satisfaction(models.TextChoices):
    UNSATISFIED = "unsatisfied", _("Not satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")


class EvaluationChannel(models.TextChoices):
    ONLINE = "online", _("Online, on the portal")
    KIOSK = "kiosk", _("Tablet at the desk")
    PAPER = "paper", _("Paper form")
    IMPORTED = "imported", _("Imported from another system")


class Contacts(models.IntegerChoices):
    """Circular 01/2018 Art. 13, index 3: times the applicant had to contact the desk to complete the dossier."""

    NONE = 0, _("None: the dossier was complete the first time")
    ONCE = 1, _("Once")
    SEVERAL = 2, _("More than once")


class Agencies(models.IntegerChoices):
    """Circular 01/2018 Art. 13, index 4: the agencies the applicant had to contact."""

    NONE = 0, _("None (everything online)")
    DESK_ONLY = 1, _("Only the one-stop desk")
    SEVERAL = 2, _("More than one agency")


class Evaluation(models.Model):
    """A satisfaction evaluation form submitted for a dossier (at the desk device, on paper or online).

    Anonymous by design (Decree 61/2018 Art. 27: protect the identity of respondents). The criteria besides the
    overall satisfaction are those of Decree 61/2018 Art. 31(1) that the applicant answers (Circular 01/2018
    Art. 14: indices 3, 4 and 7 come from the evaluation forms); empty where the form did not ask (paper forms,
    imported rows).
    """

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="evaluations")
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=16, choices=Satisfaction.choices, default=Satisfaction.SATISFIED
    )
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(
        _("evaluated through"), max_length=16, choices=EvaluationChannel.choices, default=EvaluationChannel.PAPER
    )
    # Art. 31(1)(a): the result came back by the appointment (the applicant's view; index 1 itself is computed).
    timeliness = models.CharField(_("return time"), max_length=16, choices=Satisfaction.choices, blank=True)
    # Art. 31(1)(c), index 3.
    contacts = models.PositiveSmallIntegerField(
        _("contacts to complete the dossier"), choices=Contacts.choices, null=True, blank=True
    )
    # Art. 31(1)(b), index 4.
    agencies = models.PositiveSmallIntegerField(
        _("agencies contacted"), choices=Agencies.choices, null=True, blank=True
    )
    # Art. 31(1)(d): the published procedure information was accurate and complete.
    information = models.CharField(_("published information"), max_length=16, choices=Satisfaction.choices, blank=True)
    # Art. 31(1)(đ), index 7: the officers' attitude.
    attitude = models.CharField(_("officers' attitude"), max_length=16, choices=Satisfaction.choices, blank=True)
    # Art. 31(1)(e): asked to pay anything beyond the fees the law sets.
    extra_costs = models.BooleanField(_("asked for costs beyond the law"), null=True, blank=True)
    # Art. 31(1)(h): the online service, for a dossier submitted online.
    online_quality = models.CharField(_("online service"), max_length=16, choices=Satisfaction.choices, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.submitted_at:%Y-%m-%d}"


class FeedbackKind(models.TextChoices):
    REGULATION = "regulation", _("An administrative regulation")
    CONDUCT = "conduct", _("Conduct at the desk or in handling a dossier")


class FeedbackChannel(models.TextChoices):
    PORTAL = "portal", _("Public service portal")
    DESK = "desk", _("At the desk")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telephone")
    LETTER = "letter", _("Letter")
    OTHER = "other", _("Other")


class Feedback(models.Model):
    """A citizen's feedback or petition about a regulation or the handling of a procedure, to one unit.

    The sender's name and contacts are personal data: shown to the unit's staff who answer, never on the portal,
    where only the subject, the content and the answer are published.
    """

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="feedback")
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.PROTECT, related_name="feedback"
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    sender_name = models.CharField(_("sender"), max_length=200, blank=True)
    sender_phone = models.CharField(_("phone"), max_length=32, blank=True)
    sender_email = models.EmailField(_("e-mail"), blank=True)
    sender_address = models.CharField(_("address"), max_length=300, blank=True)
    # The public reference the sender follows the answer with (empty for rows entered before the portal).
    code = models.CharField(_("reference"), max_length=40, unique=True, null=True, blank=True)
    kind = models.CharField(_("about"), max_length=16, choices=FeedbackKind.choices, default=FeedbackKind.REGULATION)
    channel = models.CharField(
        _("received through"), max_length=16, choices=FeedbackChannel.choices, default=FeedbackChannel.OTHER
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", null=True, blank=True, on_delete=models.PROTECT, related_name="feedback"
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    content = models.TextField(_("content"))
    # The answer is due within the set number of working days after receipt (CCHC_FEEDBACK_ANSWER_WORKING_DAYS).
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True, db_index=True)
    # When the answer was published on the portal (with the sender's personal data hidden); empty: not published.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    # What the portal shows of the feedback once published: the subject and content as the answering officer
    # passed them (the personal data the sender typed taken out); never the sender's name or contacts.
    public_subject = models.CharField(_("subject as published"), max_length=300, blank=True)
    public_content = models.TextField(_("content as published"), blank=True)
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
