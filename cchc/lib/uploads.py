"""What an uploaded file is, decided by its first bytes, never by its name; and the size limits.

One module for every upload (the staff's scanned documents and, later, the citizens' portal). Allowed: PDF,
JPEG, PNG, and the office formats (DOCX, XLSX: ZIP archives holding [Content_Types].xml and the part of
their kind). Everything else, HTML, SVG and executables included, is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024


@dataclass(frozen=True)
class FileType:
    extension: str  # with its dot, used in the generated stored name
    content_type: str  # served with the file


PDF = FileType(".pdf", "application/pdf")
JPEG = FileType(".jpg", "image/jpeg")
PNG = FileType(".png", "image/png")
DOCX = FileType(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
ALLOWED = (PDF, JPEG, PNG, DOCX, XLSX)

_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
# The part that makes an OOXML package a document or a workbook.
_OFFICE_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))


class UploadError(ValueError):
    """The file may not be stored; the message says why."""


def _office_type(stream: IO[bytes]) -> FileType | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for part, kind in _OFFICE_PARTS:
        if part in names:
            return kind
    return None


def detect_type(stream: IO[bytes]) -> FileType | None:
    """The allowed type the content is, or None. The stream is left at its start."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        office = _office_type(stream)
        stream.seek(0)
        return office
    return None


def file_size(file: Any) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return int(size)


def check_upload(file: Any, *, already_stored: int = 0) -> FileType:
    """The type of an uploaded file (a Django File or a binary stream), or UploadError: an unknown content,
    a file over settings.CCHC_UPLOAD_MAX_MB, or one that would take the dossier's documents over
    settings.CCHC_DOSSIER_UPLOADS_MAX_MB (`already_stored`: the bytes the dossier holds)."""
    size = file_size(file)
    if size == 0:
        raise UploadError(_("The file is empty."))
    limit = settings.CCHC_UPLOAD_MAX_MB * MB
    if size > limit:
        raise UploadError(
            _("The file is larger than %(max)s MB.") % {"max": settings.CCHC_UPLOAD_MAX_MB},
        )
    if already_stored + size > settings.CCHC_DOSSIER_UPLOADS_MAX_MB * MB:
        raise UploadError(
            _("The dossier's documents would exceed %(max)s MB in all.") % {"max": settings.CCHC_DOSSIER_UPLOADS_MAX_MB}
        )
    kind = detect_type(file)
    if kind is None:
        raise UploadError(_("The file is not a PDF, JPEG, PNG, DOCX or XLSX document (its content was checked)."))
    return kind


def display_name(name: str, default: str = "") -> str:
    """The name a person gave the file, without any folder part (of either slash) or leading dots."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    return base[:200] or default
