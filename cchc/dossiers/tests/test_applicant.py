"""The applicant's own writes on the portal (services/applicant.py): a supplement sent online, taking the result."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cchc.dossiers import services
from cchc.dossiers.models import Channel, DocumentKind, Dossier, DossierDocument, DossierEvent, DossierPause
from cchc.dossiers.services.applicant import delivers_online, requested_items
from cchc.dossiers.workflow import Action, Status, TransitionError
from cchc.procedures.models import OnlineService
from cchc.testing.factories import (
    ProcedureFactory,
    dossier_in,
    in_process_dossier,
    local,
    received_dossier,
)
from cchc.testing.files import TINY_PDF, TINY_PNG

PDF = TINY_PDF
PNG = TINY_PNG
ITEMS = ["Bản sao giấy chứng sinh", "Bản sao CCCD của người đi khai"]


@pytest.fixture(autouse=True)
def _english_and_own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def asked(cast, channel: str = Channel.DIRECT, items=ITEMS) -> Dossier:
    """Received Monday 3 July 2023 09:00, assigned, and on Tuesday 09:00 the handler asks for `items`."""
    d = in_process_dossier(cast.commune_a, channel=channel)
    services.dossier_request_supplement(
        dossier=d, by=cast.specialist_a, reason="Thiếu giấy tờ", items=list(items), at=local(2023, 7, 4, 9, 0)
    )
    return d


def pdf(name: str = "giay.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def snapshot(dossier: Dossier) -> tuple:
    dossier = Dossier.objects.get(pk=dossier.pk)
    return (
        dossier.status,
        dossier.due_at,
        DossierEvent.objects.count(),
        DossierDocument.objects.count(),
        list(DossierPause.objects.values_list("ended_at", flat=True)),
    )


def test_a_supplement_sent_online_restarts_the_clock(cast, settings):
    d = asked(cast)
    assert requested_items(d) == ITEMS
    services.dossier_supplement_online(
        dossier=d,
        files=[(ITEMS[0], pdf()), (ITEMS[1], SimpleUploadedFile("C:\\Users\\hoa\\cccd.png", PNG)), ("", pdf("x.pdf"))],
        at=local(2023, 7, 5, 9, 0),
    )
    assert d.status == Status.IN_PROCESS
    # Decree 61/2018 Art. 19(4): "the time limit is counted again from the start once the complete dossier is
    # received": 3 working days (the procedure's) from Wednesday 5 July 09:00, within office hours and before the
    # cut-off: Thursday 6, Friday 7, Monday 10 July, 09:00.
    assert d.due_at == local(2023, 7, 10, 9, 0)
    event = d.events.get(action=Action.SUPPLEMENT)
    assert event.actor is None and event.data["online"] is True and event.data["rule"] == "restart"
    docs = list(d.documents.order_by("pk"))
    assert [doc.name for doc in docs] == [*ITEMS, "x.pdf"]
    assert [doc.content_type for doc in docs] == ["application/pdf", "image/png", "application/pdf"]
    assert all(doc.kind == DocumentKind.COMPONENT and doc.uploaded_by is None for doc in docs)
    assert event.data["documents"] == [doc.pk for doc in docs]
    # Kept as sent.
    assert docs[1].file.read() == PNG and len(stored_files(settings)) == 3


def test_an_online_supplement_after_office_hours_counts_from_the_next_session(cast):
    d = asked(cast, channel=Channel.ONLINE)
    services.dossier_supplement_online(
        dossier=d, files=[(ITEMS[0], pdf()), (ITEMS[1], pdf())], at=local(2023, 7, 5, 18, 0)
    )
    # Sent online on Wednesday 18:00, after the afternoon session (CCHC_OFFICE_HOURS ends at 17:00): the new time
    # limit starts at Thursday's opening, 07:00; 3 whole working days are Thursday, Friday and Monday.
    assert d.due_at == local(2023, 7, 10, 17, 0)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([(ITEMS[0], pdf())], "No file for: Bản sao CCCD của người đi khai."),
        ([(ITEMS[0], pdf()), (ITEMS[1], pdf(content=b"<html><script>x</script></html>"))], "not a PDF, JPEG or PNG"),
        ([(ITEMS[0], pdf()), (ITEMS[1], pdf(content=b""))], "The file is empty."),
        ([(ITEMS[0], pdf()), (ITEMS[1], pdf()), ("Something else", pdf())], "were not asked for"),
        ([], "Choose the files"),
    ],
)
def test_a_bad_or_incomplete_supplement_leaves_nothing_behind(cast, settings, files, message):
    d = asked(cast)
    before = snapshot(d)
    with pytest.raises(TransitionError, match=message):
        services.dossier_supplement_online(dossier=d, files=files, at=local(2023, 7, 5, 9, 0))
    assert snapshot(d) == before and stored_files(settings) == []


def test_every_problem_is_said_at_once(cast):
    d = asked(cast)
    with pytest.raises(TransitionError) as caught:
        services.dossier_supplement_online(dossier=d, files=[(ITEMS[0], pdf(content=b"MZ\x90\x00"))])
    assert "No file for: Bản sao CCCD" in str(caught.value) and "giay.pdf: The file is not a PDF" in str(caught.value)


def test_an_oversized_file_is_refused(cast, settings):
    settings.CCHC_PORTAL_UPLOAD_MAX_MB = 1
    d = asked(cast)
    big = pdf(content=PDF + b"0" * (1024 * 1024))
    with pytest.raises(TransitionError, match="larger than 1 MB"):
        services.dossier_supplement_online(dossier=d, files=[(ITEMS[0], pdf()), (ITEMS[1], big)])
    assert d.documents.count() == 0 and stored_files(settings) == []


def test_no_supplement_outside_the_wait(cast, settings):
    d = in_process_dossier(cast.commune_a)
    with pytest.raises(TransitionError, match="Cannot supplement received a dossier that is in process"):
        services.dossier_supplement_online(dossier=d, files=[("", pdf())])
    assert d.documents.count() == 0 and stored_files(settings) == []


def full_online(cast, status: str = Status.RESULT_ISSUED, online: str = OnlineService.FULL) -> Dossier:
    procedure = ProcedureFactory.create(code=f"1.77{online[:1]}001", name="Thủ tục toàn trình", online_service=online)
    return dossier_in(status, cast.commune_a, procedure=procedure, channel=Channel.ONLINE)


def result_file(cast, d: Dossier) -> DossierDocument:
    return services.dossier_attach_document(
        dossier=d, by=cast.specialist_a, kind=DocumentKind.RESULT, file=pdf("ket-qua.pdf"), name=""
    )


def test_the_first_download_of_a_full_online_result_delivers_it_once(cast):
    d = full_online(cast)
    assert delivers_online(d)
    doc = result_file(cast, d)
    d, delivered = services.dossier_take_result(dossier=d, document=doc)
    assert delivered and d.status == Status.DELIVERED and d.delivered_at is not None
    event = d.events.get(action=Action.DELIVER)
    # The hand-over is online, to the applicant (the one holding the code and tracking secret).
    recipient = {"name": d.applicant_name, "applicant": True, "id_number": "", "authorisation": ""}
    expected = {"online": True, "document": doc.pk, "method": "online", "recipient": recipient}
    assert event.actor is None and event.data == expected
    first = d.delivered_at
    d, delivered = services.dossier_take_result(dossier=d, document=doc)
    assert not delivered and d.delivered_at == first
    assert d.events.filter(action=Action.DELIVER).count() == 1


def test_a_partial_online_result_is_not_delivered_by_a_download(cast):
    d = full_online(cast, online=OnlineService.PARTIAL)
    doc = result_file(cast, d)
    d, delivered = services.dossier_take_result(dossier=d, document=doc)
    assert not delivered and d.status == Status.RESULT_ISSUED


def test_a_paper_dossier_of_a_full_online_procedure_is_collected_at_the_desk(cast):
    procedure = ProcedureFactory.create(code="1.779001", online_service=OnlineService.FULL)
    d = received_dossier(cast.commune_a, procedure=procedure)
    assert not delivers_online(d)


def test_no_result_before_it_is_ready_and_no_other_document(cast):
    d = full_online(cast, status=Status.APPROVED)
    doc = result_file(cast, d)
    with pytest.raises(TransitionError, match="not ready yet"):
        services.dossier_take_result(dossier=d, document=doc)
    other = full_online(cast)
    with pytest.raises(TransitionError, match="not this dossier's result"):
        services.dossier_take_result(dossier=other, document=doc)
    assert Dossier.objects.get(pk=other.pk).status == Status.RESULT_ISSUED
