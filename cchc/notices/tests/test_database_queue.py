"""The production task queue (CCHC_TASKS_BACKEND=database: django-tasks-db with the django-tasks 0.12 backport):
a notice is stored as a task at the commit and sent by the worker `cchc db_worker`, which also runs a failed
notice's retry at its time (the backend defers tasks with run_after), without `cchc notices retry`."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cchc.notices.models import Notice, NoticeChannel, NoticeStatus
from cchc.testing.factories import received_dossier

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work() -> None:
    """Run the worker until the queue has nothing due, as `cchc db_worker --batch` does."""
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", **quiet)


def test_the_officer_only_queues_the_notice_and_the_worker_sends_it(cast, database_queue, sms_gateway):
    dossier = received_dossier(cast.commune_a, applicant=APPLICANT)
    # The officer's request wrote the tasks and sent nothing itself.
    assert DBTaskResult.objects.count() == 2
    assert mail.outbox == [] and sms_gateway.received == []
    assert set(Notice.objects.filter(dossier=dossier).values_list("status", flat=True)) == {NoticeStatus.QUEUED}
    work()
    assert len(mail.outbox) == 1 and len(sms_gateway.received) == 1
    assert set(Notice.objects.filter(dossier=dossier).values_list("status", flat=True)) == {NoticeStatus.SENT}


def test_the_worker_runs_the_deferred_retry_at_its_time(cast, database_queue, sms_gateway):
    sms_gateway.answers = [500]
    dossier = received_dossier(cast.commune_a, applicant=APPLICANT)
    work()
    sms = Notice.objects.get(dossier=dossier, channel=NoticeChannel.SMS)
    assert sms.status == NoticeStatus.FAILED
    [retry] = [result for result in DBTaskResult.objects.all() if result.task.run_after is not None]
    assert retry.run_after == sms.next_attempt_at
    work()  # not yet due: the worker leaves it
    sms.refresh_from_db()
    assert sms.status == NoticeStatus.FAILED and len(sms_gateway.received) == 1
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        work()
    sms.refresh_from_db()
    assert (sms.status, sms.attempts) == (NoticeStatus.SENT, 2)
    assert len(sms_gateway.received) == 2
