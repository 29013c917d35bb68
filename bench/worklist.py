"""Benchmark of the staff work list (cchc.dossiers.selectors.worklist) on 1,000,000 dossiers on PostgreSQL.

    .venv/bin/python bench/worklist.py [--dossiers 1000000] [--runs 20] [--keep]

It creates the throw-away PostgreSQL database `cchc_bench_worklist` on 127.0.0.1:5432 (dropped at the end unless
--keep, which also reuses it on the next run), migrates it and loads the units, procedures and dossiers of
bench/figures.py (its `load`, with bench/search.py's fill of the search columns). About 2% of the dossiers are
then reopened as the live work of today (received in the last weeks, spread over the open statuses and the units'
officers), ANALYZE. It times one page of the work list as the view reads it (the counts of every tab in one
aggregate query, then 50 rows) for a commune's desk officer, specialist and leader, and for the province's reform
officer on the "my units' dossiers" tab, and prints p50 / p95 / max in milliseconds. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures import run_worker_on_throwaway_pg  # noqa: E402

PG_BENCH_DB = os.environ.get("CCHC_BENCH_DB", "cchc_bench_worklist")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help=f"keep the database {PG_BENCH_DB} and reuse it")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.dossiers, args.runs)
        return
    worker_args = ["--dossiers", str(args.dossiers), "--runs", str(args.runs)]
    result = run_worker_on_throwaway_pg(PG_BENCH_DB, __file__, worker_args, args.keep)
    print()
    print(
        f"{result['rows']} dossiers ({result['open']} open), ready in {result['load_s']:.0f} s; milliseconds per page"
    )
    print(f"{'who, tab':<40} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8} {'count':>8}")
    for name, timing in result["timings"].items():
        print(
            f"{name:<40} {timing['n']:>4} {timing['p50']:>8.1f} {timing['p95']:>8.1f} {timing['max']:>8.1f} "
            f"{timing['count']:>8}"
        )


def worker(n: int, runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import figures
    import search as search_bench
    from django.core.management import call_command
    from django.db import connection

    from cchc.accounts.models import Membership, Role, User
    from cchc.dossiers import selectors
    from cchc.dossiers.models import Dossier
    from cchc.units.models import Unit

    log = sys.stderr
    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    rows = Dossier.objects.count()
    communes = list(Unit.objects.filter(level="commune").order_by("code"))
    if rows == 0:
        rows = figures.load(n, connection, log)
        search_bench.rename_and_fill(connection, log)
        communes = list(Unit.objects.filter(level="commune").order_by("code"))
        _live_work(connection, communes, log)
    else:
        print(f"reusing {rows} dossiers", file=log, flush=True)
    load_s = time.perf_counter() - began
    open_count = Dossier.objects.filter(finished_at__isnull=True).count()
    print(f"{rows} dossiers ({open_count} open) ready in {load_s:.0f} s", file=log, flush=True)

    commune = communes[0]
    people = {}
    for role in (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER):
        user, _ = User.objects.get_or_create(username=f"bench-{role}", defaults={"full_name": f"Bench {role}"})
        Membership.objects.get_or_create(user=user, unit=commune, role=role)
        people[role] = user
    province = Unit.objects.filter(level="province").first() or Unit.objects.order_by("path").first()
    reform, _ = User.objects.get_or_create(username="bench-reform", defaults={"full_name": "Bench reform"})
    Membership.objects.get_or_create(user=reform, unit=province, role=Role.REFORM_OFFICER)
    specialist = people[Role.SPECIALIST]
    Dossier.objects.filter(receiving_unit=commune, finished_at__isnull=True).filter(
        pk__in=Dossier.objects.filter(receiving_unit=commune, finished_at__isnull=True)
        .exclude(status="received")
        .values("pk")[:40]
    ).update(assigned_to=specialist)

    def timed(user, tab: str) -> dict:
        def page() -> int:
            result = selectors.worklist(user, tab)
            list(result.rows[:50])
            return result.counts[tab]

        page()  # warm-up
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            count = page()
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        return {"n": len(times), "p50": statistics.median(times), "p95": p95, "max": times[-1], "count": count}

    timings = {
        "desk officer, new receptions": timed(people[Role.DESK_OFFICER], selectors.CHECK),
        "desk officer, supplements arrived": timed(people[Role.DESK_OFFICER], selectors.SUPPLEMENTED),
        "specialist, assigned to me": timed(specialist, selectors.ASSIGNED),
        "leader, to approve": timed(people[Role.LEADER], selectors.APPROVE),
        "leader, apologies to sign": timed(people[Role.LEADER], selectors.APOLOGY),
        "province reform officer, units' dossiers": timed(reform, selectors.UNIT),
    }
    for name, timing in timings.items():
        print(f"{name}: p50 {timing['p50']:.1f} ms, p95 {timing['p95']:.1f} ms", file=log, flush=True)
    print(json.dumps({"rows": rows, "open": open_count, "load_s": load_s, "timings": timings}))


def _live_work(connection, communes, log) -> None:
    """Reopen about 2% of the dossiers as today's work: received in the last 30 days, due in -5..+10 days, in the
    open statuses, nothing assigned (the benchmark assigns a few to its specialist)."""
    statuses = ["received", "in_process", "awaiting_supplement", "awaiting_approval", "approved", "result_issued"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM dossiers_dossier")
        total = cursor.fetchone()[0]
        live = max(1, total // 50)
        cursor.execute(
            "CREATE TEMP TABLE live AS SELECT id, row_number() OVER () AS n FROM dossiers_dossier "
            "ORDER BY random() LIMIT %s",
            [live],
        )
        cases = " ".join(f"WHEN live.n % {len(statuses)} = {i} THEN '{s}'" for i, s in enumerate(statuses))
        cursor.execute(
            "UPDATE dossiers_dossier d SET "
            f"status = CASE {cases} END, "
            "received_at = now() - (live.n % 30) * interval '1 day', "
            "clock_start_at = now() - (live.n % 30) * interval '1 day', "
            "due_at = now() + ((live.n % 16) - 5) * interval '1 day', "
            "finished_at = CASE WHEN live.n % 6 = 5 THEN now() ELSE NULL END, "
            "outcome = CASE WHEN live.n % 6 = 5 THEN 'resolved' ELSE '' END, "
            "missed_due_at = NULL, delivered_at = NULL, assigned_to_id = NULL "
            "FROM live WHERE d.id = live.id"
        )
        cursor.execute("DELETE FROM dossiers_apology WHERE dossier_id IN (SELECT id FROM live)")
        cursor.execute("ANALYZE")
    print(f"{live} dossiers reopened as today's work", file=log, flush=True)


if __name__ == "__main__":
    main()
