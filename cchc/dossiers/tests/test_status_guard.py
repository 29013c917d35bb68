"""Only workflow.py assigns a dossier's status."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PATTERN = re.compile(r"\.status\s*=(?!=)")
ALLOWED = {ROOT / "cchc" / "dossiers" / "workflow.py"}


def test_nothing_but_workflow_assigns_status():
    """A `.status =` anywhere else in the project's Python files fails this test."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        if any(part in {".venv", "node_modules", "migrations", ".git"} for part in path.parts):
            continue
        if path in ALLOWED or path == Path(__file__).resolve():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PATTERN.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_pattern_catches_assignments_and_spares_comparisons():
    assert PATTERN.search("dossier.status = 'x'")
    assert PATTERN.search("d.status= Status.X")
    assert not PATTERN.search("if dossier.status == Status.X:")
    assert PATTERN.search((ROOT / "cchc" / "dossiers" / "workflow.py").read_text())
