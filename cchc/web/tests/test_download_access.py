"""Every file download and every CSV: who may fetch it, and how it is served (issue 7: "a new [URL-permission
test] covers each file download and each CSV").

- a dossier's document (scan or result): only those who handle the dossier; always an attachment, with the type
  decided at upload and no sniffing;
- the report (.docx, .xlsx) and the CSV of the dossiers behind a figure: those who may read the unit's figures;
- anyone not logged in is sent to the log-in page, and an officer of another unit gets 404 (no hint that the
  record exists).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.dossiers import services
from cchc.testing.factories import received_dossier

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def downloads(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dossier = received_dossier(cast.commune_a)
    document = services.dossier_attach_document(
        dossier=dossier, by=cast.desk_a, kind="component", file=SimpleUploadedFile("scan.pdf", PDF), name="Tờ khai"
    )
    query = f"unit={cast.commune_a.code}&period=2023-Q3&cutoff=calendar"
    return {
        "document": reverse("web:document", args=[dossier.code, document.pk]),
        "csv": f"{reverse('reports:figure_dossiers')}?{query}&scope=tree&key=received&export=csv",
        "xlsx": f"{reverse('reports:download', args=['xlsx'])}?{query}",
        "docx": f"{reverse('reports:download', args=['docx'])}?{query}",
    }


@pytest.mark.parametrize("kind", ["document", "csv", "xlsx", "docx"])
def test_anonymous_visitors_are_sent_to_log_in(client, downloads, kind):
    response = client.get(downloads[kind])
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("kind", ["document", "csv", "xlsx", "docx"])
def test_an_officer_of_another_unit_gets_404(client, cast, downloads, kind):
    client.force_login(cast.desk_b)
    assert client.get(downloads[kind]).status_code == 404


def test_the_document_is_for_handlers_only_and_served_as_an_attachment_without_sniffing(client, cast, downloads):
    client.force_login(cast.reform_officer)  # sees the dossier's timeline, does not handle the dossier
    assert client.get(downloads["document"]).status_code == 403
    client.force_login(cast.desk_a)
    response = client.get(downloads["document"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    "kind, content_type",
    [
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_the_figures_files_are_attachments_for_those_who_read_the_units_figures(
    client, cast, downloads, kind, content_type
):
    client.force_login(cast.reform_officer)  # the district's reform officer oversees commune A
    response = client.get(downloads[kind])
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment")
