"""Online submission through the portal (services/online.py): the submission is the receipt, channel online."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cchc.dossiers import services
from cchc.dossiers.models import (
    ApplicantKind,
    Channel,
    Dossier,
    DossierComponent,
    DossierDocument,
    DossierEvent,
    Status,
)
from cchc.dossiers.services import SubmissionRefused, dossier_submit_online, online_units
from cchc.dossiers.workflow import Action, TransitionError
from cchc.lib.periods import parse_period
from cchc.lib.times import parse_hhmm
from cchc.lib.uploads import MB
from cchc.procedures.models import OnlineService, ProcedureLevel
from cchc.reports.figures.dossiers import Scope, dossier_figures
from cchc.testing.factories import LOCAL, ComponentDocumentFactory, ProcedureFactory, local

from .test_online_uploads import EICAR, TINY_PDF, TINY_PNG

APPLICANT = {"name": "Trần Văn Bình", "id_number": "045099001234", "phone": "0914 222 333", "address": "Thôn Xuân"}
# Monday 3 July 2023, 09:00: inside the morning session, a working day (the 2018 regime).
MONDAY_9 = local(2023, 7, 3, 9, 0)


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English, whatever LANGUAGE_CODE says."""
    with translation.override("en"):
        yield


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def partial(cast):
    """A partial-online commune procedure: a required form, a required ID copy, an optional photo."""
    procedure = ProcedureFactory.create(
        code="1.900001", name="Đăng ký kết hôn", online_service=OnlineService.PARTIAL, processing_days=3
    )
    form = ComponentDocumentFactory.create(procedure=procedure, name="Tờ khai đăng ký kết hôn", order=1)
    id_copy = ComponentDocumentFactory.create(procedure=procedure, name="Bản sao giấy tờ tùy thân", order=2)
    photo = ComponentDocumentFactory.create(procedure=procedure, name="Ảnh", order=3, required=False)
    return procedure, form, id_copy, photo


@pytest.fixture
def full(cast):
    procedure = ProcedureFactory.create(
        code="1.900002", name="Cấp bản sao trích lục", online_service=OnlineService.FULL, processing_days=1
    )
    form = ComponentDocumentFactory.create(procedure=procedure, name="Tờ khai cấp bản sao", order=1)
    return procedure, form


