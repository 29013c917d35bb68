"""The portal's upload checks (cchc.lib.uploads.check_portal_upload) and the virus-scan hook."""

from __future__ import annotations

import io

import pytest
from django.core.checks import Error
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cchc.dossiers.checks import check_rule_settings
from cchc.lib.uploads import JPEG, MB, PDF, PNG, UploadError, check_portal_upload, check_upload
from cchc.testing.files import TINY_PDF, TINY_PNG

TINY_PDF = TINY_PDF
TINY_PNG = TINY_PNG
# The EICAR anti-virus test file: harmless, and every scanner reports it as a virus.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English, whatever LANGUAGE_CODE says."""
    with translation.override("en"):
        yield


def refuse_eicar(file) -> None:
    """A real scanner for the tests: it refuses a file holding the EICAR test string (CCHC_UPLOAD_SCANNER)."""
    if EICAR in file.read():
        raise UploadError("The file holds a virus (EICAR test file).")


def broken_scanner(file) -> None:
    """A scanner whose daemon is down."""
    raise ConnectionRefusedError("clamd is not running")


def upload(content: bytes, name: str = "file.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_portal_takes_pdf_jpeg_png_by_content():
    assert check_portal_upload(upload(TINY_PDF)) == PDF
    assert check_portal_upload(upload(TINY_PNG, "photo.pdf")) == PNG  # the content decides, not the name
    assert check_portal_upload(upload(b"\xff\xd8\xff\xe0" + b"0" * 100, "x.jpg")) == JPEG


def test_portal_refuses_office_files_the_staff_may_upload():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    docx = buffer.getvalue()
    assert check_upload(upload(docx, "a.docx")).extension == ".docx"
    with pytest.raises(UploadError, match="PDF, JPEG or PNG"):
        check_portal_upload(upload(docx, "a.docx"))


def test_html_behind_a_pdf_name_is_refused():
    with pytest.raises(UploadError, match="content was checked"):
        check_portal_upload(upload(b"<html><script>alert(1)</script></html>", "giay-khai-sinh.pdf"))


def test_empty_and_oversized_files_are_refused(settings):
    settings.CCHC_PORTAL_UPLOAD_MAX_MB = 1
    with pytest.raises(UploadError, match="empty"):
        check_portal_upload(upload(b""))
    with pytest.raises(UploadError, match="larger than 1 MB"):
        check_portal_upload(upload(TINY_PDF + b"0" * MB))


def test_the_dossier_limit_counts_what_is_already_held(settings):
    settings.CCHC_PORTAL_DOSSIER_UPLOADS_MAX_MB = 2
    check_portal_upload(upload(TINY_PDF), already_stored=MB)
    with pytest.raises(UploadError, match="exceed 2 MB"):
        check_portal_upload(upload(TINY_PDF), already_stored=2 * MB)


def test_the_scanner_hook_refuses_and_leaves_clean_files_alone(settings):
    settings.CCHC_UPLOAD_SCANNER = f"{__name__}.refuse_eicar"
    clean = upload(TINY_PDF)
    assert check_portal_upload(clean) == PDF
    assert clean.tell() == 0  # left at its start, to be stored as sent
    with pytest.raises(UploadError, match="EICAR"):
        check_portal_upload(upload(TINY_PDF + EICAR))
    with pytest.raises(UploadError, match="EICAR"):  # the staff's uploads go through it too
        check_upload(upload(TINY_PDF + EICAR))


def test_a_failing_scanner_refuses_the_file(settings):
    settings.CCHC_UPLOAD_SCANNER = f"{__name__}.broken_scanner"
    with pytest.raises(UploadError, match="could not be checked"):
        check_portal_upload(upload(TINY_PDF))


def test_a_scanner_path_that_does_not_import_stops_the_start(settings):
    settings.CCHC_UPLOAD_SCANNER = "cchc.nowhere.scan"
    errors: list[Error] = [e for e in check_rule_settings() if "CCHC_UPLOAD_SCANNER" in e.msg]
    assert errors and "does not import" in errors[0].msg
    settings.CCHC_UPLOAD_SCANNER = f"{__name__}.refuse_eicar"
    assert not check_rule_settings()
