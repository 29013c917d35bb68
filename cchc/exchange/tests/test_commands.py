"""`cchc import` and `cchc export` on the command line: output, exit status, dry runs."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cchc.dossiers.models import Dossier
from cchc.units.models import Unit

from .files import DATA, snapshot

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    """Run `cchc ARGS` in this process; return the exit status the console script would give, and the output.

    (run_from_argv would close the test's database connection, so the status is read from the CommandError,
    which is what run_from_argv passes to sys.exit.)
    """
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        status = 0
    except CommandError as exc:
        status = exc.returncode
        err.write(f"CommandError: {exc}\n")
    return status, out.getvalue(), err.getvalue()


def test_good_files_load_in_order_and_print_counts():
    """Units, procedures, dossiers: each run prints created, updated and unchanged and exits 0."""
    assert run("import", "units", str(DATA / "units.csv")) == (0, "units: 5 created, 0 updated, 0 unchanged\n", "")
    assert run("import", "procedures", str(DATA / "procedures.csv"))[0] == 0
    status, out, _ = run("import", "dossiers", str(DATA / "dossiers.csv"))
    assert (status, out) == (0, "dossiers: 5 created, 0 updated, 0 unchanged\n")
    status, out, _ = run("import", "dossiers", str(DATA / "dossiers.csv"))
    assert (status, out) == (0, "dossiers: 0 created, 0 updated, 5 unchanged\n")


def test_a_bad_file_exits_non_zero_listing_every_problem_and_writes_nothing():
    """Each problem is printed on its own line with row and column; the exit status is 1."""
    call_command("import", "units", str(DATA / "units.csv"), stdout=io.StringIO())
    call_command("import", "procedures", str(DATA / "procedures.csv"), stdout=io.StringIO())
    before = snapshot()
    status, out, err = run("import", "dossiers", str(DATA / "dossiers-bad.csv"))
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert "row 1, column colour: unknown column 'colour'" in lines[0]
    assert lines[2].startswith("row 3, column unit_code:")
    assert sum(line.startswith("row ") for line in lines) == 9
    assert "9 problems; nothing was written" in lines[-1]
    assert snapshot() == before


def test_dry_run_prints_counts_without_writing():
    """--dry-run says what would happen and leaves the database alone."""
    status, out, _ = run("import", "units", str(DATA / "units.csv"), "--dry-run")
    assert status == 0
    assert "units: 5 created" in out and "Dry run" in out
    assert not Unit.objects.exists()


def test_unreadable_or_unknown_input_fails_cleanly(tmp_path):
    """A missing file, a wrong type or an unknown unit for the export end with status 1 and a reason."""
    missing = run("import", "units", str(tmp_path / "none.csv"))
    assert missing[0] == 1 and "none.csv" in missing[2]
    wrong = tmp_path / "units.txt"
    wrong.write_text("code\n")
    assert run("import", "units", str(wrong))[0] == 1
    assert run("export", "dossiers", "--unit", "nowhere")[0] == 1
    assert run("export", "dossiers", "--period", "soon")[0] == 1
    assert run("export", "dossiers", "--format", "xlsx")[0] == 1
    assert not Dossier.objects.exists()


def test_units_file_over_the_cast_keeps_agency_codes(cast):
    """Re-importing the shared tree over existing units updates them and keeps their agency codes."""
    out = io.StringIO()
    call_command("import", "units", str(DATA / "units.csv"), stdout=out)
    assert out.getvalue() == "units: 1 created, 3 updated, 1 unchanged\n"  # the province is as it was
    cast.commune_a.refresh_from_db()
    assert cast.commune_a.agency_code == "000.21.27.H45"
    assert cast.commune_a.successor.code == "gio-linh-moi"
    assert Unit.objects.get(code="gio-linh-moi").agency_code == ""


def test_the_console_script_exits_1_on_a_rejected_file(tmp_path):
    """End to end in a subprocess with its own SQLite file: a bad file gives exit status 1 and the problems."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "LANGUAGE": "en"}
    root = Path(settings.BASE_DIR)

    def cchc(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "config.cli", *args], cwd=root, env=env, capture_output=True, text=True
        )

    assert cchc("migrate", "-v", "0").returncode == 0
    good = cchc("import", "units", str(DATA / "units.csv"))
    assert good.returncode == 0
    assert "5" in good.stdout
    bad = cchc("import", "dossiers", str(DATA / "dossiers-bad.csv"))
    assert bad.returncode == 1
    assert "colour" in bad.stderr and "procedure_code" in bad.stderr


@pytest.mark.parametrize("name", ["import", "export"])
def test_help_renders(name):
    """`cchc import --help` and `cchc export --help` format without error and describe the options."""
    from django.core.management import load_command_class

    text = load_command_class("cchc.exchange", name).create_parser("cchc", name).format_help()
    assert "--dry-run" in text if name == "import" else "--period" in text
