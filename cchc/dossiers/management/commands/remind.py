"""`cchc remind`: tell each officer what falls due within a working day and what is overdue (run daily)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cchc.dossiers.selectors import due_soon_and_overdue_by_officer
from cchc.dossiers.tasks import send_email


def render_reminder(officer, due_soon: list, overdue: list, now) -> tuple[str, str, str]:
    """The reminder e-mail's subject, text body and HTML body."""
    context = {"officer": officer, "due_soon": due_soon, "overdue": overdue, "now": now}
    subject = _("%(due)d dossiers fall due soon, %(overdue)d are overdue") % {
        "due": len(due_soon),
        "overdue": len(overdue),
    }
    text = render_to_string("dossiers/email/remind.txt", context)
    html = render_to_string("dossiers/email/remind.html", context)
    return subject, text, html


class Command(BaseCommand):
    help = "Send each officer the dossiers that fall due within a working day and those overdue."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print the summary; send no e-mail.")

    def handle(self, *args, dry_run: bool = False, **options):
        now = timezone.now()
        with translation.override(settings.LANGUAGE_CODE):
            by_officer = due_soon_and_overdue_by_officer(now)
            sent = 0
            for officer, (due_soon, overdue) in sorted(by_officer.items(), key=lambda item: item[0].username):
                line = _("%(user)s: %(due)d due soon, %(overdue)d overdue") % {
                    "user": officer.username,
                    "due": len(due_soon),
                    "overdue": len(overdue),
                }
                if not officer.email:
                    self.stdout.write(_("%(line)s (no e-mail address)") % {"line": line})
                    continue
                self.stdout.write(line)
                if dry_run:
                    continue
                subject, text, html = render_reminder(officer, due_soon, overdue, now)
                send_email.enqueue(subject=subject, text=text, html=html, to=[officer.email])
                sent += 1
            summary = (
                _("%(officers)d officers with dossiers to watch; would be reminded: %(count)d.")
                if dry_run
                else _("%(officers)d officers with dossiers to watch; e-mails sent: %(count)d.")
            )
            self.stdout.write(summary % {"officers": len(by_officer), "count": len(by_officer) if dry_run else sent})
