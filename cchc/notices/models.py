"""Notices to applicants (thông báo): one row per event and channel, e-mail or SMS, with its delivery state.

The recipient is personal data (the applicant's e-mail address or phone number): shown only to those who handle
the dossier (cchc.accounts.access.can_see_personal_data), masked for everyone else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def _(message: str) -> _StrPromise:
    """The notices' labels carry the translation context "notice" (locale/vi)."""
    return pgettext_lazy("notice", message)


class NoticeKind(models.TextChoices):
    RECEIVED = "received", _("Dossier received")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
    RESULT_READY = "result_ready", _("Result ready")
    REFUSED = "refused", _("Refused with reasons")
    RETURNED = "returned", _("Returned unprocessed")
    APOLOGY = "apology", _("Apology with a new appointment")
    FEEDBACK_ANSWERED = "feedback_answered", _("Feedback answered")


class NoticeChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class NoticeStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notice(models.Model):
    """A message to an applicant (or a feedback's sender) about one event, through one channel.

    Created inside the transaction of the event it tells about, delivered after it commits (cchc.notices.tasks).
    `next_attempt_at` is when delivery may (next) be tried: the creation time for a new notice, the backoff's
    end after a failure, a lease's end while sending; empty once sent or given up.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
    )
    # The event the notice tells about (empty for a feedback's answer). One notice per event and channel.
    event = models.ForeignKey(
        "dossiers.DossierEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    feedback = models.ForeignKey(
        "feedback.Feedback",
        verbose_name=_("feedback"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=NoticeChannel.choices)
    # Personal data: the applicant's e-mail address or phone number as given.
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.UniqueConstraint(fields=["event", "channel"], name="notice_event_channel_unique"),
            models.UniqueConstraint(
                fields=["feedback", "kind", "channel"],
                condition=models.Q(event__isnull=True, feedback__isnull=False),
                name="notice_feedback_kind_channel_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.channel} {self.status}"

    @property
    def masked_recipient(self) -> str:
        """The recipient as shown to those who do not handle the dossier: "n***@e***.vn", "091****111"."""
        return mask(self.recipient, self.channel)


def mask(recipient: str, channel: str) -> str:
    """Hide most of an e-mail address or phone number, keeping enough to tell two apart."""
    if channel == NoticeChannel.EMAIL and "@" in recipient:
        local, _sep, domain = recipient.partition("@")
        tld = domain.rsplit(".", 1)[-1] if "." in domain else ""
        return f"{local[:1]}***@{domain[:1]}***{'.' + tld if tld else ''}"
    digits = recipient.strip()
    if len(digits) <= 6:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 6)}{digits[-3:]}"


class DeadlineWarning(models.Model):
    """A dossier's deadline falls within one working day: its handler and its unit's leaders were told (on the
    staff site and by e-mail), so an apology letter can go out in time (Decree 61/2018 Art. 19(9)).

    One row per dossier and deadline (`due_at` as it was when warned): a re-run finds the row and warns no one
    again; a new deadline (after a supplement restarts the clock) is a new row, a new warning.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="deadline_warnings"
    )
    due_at = models.DateTimeField(_("deadline"))
    created_at = models.DateTimeField(_("created at"), db_index=True)
    recipients = models.ManyToManyField(
        "accounts.User", verbose_name=_("told"), related_name="deadline_warnings", blank=True
    )

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("deadline warning")
        verbose_name_plural = _("deadline warnings")
        constraints = [models.UniqueConstraint(fields=["dossier", "due_at"], name="deadline_warning_once")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.due_at:%Y-%m-%d %H:%M}"
