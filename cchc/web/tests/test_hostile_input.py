"""Issue 7 items 5, 6 and 7 on the staff site: hostile text and dates in forms and addresses, ID numbers, the
drill-down CSV, and uploaded documents (type by content, generated names, served as attachments with nosniff)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.dossiers import services
from cchc.dossiers.models import Dossier, DossierDocument, DossierEvent
from cchc.dossiers.workflow import Action, TransitionError
from cchc.reform.models import ReportPeriod
from cchc.testing.factories import ProcedureFactory, received_dossier
from cchc.web.forms import ReceptionForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def act(client, dossier, action, **fields):
    data = {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(reverse("web:dossier_action", args=[dossier.code, action]), data)


# --- item 5: text ---
def test_a_control_character_in_a_reason_is_refused_naming_the_field_and_nothing_is_written(client, cast):
    dossier = received_dossier(cast.commune_a)
    events = DossierEvent.objects.count()
    client.force_login(cast.desk_a)
    response = act(client, dossier, Action.WITHDRAW, reason="Công dân rút\x1b[31m hồ sơ")
    assert response.status_code == 200
    form = next(f for f in response.context["action_forms"] if f.prefix == Action.WITHDRAW)
    assert "U+001B" in str(form.errors["reason"]) and str(form.fields["reason"].label) in str(form.errors["reason"])
    assert DossierEvent.objects.count() == events
    dossier.refresh_from_db()
    assert dossier.finished_at is None


def test_the_service_refuses_a_nul_where_no_form_stands_in_front(cast):
    """The command line and a future API call the services directly: the note is checked there too."""
    dossier = received_dossier(cast.commune_a)
    events = DossierEvent.objects.count()
    with pytest.raises(TransitionError, match="U\\+0000"):
        services.dossier_withdraw(dossier=dossier, by=cast.desk_a, reason="rút\x00")
    assert DossierEvent.objects.count() == events


def test_a_decomposed_note_is_stored_composed(client, cast):
    import unicodedata

    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    decomposed = unicodedata.normalize("NFD", "Công dân xin rút")
    assert act(client, dossier, Action.WITHDRAW, reason=decomposed).status_code == 302
    assert DossierEvent.objects.filter(dossier=dossier).latest("pk").note == "Công dân xin rút"


# --- item 5: ID numbers at reception (12 digits CCCD, 9 digits CMND, passport a letter and 7-8 digits) ---
def _reception(cast, id_number: str) -> ReceptionForm:
    data = {
        "unit": cast.commune_a.pk,
        "procedure": cast.procedure.pk,
        "channel": "direct",
        "applicant_name": "Nguyễn Thị Hoa",
        "applicant_id_number": id_number,
        "sets": 1,
    }
    return ReceptionForm(data, user=cast.desk_a)


@pytest.mark.parametrize("value", ["045301000777", "197 123 456", "c1234567", ""])
def test_reception_accepts_the_three_kinds_of_id(cast, value):
    form = _reception(cast, value)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["applicant_id_number"] == value.replace(" ", "").upper()


@pytest.mark.parametrize("value", ["12345", "0453010007770", "ABC", "045301\x00000777"])
def test_reception_refuses_other_id_numbers(cast, value):
    form = _reception(cast, value)
    assert not form.is_valid() and "applicant_id_number" in form.errors


# --- item 5: dates and periods in forms and addresses: 400 with a message, never 500 ---
@pytest.mark.parametrize(
    "params",
    [
        {"period": "9999-Q4"},
        {"period": "0000-Q1"},
        {"period": "0001-01-01..9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "0001-12-31"},
        {"date_from": "9999-12-31", "date_to": "9999-12-31"},
    ],
)
def test_the_tracking_book_answers_400_at_the_calendars_edges(client, cast, params):
    client.force_login(cast.desk_a)
    response = client.get(reverse("web:tracking_book"), {"unit": cast.commune_a.pk, **params})
    assert response.status_code == 400 and response.context["form"].errors


@pytest.mark.parametrize("period", ["9999-Q4", "0000-Q1", "1989-Q4", "9999-12-31..9999-12-31"])
def test_the_report_pages_answer_400_at_the_calendars_edges(client, cast, period):
    client.force_login(cast.reform_officer)
    query = {"unit": "gio-linh", "period": period, "cutoff": "statutory"}
    assert client.get(reverse("reports:report"), query).status_code == 400
    assert client.get(reverse("reports:download", args=["docx"]), query).status_code == 400
    response = client.get(reverse("reports:figure_dossiers"), {**query, "scope": "tree", "key": "total"})
    assert response.status_code == 400 and response.content


@pytest.mark.parametrize("year", [1, 1999, 2101, 99999999999999999999])
def test_report_data_addresses_with_a_year_out_of_range_answer_400_and_write_nothing(client, cast, year):
    client.force_login(cast.reform_officer)
    url = reverse("reform:period", args=["gio-linh", year, 1])
    assert client.get(url).status_code == 400
    assert client.post(reverse("reform:submit", args=["gio-linh", year, 1])).status_code == 400
    assert client.get(reverse("reform:period", args=["gio-linh", 2023, 7])).status_code == 400
    assert not ReportPeriod.objects.exists()


# --- item 6: the drill-down CSV ---
def test_the_figure_csv_neutralises_cells_a_spreadsheet_would_run(client, cast):
    procedure = ProcedureFactory(code="1.000777", name='=HYPERLINK("http://evil.example","Bấm")', processing_days=3)
    received_dossier(cast.commune_a, procedure=procedure)
    client.force_login(cast.reform_officer)
    query = {"unit": "gio-linh", "period": "2023-Q3", "cutoff": "calendar", "scope": "tree", "key": "total"}
    response = client.get(reverse("reports:figure_dossiers"), {**query, "export": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["procedure"] for row in rows] == ['\'=HYPERLINK("http://evil.example","Bấm")']


# --- item 7: uploads ---
def _upload(client, dossier, name: str, content: bytes, **fields):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    url = reverse("web:dossier_upload", args=[dossier.code])
    return client.post(url, {"kind": "component", "file": upload, **fields})


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(document.cookie)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b"MZ\x90\x00 a Windows program",
    ],
)
def test_html_svg_and_executables_are_refused_whatever_their_name(client, cast, media, content):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    response = _upload(client, dossier, "scan.pdf", content)
    assert response.status_code == 200 and response.context["upload_form"].non_field_errors()
    assert not DossierDocument.objects.exists() and not any(media.rglob("*.*"))


def test_a_pdf_is_stored_under_a_generated_name_and_served_as_an_attachment_with_its_type(client, cast, media):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    assert _upload(client, dossier, "..\\..\\to-khai.html", b"%PDF-1.4 scan").status_code == 302
    document = DossierDocument.objects.get()
    assert document.name == "to-khai.html"  # the name as given, without its folder parts, is only shown
    stored = document.file.name.rsplit("/", 1)[-1]
    assert stored.endswith(".pdf") and len(stored) == 32 + len(".pdf") and "to-khai" not in document.file.name
    assert document.content_type == "application/pdf"
    response = client.get(reverse("web:document", args=[dossier.code, document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 scan"


def test_the_size_limits_per_file_and_per_dossier(client, cast, media, settings):
    settings.CCHC_UPLOAD_MAX_MB = 1
    settings.CCHC_DOSSIER_UPLOADS_MAX_MB = 1
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    too_big = b"%PDF-" + b"0" * (1024 * 1024)
    response = _upload(client, dossier, "a.pdf", too_big)
    assert "1 MB" in str(response.context["upload_form"].non_field_errors())
    half = b"%PDF-" + b"0" * (600 * 1024)
    assert _upload(client, dossier, "a.pdf", half).status_code == 302
    response = _upload(client, dossier, "b.pdf", half)
    assert response.status_code == 200 and DossierDocument.objects.count() == 1


def test_only_handlers_download_documents(client, cast, media):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    _upload(client, dossier, "a.pdf", b"%PDF-1.4")
    document = DossierDocument.objects.get()
    url = reverse("web:document", args=[dossier.code, document.pk])
    client.force_login(cast.desk_b)  # another commune's desk: the dossier does not exist for it
    assert client.get(url).status_code == 404
    assert Dossier.objects.count() == 1
