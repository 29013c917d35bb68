"""Writes of the notices: create them inside the event's transaction, deliver them after it commits, retry.

Creating (`notices_for_event`, `notices_for_feedback_answer`) makes one Notice per channel the applicant gave
(e-mail when there is an address, SMS when there is a phone number) and registers its delivery with
`transaction.on_commit`, so a rolled-back action sends nothing. Delivering (`deliver`) claims the notice with one
UPDATE (a notice already sent, or being sent by another worker, is left alone), sends it outside any transaction
through the channel's backend, and records the outcome: sent, or the error and when to try again (RETRY_DELAYS),
until MAX_ATTEMPTS have failed.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from . import texts
from .backends import backend_for
from .models import Notice, NoticeChannel, NoticeKind, NoticeStatus

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from cchc.dossiers.models import Dossier, DossierEvent
    from cchc.feedback.models import Feedback

logger = logging.getLogger("cchc.notices")

# The event actions that tell the applicant something, and the notice they send.
KIND_BY_ACTION = {
    "receive": NoticeKind.RECEIVED,
    "request_supplement": NoticeKind.SUPPLEMENT_REQUESTED,
    "issue_result": NoticeKind.RESULT_READY,
    "refuse": NoticeKind.REFUSED,
    "return": NoticeKind.RETURNED,
    "apologize": NoticeKind.APOLOGY,
}
# The wait before each new attempt after a failure (the first failure waits 1 minute, ...); a notice whose
# MAX_ATTEMPTS-th attempt fails is given up (status failed, no next attempt).
RETRY_DELAYS = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# While a notice is being sent, no one else tries it; if the sender dies, the retry takes it after this long.
SENDING_LEASE = dt.timedelta(minutes=10)
# The stored error message is cut to this length.
ERROR_MAX_CHARS = 1000


def _channels(email: str, phone: str) -> list[tuple[str, str]]:
    found = []
    if (email or "").strip():
        found.append((NoticeChannel.EMAIL.value, email.strip()))
    if (phone or "").strip():
        found.append((NoticeChannel.SMS.value, phone.strip()))
    return found


def _create(recipients: list[tuple[str, str]], text: Any, **fields: Any) -> list[Notice]:
    """One notice per (channel, recipient), the e-mail with its subject and body, the SMS with its short text;
    saved now and delivered once the surrounding transaction commits."""
    now = timezone.now()
    created = []
    for channel, recipient in recipients:
        email = channel == NoticeChannel.EMAIL
        notice = Notice(
            channel=channel,
            recipient=recipient,
            subject=text.subject if email else "",
            body=text.body if email else text.sms,
            created_at=now,
            next_attempt_at=now,
            **fields,
        )
        notice.save(force_insert=True)
        created.append(notice)
        transaction.on_commit(partial(enqueue, notice.pk), robust=True)
    return created


def notices_for_event(event: DossierEvent) -> list[Notice]:
    """The notices an event of a dossier sends its applicant: none for an action that tells nothing, for an
    imported dossier, or for an applicant who gave neither an e-mail address nor a phone number."""
    kind = KIND_BY_ACTION.get(event.action)
    if kind is None:
        return []
    dossier: Dossier = event.dossier
    if dossier.imported:
        return []
    recipients = _channels(dossier.applicant_email, dossier.applicant_phone)
    if not recipients:
        return []
    return _create(recipients, texts.for_event(kind, dossier, event), dossier=dossier, event=event, kind=kind)


def notices_for_feedback_answer(feedback: Feedback) -> list[Notice]:
    """The notices telling a feedback's sender that it was answered (once per channel, however often saved)."""
    if feedback.answered_at is None:
        return []
    recipients = _channels(feedback.sender_email, feedback.sender_phone)
    already = set(
        Notice.objects.filter(feedback=feedback, kind=NoticeKind.FEEDBACK_ANSWERED).values_list("channel", flat=True)
    )
    recipients = [(channel, recipient) for channel, recipient in recipients if channel not in already]
    if not recipients:
        return []
    return _create(
        recipients,
        texts.for_feedback_answer(feedback),
        dossier=feedback.dossier,
        feedback=feedback,
        kind=NoticeKind.FEEDBACK_ANSWERED,
    )


def enqueue(notice_id: int, run_after: dt.datetime | None = None) -> None:
    """Hand the notice's delivery to the task queue (settings.TASKS), deferred to `run_after` when the queue's
    backend can defer (the database backend can; the immediate one cannot: `cchc notices retry` then does it)."""
    from .tasks import deliver_notice

    task = deliver_notice
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    task.enqueue(notice_id)


def _claimable(now: dt.datetime) -> Q:
    """Not sent, not given up, and its (next) attempt is due: a new or failed notice after its wait, one being sent
    past its lease (its sender stopped)."""
    return Q(status__in=[NoticeStatus.QUEUED, NoticeStatus.FAILED, NoticeStatus.SENDING], next_attempt_at__lte=now)


def _stranded(now: dt.datetime) -> Q:
    """What the retry takes up: failed notices whose wait is over, and new ones never delivered within the lease
    (the process stopped between the commit and the delivery, or the queue lost them)."""
    return Q(status__in=[NoticeStatus.FAILED, NoticeStatus.SENDING], next_attempt_at__lte=now) | Q(
        status=NoticeStatus.QUEUED, next_attempt_at__lte=now - SENDING_LEASE
    )


def deliver(notice_id: int) -> str:
    """Try to send the notice once; returns its status afterwards. Never raises for a backend's failure."""
    now = timezone.now()
    claimed = Notice.objects.filter(_claimable(now), pk=notice_id).update(
        status=NoticeStatus.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + SENDING_LEASE
    )
    if not claimed:
        return Notice.objects.filter(pk=notice_id).values_list("status", flat=True).first() or ""
    notice = Notice.objects.get(pk=notice_id)
    try:
        backend_for(notice.channel).send(notice)
    except Exception as exc:  # a backend's failure of any kind is recorded, never raised to the caller
        error = f"{type(exc).__name__}: {exc}"[:ERROR_MAX_CHARS]
        retry_at = timezone.now() + RETRY_DELAYS[notice.attempts - 1] if notice.attempts < MAX_ATTEMPTS else None
        Notice.objects.filter(pk=notice_id).update(
            status=NoticeStatus.FAILED, last_error=error, next_attempt_at=retry_at
        )
        logger.warning(
            "notice %s (%s by %s) failed, attempt %d: %s",
            notice_id,
            notice.kind,
            notice.channel,
            notice.attempts,
            error,
        )
        if retry_at is not None:
            enqueue(notice_id, run_after=retry_at)
        return NoticeStatus.FAILED
    Notice.objects.filter(pk=notice_id).update(status=NoticeStatus.SENT, sent_at=timezone.now(), next_attempt_at=None)
    return NoticeStatus.SENT


def due_for_retry(now: dt.datetime | None = None) -> QuerySet[Notice]:
    """The notices the retry hands to the queue again (see `_stranded`), the longest waiting first."""
    now = now or timezone.now()
    return Notice.objects.filter(_stranded(now)).order_by("next_attempt_at", "pk")


def retry_due(now: dt.datetime | None = None, limit: int | None = None) -> list[int]:
    """Hand every due notice to the task queue again (`cchc notices retry`); returns their ids."""
    ids = list(due_for_retry(now).values_list("pk", flat=True)[:limit])
    for notice_id in ids:
        enqueue(notice_id)
    return ids
