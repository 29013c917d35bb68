"""The notices' background work, run by the django-tasks backend of settings.TASKS (docs/decisions/0017)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_notice(notice_id: int) -> str:
    """Send one notice through its channel's backend; a failure is recorded on it and retried later."""
    from .services import deliver

    return deliver(notice_id)
