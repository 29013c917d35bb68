"""Benchmark of whole dossier life cycles through the services, in parallel processes, on PostgreSQL.

    .venv/bin/python bench/lifecycle.py [--cycles 500] [--processes 2] [--profile FILE]

It creates the throw-away PostgreSQL database `cchc_bench_lifecycle` on 127.0.0.1:5432 (dropped at the end),
migrates it and sets up, with the test factories, a province > district > communes tree with a desk officer,
a specialist and a leader in each of --processes communes. Then --processes worker processes start at once, each
running --cycles life cycles at its own commune, each cycle what the staff do with one dossier through
cchc.dossiers.services: receive (the birth registration, its required documents) -> assign to the specialist ->
submit to the leader -> approve -> issue the result -> deliver it at the desk. Prints the life cycles per second
of all processes together (their timed loops run at the same time) and per process, and the SQL statements of
one cycle (CCHC_BENCH_SQL=1 prints them). With --profile FILE, the first
worker runs under cProfile and writes FILE. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures import _pg_admin  # noqa: E402

PG_BENCH_DB = "cchc_bench_lifecycle"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=500)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--profile", default="")
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker", type=int, default=-1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        _django()
        setup(args.processes)
        return
    if args.worker >= 0:
        _django()
        run(args.worker, args.cycles, args.profile)
        return
    _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}", f"CREATE DATABASE {PG_BENCH_DB}")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 60,
    }
    try:
        subprocess.run([sys.executable, __file__, "--setup", "--processes", str(args.processes)], env=env, check=True)
        began = time.perf_counter()
        procs = []
        for i in range(args.processes):
            argv = [sys.executable, __file__, "--worker", str(i), "--cycles", str(args.cycles)]
            argv += ["--profile", args.profile] if args.profile and i == 0 else []
            procs.append(subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, text=True))
        results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
        wall = time.perf_counter() - began
        if any(p.returncode for p in procs):
            raise SystemExit("a worker failed")
    finally:
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
    total = sum(r["cycles"] for r in results)
    print()
    for r in results:
        print(
            f"process {r['worker']}: {r['cycles']} life cycles in {r['seconds']:.1f} s: {r['rate']:.0f}/s "
            f"({r['statements']} SQL statements a cycle)"
        )
    # The timed loops run at the same time (each after its process's start-up and warm-up): together they do
    # `total` cycles in the longest loop's time.
    longest = max(r["seconds"] for r in results)
    print(f"all {args.processes} processes: {total} life cycles in {longest:.1f} s: {total / longest:.0f}/s")
    print(f"(start to end, with Django's start-up and the warm-up of each process: {wall:.1f} s)")


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def setup(processes: int) -> None:
    from django.core.management import call_command

    from cchc.accounts.models import Role
    from cchc.testing.factories import UnitFactory, procedure_received_at, user_with_role
    from cchc.units.models import UnitLevel

    call_command("migrate", verbosity=0)
    province = UnitFactory(code="tinh", name="UBND tỉnh", level=UnitLevel.PROVINCE, agency_code="000.00.00.H45")
    district = UnitFactory(code="huyen", name="UBND huyện", level=UnitLevel.DISTRICT, parent=province)
    for i in range(processes):
        commune = UnitFactory(code=f"xa-{i}", name=f"UBND xã {i}", level=UnitLevel.COMMUNE, parent=district)
        for role in (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER):
            user_with_role(commune, role, f"{role}-{i}")
        procedure_received_at(commune)


def run(worker: int, cycles: int, profile: str) -> None:
    from cchc.accounts.models import Role, User
    from cchc.dossiers import services
    from cchc.testing.factories import APPLICANT, procedure_received_at
    from cchc.units.models import Unit

    unit = Unit.objects.get(code=f"xa-{worker}")
    desk, specialist, leader = (
        User.objects.get(username=f"{role}-{worker}") for role in (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER)
    )
    procedure = procedure_received_at(unit)
    components = list(procedure.components.filter(required=True))

    def cycle() -> None:
        d = services.dossier_receive(
            by=desk, unit=unit, procedure=procedure, channel="direct", applicant=dict(APPLICANT), components=components
        )
        d = services.dossier_assign(dossier=d, by=desk, to=specialist)
        d = services.dossier_submit(dossier=d, by=specialist)
        d = services.dossier_approve(dossier=d, by=leader)
        d = services.dossier_issue_result(dossier=d, by=desk)
        services.dossier_deliver(dossier=d, by=desk)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cycle()  # warm-up (caches, the calendar, connections)
    with CaptureQueriesContext(connection) as captured:
        cycle()
    if worker == 0 and os.environ.get("CCHC_BENCH_SQL"):
        for query in captured.captured_queries:
            print(query["sql"][:160], file=sys.stderr)
    statements = len(captured.captured_queries)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    began = time.perf_counter()
    for _ in range(cycles):
        cycle()
    seconds = time.perf_counter() - began
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    result = {
        "worker": worker,
        "cycles": cycles,
        "seconds": seconds,
        "rate": cycles / seconds,
        "statements": statements,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
