"""The tracking book at scale: one page of rows on screen with page links and counts, and the whole period
streamed (read in batches with .iterator()) as a print view and as a CSV file (UTF-8 with BOM, Vietnamese
headings) that reads back; the same numbering everywhere, personal data only for the dossiers one handles."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from cchc.testing.factories import local, received_dossier
from cchc.web import views_tracking

ROWS = 5


@pytest.fixture
def book(cast, monkeypatch):
    """Five dossiers of Q3/2023 at commune A; pages of 2 rows and batches of 2, so that paging and streaming show
    with a handful of rows."""
    monkeypatch.setattr(views_tracking, "PAGE_SIZE", 2)
    monkeypatch.setattr(views_tracking, "BATCH", 2)
    return [received_dossier(cast.commune_a, at=local(2023, 7, 3 + i, 9, 0)) for i in range(ROWS)]


def params(cast, **more):
    return {"unit": cast.commune_a.pk, "period": "2023-Q3", **more}


def _numbers(html: str) -> list[str]:
    return re.findall(r'<td class="center">(\d\d)</td>', html)


def test_the_screen_shows_one_page_numbered_as_in_the_whole_book(client, cast, book):
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:tracking_book"), params(cast)).content.decode()
    assert book[0].code in html and book[1].code in html and book[2].code not in html
    assert _numbers(html) == ["01", "02"]
    assert "Dòng 1–2 trong 5 hồ sơ tiếp nhận trong kỳ" in html
    assert "page=2" in html and "page=3" in html and 'rel="next"' in html
    html = client.get(reverse("web:tracking_book"), params(cast, page=3)).content.decode()
    assert book[4].code in html and book[3].code not in html
    assert _numbers(html) == ["05"]
    assert "Dòng 5–5 trong 5 hồ sơ" in html and 'rel="prev"' in html
    # The print and CSV links carry the same unit and period, without the page.
    link = re.search(r'id="book-csv" href="([^"]+)"', html)[1].replace("&amp;", "&")
    assert "period=2023-Q3" in link and "page=" not in link


def test_a_page_beyond_the_last_shows_the_last(client, cast, book):
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:tracking_book"), params(cast, page=99)).content.decode()
    assert _numbers(html) == ["05"]


def test_the_csv_streams_every_row_and_reads_back(client, cast, book):
    client.force_login(cast.desk_a)
    response = client.get(reverse("web:tracking_book_csv"), params(cast))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="so-theo-doi-' in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())  # the BOM: Excel then reads the file as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["STT", "Mã hồ sơ", "Thủ tục hành chính", "Tên tổ chức, cá nhân"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5"]
    assert [r[1] for r in rows[1:]] == [d.code for d in book]
    assert rows[1][3] == "Nguyễn Thị Hoa"  # the desk officer handles these dossiers
    assert rows[1][6] == "03/07/2023 09:00"  # local time


def test_the_csv_hides_the_applicant_from_who_does_not_handle_the_dossier(client, cast, book):
    client.force_login(cast.reform_officer)
    raw = b"".join(client.get(reverse("web:tracking_book_csv"), params(cast)).streaming_content)
    text = raw.decode("utf-8-sig")
    assert "Nguyễn Thị Hoa" not in text and book[0].code in text


def test_the_print_view_streams_the_whole_period_in_one_document(client, cast, book):
    client.force_login(cast.desk_a)
    response = client.get(reverse("web:tracking_book_print"), params(cast))
    assert response.status_code == 200 and response.streaming
    html = b"".join(response.streaming_content).decode()
    assert html.count("SỔ THEO DÕI HỒ SƠ") == 1
    assert _numbers(html) == ["01", "02", "03", "04", "05"]
    assert all(d.code in html for d in book)
    assert html.rstrip().endswith("</html>")


def test_an_empty_period_prints_its_empty_row(client, cast, book):
    client.force_login(cast.desk_a)
    html = b"".join(
        client.get(reverse("web:tracking_book_print"), params(cast, period="2024-Q1")).streaming_content
    ).decode()
    assert "Không có hồ sơ tiếp nhận trong kỳ này." in html and _numbers(html) == []


def test_a_bad_period_is_a_bad_request_for_the_downloads(client, cast):
    client.force_login(cast.desk_a)
    for name in ("web:tracking_book_csv", "web:tracking_book_print"):
        response = client.get(reverse(name), params(cast, period="2023-Q9"))
        assert response.status_code == 400, name
