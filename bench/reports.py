"""Benchmark of the report page and `cchc report` (docx) on 1,000,000 dossiers, PostgreSQL and SQLite.

    .venv/bin/python bench/reports.py [--dossiers 1000000] [--db sqlite|postgres|both] [--runs 5] [--keep]

For each database it builds (or, with --keep, reuses) a database loaded by bench/figures.py's `load` (200 units,
60 procedures, N dossiers 2020-2024 with apologies, evaluations and feedback): the PostgreSQL database
`cchc_bench_reports` on 127.0.0.1:5432, the SQLite file under /tmp/cchc-bench-reports/. Then, in-process after a
warm-up, for the province (scope tree, its 12 districts as the units below) and two quarters (2024-Q4, and 2022-Q3
where "carried over" is the hard case), it times: the report page read by a logged-in reform officer of the
province through Django's test client (`GET /can-bo/bao-cao/?unit=...&period=...`), the number of SQL queries
that page makes, and `cchc report --format docx` (the command, writing the .docx). Prints medians in seconds.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures import TOP, run_worker_on_throwaway_pg  # noqa: E402

PG_BENCH_DB = os.environ.get("CCHC_BENCH_DB", "cchc_bench_reports")
SQLITE_DIR = Path(tempfile.gettempdir()) / "cchc-bench-reports"
QUARTERS = ("2024-Q4", "2022-Q3")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help=f"keep the databases ({PG_BENCH_DB}, {SQLITE_DIR})")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.dossiers, args.runs)
        return
    worker_args = ["--dossiers", str(args.dossiers), "--runs", str(args.runs)]
    results = []
    if args.db in ("postgres", "both"):
        results.append(("PostgreSQL", run_worker_on_throwaway_pg(PG_BENCH_DB, __file__, worker_args, args.keep)))
    if args.db in ("sqlite", "both"):
        results.append(("SQLite", _run_sqlite(worker_args, args.keep)))
    print()
    print(f"{'database':<11} {'quarter':<8} {'what':<14} {'median s':>9} {'queries':>8}  runs (s)")
    for engine, result in results:
        for period, timing in result["timings"].items():
            for what in ("page", "docx"):
                runs = ", ".join(f"{t:.3f}" for t in timing[what])
                queries = str(timing["page_queries"]) if what == "page" else ""
                print(
                    f"{engine:<11} {period:<8} {what:<14} {statistics.median(timing[what]):>9.3f} {queries:>8}  {runs}"
                )
        print(f"{'':<11} {result['rows']} dossiers, ready in {result['load_s']:.0f} s")


def _run_sqlite(worker_args: list[str], keep: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        folder = SQLITE_DIR if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "DEBUG": "false",
            "SECRET_KEY": "bench-" + "x" * 60,
        }
        argv = [sys.executable, __file__, "--worker", *worker_args]
        out = subprocess.run(argv, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def worker(n: int, runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import figures
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from cchc.accounts.models import Membership, Role, User
    from cchc.dossiers.models import Dossier
    from cchc.units.models import Unit

    # DEBUG off reads hashed static names from a manifest that only `collectstatic` writes; the page's timing does
    # not depend on them.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    log = sys.stderr
    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    rows = Dossier.objects.count()
    if rows == 0:
        rows = figures.load(n, connection, log)
    else:
        print(f"[{connection.vendor}] reusing {rows} dossiers", file=log, flush=True)
    load_s = time.perf_counter() - began
    print(f"[{connection.vendor}] {rows} dossiers ready in {load_s:.0f} s", file=log, flush=True)

    province = Unit.objects.get(code=TOP)
    officer, _ = User.objects.get_or_create(username="bench-reform", defaults={"full_name": "Bench reform"})
    Membership.objects.get_or_create(user=officer, unit=province, role=Role.REFORM_OFFICER)
    client = Client(raise_request_exception=True)
    client.force_login(officer)
    url = reverse("reports:report")

    timings = {}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-report-") as tmp:
        for period in QUARTERS:
            query = {"unit": TOP, "period": period, "cutoff": "calendar"}
            docx = ["report", "--unit", TOP, "--period", period, "--cutoff", "calendar", "--out", f"{tmp}/r.docx"]

            def page(query=query) -> None:
                response = client.get(url, query)
                assert response.status_code == 200, response.status_code

            page()  # warm-up
            with CaptureQueriesContext(connection) as captured:
                page()
            times = {"page": [], "docx": [], "page_queries": len(captured.captured_queries)}
            for _ in range(runs):
                began = time.perf_counter()
                page()
                times["page"].append(time.perf_counter() - began)
            call_command(*docx, stdout=io.StringIO())  # warm-up
            for _ in range(runs):
                began = time.perf_counter()
                call_command(*docx, stdout=io.StringIO())
                times["docx"].append(time.perf_counter() - began)
            print(
                f"[{connection.vendor}] {period}: page {statistics.median(times['page']):.3f} s "
                f"({times['page_queries']} queries), docx {statistics.median(times['docx']):.3f} s",
                file=log,
                flush=True,
            )
            timings[period] = times
    print(json.dumps({"rows": rows, "load_s": load_s, "timings": timings}))


if __name__ == "__main__":
    main()
