"""Warnings one working day before a dossier's deadline (`cchc warn`): who is told, when by the project's calendar,
once per dossier and deadline, by e-mail through the task queue (Django's outbox) and on the work list."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cchc.dossiers import services
from cchc.notices.models import DeadlineWarning
from cchc.notices.warnings import warn_due
from cchc.procedures.models import ProcedureLevel
from cchc.testing.factories import ProcedureFactory, in_process_dossier, local, run_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast):
    for user, address in ((cast.specialist_a, "chuyenvien@example.vn"), (cast.leader_a, "lanhdao@example.vn")):
        user.email = address
        user.save()
    return cast


def run(when: dt.datetime, captured) -> list:
    """`cchc warn` as the timer runs it at `when`, with the e-mails of its commit sent."""
    with time_machine.travel(when, tick=False), captured(execute=True):
        out = io.StringIO()
        call_command("warn", stdout=out)
    return out.getvalue().splitlines()


def test_a_friday_afternoon_deadline_is_warned_on_thursday_afternoon(people, django_capture_on_commit_callbacks):
    # Received Tuesday 4 July 2023 at 14:00 (before the paper cut-off), 3 working days: due Friday 7 July at 14:00
    # (the working time runs out three office days later at the same hour).
    dossier = in_process_dossier(people.commune_a, at=local(2023, 7, 4, 14, 0))
    assert dossier.due_at == local(2023, 7, 7, 14, 0)
    # One working day before: Thursday 14:00. The run at 13:45 is too early.
    assert run(local(2023, 7, 6, 13, 45), django_capture_on_commit_callbacks)[-1] == "Số hồ sơ đã cảnh báo: 0."
    assert mail.outbox == []
    lines = run(local(2023, 7, 6, 14, 0), django_capture_on_commit_callbacks)
    assert lines[-1] == "Số hồ sơ đã cảnh báo: 1."
    # The handler and the unit's leader, each by e-mail, in Vietnamese, without the applicant's data.
    assert sorted(m.to[0] for m in mail.outbox) == ["chuyenvien@example.vn", "lanhdao@example.vn"]
    message = mail.outbox[0]
    assert dossier.code in message.subject and "14:00 07/07/2023" in message.subject
    assert "thư xin lỗi" in message.body and "Kính gửi" in message.body
    assert "Nguyễn Thị Hoa" not in message.body and "0914000111" not in message.body
    # A re-run (the next quarter hour, or the same one twice) warns no one again.
    assert run(local(2023, 7, 6, 14, 15), django_capture_on_commit_callbacks)[-1] == "Số hồ sơ đã cảnh báo: 0."
    assert warn_due(local(2023, 7, 6, 14, 0)) == []
    assert len(mail.outbox) == 2
    warning = DeadlineWarning.objects.get()
    assert set(warning.recipients.all()) == {people.specialist_a, people.leader_a}


def test_across_a_holiday_the_working_day_before_it_is_warned(people, django_capture_on_commit_callbacks):
    # 30 April and 1 May 2024 are public holidays and Monday 29 April was swapped off (cchc/lib/workdays.py's
    # calendar data): after Friday 26 April the next working day is Thursday 2 May. A 2-working-day dossier
    # received Thursday 25 April at 14:00 counts Friday 26 April and Thursday 2 May: due Thursday 2 May at 14:00.
    # One working day before it is Friday 26 April at 14:00, six calendar days ahead.
    procedure = ProcedureFactory.create(code="1.000002", level=ProcedureLevel.COMMUNE, processing_days=2)
    dossier = in_process_dossier(people.commune_a, at=local(2024, 4, 25, 14, 0), procedure=procedure)
    assert dossier.due_at == local(2024, 5, 2, 14, 0)
    assert run(local(2024, 4, 26, 13, 45), django_capture_on_commit_callbacks)[-1] == "Số hồ sơ đã cảnh báo: 0."
    assert run(local(2024, 4, 26, 14, 0), django_capture_on_commit_callbacks)[-1] == "Số hồ sơ đã cảnh báo: 1."
    assert len(mail.outbox) == 2


def test_a_new_deadline_after_a_supplement_is_warned_again(people, django_capture_on_commit_callbacks):
    dossier = in_process_dossier(people.commune_a, at=local(2023, 7, 4, 14, 0))
    run(local(2023, 7, 6, 14, 0), django_capture_on_commit_callbacks)
    assert DeadlineWarning.objects.count() == 1
    # Thursday 14:30 the specialist asks for a supplement (the clock stops); it comes Monday 10 July at 09:00 and
    # the time limit restarts: 3 working days, due Thursday 13 July at 09:00.
    run_at(
        local(2023, 7, 6, 14, 30),
        services.dossier_request_supplement,
        dossier=dossier,
        by=people.specialist_a,
        reason="Thiếu bản sao",
    )
    run_at(local(2023, 7, 10, 9, 0), services.dossier_supplement, dossier=dossier, by=people.desk_a)
    dossier.refresh_from_db()
    assert dossier.due_at == local(2023, 7, 13, 9, 0)
    # While it waited nothing was warned; for the new deadline, Wednesday 12 July at 09:00.
    assert run(local(2023, 7, 12, 8, 45), django_capture_on_commit_callbacks)[-1] == "Số hồ sơ đã cảnh báo: 0."
    assert run(local(2023, 7, 12, 9, 0), django_capture_on_commit_callbacks)[-1] == "Số hồ sơ đã cảnh báo: 1."
    assert DeadlineWarning.objects.filter(dossier=dossier).count() == 2
    assert len(mail.outbox) == 4


def test_the_work_list_shows_the_warning_until_an_apology_is_issued(client, people, django_capture_on_commit_callbacks):
    dossier = in_process_dossier(people.commune_a, at=local(2023, 7, 4, 14, 0))
    run(local(2023, 7, 6, 14, 0), django_capture_on_commit_callbacks)
    client.force_login(people.specialist_a)
    with time_machine.travel(local(2023, 7, 6, 14, 5), tick=False):
        html = client.get(reverse("web:worklist")).content.decode()
    assert 'id="deadline-warnings"' in html and dossier.code in html
    assert "1 hồ sơ đến hạn trong một ngày làm việc" in html
    # Someone who was not told (another commune's desk officer) sees no banner.
    client.force_login(people.desk_b)
    with time_machine.travel(local(2023, 7, 6, 14, 5), tick=False):
        assert 'id="deadline-warnings"' not in client.get(reverse("web:worklist")).content.decode()
    # Once the apology letter is out the banner goes.
    run_at(
        local(2023, 7, 6, 14, 10),
        services.dossier_apologize,
        dossier=dossier,
        by=people.leader_a,
        new_due_at=local(2023, 7, 10, 16, 0),
        reason="Cần xác minh thêm",
    )
    client.force_login(people.specialist_a)
    with time_machine.travel(local(2023, 7, 6, 14, 15), tick=False):
        assert 'id="deadline-warnings"' not in client.get(reverse("web:worklist")).content.decode()
