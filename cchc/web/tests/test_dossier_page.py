"""The dossier page: details, personal data, timeline, the actions the status allows, htmx posts, uploads."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.dossiers import services
from cchc.dossiers.models import DossierDocument, DossierEvent
from cchc.dossiers.workflow import Action, Status
from cchc.testing.factories import received_dossier


def act(client, dossier, action, htmx=True, **fields):
    data = {f"{action}-{k}": v for k, v in fields.items()}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("web:dossier_action", args=[dossier.code, action]), data, **headers)


def test_the_handler_sees_details_timeline_and_allowed_actions(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    response = client.get(dossier.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" in html and "045301000777" in html
    assert 'id="timeline"' in html
    prefixes = [f.prefix for f in response.context["action_forms"]]
    assert prefixes == [Action.ASSIGN, Action.REQUEST_SUPPLEMENT, Action.WITHDRAW, Action.RETURN]


def test_the_leader_may_only_assign_return_or_apologize_a_new_dossier(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.leader_a)
    prefixes = [f.prefix for f in client.get(dossier.get_absolute_url()).context["action_forms"]]
    assert prefixes == [Action.ASSIGN, Action.RETURN, Action.APOLOGIZE]


def test_the_assign_form_lists_the_unit_specialists_and_leaders(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    form = client.get(dossier.get_absolute_url()).context["action_forms"][0]
    users = {m.user for m in form.fields["handler"].queryset}
    assert users == {cast.specialist_a, cast.leader_a}


def test_a_reform_officer_reads_without_personal_data_or_actions(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.reform_officer)
    response = client.get(dossier.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" not in html and "045301000777" not in html and "0914000111" not in html
    assert response.context["action_forms"] == []
    assert act(client, dossier, Action.WITHDRAW, reason="x").status_code == 403


def test_an_officer_of_another_commune_gets_404_and_cannot_act(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_b)
    assert client.get(dossier.get_absolute_url()).status_code == 404
    assert act(client, dossier, Action.WITHDRAW, reason="x").status_code == 404
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4", content_type="application/pdf")
    url = reverse("web:dossier_upload", args=[dossier.code])
    assert client.post(url, {"kind": "component", "file": upload}).status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and not dossier.documents.exists()


def test_assigning_through_htmx_refreshes_the_panel_and_logs_the_event(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    form = client.get(dossier.get_absolute_url()).context["action_forms"][0]
    membership = form.fields["handler"].queryset.get(user=cast.specialist_a)
    response = act(client, dossier, Action.ASSIGN, handler=membership.pk, note="Xử lý gấp")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="dossier-panel"' in html
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROCESS and dossier.assigned_to == cast.specialist_a
    event = DossierEvent.objects.filter(dossier=dossier).last()
    assert (event.action, event.actor, event.note) == (Action.ASSIGN, cast.desk_a, "Xử lý gấp")
    assert "Xử lý gấp" in html


def test_a_plain_post_redirects_back_to_the_page(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    response = act(client, dossier, Action.WITHDRAW, htmx=False, reason="Công dân xin rút")
    assert response.status_code == 302 and response["Location"] == dossier.get_absolute_url()
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAWN


def test_a_refused_transition_is_shown_inline(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.leader_a)
    # Approving a dossier that is only received (a stale page): the guard refuses and the panel says why.
    response = act(client, dossier, Action.APPROVE, note="")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="errors"' in html and "Không thể" in html
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED


def test_a_missing_reason_is_a_form_error(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    response = act(client, dossier, Action.RETURN, htmx=False, reason="")
    assert response.status_code == 200
    assert response.context["action_forms"][-1].errors["reason"]
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED


def test_an_apology_sets_the_new_appointment(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.leader_a)
    new_due = (dossier.due_at + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    # Decree 61/2018 Art. 19(9): the letter goes out no later than 1 day before the deadline, so the leader
    # writes it the day after receipt (received Monday 3 July 2023 with 3 working days: due Thursday 6 July).
    with time_machine.travel(dossier.received_at + dt.timedelta(days=1), tick=False):
        response = act(client, dossier, Action.APOLOGIZE, reason="Chờ xác minh", new_due_at=new_due)
    assert response.status_code == 200
    dossier.refresh_from_db()
    assert dossier.extended_due_at is not None and dossier.extended_due_at > dossier.due_at


def test_a_late_apology_is_refused_with_the_rule_and_writes_nothing(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.leader_a)
    new_due = (dossier.due_at + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    # On the deadline's own day the letter is too late (Art. 19(9): "no later than 1 day before").
    with time_machine.travel(dossier.due_at - dt.timedelta(hours=2), tick=False):
        response = act(client, dossier, Action.APOLOGIZE, reason="Chờ xác minh", new_due_at=new_due)
    assert "61/2018" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.extended_due_at is None and not dossier.events.filter(action=Action.APOLOGIZE).exists()


def test_uploading_a_component_scan(client, cast, components, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    upload = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    data = {"kind": "component", "component": components[0].pk, "name": "Tờ khai (bản quét)", "file": upload}
    response = client.post(reverse("web:dossier_upload", args=[dossier.code]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Tờ khai (bản quét)" in response.content.decode()
    document = DossierDocument.objects.get(dossier=dossier)
    assert document.component == components[0] and document.uploaded_by == cast.desk_a
    download = client.get(reverse("web:document", args=[dossier.code, document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 scan"
    client.force_login(cast.reform_officer)
    assert client.get(reverse("web:document", args=[dossier.code, document.pk])).status_code == 403


def test_the_timeline_lists_each_step(client, cast):
    dossier = received_dossier(cast.commune_a)
    services.dossier_assign(dossier=dossier, by=cast.desk_a, to=cast.specialist_a)
    services.dossier_submit(dossier=dossier, by=cast.specialist_a, note="Đủ điều kiện")
    client.force_login(cast.leader_a)
    html = client.get(dossier.get_absolute_url()).content.decode()
    timeline = html[html.index('id="timeline"') :]
    assert timeline.count('class="event"') == 3
    assert "Đủ điều kiện" in timeline and str(cast.specialist_a) in timeline


def test_the_timeline_never_prints_an_events_raw_data(client, cast):
    # The receive event carries facts (clock start, deadline, regime) for the record, not for the page; only a
    # supplement request's list of missing documents is shown.
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:dossier_detail", args=[dossier.code])).content.decode()
    assert "clock_start_at" not in html and "dict_items" not in html
