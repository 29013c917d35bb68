"""`cchc audit-report FILE`: list every stated sum and percentage of a hand-written report that does not add up.

Exit status 1 when any figure does not add up, 0 when all do, 2 when the file cannot be read.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.opc.exceptions import PackageNotFoundError

from cchc.reports.audit import UnsupportedReport, audit_report
from cchc.reports.audit.labels import KIND_LABELS


class Command(BaseCommand):
    # A lazy text: `help` is read after the language is chosen (argparse takes any str-like value).
    help = gettext_lazy(  # type: ignore[assignment]
        "Check every stated sum and percentage of a hand-written report (.txt, or .docx read paragraph by "
        "paragraph, a table row counting as one paragraph) and list those that do not add up."
    )
    # Reading a file needs neither the database nor a sound deployment configuration.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=_("the report, .txt or .docx"))
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help=_("print the figures that do not add up as a JSON list"),
        )

    def handle(self, *args: object, file: Path, as_json: bool, **options: object) -> None:
        try:
            findings, unit = audit_report(file)
        except FileNotFoundError as error:
            raise CommandError(_("No such file: %(path)s") % {"path": file}, returncode=2) from error
        except UnsupportedReport as error:
            raise CommandError(
                _("Only .txt and .docx reports can be audited: %(path)s") % {"path": file}, returncode=2
            ) from error
        except (PackageNotFoundError, UnicodeDecodeError) as error:
            raise CommandError(_("The report cannot be read: %(path)s") % {"path": file}, returncode=2) from error

        if as_json:
            self.stdout.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
        else:
            place = _("Line") if unit == "line" else _("Paragraph")
            for finding in findings:
                self.stdout.write(
                    _("%(place)s %(line)s, %(kind)s: %(text)s\n    stated %(stated)s, correct %(expected)s")
                    % {
                        "place": place,
                        "line": finding.line,
                        "kind": KIND_LABELS.get(finding.kind, finding.kind),
                        "text": finding.text,
                        "stated": finding.stated,
                        "expected": finding.expected,
                    }
                )
            if findings:
                self.stdout.write(_("%(count)s figure(s) do not add up.") % {"count": len(findings)})
            else:
                self.stdout.write(_("Every stated sum and percentage adds up."))
        if findings:
            raise SystemExit(1)
