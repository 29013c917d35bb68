"""What an uploaded file is, decided by its first bytes, never by its name; and the size limits.

One module for every upload (the staff's scanned documents and the citizens' portal). Allowed for the staff: PDF,
JPEG, PNG, and the office formats (DOCX, XLSX: ZIP archives holding [Content_Types].xml and the part of
their kind); for the portal's visitors PDF, JPEG and PNG only (`check_portal_upload`), with smaller limits.
Everything else, HTML, SVG and executables included, is refused. Every accepted file then goes through the
virus-scan hook (settings.CCHC_UPLOAD_SCANNER), when one is plugged in.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

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
# What a portal visitor may send: documents a phone or a scanner makes, shown in any browser.
PORTAL_ALLOWED = (PDF, JPEG, PNG)

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


def scanner() -> Callable[[Any], None] | None:
    """The virus-scan hook: settings.CCHC_UPLOAD_SCANNER, the dotted path of a callable `scan(file) -> None` that
    raises UploadError (with the message the uploader sees) for a file it refuses; None when no scanner is set."""
    path = getattr(settings, "CCHC_UPLOAD_SCANNER", None)
    return import_string(path) if path else None


def scan(file: Any) -> None:
    """Run the virus-scan hook on `file` (left at its start). A scanner that fails otherwise than by refusing the
    file (its daemon is down) refuses it too: a file nobody could check is not stored."""
    check = scanner()
    if check is None:
        return
    file.seek(0)
    try:
        check(file)
    except UploadError:
        raise
    except Exception as exc:
        logger.exception("The upload scanner %s failed", settings.CCHC_UPLOAD_SCANNER)
        raise UploadError(_("The file could not be checked for viruses; try again later.")) from exc
    finally:
        file.seek(0)


def check_upload(
    file: Any,
    *,
    already_stored: int = 0,
    allowed: tuple[FileType, ...] = ALLOWED,
    max_mb: int | None = None,
    dossier_max_mb: int | None = None,
) -> FileType:
    """The type of an uploaded file (a Django File or a binary stream), or UploadError: an empty file, one over
    `max_mb` (default settings.CCHC_UPLOAD_MAX_MB), one that would take the dossier's documents over
    `dossier_max_mb` (default settings.CCHC_DOSSIER_UPLOADS_MAX_MB; `already_stored`: the bytes the dossier
    holds), a content not among `allowed`, or one the virus-scan hook refuses."""
    max_mb = settings.CCHC_UPLOAD_MAX_MB if max_mb is None else max_mb
    dossier_max_mb = settings.CCHC_DOSSIER_UPLOADS_MAX_MB if dossier_max_mb is None else dossier_max_mb
    size = file_size(file)
    if size == 0:
        raise UploadError(_("The file is empty."))
    if size > max_mb * MB:
        raise UploadError(_("The file is larger than %(max)s MB.") % {"max": max_mb})
    if already_stored + size > dossier_max_mb * MB:
        raise UploadError(_("The dossier's documents would exceed %(max)s MB in all.") % {"max": dossier_max_mb})
    kind = detect_type(file)
    if kind is None or kind not in allowed:
        if allowed == PORTAL_ALLOWED:
            raise UploadError(_("The file is not a PDF, JPEG or PNG document (its content was checked)."))
        raise UploadError(_("The file is not a PDF, JPEG, PNG, DOCX or XLSX document (its content was checked)."))
    scan(file)
    return kind


def check_portal_upload(file: Any, *, already_stored: int = 0) -> FileType:
    """`check_upload` for a portal visitor's file: PDF, JPEG or PNG, at most settings.CCHC_PORTAL_UPLOAD_MAX_MB,
    and the dossier's files at most settings.CCHC_PORTAL_DOSSIER_UPLOADS_MAX_MB in all."""
    return check_upload(
        file,
        already_stored=already_stored,
        allowed=PORTAL_ALLOWED,
        max_mb=settings.CCHC_PORTAL_UPLOAD_MAX_MB,
        dossier_max_mb=settings.CCHC_PORTAL_DOSSIER_UPLOADS_MAX_MB,
    )


def display_name(name: str, default: str = "") -> str:
    """The name a person gave the file, without any folder part (of either slash) or leading dots."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    return base[:200] or default


def is_text(stream: IO[bytes], *, sample: int = 1024 * 1024) -> bool:
    """Whether the content (its first `sample` bytes) is UTF-8 text (a BOM allowed) without NUL or other control
    characters than tab, line feed and carriage return: a CSV table or a .txt report, judged by content. The stream
    is left at its start."""
    stream.seek(0)
    head = stream.read(sample)
    stream.seek(0)
    if not head or b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if len(head) < sample or exc.start < len(head) - 3:  # not merely a character cut at the sample's end
            return False
        text = head[: exc.start].decode("utf-8-sig")
    return not any(ord(c) < 32 and c not in "\t\n\r" for c in text)
