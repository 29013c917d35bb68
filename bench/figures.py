"""Benchmark of the dossier figures: `cchc stats` on 1,000,000 dossiers over 200 units, SQLite and PostgreSQL.

    .venv/bin/python bench/figures.py [--dossiers 1000000] [--db sqlite|postgres|both] [--runs 5]

For each database it creates a throw-away database (a SQLite file under a temporary directory; the PostgreSQL
database `cchc_bench` on 127.0.0.1:5432, dropped at the end), migrates it, bulk-loads a province > districts >
communes tree of 200 units and N dossiers spread over 2020-2024 (with apology letters, evaluations and
feedback), then times `cchc stats --unit <province> --period <quarter> --scope tree --json` in-process after a
warm-up (median of several runs) and measures the peak memory (maximum resident set size) of a separate
process running the same command. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "cchc_bench"
TOP = "tinh-bench"
KEEP_DIR = Path(tempfile.gettempdir()) / "cchc-bench-keep"
QUARTERS = ("2024-Q4", "2022-Q3")
START, END = dt.datetime(2020, 1, 1, tzinfo=dt.UTC), dt.datetime(2024, 12, 31, tzinfo=dt.UTC)
NOW = dt.datetime(2025, 1, 10, 3, 0, tzinfo=dt.UTC)

DOSSIER_COLUMNS = (
    "code procedure_id receiving_unit_id processing_unit_id channel status regime processing_days online_service "
    "applicant_name applicant_id_number applicant_phone applicant_address applicant_email sets note received_at "
    "clock_start_at due_at extended_due_at finished_at outcome delivered_at waiting_working_days "
    "processing_working_days components_digitized result_digitized e_certified assigned_to_id received_by_id imported"
).split()
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Đức Cường", "Thị Dung", "Minh Hải", "Thị Lan", "Quốc Nam", "Thị Hoa"]


# --- orchestration (no Django in this process) ---
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--keep", action="store_true", help=f"keep the databases ({KEEP_DIR}, {PG_BENCH_DB}) and reuse them"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.dossiers, args.runs)
        return
    engines = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = []
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
            if engine == "sqlite":
                folder = KEEP_DIR if args.keep else Path(tmp)
                folder.mkdir(parents=True, exist_ok=True)
                url = f"sqlite:///{folder}/bench.sqlite3"
            else:
                if not args.keep:
                    _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
                if not _pg_exists():
                    _pg_admin(f"CREATE DATABASE {PG_BENCH_DB}")
                url = f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}"
            env = {**os.environ, "DATABASE_URL": url, "DEBUG": "false", "SECRET_KEY": "bench-" + "x" * 60}
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", "--dossiers", str(args.dossiers), "--runs", str(args.runs)],
                    env=env,
                    cwd=ROOT,
                    check=True,
                    stdout=subprocess.PIPE,
                    text=True,
                ).stdout
                result = json.loads(out.strip().splitlines()[-1])
                # Measured from this small process: a child forked from the loader would inherit its peak.
                for period, timing in result["timings"].items():
                    argv = ["stats", "--unit", TOP, "--period", period, "--scope", "tree", "--json"]
                    timing["peak_mb"] = _peak_rss_mb([sys.executable, "manage.py", *argv], env)
            finally:
                if engine == "postgres" and not args.keep:
                    _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        results.append((engine, result))
    print()
    print(f"{'database':<10} {'period':<8} {'median s':>9} {'runs (s)':<40} {'peak MB':>8}")
    for engine, result in results:
        for period, timing in result["timings"].items():
            runs = ", ".join(f"{t:.3f}" for t in timing["runs"])
            print(f"{engine:<10} {period:<8} {timing['median']:>9.3f} {runs:<40} {timing['peak_mb']:>8.1f}")
        print(f"{'':<10} {result['rows']} dossiers, loaded in {result['load_s']:.0f} s")


def _pg_exists(name: str = PG_BENCH_DB) -> bool:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def run_worker_on_throwaway_pg(db: str, script: str, worker_args: list[str], keep: bool) -> dict:
    """Run `script --worker ...worker_args` with Django on the PostgreSQL database `db` (made, and dropped afterwards
    unless `keep`), and return the JSON its last line prints (the benchmarks of search and the work list)."""
    if not keep:
        _pg_admin(f"DROP DATABASE IF EXISTS {db}")
    if not _pg_exists(db):
        _pg_admin(f"CREATE DATABASE {db}")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 60,
    }
    argv = [sys.executable, script, "--worker", *worker_args]
    try:
        out = subprocess.run(argv, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    finally:
        if not keep:
            _pg_admin(f"DROP DATABASE IF EXISTS {db}")
    return json.loads(out.strip().splitlines()[-1])


def _pg_admin(*statements: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


# --- the worker: Django set up on the throw-away database ---
def worker(n: int, runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from cchc.dossiers.models import Dossier

    log = sys.stderr
    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    rows = Dossier.objects.count()
    if rows == 0:
        rows = load(n, connection, log)
    else:
        print(f"[{connection.vendor}] reusing {rows} dossiers", file=log, flush=True)
    load_s = time.perf_counter() - began
    print(f"[{connection.vendor}] {rows} dossiers ready in {load_s:.0f} s", file=log, flush=True)

    timings = {}
    for period in QUARTERS:
        argv = ["stats", "--unit", TOP, "--period", period, "--scope", "tree", "--json"]
        call_command(*argv, stdout=io.StringIO())  # warm-up
        times = []
        for _ in range(runs):
            buf = io.StringIO()
            began = time.perf_counter()
            call_command(*argv, stdout=buf)
            times.append(time.perf_counter() - began)
        counts = json.loads(buf.getvalue())["counts"]
        print(
            f"[{connection.vendor}] {period}: median {statistics.median(times):.3f} s "
            f"(total={counts['total']} received={counts['received']} carried_over={counts['carried_over']} "
            f"resolved={counts['resolved']} pending={counts['pending']})",
            file=log,
            flush=True,
        )
        timings[period] = {"runs": times, "median": statistics.median(times)}
    print(json.dumps({"rows": rows, "load_s": load_s, "timings": timings}))


def _peak_rss_mb(argv: list[str], env: dict[str, str]) -> float:
    """Maximum resident set size of a fresh process running `argv` (Linux reports it in KiB)."""
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed with {proc.returncode}")
    return usage.ru_maxrss / 1024


def load(n: int, connection, log) -> int:
    """Units, procedures and `n` dossiers with their apologies, evaluations and feedback, by bulk insert."""
    from cchc.procedures.models import Procedure
    from cchc.units.models import Unit

    rng = random.Random(20230915)
    province = Unit.objects.create(code=TOP, name="UBND tỉnh Bench", level="province", agency_code="000.00.00.H99")
    desks = [province]
    for d in range(12):
        district = Unit.objects.create(
            code=f"huyen-{d:02d}", name=f"UBND huyện {d}", level="district", parent=province, agency_code=f"000.00.{d}"
        )
        desks.append(district)
        for c in range(16 if d < 11 else 11):
            desks.append(
                Unit.objects.create(
                    code=f"xa-{d:02d}-{c:02d}", name=f"UBND xã {d}-{c}", level="commune", parent=district
                )
            )
    assert len(desks) == 200, len(desks)
    procedures = []
    for i in range(60):
        days = rng.choice([0.5, 1, 3, 5, 7, 10, 15, 20])
        online = rng.choices(["none", "partial", "full"], [25, 55, 20])[0]
        procedures.append(
            Procedure.objects.create(
                code=f"B.{i:06d}", name=f"Thủ tục {i}", level="commune", processing_days=days, online_service=online
            )
        )
    # Communes receive most dossiers, the district desks fewer, the province desk some.
    weights = [8.0 if u.level == "province" else 20.0 if u.level == "district" else 4.0 for u in desks]
    span = (END - START).total_seconds()
    dossiers, apologies, evaluations = [], [], []
    for i in range(n):
        unit = rng.choices(desks, weights)[0]
        proc = rng.choice(procedures)
        received = START + dt.timedelta(seconds=rng.random() * span)
        received = received.replace(hour=rng.randint(0, 9), minute=rng.randint(0, 59))  # 07:00-16:59 local
        due = received + dt.timedelta(days=float(proc.processing_days) * 1.4 + 0.2)
        late = rng.random() < 0.02
        finish = received + (due - received) * (rng.uniform(1.05, 2.5) if late else rng.uniform(0.1, 1.0))
        stuck = rng.random() < 0.002
        outcome = ""
        if finish < NOW and not stuck:
            outcome = rng.choices(["resolved", "withdrawn", "returned"], [92, 5, 3])[0]
        else:
            finish = None
        status = _status(outcome)
        channel = rng.choices(["online", "direct", "postal"], [55, 43, 2])[0]
        online = proc.online_service
        apology = late and rng.random() < 0.7
        extended = due + dt.timedelta(days=rng.randint(1, 10)) if apology else None
        resolved = outcome == "resolved"
        dossiers.append(
            (
                f"B{i:09d}",
                proc.pk,
                unit.pk,
                None,
                channel,
                status,
                "2018",
                float(proc.processing_days),
                online,
                f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
                f"0{rng.randint(10**10, 10**11 - 1)}",
                f"09{rng.randint(10**7, 10**8 - 1)}",
                f"Thôn {rng.randint(1, 12)}, {unit.name}",
                "",
                1,
                "",
                received,
                received,
                due,
                extended,
                finish,
                outcome,
                finish if resolved else None,
                rng.choice([0, 0, 0, 1.5]),
                round(float(proc.processing_days) * rng.uniform(0.2, 1.3), 2) if resolved else None,
                rng.random() < 0.85,
                resolved and rng.random() < 0.9,
                resolved and proc.code.endswith("7") and rng.random() < 0.5,
                None,
                None,
                False,
            )
        )
        if apology:
            issued = received + (due - received) / 2
            # In time (Decree 61/2018 Art. 19(9)) when dated at least a day before the deadline's day.
            apologies.append((i + 1, issued, "Quá hạn", extended, issued.date() < due.date()))
        if resolved and rng.random() < 0.7:
            evaluations.append((i + 1, finish + dt.timedelta(hours=1), "satisfied", ""))
        if (i + 1) % 200_000 == 0:
            print(f"  generated {i + 1}", file=log, flush=True)
    dossiers.sort(key=lambda row: row[16])  # ids in receipt order, as a live desk produces them
    remap = {int(row[0][1:]) + 1: pos + 1 for pos, row in enumerate(dossiers)}
    apologies = [(remap[d], *rest) for d, *rest in apologies]
    evaluations = [(remap[d], *rest) for d, *rest in evaluations]
    feedback = []
    for _ in range(n // 200):
        at = START + dt.timedelta(seconds=rng.random() * span)
        answered = at + dt.timedelta(days=rng.randint(1, 20)) if rng.random() < 0.9 else None
        feedback.append((rng.choice(desks).pk, None, at, "", "Phản ánh", answered, "", None))
    tables = [
        ("dossiers_dossier", DOSSIER_COLUMNS, dossiers),
        ("dossiers_apology", ["dossier_id", "issued_at", "reason", "new_due_at", "in_time"], apologies),
        ("feedback_evaluation", ["dossier_id", "submitted_at", "satisfaction", "comment"], evaluations),
        (
            "feedback_feedback",
            "unit_id dossier_id received_at sender_name content answered_at answer answered_by_id".split(),
            feedback,
        ),
    ]
    for table, columns, rows in tables:
        began = time.perf_counter()
        indexes = _drop_indexes(connection, table)
        _bulk_insert(connection, table, columns, rows)
        with connection.cursor() as cursor:
            for statement in indexes:
                cursor.execute(statement)
        print(f"  {table}: {len(rows)} rows in {time.perf_counter() - began:.0f} s", file=log, flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(dossiers)


def _status(outcome: str) -> str:
    from cchc.dossiers.workflow import imported_status

    return imported_status(outcome)


def _drop_indexes(connection, table: str) -> list[str]:
    """Drop the table's plain (non-unique) indexes and return the statements that recreate them: building an
    index once after the load is much faster than updating it row by row."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef NOT LIKE %s",
                [table, "CREATE UNIQUE%"],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL "
                "AND sql NOT LIKE %s",
                [table, "CREATE UNIQUE%"],
            )
        found = cursor.fetchall()
        for name, _sql in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def _with_model_defaults(connection, table: str, columns: list[str], rows: list[tuple]):
    """Add the table's columns the builder does not name but the model gives a value by default (the portal's and
    the search's columns came after this builder): each row gets the field's default, as Django would write it."""
    from django.apps import apps

    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    # A field's default, or "" for a text field without one (as Django writes it); never a callable's value.
    extra = [
        f
        for f in model._meta.concrete_fields
        if f.column not in columns
        and not f.primary_key
        and not (f.has_default() and callable(f.default))
        and f.get_default() is not None
    ]
    if not extra:
        return columns, rows
    values = tuple(f.get_db_prep_save(f.get_default(), connection) for f in extra)
    return [*columns, *(f.column for f in extra)], (tuple(row) + values for row in rows)


def _bulk_insert(connection, table: str, columns: list[str], rows) -> None:
    connection.ensure_connection()
    columns, rows = _with_model_defaults(connection, table, columns, rows)
    raw = connection.connection
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        raw.commit()
        return
    # SQLite stores Django datetimes as naive UTC text.
    converted = (tuple(v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, dt.datetime) else v for v in r) for r in rows)
    raw.execute("BEGIN")  # Django keeps sqlite3 in autocommit mode: one transaction, not one per row
    raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", converted)
    raw.commit()


if __name__ == "__main__":
    main()
