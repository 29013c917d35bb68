"""`cchc stats`, `cchc report` and `cchc export` read --period as people write it (issue 9 point 3)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from cchc.testing.factories import local, received_dossier

pytestmark = pytest.mark.django_db


def stats(*args: str) -> dict:
    out = io.StringIO()
    call_command("stats", "--unit", "gio-an", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("text", ["quý III năm 2023", "Q3/2023", "01/07/2023-30/09/2023", "1/7/2023 đến 30/9/2023"])
def test_stats_reads_a_quarter_however_written(cast, text):
    received_dossier(cast.commune_a, at=local(2023, 8, 10, 9))
    assert stats("--period", text) == stats("--period", "2023-Q3")
    assert stats("--period", text)["counts"]["total"] == 1


def test_stats_names_a_bad_period(cast):
    with pytest.raises(CommandError, match="quý 5/2023"):
        stats("--period", "quý 5/2023")


def test_the_report_of_a_range_that_is_a_quarter_is_that_quarters_report(cast, tmp_path):
    out = tmp_path / "q3.docx"
    call_command(
        "report", "--unit", "gio-an", "--period", "01/07/2023-30/09/2023", "--cutoff", "calendar", "--out", str(out)
    )
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "quý III" in text and "01/7/2023" in text


@pytest.mark.parametrize(("text", "named"), [("năm 2023", "2023"), ("01/07/2023-15/09/2023", "2023-07-01..2023-09-15")])
def test_the_report_refuses_what_is_no_report_period(cast, tmp_path, text, named):
    with pytest.raises(CommandError, match=named):
        call_command("report", "--unit", "gio-an", "--period", text, "--out", str(tmp_path / "x.docx"))


def test_export_reads_a_month_however_written(cast, tmp_path):
    received_dossier(cast.commune_a, at=local(2023, 8, 10, 9))
    written, iso = tmp_path / "written.csv", tmp_path / "iso.csv"
    call_command("export", "dossiers", "--unit", "gio-an", "--period", "tháng 8 năm 2023", "--out", str(written))
    call_command("export", "dossiers", "--unit", "gio-an", "--period", "2023-08", "--out", str(iso))
    assert written.read_bytes() == iso.read_bytes()
    assert "230810" in written.read_text(encoding="utf-8-sig")
