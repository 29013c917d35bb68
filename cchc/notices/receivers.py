"""Signal receivers that turn dossier events and feedback answers into notices, without touching the services.

- post_save of a new DossierEvent whose action tells the applicant something (services.KIND_BY_ACTION): the
  event rows `workflow.apply` writes; the import writes its events with bulk_create, which sends no signal (and
  `import` is not such an action anyway), and an imported dossier is skipped.
- post_save of a Feedback whose `update_fields` name "answered_at" (cchc.feedback.services.feedback_answer).

A receiver runs inside the action's transaction: the notices are rows of it (rolled back with it) and are
delivered after it commits. It must never fail the officer's action: any error is logged and undone (savepoint).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from cchc.dossiers.models import DossierEvent
from cchc.feedback.models import Feedback

from . import services

logger = logging.getLogger("cchc.notices")

# Set while a job writes dossiers of made-up applicants (the demo's live dossiers): no notice is made for them, so a
# site with a real SMS gateway configured never texts an invented number.
_suppressed: ContextVar[bool] = ContextVar("cchc_notices_suppressed", default=False)


@contextmanager
def no_notices() -> Iterator[None]:
    """Within this block, dossier events and feedback answers make no notice."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


@receiver(post_save, sender=DossierEvent, dispatch_uid="cchc.notices.event")
def event_saved(sender: Any, instance: DossierEvent, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if not created or raw or _suppressed.get() or instance.action not in services.KIND_BY_ACTION:
        return
    try:
        with transaction.atomic():
            services.notices_for_event(instance)
    except Exception:
        logger.exception("no notice for the event %s of dossier %s", instance.pk, instance.dossier_id)


@receiver(post_save, sender=Feedback, dispatch_uid="cchc.notices.feedback")
def feedback_saved(
    sender: Any, instance: Feedback, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if raw or _suppressed.get() or not update_fields or "answered_at" not in update_fields:
        return
    if instance.answered_at is None:
        return
    try:
        with transaction.atomic():
            services.notices_for_feedback_answer(instance)
    except Exception:
        logger.exception("no notice for the answer to feedback %s", instance.pk)
