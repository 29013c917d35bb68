"""`cchc notices retry`: hand the notices whose retry is due to the task queue again (run it from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from cchc.notices.models import Notice, NoticeStatus
from cchc.notices.services import due_for_retry, retry_due


class Command(BaseCommand):
    help = "Notices to applicants: `retry` re-sends the failed ones whose wait is over (run every few minutes)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        retry = sub.add_parser("retry", help="Hand the due failed (or stranded) notices to the task queue again.")
        retry.add_argument("--dry-run", action="store_true", help="Count them; send nothing.")
        retry.add_argument("--limit", type=int, default=None, help="At most this many in one run.")

    def handle(self, *args, what: str, dry_run: bool = False, limit: int | None = None, **options) -> None:
        if dry_run:
            self.stdout.write(f"{due_for_retry()[:limit].count()} notice(s) due for a retry")
            return
        ids = retry_due(limit=limit)
        statuses = dict.fromkeys(NoticeStatus.values, 0)
        for status in Notice.objects.filter(pk__in=ids).values_list("status", flat=True):
            statuses[status] += 1
        summary = ", ".join(f"{count} {status}" for status, count in statuses.items() if count)
        self.stdout.write(f"{len(ids)} notice(s) handed on" + (f": {summary}" if summary else ""))
