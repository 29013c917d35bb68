"""Work lists that follow the job (issue 9): each role lands on its queue, tabs with counts equal to their rows,
deadline filters, procedure and handler filters, paging, sort by due date."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cchc.dossiers import selectors, services
from cchc.dossiers.workflow import Status
from cchc.testing.factories import (
    awaiting_approval_dossier,
    awaiting_supplement_dossier,
    dossier_in,
    in_process_dossier,
    local,
    received_dossier,
    refused_dossier,
    resolved_dossier,
    run_at,
)


def page(client, user, **params) -> str:
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client.get(reverse("web:worklist"), params).content.decode()


def tab_counts(html: str) -> dict[str, int]:
    return {k: int(n) for k, n in re.findall(r'id="tab-(\w+)"[^>]*>[^<]*<span class="count">(\d+)</span>', html)}


def active_tab(html: str) -> str:
    match = re.search(r'class="wl-tab active" id="tab-(\w+)"', html)
    assert match is not None
    return match.group(1)


def codes(html: str) -> list[str]:
    return re.findall(r'class="code">([^<]+)</a>', html)


def test_after_log_in_each_role_lands_on_its_job(client, cast):
    for user, where in [
        (cast.desk_a, reverse("web:worklist")),
        (cast.specialist_a, reverse("web:worklist")),
        (cast.leader_a, reverse("web:worklist")),
        (cast.reform_officer, reverse("reports:report")),
    ]:
        client.logout()
        response = client.post(reverse("login"), {"username": user.username, "password": "pass-1234"})
        assert response.status_code == 302 and response["Location"] == reverse("web:landing")
        assert client.get(reverse("web:landing"))["Location"] == where, user.username


def test_each_role_gets_its_tabs_and_opens_on_the_first(client, cast):
    desk = page(client, cast.desk_a)
    assert list(tab_counts(desk)) == ["check", "guide", "supplemented", "handover", "mine", "unit"]
    assert active_tab(desk) == "check"
    assert active_tab(page(client, cast.specialist_a)) == "assigned"
    leader = page(client, cast.leader_a)
    assert list(tab_counts(leader))[:2] == ["approve", "apology"] and active_tab(leader) == "approve"
    assert list(tab_counts(page(client, cast.reform_officer))) == ["mine", "unit"]


def test_the_desk_s_queues(client, cast):
    new = received_dossier(cast.commune_a)
    waiting = awaiting_supplement_dossier(cast.commune_a)
    # Asked at reception (nobody handles it): the supplement comes back to the desk's list.
    arrived = received_dossier(cast.commune_a)
    services.dossier_request_supplement(dossier=arrived, by=cast.desk_a, reason="Thiếu bản sao", at=arrived.received_at)
    services.dossier_supplement(dossier=arrived, by=cast.desk_a)
    # Asked by its handler: it goes back to the handler's list, not the desk's.
    handled = awaiting_supplement_dossier(cast.commune_a)
    services.dossier_supplement(dossier=handled, by=cast.desk_a)
    ready = dossier_in(Status.RESULT_ISSUED, cast.commune_a)
    refused = refused_dossier(cast.commune_a)
    delivered = resolved_dossier(cast.commune_a)
    processing = in_process_dossier(cast.commune_a)
    other_desk = received_dossier(cast.commune_b)
    assert codes(page(client, cast.desk_a, tab="check")) == [new.code]
    assert codes(page(client, cast.desk_a, tab="guide")) == [waiting.code]
    assert codes(page(client, cast.desk_a, tab="supplemented")) == [arrived.code]
    handover = codes(page(client, cast.desk_a, tab="handover"))
    assert sorted(handover) == sorted([ready.code, refused.code])
    every = " ".join(codes(page(client, cast.desk_a, tab="unit")))
    assert processing.code in every and delivered.code not in every and other_desk.code not in every
    assert handled.code in codes(page(client, cast.specialist_a, tab="assigned"))
    # Once the desk moves it on (assigns it), the supplement is no longer news.
    services.dossier_assign(dossier=arrived, by=cast.desk_a, to=cast.specialist_a)
    assert codes(page(client, cast.desk_a, tab="supplemented")) == []


def test_the_leader_s_queues_approval_and_apologies(client, cast):
    to_approve = awaiting_approval_dossier(cast.commune_a)
    late = in_process_dossier(cast.commune_a)  # received in July 2023, three working days: long overdue
    apologized = in_process_dossier(cast.commune_a)
    # In time: no later than one day before the deadline (Decree 61/2018 Art. 19(9)); due 6 July 09:00.
    run_at(
        local(2023, 7, 4, 10),
        services.dossier_apologize,
        dossier=apologized,
        by=cast.leader_a,
        reason="Cần xác minh thêm",
        new_due_at=local(2023, 7, 12, 9),
    )
    fresh = in_process_dossier(cast.commune_a, at=timezone.now())  # far from its deadline
    assert codes(page(client, cast.leader_a)) == [to_approve.code]
    apologies = codes(page(client, cast.leader_a, tab="apology"))
    assert late.code in apologies and to_approve.code in apologies  # also overdue
    assert apologized.code not in apologies and fresh.code not in apologies
    assert codes(page(client, cast.leader_b, tab="approve")) == []


def test_counts_equal_the_rows_of_each_tab_under_the_filters(client, cast):
    received_dossier(cast.commune_a)
    received_dossier(cast.commune_a, at=timezone.now())
    awaiting_supplement_dossier(cast.commune_a)
    in_process_dossier(cast.commune_a, to=cast.specialist_a)
    dossier_in(Status.RESULT_ISSUED, cast.commune_a)
    for flags in ({}, {"loc": "overdue"}, {"loc": "waiting"}):
        counts = tab_counts(page(client, cast.desk_a, **flags))
        for tab, count in counts.items():
            assert len(codes(page(client, cast.desk_a, tab=tab, **flags))) == count, (tab, flags)
    assert tab_counts(page(client, cast.desk_a, loc="waiting"))["guide"] == 1
    assert tab_counts(page(client, cast.desk_a, loc="overdue"))["check"] == 1


def test_deadline_filters(client, cast, half_day_procedure, long_procedure):
    overdue = received_dossier(cast.commune_a)
    soon = received_dossier(cast.commune_a, at=timezone.now(), procedure=half_day_procedure)
    later = received_dossier(cast.commune_a, at=timezone.now(), procedure=long_procedure)
    waiting = awaiting_supplement_dossier(cast.commune_a)
    assert codes(page(client, cast.desk_a, tab="unit", loc="overdue")) == [overdue.code]
    assert codes(page(client, cast.desk_a, tab="unit", loc="soon")) == [soon.code]
    assert codes(page(client, cast.desk_a, tab="unit", loc="waiting")) == [waiting.code]
    assert later.code in codes(page(client, cast.desk_a, tab="unit"))


def test_procedure_and_handler_filters(client, cast, long_procedure):
    by_specialist = in_process_dossier(cast.commune_a, to=cast.specialist_a)
    other = received_dossier(cast.commune_a, procedure=long_procedure)
    html = page(client, cast.leader_a, tab="unit", handler=cast.specialist_a.pk)
    assert codes(html) == [by_specialist.code]
    assert codes(page(client, cast.leader_a, tab="unit", procedure=long_procedure.pk)) == [other.code]
    # The procedure list offers the procedures of the tab's dossiers.
    html = page(client, cast.leader_a, tab="unit")
    assert f'value="{long_procedure.pk}"' in html


def test_sorted_by_due_date_nulls_last_and_by_receipt(client, cast, half_day_procedure, long_procedure):
    no_limit = received_dossier(cast.commune_a, at=timezone.now())
    no_limit.due_at = None
    no_limit.save(update_fields=["due_at"])
    later = received_dossier(cast.commune_a, at=timezone.now(), procedure=long_procedure)
    soon = received_dossier(cast.commune_a, at=timezone.now(), procedure=half_day_procedure)
    first = received_dossier(cast.commune_a)
    assert codes(page(client, cast.desk_a)) == [first.code, soon.code, later.code, no_limit.code]
    newest = codes(page(client, cast.desk_a, sort="-received"))
    assert newest[-1] == first.code


def test_paging_by_fifty(client, cast):
    made = [received_dossier(cast.commune_a).code for _ in range(53)]
    first = page(client, cast.desk_a)
    assert len(codes(first)) == 50 and tab_counts(first)["check"] == 53
    assert "1–50 of 53 dossiers" in first and 'rel="next"' in first
    second = page(client, cast.desk_a, page=2)
    assert len(codes(second)) == 3 and 'rel="prev"' in second
    assert sorted(codes(first) + codes(second)) == sorted(made)
    assert codes(page(client, cast.desk_a, page=99)) == codes(second)  # past the end: the last page


def test_the_counts_of_all_tabs_come_from_one_query(cast):
    for _ in range(3):
        received_dossier(cast.commune_a)
    with CaptureQueriesContext(connection) as queries:
        result = selectors.worklist(cast.desk_a, selectors.CHECK)
    assert result.counts[selectors.CHECK] == 3 and len(result.counts) == 6
    assert [q["sql"].count("COUNT(") for q in queries.captured_queries if "dossiers_dossier" in q["sql"]] == [6]


def test_vietnamese_tabs(client, cast):
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:worklist")).content.decode()
    assert "Hồ sơ mới tiếp nhận" in html and "Kết quả chờ trả" in html and "Sắp xếp theo" in html


def test_the_dossier_page_shows_the_flag(client, cast, half_day_procedure):
    overdue = received_dossier(cast.commune_a)  # received in July 2023, three working days: long past
    soon = received_dossier(cast.commune_a, at=timezone.now(), procedure=half_day_procedure)
    waiting = awaiting_supplement_dossier(cast.commune_a)  # the applicant holds the clock: no flag
    client.force_login(cast.desk_a)
    client.cookies["django_language"] = "en"
    assert "flag-overdue" in client.get(overdue.get_absolute_url()).content.decode()
    assert "flag-soon" in client.get(soon.get_absolute_url()).content.decode()
    page_of_waiting = client.get(waiting.get_absolute_url()).content.decode()
    assert "flag-overdue" not in page_of_waiting and "flag-soon" not in page_of_waiting
