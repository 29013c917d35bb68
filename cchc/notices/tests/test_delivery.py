"""Delivering notices: Django's mail, an HTTP SMS gateway (a real server on 127.0.0.1), the log; a failure is
recorded and retried with a growing wait, `cchc notices retry` hands the due ones on again, and a notice is never
sent twice."""

from __future__ import annotations

import datetime as dt
import io
import logging
import socket

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cchc.notices import services
from cchc.notices.models import Notice, NoticeChannel, NoticeKind, NoticeStatus, mask
from cchc.testing.factories import received_dossier

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def cast_tx(cast):
    """The cast, in a test whose transactions really commit (the deliveries run after each commit)."""
    return cast


def sms_of(dossier) -> Notice:
    return Notice.objects.get(dossier=dossier, channel=NoticeChannel.SMS, kind=NoticeKind.RECEIVED)


def test_after_the_commit_the_email_is_in_the_outbox_and_the_sms_reaches_the_gateway(cast_tx, sms_gateway):
    dossier = received_dossier(cast_tx.commune_a, applicant=APPLICANT)
    assert [m.to for m in mail.outbox] == [["hoa.nguyen@example.vn"]]
    assert mail.outbox[0].body == Notice.objects.get(dossier=dossier, channel=NoticeChannel.EMAIL).body
    [request] = sms_gateway.received
    assert request["path"] == "/sms/send"
    assert request["authorization"] == "Bearer test-gateway-key"
    assert request["content_type"].startswith("application/json")
    sms = sms_of(dossier)
    assert request["json"] == {"to": "0914000111", "text": sms.body}
    assert "Hồ sơ" in request["json"]["text"]  # sent as Unicode, diacritics kept
    assert (sms.status, sms.attempts, sms.last_error, sms.next_attempt_at) == (NoticeStatus.SENT, 1, "", None)
    assert sms.sent_at is not None


def test_a_gateway_error_is_recorded_retried_after_a_minute_then_sent(cast_tx, sms_gateway):
    sms_gateway.answers = [500]
    dossier = received_dossier(cast_tx.commune_a, applicant=APPLICANT)
    sms = sms_of(dossier)
    assert sms.status == NoticeStatus.FAILED and sms.attempts == 1
    assert "500" in sms.last_error
    # The first retry waits 1 minute (services.RETRY_DELAYS).
    assert dt.timedelta(seconds=55) < sms.next_attempt_at - timezone.now() <= dt.timedelta(minutes=1)
    # The e-mail went out all the same: the channels are independent.
    assert len(mail.outbox) == 1
    # Before the wait is over the retry hands on nothing.
    out = io.StringIO()
    call_command("notices", "retry", stdout=out)
    assert out.getvalue().strip() == "0 notice(s) handed on"
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        out = io.StringIO()
        call_command("notices", "retry", stdout=out)
    assert out.getvalue().strip() == "1 notice(s) handed on: 1 sent"
    sms.refresh_from_db()
    assert (sms.status, sms.attempts, sms.next_attempt_at) == (NoticeStatus.SENT, 2, None)
    assert len(sms_gateway.received) == 2
    assert len(mail.outbox) == 1  # the sent e-mail is not sent again


def test_the_waits_grow_and_the_fifth_failure_gives_up(cast_tx, sms_gateway):
    sms_gateway.answers = [503] * 5
    dossier = received_dossier(cast_tx.commune_a, applicant=APPLICANT)
    sms = sms_of(dossier)
    waits = []
    now = timezone.now()
    for _attempt in range(4):
        sms.refresh_from_db()
        waits.append(round((sms.next_attempt_at - now).total_seconds() / 60))
        now = sms.next_attempt_at + dt.timedelta(seconds=1)
        with time_machine.travel(now):
            call_command("notices", "retry", stdout=io.StringIO())
    sms.refresh_from_db()
    assert waits == [1, 5, 30, 120]
    assert (sms.status, sms.attempts, sms.next_attempt_at) == (NoticeStatus.FAILED, 5, None)
    assert "503" in sms.last_error
    with time_machine.travel(now + dt.timedelta(days=1)):
        assert services.retry_due() == []
    assert len(sms_gateway.received) == 5


def test_an_unreachable_gateway_is_a_failure_that_never_fails_the_officer(cast_tx, settings, sms_gateway):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free_port = s.getsockname()[1]
    settings.CCHC_SMS_GATEWAY_URL = f"http://127.0.0.1:{free_port}/sms"
    dossier = received_dossier(cast_tx.commune_a, applicant=APPLICANT)
    sms = sms_of(dossier)
    assert sms.status == NoticeStatus.FAILED and "could not be reached" in sms.last_error
    assert dossier.pk is not None


def test_a_backend_that_raises_anything_is_recorded(cast_tx, settings):
    settings.CCHC_NOTICE_BACKENDS = {"sms": "cchc.notices.tests.test_delivery.BrokenBackend"}
    dossier = received_dossier(cast_tx.commune_a, applicant=APPLICANT)
    sms = sms_of(dossier)
    assert sms.status == NoticeStatus.FAILED and sms.last_error == "ZeroDivisionError: division by zero"


class BrokenBackend:
    def send(self, notice):
        return 1 / 0


def test_a_notice_is_sent_once_however_often_it_is_handed_on(cast_tx, sms_gateway):
    dossier = received_dossier(cast_tx.commune_a, applicant=APPLICANT)
    sms = sms_of(dossier)
    assert services.deliver(sms.pk) == NoticeStatus.SENT
    services.enqueue(sms.pk)
    assert len(sms_gateway.received) == 1
    sms.refresh_from_db()
    assert sms.attempts == 1


def test_a_notice_stranded_while_sending_is_taken_up_after_its_lease(cast_tx, sms_gateway):
    dossier = received_dossier(cast_tx.commune_a, applicant=APPLICANT)
    sms = sms_of(dossier)
    # As if the process had stopped in the middle of sending it.
    now = timezone.now()
    Notice.objects.filter(pk=sms.pk).update(
        status=NoticeStatus.SENDING, sent_at=None, next_attempt_at=now + services.SENDING_LEASE
    )
    assert services.retry_due() == []
    with time_machine.travel(now + services.SENDING_LEASE + dt.timedelta(seconds=1)):
        assert services.retry_due() == [sms.pk]
    sms.refresh_from_db()
    assert sms.status == NoticeStatus.SENT and len(sms_gateway.received) == 2


def test_the_retry_dry_run_counts_and_sends_nothing(cast_tx, sms_gateway):
    sms_gateway.answers = [500]
    received_dossier(cast_tx.commune_a, applicant=APPLICANT)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        out = io.StringIO()
        call_command("notices", "retry", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "1 notice(s) due for a retry"
    assert len(sms_gateway.received) == 1


def test_the_log_backend_writes_the_notice_with_the_recipient_masked(cast_tx, caplog):
    with caplog.at_level(logging.INFO, logger="cchc.notices"):
        dossier = received_dossier(cast_tx.commune_a, applicant=APPLICANT)
    text = caplog.text
    assert dossier.code in text and "091****111" in text and "h***@e***.vn" in text
    assert "0914000111" not in text and "hoa.nguyen@example.vn" not in text


def test_masks():
    assert mask("0914000111", "sms") == "091****111"
    assert mask("hoa.nguyen@example.vn", "email") == "h***@e***.vn"
    assert mask("12345", "sms") == "*****"
