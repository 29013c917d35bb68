"""The queue's pages through the test client: the public kiosk, ticket and display (no personal data), the desk
officer's buttons, the leaders' statistics, the kiosk's rate limit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.queueing.models import Ticket, TicketStatus

pytestmark = pytest.mark.django_db


def kiosk_url(hall):
    return reverse("queueing:kiosk", kwargs={"code": hall.unit.code})


def test_the_public_addresses_are_the_contract(hall):
    assert kiosk_url(hall) == "/lay-so/gio-an/"
    assert reverse("queueing:display", kwargs={"code": "gio-an"}) == "/man-hinh/gio-an/"


def test_the_kiosk_issues_a_ticket_and_prints_it(client, hall):
    page = client.get(kiosk_url(hall)).content.decode()
    assert "Lấy số thứ tự" in page and "Hộ tịch" in page and "Đất đai" in page
    first = client.post(kiosk_url(hall), {"group": hall.civil.pk})
    second = client.post(kiosk_url(hall), {"group": hall.civil.pk})
    ticket = Ticket.objects.get(number=2)
    assert second["Location"] == reverse("queueing:ticket", kwargs={"code": "gio-an", "pk": ticket.pk})
    assert first.status_code == 302
    slip = client.get(second["Location"]).content.decode()
    assert "UBND xã Gio An" in slip and "Hộ tịch" in slip and ">2<" in slip
    assert "Có 1 người chờ trước bạn" in slip
    assert "size: 80mm 110mm" in open("static/css/queue.css").read()


def test_the_kiosk_refuses_an_unknown_group_in_vietnamese(client, hall, cast):
    from cchc.queueing.setup import queue_setup

    other, _ = queue_setup(cast.commune_b)
    response = client.post(kiosk_url(hall), {"group": other[0].pk})
    assert response.status_code == 400 and "Hãy chọn một nhóm dịch vụ." in response.content.decode()
    assert not Ticket.objects.exists()


def test_a_unit_without_counters_has_no_kiosk(client, cast):
    assert client.get("/lay-so/gio-chau/").status_code == 404
    assert client.get("/man-hinh/khong-co/").status_code == 404


def test_the_kiosk_is_rate_limited(client, hall, settings):
    settings.CCHC_QUEUE_TICKETS_PER_MINUTE = 3
    for _ in range(3):
        assert client.post(kiosk_url(hall), {"group": hall.land.pk}).status_code == 302
    refused = client.post(kiosk_url(hall), {"group": hall.land.pk})
    assert refused.status_code == 429 and refused["Retry-After"]
    assert Ticket.objects.count() == 3


def test_the_officers_buttons_and_the_display(client, hall, cast):
    from cchc.queueing import services
    from cchc.testing.factories import received_dossier

    services.ticket_issue(group=hall.civil)
    client.force_login(cast.desk_a)
    page = client.get(reverse("queueing_staff:counter")).content.decode()
    assert "Chọn quầy làm việc hôm nay" in page and "Quầy của tôi" in page
    act = lambda action, **data: client.post(  # noqa: E731
        reverse("queueing_staff:counter_action", kwargs={"action": action}), {"unit": "gio-an", **data}
    )
    assert act("call").status_code == 302  # no counter yet: a message, nothing called
    assert Ticket.objects.get().status == TicketStatus.WAITING
    act("take", counter=hall.counters[0].pk)
    act("call")
    ticket = Ticket.objects.get()
    assert (ticket.status, ticket.counter) == (TicketStatus.CALLED, hall.counters[0])
    display = client.get(reverse("queueing:display_state", kwargs={"code": "gio-an"})).content.decode()
    assert "Mời số 1 đến quầy số 1" in display and 'data-counter="1">1<' in display
    act("recall")
    assert Ticket.objects.get().recalls == 1
    dossier = received_dossier(hall.unit)
    act("link", ticket=ticket.pk, dossier=dossier.code)
    act("done")
    ticket = Ticket.objects.get()
    assert (ticket.status, ticket.dossier) == (TicketStatus.DONE, dossier)
    # The public pages never show the officer's name nor the dossier's applicant.
    client.logout()
    for url in (kiosk_url(hall), reverse("queueing:display", kwargs={"code": "gio-an"})):
        html = client.get(url).content.decode()
        for text in (str(cast.desk_a), cast.desk_a.username, dossier.code, dossier.applicant_name):
            assert text not in html


def test_the_statistics_are_for_the_units_leaders(client, hall, cast):
    url = reverse("queueing_staff:statistics")
    client.force_login(cast.desk_a)
    assert client.get(url).status_code == 403
    client.force_login(cast.leader_b)  # a leader of a unit without counters
    assert client.get(url).status_code == 404
    client.force_login(cast.leader_a)
    page = client.get(url).content.decode()
    assert "Thống kê số thứ tự" in page and "Theo quầy" in page


def test_the_counter_page_is_for_desk_officers(client, hall, cast):
    client.force_login(cast.leader_a)
    assert client.get(reverse("queueing_staff:counter")).status_code == 403
    client.force_login(cast.desk_b)  # a desk officer of a unit without counters
    assert client.get(reverse("queueing_staff:counter")).status_code == 404


def test_the_reception_form_links_the_number_being_served_at_the_officers_counter(client, hall, cast):
    from cchc.queueing import services
    from cchc.web.tests.test_reception import form_data

    services.ticket_issue(group=hall.civil)
    services.counter_take(counter=hall.counters[0], by=cast.desk_a)
    ticket = services.ticket_call_next(counter=hall.counters[0], by=cast.desk_a)
    client.force_login(cast.desk_a)
    assert client.post(reverse("web:receive"), form_data(cast, [])).status_code == 302
    ticket.refresh_from_db()
    assert ticket.dossier is not None and ticket.dossier.applicant_name == "Lê Văn Bình"
    # A second dossier received for the same visitor does not take the number from the first.
    first = ticket.dossier
    client.post(reverse("web:receive"), form_data(cast, []))
    ticket.refresh_from_db()
    assert ticket.dossier == first
