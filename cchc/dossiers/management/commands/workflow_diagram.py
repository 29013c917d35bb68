"""`cchc workflow_diagram`: write docs/workflow.md from workflow.TABLE, so the documentation cannot drift."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from cchc.dossiers.workflow import CREATING, TABLE, Action, Status

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "workflow.md"


def render_workflow_markdown() -> str:
    """docs/workflow.md: a Mermaid state diagram and the table of moves, both generated from workflow.TABLE."""
    with translation.override("en"):
        lines = [
            "# Dossier workflow",
            "",
            "Generated from `cchc/dossiers/workflow.py` by `cchc workflow_diagram`; do not edit by hand",
            "(a test fails when this file and the table differ).",
            "",
            "```mermaid",
            "stateDiagram-v2",
        ]
        for action, move in TABLE.items():
            if action == Action.RECEIVE:
                lines.append(f"    [*] --> {move.target}: {action}")
                continue
            for source in move.sources:
                target = move.target or source
                lines.append(f"    {source} --> {target}: {action}")
        left = {source for move in TABLE.values() for source in move.sources}
        for status in Status:
            if status not in left:
                lines.append(f"    {status.value} --> [*]")
        lines += ["```", "", "| action | from | to | roles |", "| --- | --- | --- | --- |"]
        for action, move in TABLE.items():
            sources = ", ".join(move.sources) or "(new dossier)"
            target = move.target or ("(from the imported outcome)" if action in CREATING else "(unchanged)")
            roles = ", ".join(sorted(move.roles))
            lines.append(f"| `{action}` ({Action(action).label}) | {sources} | {target} | {roles} |")
        lines += ["", "| status | meaning |", "| --- | --- |"]
        lines += [f"| `{s.value}` | {s.label} |" for s in Status]
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "Write docs/workflow.md (Mermaid state diagram and table) from workflow.TABLE."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Exit 1 if docs/workflow.md is out of date.")

    def handle(self, *args, check: bool = False, **options):
        content = render_workflow_markdown()
        if check:
            current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
            if current != content:
                self.stderr.write("docs/workflow.md is out of date: run `cchc workflow_diagram`.")
                raise SystemExit(1)
            self.stdout.write("docs/workflow.md is up to date.")
            return
        DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
        DOC_PATH.write_text(content, encoding="utf-8")
        self.stdout.write(f"Wrote {DOC_PATH}")
