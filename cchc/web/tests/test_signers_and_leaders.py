"""Forms are signed by the person who acted, taken from the dossier's events, never the viewer (issue 9 point 4);
the leader is chosen when the unit has several (the specialist's submission, the apology's signer), and the
chosen leader's approval tab shows the dossier first."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cchc.accounts.models import Role
from cchc.dossiers import selectors, services
from cchc.dossiers.workflow import TransitionError
from cchc.testing.factories import (
    in_process_dossier,
    local,
    received_dossier,
    run_at,
    user_with_role,
)


def signer(html: str) -> tuple[str, str]:
    """The name and the title printed under the form's signature."""
    name = re.search(r'id="form-signer">([^<]*)<', html)
    title = re.search(r'id="form-signer-title">([^<]*)<', html)
    return (name.group(1) if name else "", title.group(1) if title else "")


def printed(client, user, name: str, dossier) -> str:
    client.force_login(user)
    response = client.get(reverse(f"web:{name}", args=[dossier.code]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def second_leader(cast):
    """Commune A gets a second leader (the vice-chairman), after its first."""
    return user_with_role(cast.commune_a, Role.LEADER, "leader_a2")


@pytest.fixture
def assigned(cast):
    """Received Monday 3 July 2023 09:00 at commune A, given to its specialist at 10:00."""
    return in_process_dossier(cast.commune_a)


def test_the_refusal_is_signed_by_the_leader_who_refused_not_the_viewer(client, cast, assigned, second_leader):
    run_at(local(2023, 7, 5, 9, 0), services.dossier_refuse, dossier=assigned, by=second_leader, reasons=["Sai mẫu"])
    html = printed(client, cast.desk_a, "print_refusal", assigned)  # a desk officer prints it
    name, title = signer(html)
    assert name == str(second_leader) and name != str(cast.desk_a) and name != str(cast.leader_a)
    assert title == "Lãnh đạo đơn vị - UBND xã Gio An"
    assert "Lãnh đạo cơ quan giải quyết" in html


def test_a_returned_dossier_is_signed_by_the_officer_who_returned_it(client, cast):
    dossier = received_dossier(cast.commune_a)
    run_at(local(2023, 7, 3, 9, 30), services.dossier_return, dossier=dossier, by=cast.desk_a, reason="Sai thẩm quyền")
    name, title = signer(printed(client, cast.leader_a, "print_refusal", dossier))
    assert name == str(cast.desk_a) and title == "Cán bộ tiếp nhận - UBND xã Gio An"


def test_the_supplement_request_is_signed_by_the_officer_who_asked(client, cast, assigned):
    run_at(
        local(2023, 7, 4, 9, 0),
        services.dossier_request_supplement,
        dossier=assigned,
        by=cast.specialist_a,
        reason="Thiếu bản sao",
    )
    name, title = signer(printed(client, cast.desk_a, "print_supplement_request", assigned))
    assert name == str(cast.specialist_a) and title == "Chuyên viên - UBND xã Gio An"


def test_the_submission_goes_to_the_chosen_leader(cast, assigned, second_leader):
    run_at(
        local(2023, 7, 4, 9, 0), services.dossier_submit, dossier=assigned, by=cast.specialist_a, leader=second_leader
    )
    event = assigned.events.get(action="submit")
    assert event.data == {"leader": second_leader.pk, "leader_name": str(second_leader)}
    assert assigned.status == "awaiting_approval"  # the workflow's move is unchanged


def test_without_a_choice_the_submission_goes_to_the_units_first_leader(cast, assigned, second_leader):
    run_at(local(2023, 7, 4, 9, 0), services.dossier_submit, dossier=assigned, by=cast.specialist_a)
    assert assigned.events.get(action="submit").data["leader"] == cast.leader_a.pk


def test_a_leader_of_another_unit_cannot_be_chosen(cast, assigned):
    with pytest.raises(TransitionError):
        run_at(
            local(2023, 7, 4, 9, 0),
            services.dossier_submit,
            dossier=assigned,
            by=cast.specialist_a,
            leader=cast.leader_b,
        )
    assert assigned.events.filter(action="submit").count() == 0
    assigned.refresh_from_db()
    assert assigned.status == "in_process"


def test_the_submit_form_asks_for_the_leader_only_when_there_are_several(client, cast, assigned):
    client.force_login(cast.specialist_a)
    html = client.get(assigned.get_absolute_url()).content.decode()
    assert 'name="submit-leader"' not in html  # one leader: no question
    second = user_with_role(cast.commune_a, Role.LEADER, "leader_a2")
    html = client.get(assigned.get_absolute_url()).content.decode()
    select = html.split('name="submit-leader"', 1)[1].split("</select>", 1)[0]
    assert f'value="{cast.leader_a.pk}" selected' in select and f'value="{second.pk}"' in select
    response = client.post(reverse("web:dossier_action", args=[assigned.code, "submit"]), {"submit-leader": second.pk})
    assert response.status_code == 302
    assert assigned.events.get(action="submit").data["leader"] == second.pk


def test_the_chosen_leaders_approval_tab_shows_the_dossier_first_and_flagged(client, cast, second_leader):
    first = in_process_dossier(cast.commune_a)  # due earlier
    later = in_process_dossier(cast.commune_a, at=local(2023, 7, 4, 9, 0))
    services.dossier_submit(dossier=first, by=cast.specialist_a, leader=cast.leader_a)
    services.dossier_submit(dossier=later, by=cast.specialist_a, leader=second_leader)
    rows = list(selectors.worklist(second_leader, selectors.APPROVE).rows)
    assert [d.pk for d in rows] == [later.pk, first.pk] and [d.sent_to_me for d in rows] == [True, False]
    rows = list(selectors.worklist(cast.leader_a, selectors.APPROVE).rows)
    assert [d.pk for d in rows] == [first.pk, later.pk]  # every leader still sees every dossier to approve
    client.force_login(second_leader)
    html = client.get(reverse("web:worklist"), {"tab": "approve"}).content.decode()
    assert f'id="sent-to-me-{later.pk}"' in html and f'id="sent-to-me-{first.pk}"' not in html
    assert "Gửi tôi" in html


def test_the_control_sheet_names_the_chosen_leader_as_receiver_of_the_submission(client, cast, assigned, second_leader):
    run_at(
        local(2023, 7, 4, 9, 0), services.dossier_submit, dossier=assigned, by=cast.specialist_a, leader=second_leader
    )
    html = printed(client, cast.desk_a, "print_control_sheet", assigned)
    row = html.split('class="handover handover-submit"', 1)[1].split("</tr>", 1)[0]
    assert f"1. Giao: {cast.specialist_a}" in row and f"2. Nhận: {second_leader}" in row


def test_the_apology_is_signed_by_the_chosen_head(client, cast, assigned, second_leader):
    run_at(
        local(2023, 7, 5, 9, 0),
        services.dossier_apologize,
        dossier=assigned,
        by=cast.leader_a,
        reason="Phải xác minh",
        new_due_at=local(2023, 7, 11, 16, 0),
        signer=second_leader,
    )
    html = printed(client, cast.desk_a, "print_apology", assigned)
    assert re.search(rf'id="apology-signer">{re.escape(str(second_leader))}<', html)


def test_the_apology_without_a_choice_is_signed_by_the_acting_leader(client, cast, assigned, second_leader):
    run_at(
        local(2023, 7, 5, 9, 0),
        services.dossier_apologize,
        dossier=assigned,
        by=second_leader,
        reason="Phải xác minh",
        new_due_at=local(2023, 7, 11, 16, 0),
    )
    html = printed(client, cast.desk_a, "print_apology", assigned)
    assert re.search(rf'id="apology-signer">{re.escape(str(second_leader))}<', html)


def test_the_timeline_names_the_chosen_leader(client, cast, assigned, second_leader):
    run_at(
        local(2023, 7, 4, 9, 0), services.dossier_submit, dossier=assigned, by=cast.specialist_a, leader=second_leader
    )
    client.force_login(cast.specialist_a)
    html = client.get(assigned.get_absolute_url()).content.decode()
    assert f"Trình lãnh đạo: {second_leader}" in html
