"""`cchc audit-report FILE`: the listing, the JSON and the exit status."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

DATA = Path(__file__).parent / "data" / "audit"
SEED = DATA / "gio-linh-2023-q3-report.txt"
CLEAN = DATA / "clean-report.txt"


def run(*args: str) -> tuple[int, str]:
    """Call the command in-process and return its exit status and output."""
    out = StringIO()
    with translation.override("en"):
        try:
            call_command("audit-report", *args, stdout=out)
        except SystemExit as exit_:
            return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_it_lists_the_seed_errors_and_exits_1():
    """Each figure that does not add up is listed with its line, its text, as stated and as it should be."""
    status, output = run(str(SEED))
    assert status == 1
    assert "Line 114, percentage: quá hạn: 4 hồ sơ đạt 0,5%" in output
    assert "stated 0,5%, correct 0,05%" in output
    assert "stated 77,53%, correct 75,60%" in output
    assert "stated 9/9, correct 4/4" in output
    assert "3 figure(s) do not add up." in output


def test_json_lists_only_the_figures_that_do_not_add_up():
    """--json prints a list of {line, kind, stated, expected, text}, one per error."""
    status, output = run(str(SEED), "--json")
    assert status == 1
    found = json.loads(output)
    assert [(f["line"], f["kind"], f["stated"], f["expected"]) for f in found] == [
        (114, "percentage", "0,5%", "0,05%"),
        (124, "late_count", "9/9", "4/4"),
        (130, "percentage", "77,53%", "75,60%"),
    ]
    assert all(set(f) == {"line", "kind", "stated", "expected", "text"} for f in found)


def test_a_clean_report_exits_0_with_an_empty_json_list():
    """Nothing to report: an empty list and exit status 0."""
    assert run(str(CLEAN), "--json") == (0, "[]\n")
    status, output = run(str(CLEAN))
    assert status == 0
    assert "Every stated sum and percentage adds up." in output


def test_it_refuses_files_it_cannot_read(tmp_path):
    """A missing file or another format is an error of use, not a finding."""
    with pytest.raises(CommandError):
        run(str(tmp_path / "missing.txt"))
    odd = tmp_path / "report.pdf"
    odd.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError):
        run(str(odd))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "config.cli", "audit-report", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_the_cchc_console_command_exits_1_0_and_2():
    """As a process: 1 with findings, 0 without, 2 when the file cannot be read."""
    with_errors = cli("--json", str(SEED))
    assert with_errors.returncode == 1, with_errors.stderr
    assert [f["line"] for f in json.loads(with_errors.stdout)] == [114, 124, 130]
    clean = cli("--json", str(CLEAN))
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout) == []
    assert cli(str(DATA / "missing.txt")).returncode == 2
