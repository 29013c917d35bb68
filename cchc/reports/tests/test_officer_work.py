"""Officers' work for leaders (issue 11 point 4), worked out by hand from six dossiers.

Every dossier is a 3-working-day birth registration received at 09:00 on Monday 3 July 2023, so it is due on
Thursday 6 July at 09:00 (cchc.testing.factories). A working day is the office sessions 07:00-11:30 and
13:30-17:00 (8 hours, settings.CCHC_OFFICE_HOURS), Monday to Friday. Processing time = working time from receipt to
result less the applicant's waits (metrics.md "processing_working_days"). Late = finished after the deadline.

| dossier | desk    | handler       | history                                                    | result     | days |
| ------- | ------- | ------------- | ---------------------------------------------------------- | ---------- | ---- |
| A1      | Gio An  | specialist_a  | issued Tue 4 Jul 09:00                                      | early      | 1.00 |
| A2      | Gio An  | specialist_a  | apology Tue 4 Jul 10:00 ("Chờ xác minh hộ tịch"), issued    | late       | 4.00 |
|         |         |               | Fri 7 Jul 09:00: at its deadline it was with the handler    |            |      |
| A3      | Gio An  | specialist_a  | supplement asked Mon 3 Jul 11:00, brought Wed 5 Jul 11:00   | late       | 4.00 |
|         |         |               | (2 working days waited; the time limit restarts: due Mon 10  |            |      |
|         |         |               | Jul 11:00), issued Tue 11 Jul 09:00: with the handler then   |            |      |
| A4      | Gio An  | specialist_a2 | issued Thu 6 Jul 08:00 (the due day, before 09:00)          | on time    | 2.88 |
| A5      | Gio An  | specialist_a2 | submitted, never approved: open and overdue on 30 Sep       | –          | –    |
| B1      | Gio Châu| specialist_b  | issued Tue 4 Jul 09:00                                      | early      | 1.00 |

Days: A1 3 Jul 09:00 → 4 Jul 09:00 = 2.5 h + 3.5 h + 2 h = 8 h = 1 day. A2 → Fri 7 Jul 09:00 = 4 days. A3 → Tue 11
Jul 09:00 = 6 days (3, 4, 5, 6, 7, 10 July) less the 2 days waited = 4 days. A4 → Thu 6 Jul 08:00 = 3 days less
1 hour = 6 + 8 + 8 + 1 = 23 h = 2.875 days, kept as 2.88 (2 decimals, half-up).
So specialist_a: 3 resolved, 1 on time, 2 late (1 with an apology, 1 after a supplement, both missed with the
handler), average (1 + 4 + 4) / 3 = 3.00, 1 supplement asked; specialist_a2: 1 resolved on time, 2.88, 1 open
and overdue. Gio An: 4 resolved, 2 late, average (1 + 4 + 4 + 2.88) / 4 = 11.88 / 4 = 2.97.
Satisfaction: A1's form "very satisfied", A4's "not satisfied": specialist_a 100,00 %, specialist_a2 0,00 %.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cchc.accounts.models import Membership, Role
from cchc.dossiers import services
from cchc.feedback.evaluations import evaluation_submit
from cchc.lib.periods import parse_period
from cchc.reports.officer_work import officer_work
from cchc.testing.factories import local, received_dossier, run_at, user_with_role

D = Decimal
URL = "/can-bo/reports/officers/"


def walk(unit, *, desk, handler, leader, issued_at, apology=None, supplement=None, approve=True, late_steps=False):
    """Received 3 July 09:00 and assigned at 10:00; submitted and approved on 3 July at 11:00 and 11:30, or with
    `late_steps` at 08:00 and 08:30 on the day of the result (so the handler holds it at its deadline)."""
    dossier = received_dossier(unit, by=desk)
    run_at(local(2023, 7, 3, 10), services.dossier_assign, dossier=dossier, by=desk, to=handler)
    if supplement:
        asked, brought = supplement
        run_at(asked, services.dossier_request_supplement, dossier=dossier, by=handler, reason="Thiếu giấy chứng sinh")
        run_at(brought, services.dossier_supplement, dossier=dossier, by=desk)
    if apology:
        run_at(
            local(2023, 7, 4, 10),
            services.dossier_apologize,
            dossier=dossier,
            by=leader,
            reason=apology,
            new_due_at=local(2023, 7, 12, 9),
        )
    if late_steps:
        submit_at, approve_at = issued_at.replace(hour=8, minute=0), issued_at.replace(hour=8, minute=30)
    else:
        submit_at, approve_at = local(2023, 7, 3, 11), local(2023, 7, 3, 11, 30)
    run_at(submit_at, services.dossier_submit, dossier=dossier, by=handler)
    if not approve:
        return dossier
    run_at(approve_at, services.dossier_approve, dossier=dossier, by=leader)
    return run_at(issued_at, services.dossier_issue_result, dossier=dossier, by=handler)


@pytest.fixture
def history(cast):
    a = {"desk": cast.desk_a, "handler": cast.specialist_a, "leader": cast.leader_a}
    a2 = {**a, "handler": user_with_role(cast.commune_a, Role.SPECIALIST, "specialist_a2")}
    d = {
        "A1": walk(cast.commune_a, **a, issued_at=local(2023, 7, 4, 9)),
        "A2": walk(
            cast.commune_a, **a, issued_at=local(2023, 7, 7, 9), apology="Chờ xác minh hộ tịch", late_steps=True
        ),
        "A3": walk(
            cast.commune_a,
            **a,
            issued_at=local(2023, 7, 11, 9),
            supplement=(local(2023, 7, 3, 11), local(2023, 7, 5, 11)),
            late_steps=True,
        ),
        "A4": walk(cast.commune_a, **a2, issued_at=local(2023, 7, 6, 8)),
        "A5": walk(cast.commune_a, **a2, issued_at=local(2023, 7, 5, 9), approve=False),
        "B1": walk(
            cast.commune_b,
            desk=cast.desk_b,
            handler=cast.specialist_b,
            leader=cast.leader_b,
            issued_at=local(2023, 7, 4, 9),
        ),
    }
    evaluation_submit(dossier=d["A1"], satisfaction="very_satisfied", submitted_at=local(2023, 7, 20, 9))
    evaluation_submit(dossier=d["A4"], satisfaction="unsatisfied", submitted_at=local(2023, 7, 20, 9))
    cast.specialist_a2 = a2["handler"]
    cast.d = d
    return cast


def test_the_histories_are_what_the_table_says(history):
    d = {k: v.__class__.objects.get(pk=v.pk) for k, v in history.d.items()}
    assert [d[k].processing_working_days for k in ("A1", "A2", "A3", "A4")] == [D("1"), D("4"), D("4"), D("2.88")]
    assert d["A3"].due_at == local(2023, 7, 10, 11)
    assert d["A5"].finished_at is None


def test_per_officer_and_per_unit_by_hand(history):
    work = officer_work(history.commune_a, parse_period("Q3/2023", "calendar"))
    rows = {r.label: r for r in work.officers}
    a, a2 = rows[str(history.specialist_a)], rows[str(history.specialist_a2)]
    assert (a.counts["resolved"], a.on_time, a.late, a.processing_avg, a.supplements) == (3, 1, 2, D("3.00"), 1)
    assert a.causes == {"with_apology": 1, "missed_before_wait": 0, "had_supplement": 1}
    assert a.stages["in_process"] == 2 and sum(a.stages.values()) == 2
    assert a.top_reasons == [("Chờ xác minh hộ tịch", 1)]
    assert a.on_time_rate == D("33.33")
    assert (a2.counts["resolved"], a2.on_time, a2.late, a2.processing_avg) == (1, 1, 0, D("2.88"))
    assert a2.counts["pending_overdue"] == 1
    assert a.satisfaction.rate == D("100.00") and a2.satisfaction.rate == D("0.00")
    # Gio An's own officers only: nobody of Gio Châu.
    assert str(history.specialist_b) not in rows
    [(unit, row)] = work.units
    assert unit == history.commune_a
    assert (row.counts["resolved"], row.late, row.counts["pending_overdue"], row.processing_avg) == (4, 2, 1, D("2.97"))
    assert work.total.counts == row.counts


def test_district_leader_sees_the_communes_and_counts_agree_with_the_report(history):
    from cchc.reports.figures.dossiers import dossier_figures

    period = parse_period("Q3/2023", "calendar")
    work = officer_work(history.district, period)
    figures = dossier_figures(unit=history.district, period=period)
    for key in ("resolved", "resolved_late", "pending_overdue"):
        assert work.total.counts[key] == figures.counts[key] == sum(r.counts[key] for r in work.officers)
    assert work.total.processing_avg == figures.durations["processing_working_days_avg"]
    assert {u.code for u, _r in work.units} >= {"gio-an", "gio-chau", "gio-linh"}


def _login(client, user):
    client.force_login(user)


def test_page_links_each_count_to_its_dossiers(client, history):
    _login(client, history.leader_a)
    response = client.get(URL, {"unit": "gio-an", "period": "quý 3/2023", "cutoff": "calendar"})
    assert response.status_code == 200
    html = response.content.decode()
    assert str(history.specialist_a) in html and str(history.specialist_b) not in html
    assert "2,97" in html and "33,33%" in html
    # The late count of specialist_a opens exactly A2 and A3.
    url = (
        reverse("reports:figure_dossiers")
        + "?unit=gio-an&scope=tree&period=Q3%2F2023&cutoff=calendar&key=resolved_late"
        + f"&handler={history.specialist_a.pk}"
    )
    listed = client.get(url).content.decode()
    assert history.d["A2"].code in listed and history.d["A3"].code in listed and history.d["A1"].code not in listed
    apology = client.get(url + "&detail=with_apology").content.decode()
    assert history.d["A2"].code in apology and history.d["A3"].code not in apology
    stage = client.get(url + "&detail=stage_in_process").content.decode()
    assert history.d["A2"].code in stage and history.d["A3"].code in stage
    supplements = client.get(
        reverse("reports:figure_dossiers")
        + f"?unit=gio-an&scope=tree&period=Q3%2F2023&cutoff=calendar&key=total&handler={history.specialist_a.pk}"
        "&detail=supplement_asked"
    ).content.decode()
    assert history.d["A3"].code in supplements and history.d["A2"].code not in supplements
    assert client.get(url + "&detail=nonsense").status_code == 404


def test_sorting_by_a_column(client, history):
    _login(client, history.leader_a)
    html = client.get(URL, {"unit": "gio-an", "period": "Q3/2023", "cutoff": "calendar", "sort": "late", "dir": "desc"})
    text = html.content.decode()
    assert text.index(str(history.specialist_a)) < text.index(str(history.specialist_a2))
    html = client.get(URL, {"unit": "gio-an", "period": "Q3/2023", "cutoff": "calendar", "sort": "late", "dir": "asc"})
    body = html.content.decode().split('id="officers-table"')[1]
    assert body.index(str(history.specialist_a2)) < body.index(str(history.specialist_a))


def test_another_units_leader_sees_nothing_of_them(client, history):
    _login(client, history.leader_b)
    assert client.get(URL, {"unit": "gio-an", "period": "Q3/2023"}).status_code == 404
    own = client.get(URL, {"unit": "gio-chau", "period": "Q3/2023", "cutoff": "calendar"}).content.decode()
    assert str(history.specialist_a) not in own and str(history.specialist_b) in own
    # A specialist is no leader: refused.
    _login(client, history.specialist_a)
    assert client.get(URL).status_code == 403


def test_xlsx_export_read_back(client, history):
    _login(client, history.leader_a)
    response = client.get(URL, {"unit": "gio-an", "period": "Q3/2023", "cutoff": "calendar", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    head = rows[1]
    line = next(r for r in rows[2:] if r[0] == str(history.specialist_a))
    assert line[head.index("Đã giải quyết")] == 3
    assert line[head.index("Trễ hạn")] == 2
    assert line[head.index("Thời gian xử lý bình quân (ngày làm việc)")] == 3.0
    units = list(book.worksheets[1].iter_rows(values_only=True))
    assert units[2][0] == "UBND xã Gio An"


def test_bounded_queries_whatever_the_officers(client, history, django_assert_max_num_queries):
    """A fixed number of grouped queries (officer_work's docstring counts them) plus the page's own (session,
    user, menu, form): as many with four more officers and their dossiers, so none is made per officer."""
    _login(client, history.leader_district)
    params = {"unit": "gio-linh", "period": "Q3/2023", "cutoff": "calendar"}
    with django_assert_max_num_queries(30) as first:
        assert client.get(URL, params).status_code == 200
    for n in range(4):
        extra = user_with_role(history.commune_b, Role.SPECIALIST, f"extra_{n}")
        walk(
            history.commune_b,
            desk=history.desk_b,
            handler=extra,
            leader=history.leader_b,
            issued_at=local(2023, 7, 4, 9),
        )
    with django_assert_max_num_queries(len(first)) as second:
        html = client.get(URL, params).content.decode()
    assert all(str(m.user) in html for m in Membership.objects.filter(user__username__startswith="extra_"))
    assert len(second) == len(first)


def test_the_filled_page_and_its_drill_down_show_no_english(client, history):
    from cchc.web.tests.test_vietnamese_everywhere import english_on, english_texts, page_text

    texts = english_texts()
    _login(client, history.leader_a)
    page = client.get(URL, {"unit": "gio-an", "period": "Q3/2023", "cutoff": "calendar"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert english_on(page_text(page.content.decode()), texts) == []
    url = (
        reverse("reports:figure_dossiers")
        + "?unit=gio-an&scope=tree&period=Q3%2F2023&cutoff=calendar&key=resolved_late"
        + f"&handler={history.specialist_a.pk}&detail=stage_in_process"
    )
    assert english_on(page_text(client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()), texts) == []
