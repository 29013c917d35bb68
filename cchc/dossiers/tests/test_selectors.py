"""Shared reads: work lists with deadline flags, search, the tracking book, reminders by officer."""

from __future__ import annotations

from django.core.management import call_command

from cchc.dossiers import selectors, services
from cchc.dossiers.models import Dossier
from cchc.lib.periods import parse_period
from cchc.testing.factories import (
    APPLICANT,
    awaiting_supplement_dossier,
    in_process_dossier,
    local,
    received_dossier,
    resolved_dossier,
    returned_dossier,
)


def test_worklist_orders_by_deadline_and_flags_due_soon_and_overdue(cast):
    """Overdue: deadline passed; due soon: within one working day; paused and finished dossiers are neither."""
    late = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))  # due Thu 6 July 09:00
    soon = received_dossier(cast.commune_a, at=local(2023, 7, 5, 9, 0))  # due Mon 10 July 09:00
    later = received_dossier(cast.commune_a, at=local(2023, 7, 7, 9, 0))  # due Wed 12 July 09:00
    paused = awaiting_supplement_dossier(cast.commune_a, at=local(2023, 7, 3, 8, 0))
    resolved_dossier(cast.commune_a, at=local(2023, 7, 3, 8, 0))
    now = local(2023, 7, 7, 10, 0)  # Friday: one working day ahead is Monday 10:00
    rows = list(selectors.worklist_for_user(cast.desk_a, now=now))
    assert [d.pk for d in rows] == [paused.pk, late.pk, soon.pk, later.pk]
    flags = {d.pk: (d.is_overdue, d.is_due_soon) for d in rows}
    assert flags == {
        paused.pk: (False, False),
        late.pk: (True, False),
        soon.pk: (False, True),
        later.pk: (False, False),
    }
    assert list(selectors.worklist_for_user(cast.desk_b, now=now)) == []
    assert list(selectors.worklist_for_user(cast.reform_officer, unit=cast.commune_b, now=now)) == []


def test_worklist_mine(cast):
    mine = in_process_dossier(cast.commune_a)  # assigned to specialist_a
    received_dossier(cast.commune_a)  # unassigned, received by desk_a
    assert [d.pk for d in selectors.worklist_for_user(cast.specialist_a, mine=True)] == [mine.pk]
    assert len(selectors.worklist_for_user(cast.desk_a, mine=True)) == 1
    assert len(selectors.worklist_for_user(cast.desk_a)) == 2


def test_search_by_personal_data_only_where_the_user_handles(cast):
    """Code and procedure match for any viewer; applicant name or ID only for those handling the dossier."""
    a = received_dossier(cast.commune_a)
    assert list(selectors.dossier_search(cast.desk_a, a.code[-8:])) == [a]
    assert list(selectors.dossier_search(cast.desk_a, "khai sinh")) == [a]
    assert list(selectors.dossier_search(cast.desk_a, APPLICANT["id_number"])) == [a]
    assert list(selectors.dossier_search(cast.desk_a, "Thị Hoa")) == [a]
    assert list(selectors.dossier_search(cast.reform_officer, "1.001612")) == [a]
    assert list(selectors.dossier_search(cast.reform_officer, APPLICANT["id_number"])) == []
    assert list(selectors.dossier_search(cast.desk_b, a.code)) == []
    assert list(selectors.dossier_search(cast.desk_a, "  ")) == []


def test_tracking_book_lists_the_desk_receipts_of_the_period_in_order(cast):
    second = received_dossier(cast.commune_a, at=local(2023, 9, 30, 9, 0))
    first = received_dossier(cast.commune_a, at=local(2023, 7, 1, 0, 5))
    received_dossier(cast.commune_a, at=local(2023, 6, 30, 23, 55))
    received_dossier(cast.commune_a, at=local(2023, 10, 1, 0, 0))
    received_dossier(cast.commune_b, at=local(2023, 8, 1, 9, 0))
    book = list(selectors.tracking_book(cast.commune_a, parse_period("2023-Q3")))
    assert book == [first, second]


def test_querysets(cast):
    finished = returned_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    open_late = received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    assert list(Dossier.objects.open()) == [open_late]
    assert set(Dossier.objects.pending(local(2023, 7, 3, 9, 30))) == {finished, open_late}
    assert list(Dossier.objects.overdue(at=local(2023, 7, 7, 9, 0))) == [open_late]
    assert list(Dossier.objects.finished_in(parse_period("2023-07"))) == [finished]
    assert not Dossier.objects.finished_in(parse_period("2023-08")).exists()


def test_due_soon_and_overdue_by_officer(cast):
    """Assigned dossiers go to the handler, unassigned ones to the desk officer who received them."""
    assigned = in_process_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    unassigned = received_dossier(cast.commune_a, at=local(2023, 7, 5, 9, 0))
    received_dossier(cast.commune_a, at=local(2023, 7, 7, 9, 0))
    result = selectors.due_soon_and_overdue_by_officer(local(2023, 7, 7, 10, 0))
    assert result == {cast.specialist_a: ([], [assigned]), cast.desk_a: ([unassigned], [])}


def test_remind_sends_each_officer_one_mail(cast, mailoutbox, capsys):
    """`remind` mails text and HTML to each officer with something due; --dry-run only prints."""
    cast.specialist_a.email = "spec@example.org"
    cast.specialist_a.save()
    overdue = in_process_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))
    received_dossier(cast.commune_a, at=local(2023, 7, 3, 9, 0))  # desk_a has no e-mail address
    call_command("remind", "--dry-run")
    assert mailoutbox == []
    assert "specialist_a: 0 hồ sơ sắp đến hạn, 1 hồ sơ quá hạn" in capsys.readouterr().out
    call_command("remind")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["spec@example.org"]
    assert overdue.code in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and overdue.code in html
    services.dossier_return(dossier=overdue, by=cast.desk_a, reason="x")
    mailoutbox.clear()
    call_command("remind")
    assert mailoutbox == []


def test_workflow_doc_is_up_to_date():
    """docs/workflow.md is what `cchc workflow_diagram` writes from workflow.TABLE."""
    from cchc.dossiers.management.commands.workflow_diagram import DOC_PATH, render_workflow_markdown

    assert DOC_PATH.read_text(encoding="utf-8") == render_workflow_markdown()
