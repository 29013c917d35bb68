"""Issue 7 items 5 and 7: hostile text, year bounds, ID number kinds and upload types, without the database."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

import pytest

from cchc.lib.ids import CCCD, CMND, PASSPORT, IdNumberError, clean_id_number, id_kind
from cchc.lib.periods import PeriodError, check_year, parse_period
from cchc.lib.text import TextError, clean_text
from cchc.lib.uploads import DOCX, JPEG, PDF, PNG, XLSX, UploadError, check_upload, detect_type, display_name

DECOMPOSED = unicodedata.normalize("NFD", "Nguyễn Thị Hương")


# --- text ---
def test_clean_text_composes_letters_and_keeps_tab_and_newline():
    assert DECOMPOSED != "Nguyễn Thị Hương"
    assert clean_text(DECOMPOSED, "Name") == "Nguyễn Thị Hương"
    assert clean_text("a\tb\nc", "Note") == "a\tb\nc"
    # A browser posts a textarea's lines with CRLF: stored as newlines.
    assert clean_text("a\r\nb", "Note") == "a\nb"


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x0b", "\x0c", "\r", "\x7f", "\x85", "\ud800"])
def test_clean_text_refuses_control_characters_naming_the_field(char):
    with pytest.raises(TextError) as caught:
        clean_text(f"Lý do{char}x", "Reason")
    message = str(caught.value)
    assert "Reason" in message and f"U+{ord(char):04X}" in message


# --- years (settings CCHC_MIN_YEAR = 1990, CCHC_MAX_YEAR = 2100) ---
@pytest.mark.parametrize("year", [1, 1989, 2101, 9999])
def test_a_year_out_of_range_is_refused(year):
    with pytest.raises(PeriodError, match=str(year)):
        check_year(dt.date(year, 1, 1), "Receipt")


def test_the_bounds_themselves_are_accepted():
    assert check_year(dt.date(1990, 1, 1)) == dt.date(1990, 1, 1)
    assert check_year(dt.datetime(2100, 12, 31, 23, 59)).year == 2100


@pytest.mark.parametrize(
    "text",
    [
        "9999-Q4",  # the day after 9999-12-31 cannot be computed: the period's end_at would overflow
        "0000-Q1",  # the statutory start (the 15th of the month before) would be in year -1
        "0001-01",
        "9999",
        "9999-12-31..9999-12-31",
        "0001-01-01..2023-01-01",
        "1989-Q4",
        "2101-H1",
    ],
)
@pytest.mark.parametrize("cutoff", ["calendar", "statutory"])
def test_periods_at_the_calendars_edges_are_period_errors(text, cutoff):
    with pytest.raises(PeriodError):
        parse_period(text, cutoff)


def test_periods_within_the_bounds_still_parse():
    assert parse_period("2100-Q4").end == dt.date(2100, 12, 31)
    assert parse_period("1990-Q1", "statutory").start == dt.date(1989, 12, 15)


# --- ID numbers: CCCD 12 digits, CMND 9 digits, passport a letter and 7-8 digits ---
@pytest.mark.parametrize(
    ("value", "kind"),
    [("045301000777", CCCD), ("197123456", CMND), ("C1234567", PASSPORT), ("B12345678", PASSPORT)],
)
def test_the_kind_follows_the_shape(value, kind):
    assert id_kind(value) == kind


def test_spaces_dots_and_lower_case_are_normalised():
    assert clean_id_number(" 045 301.000-777 ") == "045301000777"
    assert clean_id_number("c1234567") == "C1234567"
    assert clean_id_number("") == ""


@pytest.mark.parametrize("value", ["12345", "0453010007770", "1234567890", "CC123456", "C123456", "abc", "=1+1"])
def test_other_shapes_are_refused_with_what_is_expected(value):
    with pytest.raises(IdNumberError, match="12"):
        clean_id_number(value)


# --- uploads: the content decides ---
def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00", PNG),
        (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), DOCX),
        (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), XLSX),
    ],
)
def test_allowed_types_are_detected_from_their_first_bytes(content, kind):
    assert detect_type(io.BytesIO(content)) == kind
    assert check_upload(io.BytesIO(content)) == kind


@pytest.mark.parametrize(
    "content",
    [
        b"<!doctype html><script>alert(1)</script>",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows executable
        b"\x7fELF\x02\x01\x01",
        b"#!/bin/sh\nrm -rf /\n",
        _zip({"evil.exe": b"MZ"}),  # a ZIP that is no office document
        b"%PD",
    ],
)
def test_other_content_is_refused_whatever_its_name(content):
    with pytest.raises(UploadError):
        check_upload(io.BytesIO(content))


def test_size_limits_per_file_and_per_dossier(settings):
    settings.CCHC_UPLOAD_MAX_MB = 1
    settings.CCHC_DOSSIER_UPLOADS_MAX_MB = 2
    big = b"%PDF-" + b"0" * (1024 * 1024)
    with pytest.raises(UploadError, match="1 MB"):
        check_upload(io.BytesIO(big))
    small = b"%PDF-" + b"0" * (600 * 1024)
    assert check_upload(io.BytesIO(small), already_stored=1024 * 1024) == PDF
    with pytest.raises(UploadError, match="2 MB"):
        check_upload(io.BytesIO(small), already_stored=int(1.5 * 1024 * 1024))
    with pytest.raises(UploadError):
        check_upload(io.BytesIO(b""))


@pytest.mark.parametrize(
    ("name", "shown"),
    [("../../etc/passwd", "passwd"), ("C:\\scans\\to khai.pdf", "to khai.pdf"), ("a/b/c.pdf", "c.pdf"), ("..", "")],
)
def test_display_names_lose_their_folder_parts(name, shown):
    assert display_name(name) == shown
