"""Personal data only for those who handle the dossier, free text included, and every showing of it logged.

The rule (issue 7, item 3; cchc.accounts.access): names, ID and phone numbers, and what hides inside free text (event
notes, reasons, the items of a supplement request, uploaded document names) are shown only to those who handle the
dossier; overseers (the district's reform officer, leaders of other units) see the kinds of events and their dates.
Officers' names are not the applicant's data: the actor of each event stays visible to overseers. Every view of a
dossier's personal data is logged: who, whose (the dossier), when, which page.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.accounts.models import PersonalDataView
from cchc.dossiers import services
from cchc.dossiers.models import DocumentKind
from cchc.dossiers.workflow import Action
from cchc.testing.factories import UserFactory, local, received_dossier, run_at

NOTE = "Người nộp xin nhận kết quả qua bưu điện"
ASSIGN_NOTE = "Ưu tiên: con của bà Hoa đi học"
REASON = "Thiếu giấy chứng sinh của cháu Lê Thị Mai"
ITEM = "Bản sao giấy chứng sinh số 12/2023 của cháu Lê Thị Mai"
DOCUMENT_NAME = "CCCD bà Nguyễn Thị Hoa (bản quét)"
FREE_TEXT = (NOTE, ASSIGN_NOTE, REASON, ITEM, DOCUMENT_NAME)


@pytest.fixture
def dossier(cast, settings, tmp_path):
    """A commune A dossier with a note at receipt, an assignment note, a supplement request with its reason and
    items, and a scanned document named after the applicant."""
    settings.MEDIA_ROOT = tmp_path
    received = received_dossier(cast.commune_a, note=NOTE)
    run_at(
        local(2023, 7, 3, 10, 0),
        services.dossier_assign,
        dossier=received,
        by=cast.desk_a,
        to=cast.specialist_a,
        note=ASSIGN_NOTE,
    )
    services.dossier_attach_document(
        dossier=received,
        by=cast.specialist_a,
        kind=DocumentKind.COMPONENT,
        file=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
        name=DOCUMENT_NAME,
        at=local(2023, 7, 3, 11, 0),
    )
    run_at(
        local(2023, 7, 3, 14, 0),
        services.dossier_request_supplement,
        dossier=received,
        by=cast.specialist_a,
        reason=REASON,
        items=[ITEM],
    )
    return received


def _page(client, user, dossier) -> str:
    client.force_login(user)
    response = client.get(dossier.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["reform_officer", "leader_district", "leader_b"])
def test_an_overseer_sees_event_kinds_and_dates_but_no_free_text(client, cast, dossier, who):
    """leader_b leads another commune: it does not even open the dossier (404); the district's reform officer and
    leader read it without any of its free text."""
    user = getattr(cast, who)
    client.force_login(user)
    response = client.get(dossier.get_absolute_url())
    if who == "leader_b":
        assert response.status_code == 404
        return
    html = response.content.decode()
    assert response.status_code == 200
    leaked = [text for text in FREE_TEXT if text in html]
    assert leaked == []
    assert "Nguyễn Thị Hoa" not in html and "045301000777" not in html
    timeline = html[html.index('id="timeline"') :]
    assert timeline.count('class="event"') == dossier.events.count()  # every event, without its text
    assert "03/07/2023 14:00" in timeline  # the supplement request's date
    assert str(cast.specialist_a) in timeline  # officers' names are not the applicant's data
    assert 'id="timeline-masked"' in html


def test_the_handler_sees_the_notes_reasons_items_and_document_names(client, cast, dossier):
    html = _page(client, cast.specialist_a, dossier)
    missing = [text for text in FREE_TEXT if text not in html]
    assert missing == []
    assert 'id="timeline-masked"' not in html


def test_a_handlers_view_of_the_dossier_page_writes_one_log_row(client, cast, dossier):
    PersonalDataView.objects.all().delete()
    _page(client, cast.specialist_a, dossier)
    row = PersonalDataView.objects.get()
    assert (row.user, row.dossier, row.page) == (cast.specialist_a, dossier, "web:dossier_detail")


def test_an_overseers_view_writes_no_log_row(client, cast, dossier):
    """No personal data was shown, so nothing is logged."""
    PersonalDataView.objects.all().delete()
    _page(client, cast.reform_officer, dossier)
    assert not PersonalDataView.objects.exists()


def test_the_receipt_the_prints_and_a_download_are_logged(client, cast, dossier):
    PersonalDataView.objects.all().delete()
    client.force_login(cast.desk_a)
    document = dossier.documents.get()
    pages = {
        "web:receipt": reverse("web:receipt", args=[dossier.code]),
        "web:print_supplement_request": reverse("web:print_supplement_request", args=[dossier.code]),
        "web:document": reverse("web:document", args=[dossier.code, document.pk]),
    }
    for url in pages.values():
        assert client.get(url).status_code == 200
    logged = list(PersonalDataView.objects.order_by("pk").values_list("page", "dossier_id", "user_id"))
    assert logged == [(name, dossier.pk, cast.desk_a.pk) for name in pages]


def test_search_results_log_only_the_names_shown(client, cast, dossier):
    """The handler's search shows the applicant (one row); the reform officer's shows the dossier without it."""
    PersonalDataView.objects.all().delete()
    client.force_login(cast.specialist_a)
    html = client.get(reverse("web:search"), {"q": "1.001612"}).content.decode()
    assert "Nguyễn Thị Hoa" in html
    assert list(PersonalDataView.objects.values_list("page", "dossier_id")) == [("web:search", dossier.pk)]
    client.force_login(cast.reform_officer)
    html = client.get(reverse("web:search"), {"q": "1.001612"}).content.decode()
    assert dossier.code in html and "Nguyễn Thị Hoa" not in html
    assert PersonalDataView.objects.count() == 1


def test_the_worklist_logs_the_applicants_it_lists(client, cast, dossier):
    PersonalDataView.objects.all().delete()
    client.force_login(cast.specialist_a)
    assert "Nguyễn Thị Hoa" in client.get(reverse("web:worklist")).content.decode()
    assert list(PersonalDataView.objects.values_list("page", "user_id")) == [("web:worklist", cast.specialist_a.pk)]


def _figure_url(unit, key: str = "total", export: bool = False) -> str:
    query = f"unit={unit.code}&scope=tree&period=2023-Q3&cutoff=statutory&key={key}"
    return f"{reverse('reports:figure_dossiers')}?{query}{'&export=csv' if export else ''}"


def test_the_figure_drill_down_logs_the_handlers_names_and_its_csv_carries_none(client, cast, dossier):
    """The list behind a figure shows the applicant only to a handler (logged); the CSV has no personal data
    whoever downloads it, so it logs nothing."""
    PersonalDataView.objects.all().delete()
    client.force_login(cast.reform_officer)
    html = client.get(_figure_url(cast.district)).content.decode()
    assert dossier.code in html and "Nguyễn Thị Hoa" not in html
    assert not PersonalDataView.objects.exists()
    client.force_login(cast.desk_a)
    html = client.get(_figure_url(cast.commune_a)).content.decode()
    assert "Nguyễn Thị Hoa" in html
    assert list(PersonalDataView.objects.values_list("page", "dossier_id")) == [("reports:figure_dossiers", dossier.pk)]
    text = client.get(_figure_url(cast.commune_a, export=True)).content.decode("utf-8-sig")
    assert dossier.code in text
    assert [t for t in (*FREE_TEXT, "Nguyễn Thị Hoa", "045301000777") if t in text] == []
    assert PersonalDataView.objects.count() == 1


def test_the_log_is_read_only_in_the_admin(client, cast, dossier):
    _page(client, cast.specialist_a, dossier)
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("admin:accounts_personaldataview_changelist"))
    assert listing.status_code == 200 and dossier.code in listing.content.decode()
    assert client.get(reverse("admin:accounts_personaldataview_add")).status_code == 403
    row = PersonalDataView.objects.first()
    assert (
        client.post(reverse("admin:accounts_personaldataview_delete", args=[row.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert PersonalDataView.objects.filter(pk=row.pk).exists()


def test_the_supplement_event_keeps_its_items_for_the_handler(client, cast, dossier):
    event = dossier.events.get(action=Action.REQUEST_SUPPLEMENT)
    assert event.data["items"] == [ITEM]
    html = _page(client, cast.specialist_a, dossier)
    assert f"<li>{ITEM}</li>" in html