def pdf(name: str = "to-khai.pdf", content: bytes = TINY_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def nothing_written(root: Path) -> None:
    assert not Dossier.objects.exists()
    assert not DossierDocument.objects.exists()
    assert not DossierComponent.objects.exists()
    assert not DossierEvent.objects.exists()
    assert files_in(root) == []


def submit(cast, procedure, **kwargs):
    kwargs.setdefault("unit", cast.commune_a)
    kwargs.setdefault("applicant", dict(APPLICANT))
    kwargs.setdefault("submitted_at", MONDAY_9)
    return dossier_submit_online(procedure=procedure, **kwargs)


def test_a_complete_partial_online_submission_is_received(cast, partial, media):
    procedure, form, id_copy, photo = partial
    dossier = submit(
        cast,
        procedure,
        files={form: pdf(), photo: SimpleUploadedFile("anh.png", TINY_PNG)},
        bring_to_desk=[id_copy],
        submitted_by_name="Trần Thị Cúc",
    )
    dossier.refresh_from_db()
    assert dossier.channel == Channel.ONLINE
    assert dossier.status == Status.RECEIVED
    assert dossier.received_by is None
    assert dossier.code.startswith(f"{cast.commune_a.agency_code}-230703-")
    assert len(dossier.tracking_secret) == 8
    assert dossier.online_service == OnlineService.PARTIAL
    assert dossier.processing_days == 3
    assert dossier.applicant_phone == "0914 222 333"
    assert dossier.submitted_by_name == "Trần Thị Cúc"
    assert dossier.applicant_kind == ApplicantKind.PERSON
    # In office hours the clock starts at once; 3 working days later (Decree 61/2018 Art. 17) is Thursday 09:00.
    assert dossier.clock_start_at == MONDAY_9
    assert dossier.due_at == local(2023, 7, 6, 9, 0)
    assert [c.name for c in dossier.components.all()] == [form.name, id_copy.name, photo.name]
    documents = list(dossier.documents.order_by("component__order"))
    assert [(d.component_id, d.uploaded_by_id, d.content_type) for d in documents] == [
        (form.pk, None, "application/pdf"),
        (photo.pk, None, "image/png"),
    ]
    # Kept as sent: the bytes stored are those uploaded.
    assert Path(documents[0].file.path).read_bytes() == TINY_PDF
    assert Path(documents[1].file.path).read_bytes() == TINY_PNG
    assert not dossier.components_digitized  # the ID copy comes to the desk on paper
    event = dossier.events.get()
    assert event.action == Action.RECEIVE and event.actor is None
    assert event.data["online"] is True
    assert event.data["bring_to_desk"] == [id_copy.name]
    assert event.data["on_behalf_of"] == "Trần Thị Cúc"
    assert event.data["components"] == [form.pk, id_copy.pk, photo.pk]


def test_a_full_process_procedure_needs_every_required_document_uploaded(cast, full, media):
    procedure, form = full
    with pytest.raises(SubmissionRefused) as refused:
        submit(cast, procedure, bring_to_desk=[form])
    assert [p.key for p in refused.value.problems] == [form.pk]
    assert "full-process" in str(refused.value)
    nothing_written(media)
    dossier = submit(cast, procedure, files={form: pdf()})
    assert dossier.components_digitized  # every required document is held as a file


def test_everything_missing_is_listed_at_once(cast, partial, media):
    procedure, form, id_copy, photo = partial
    applicant = {"name": "", "id_number": "12", "phone": "", "email": "not-an-address"}
    with pytest.raises(SubmissionRefused) as refused:
        submit(cast, procedure, applicant=applicant)
    keys = [p.key for p in refused.value.problems]
    assert {"phone", "email", form.pk, id_copy.pk} <= set(keys)
    assert photo.pk not in keys  # optional
    message = str(refused.value)
    assert form.name in message and id_copy.name in message
    nothing_written(media)


def test_bad_files_are_refused_each_with_its_reason_and_nothing_is_left(cast, partial, media, settings):
    settings.CCHC_PORTAL_UPLOAD_MAX_MB = 1
    procedure, form, id_copy, photo = partial
    files = {
        form: pdf("to-khai.pdf", b"<!doctype html><html><script>alert(1)</script></html>"),
        id_copy: pdf("cccd.pdf", TINY_PDF + b"0" * MB),
        photo: SimpleUploadedFile("anh.png", b""),
    }
    with pytest.raises(SubmissionRefused) as refused:
        submit(cast, procedure, files=files)
    problems = {p.key: p.message for p in refused.value.problems}
    assert "content was checked" in problems[form.pk]
    assert "larger than 1 MB" in problems[id_copy.pk]
    assert "empty" in problems[photo.pk]
    nothing_written(media)


def test_the_dossier_limit_counts_all_its_files(cast, partial, media, settings):
    settings.CCHC_PORTAL_DOSSIER_UPLOADS_MAX_MB = 1
    procedure, form, id_copy, photo = partial
    half = TINY_PDF + b"0" * (MB // 2)
    with pytest.raises(SubmissionRefused) as refused:
        submit(cast, procedure, files={form: pdf("a.pdf", half), id_copy: pdf("b.pdf", half)})
    assert [p.key for p in refused.value.problems] == [id_copy.pk]
    assert "exceed 1 MB" in str(refused.value)
    nothing_written(media)


def test_a_file_name_with_a_path_keeps_only_its_base_name(cast, partial, media):
    procedure, form, id_copy, photo = partial
    dossier = submit(
        cast, procedure, files={form: pdf("C:\\Users\\binh\\..\\to khai.pdf"), id_copy: pdf("../../etc/cccd.pdf")}
    )
    names = sorted(dossier.documents.values_list("name", flat=True))
    assert names == ["cccd.pdf", "to khai.pdf"]
    for document in dossier.documents.all():
        stored = Path(document.file.path).resolve()
        assert stored.is_relative_to(media.resolve())
        assert "cccd" not in stored.name and "khai" not in stored.name  # stored under a generated name


def test_the_scanner_hook_refuses_a_virus_and_nothing_is_left(cast, partial, media, settings):
    settings.CCHC_UPLOAD_SCANNER = "cchc.dossiers.tests.test_online_uploads.refuse_eicar"
    procedure, form, id_copy, photo = partial
    with pytest.raises(SubmissionRefused) as refused:
        submit(cast, procedure, files={form: pdf(), id_copy: pdf("cccd.pdf", TINY_PDF + EICAR)})
    assert [p.key for p in refused.value.problems] == [id_copy.pk]
    assert "EICAR" in str(refused.value)
    nothing_written(media)


class FailingDisk(SimpleUploadedFile):
    """A file the disk fails to write (its content cannot be read at the moment it is stored)."""

    def chunks(self, chunk_size=None):
        raise OSError("No space left on device")


def test_a_failure_while_the_files_are_written_deletes_those_already_written(cast, partial, media):
    procedure, form, id_copy, photo = partial
    with pytest.raises(OSError):
        submit(cast, procedure, files={form: pdf(), id_copy: FailingDisk("cccd.pdf", TINY_PDF)})
    nothing_written(media)


def test_only_posted_online_procedures_at_a_receiving_desk(cast, partial, media):
    procedure, form, id_copy, photo = partial
    files = {form: pdf(), id_copy: pdf()}
    offline = ProcedureFactory.create(code="1.900003", online_service=OnlineService.NONE)
    unposted = ProcedureFactory.create(code="1.900004", posted=False)
    inactive = ProcedureFactory.create(code="1.900005", is_active=False)
    for other in (offline, unposted, inactive):
        with pytest.raises(SubmissionRefused):
            submit(cast, other)
        assert not online_units(other).exists()
    # A commune procedure is not received at the district's desk.
    with pytest.raises(SubmissionRefused) as refused:
        submit(cast, procedure, unit=cast.district, files=files)
    assert [p.key for p in refused.value.problems][0] == "unit"
    assert set(online_units(procedure)) == {cast.commune_a, cast.commune_b}
    district = ProcedureFactory.create(code="2.900001", level=ProcedureLevel.DISTRICT)
    assert list(online_units(district)) == [cast.district]
    nothing_written(media)


def test_outside_office_hours_the_clock_starts_at_the_next_working_session(cast, partial, media):
    """Online outside office hours: the clock starts at the next session (Friday evening: Monday's opening), and
    the 3 working days run from there."""
    procedure, form, id_copy, photo = partial
    friday_evening = local(2023, 7, 7, 19, 30)
    dossier = submit(cast, procedure, submitted_at=friday_evening, files={form: pdf(), id_copy: pdf()})
    sessions = [(parse_hhmm(a), parse_hhmm(b)) for a, b in django_settings.CCHC_OFFICE_HOURS]
    monday = dt.date(2023, 7, 10)
    assert dossier.received_at == friday_evening
    assert dossier.clock_start_at == dt.datetime.combine(monday, sessions[0][0], tzinfo=LOCAL)
    # Three whole working days of office time from Monday's opening end at Wednesday's closing.
    assert dossier.due_at == dt.datetime.combine(dt.date(2023, 7, 12), sessions[-1][1], tzinfo=LOCAL)
    # At lunch time the clock waits for the afternoon session of the same day.
    lunch = dt.datetime.combine(monday, sessions[0][1], tzinfo=LOCAL) + dt.timedelta(minutes=30)
    later = submit(cast, procedure, submitted_at=lunch, files={form: pdf(), id_copy: pdf()})
    assert later.clock_start_at == dt.datetime.combine(monday, sessions[1][0], tzinfo=LOCAL)


def test_an_organisation_gives_its_tax_code(cast, partial, media):
    procedure, form, id_copy, photo = partial
    applicant = {"name": "Công ty TNHH Gio Linh", "id_number": "32001234", "phone": "0233 3821 111"}
    with pytest.raises(SubmissionRefused, match="not a tax code"):
        submit(cast, procedure, applicant=applicant, applicant_kind=ApplicantKind.ORGANISATION, files={form: pdf()})
    applicant["id_number"] = "3200123456 001"  # a branch: 10 digits and 3
    dossier = submit(
        cast,
        procedure,
        applicant=applicant,
        applicant_kind=ApplicantKind.ORGANISATION,
        files={form: pdf(), id_copy: pdf()},
    )
    assert dossier.applicant_kind == ApplicantKind.ORGANISATION
    assert dossier.applicant_id_number == "3200123456-001"
    with pytest.raises(SubmissionRefused, match="not an ID number"):  # a person's is a CCCD, CMND or passport
        submit(cast, procedure, applicant=applicant, files={form: pdf(), id_copy: pdf()})


def test_the_figures_count_it_as_received_online(cast, partial, media):
    procedure, form, id_copy, photo = partial
    submit(cast, procedure, files={form: pdf()}, bring_to_desk=[id_copy])
    counts = dossier_figures(unit=cast.commune_a, period=parse_period("2023-Q3"), scope=Scope.SELF).counts
    assert counts["received"] == 1
    assert counts["received_online"] == 1


def test_the_desk_checks_it_refuses_with_reasons_or_asks_once_for_everything_missing(cast, partial, media):
    """Decree 61/2018 Art. 17(2): the officer checks an online dossier; incomplete: one notice listing everything
    (REQUEST_SUPPLEMENT, once); not for this authority: refused with the reasons (RETURN)."""
    procedure, form, id_copy, photo = partial
    first = submit(cast, procedure, files={form: pdf(), id_copy: pdf()})
    asked = services.dossier_request_supplement(
        dossier=first,
        by=cast.desk_a,
        reason="Hồ sơ chưa đầy đủ",
        items=["Bản sao giấy tờ tùy thân: ảnh mờ, chụp lại"],
        at=local(2023, 7, 3, 10, 0),
    )
    assert asked.status == Status.AWAITING_SUPPLEMENT
    services.dossier_supplement(dossier=asked, by=cast.desk_a, at=local(2023, 7, 4, 9, 0))
    with pytest.raises(TransitionError):  # the complete list was asked for once
        services.dossier_request_supplement(
            dossier=asked, by=cast.desk_a, reason="Một lần nữa", items=["Ảnh"], at=local(2023, 7, 4, 10, 0)
        )
    second = submit(cast, procedure, files={form: pdf(), id_copy: pdf()})
    returned = services.dossier_return(
        dossier=second, by=cast.desk_a, reason="Thủ tục thuộc thẩm quyền của UBND huyện", at=local(2023, 7, 3, 10, 0)
    )
    assert returned.status == Status.RETURNED
    assert returned.received_by is None
    # Another commune's desk does not handle it; its own desk sends it on.
    third = submit(cast, procedure, files={form: pdf(), id_copy: pdf()})
    with pytest.raises(TransitionError):
        services.dossier_assign(dossier=third, by=cast.desk_b, to=cast.specialist_b)
    assigned = services.dossier_assign(dossier=third, by=cast.desk_a, to=cast.specialist_a)
    assert assigned.status == Status.IN_PROCESS
