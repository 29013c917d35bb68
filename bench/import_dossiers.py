"""Benchmark of `cchc import dossiers`: N generated rows imported, re-imported unchanged and re-imported changed.

    .venv/bin/python bench/import_dossiers.py [--rows 10000] [--db sqlite|postgres|both] [--debug] [--profile FILE]

For each database it creates a throw-away database (a SQLite file under a temporary directory; the PostgreSQL
database `cchc_bench_import` on 127.0.0.1:5432, dropped at the end), migrates it, loads 30 units, 40
procedures and a few calendar corrections through the exchange services, generates N dossier rows (fixed seed:
three channels, receipts at any hour from 2019 to 2026 across the 2025 regime change, 0.5 to 30 working days,
open, resolved, withdrawn and returned dossiers, some finished years later, given deadlines, apology and
evaluation times) and times `dossiers_import` three times in one process:

- `create`: every row is new;
- `unchanged`: the same rows again (nothing is written);
- `update`: a tenth of the rows changed (finished, moved or re-flagged).

It prints each time and a digest of the resulting dossiers, events, apologies and evaluations (event and row
ids and event times left out), which is the same on both engines and across implementations of the import.
DEBUG is off, as in production, unless --debug is given (the settings' default, as in `cchc demo` on a
developer's machine: Django then logs every query, and its SQLite backend quotes every parameter to do so).
With --profile FILE, each step runs under cProfile (slower) and its statistics are written to
FILE.<engine>.<step> (e.g. FILE.sqlite.create). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "cchc_bench_import"
SEED = 20231001
START = dt.datetime(2019, 1, 1)
SPAN_DAYS = 7 * 365
DAYS = ["0.5", "1", "2", "3", "5", "7", "10", "15", "20", "30"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Đức Cường", "Thị Dung", "Minh Hải", "Thị Lan", "Quốc Nam", "Thị Hoa"]


# --- orchestration (no Django in this process) ---
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--profile", default="", help="write cProfile statistics to FILE.<engine>.<step>")
    parser.add_argument("--debug", action="store_true", help="run with DEBUG on (the settings' default)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.rows, args.profile)
        return
    engines = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = []
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix="cchc-bench-import-") as tmp:
            if engine == "sqlite":
                url = f"sqlite:///{tmp}/bench.sqlite3"
            else:
                _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}", f"CREATE DATABASE {PG_BENCH_DB}")
                url = f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}"
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "DEBUG": str(args.debug).lower(),
                "SECRET_KEY": "bench-" + "x" * 60,
            }
            argv = [sys.executable, __file__, "--worker", "--rows", str(args.rows)]
            if args.profile:
                argv += ["--profile", f"{args.profile}.{'postgresql' if engine == 'postgres' else engine}"]
            try:
                out = subprocess.run(argv, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
            finally:
                if engine == "postgres":
                    _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        results.append((engine, json.loads(out.strip().splitlines()[-1])))
    print()
    print(f"{'database':<10} {'rows':>7} {'create s':>9} {'unchanged s':>12} {'update s':>9}  digest")
    for engine, result in results:
        t = result["timings"]
        print(
            f"{engine:<10} {result['rows']:>7} {t['create']:>9.2f} {t['unchanged']:>12.2f} {t['update']:>9.2f}"
            f"  {result['digest'][:16]}"
        )


def _pg_admin(*statements: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


# --- the worker: Django set up on the throw-away database ---
def worker(n: int, profile: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from cchc.exchange.services import dossiers_import

    log = sys.stderr
    call_command("migrate", verbosity=0)
    units, procedures = reference_data()
    rows = dossier_rows(n, units, procedures)
    changed = changed_rows(rows)
    timings = {}
    expected = {"create": (n, 0, 0), "unchanged": (0, 0, n), "update": (0, len(changed[1]), n - len(changed[1]))}
    for step, step_rows in (("create", rows), ("unchanged", rows), ("update", changed[0])):
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        began = time.perf_counter()
        result = dossiers_import(rows=step_rows)
        timings[step] = time.perf_counter() - began
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(f"{profile}.{step}")
        counts = (result.created, result.updated, result.unchanged)
        if result.errors or counts != expected[step]:
            raise SystemExit(f"{step}: {counts} {result.errors[:5]}")
        print(f"[{connection.vendor}] {step}: {n} rows in {timings[step]:.2f} s {counts}", file=log, flush=True)
    print(json.dumps({"rows": n, "timings": timings, "digest": digest()}))


def reference_data() -> tuple[list[str], list[str]]:
    """A province, 3 districts and 26 communes; 40 procedures, a few with their own cut-off; swapped days."""
    from cchc.exchange.services import procedures_import, units_import
    from cchc.procedures.models import Procedure
    from cchc.units.models import CalendarDay, CalendarDayKind

    rng = random.Random(SEED)
    units = [{"code": "tinh", "name": "UBND tỉnh", "level": "province"}]
    for d in range(3):
        units.append({"code": f"huyen-{d}", "name": f"UBND huyện {d}", "level": "district", "parent_code": "tinh"})
        for c in range(26 // 3 + (d < 26 % 3)):
            units.append(
                {"code": f"xa-{d}-{c}", "name": f"UBND xã {d}-{c}", "level": "commune", "parent_code": f"huyen-{d}"}
            )
    procedures = [
        {
            "code": f"1.{i:06d}",
            "name": f"Thủ tục {i}",
            "level": rng.choice(["commune", "district", "province"]),
            "processing_days": rng.choice(DAYS),
            "online_service": rng.choice(["none", "partial", "full"]),
        }
        for i in range(40)
    ]
    assert units_import(rows=units).ok and procedures_import(rows=procedures).ok
    Procedure.objects.filter(code__in=[p["code"] for p in procedures[:5]]).update(cutoff_time=dt.time(16, 0))
    corrections = [
        (dt.date(2019, 4, 29), CalendarDayKind.DAY_OFF),
        (dt.date(2019, 5, 4), CalendarDayKind.WORKING_DAY),
        (dt.date(2022, 1, 31), CalendarDayKind.DAY_OFF),
        (dt.date(2022, 1, 8), CalendarDayKind.WORKING_DAY),
        (dt.date(2024, 4, 29), CalendarDayKind.DAY_OFF),
        (dt.date(2024, 5, 4), CalendarDayKind.WORKING_DAY),
    ]
    # 2024-05-04 ships with the product (migration units 0003): the row already there is kept.
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=day, kind=kind) for day, kind in corrections], ignore_conflicts=True
    )
    # Each desk receives the procedures of its own level (cchc.procedures.selectors.LEVELS_RECEIVED).
    by_level: dict[str, list[str]] = {}
    for p in procedures:
        by_level.setdefault(p["level"], []).append(p["code"])
    return [(u["code"], u["level"]) for u in units], by_level


def _stamp(rng: random.Random, moment: dt.datetime) -> str:
    text = moment.isoformat(timespec="minutes" if rng.random() < 0.7 else "seconds")
    return text + "+07:00" if rng.random() < 0.2 else text


def dossier_rows(n: int, units: list[tuple[str, str]], procedures: dict[str, list[str]]) -> list[dict[str, str]]:
    """N rows of the dossier exchange table, as a CSV reader gives them."""
    return list(iter_dossier_rows(n, units, procedures))


def iter_dossier_rows(
    n: int, units: list[tuple[str, str]], procedures: dict[str, list[str]]
) -> Iterator[dict[str, str]]:
    """`dossier_rows` one at a time (bench/import_file.py writes a million of them to a file)."""
    rng = random.Random(SEED)
    for i in range(n):
        received = START + dt.timedelta(days=rng.randrange(SPAN_DAYS), minutes=rng.randrange(24 * 60))
        unit_code, level = rng.choice(units)
        row = {
            "code": f"BENCH-{i:07d}",
            "procedure_code": rng.choice(procedures[level]),
            "unit_code": unit_code,
            "channel": rng.choices(["online", "direct", "postal"], [50, 45, 5])[0],
            "received_at": _stamp(rng, received),
            "due_at": "",
            "finished_at": "",
            "outcome": "",
            "components_digitized": rng.choice(["true", "false", ""]),
            "result_digitized": "",
            "apology_at": "",
            "evaluated_at": "",
            "e_certified": "",
            "applicant_name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
            "applicant_id": f"0{rng.randint(10**10, 10**11 - 1)}",
            "applicant_phone": f"09{rng.randint(10**7, 10**8 - 1)}" if rng.random() < 0.6 else "",
        }
        if rng.random() < 0.2:
            row["due_at"] = _stamp(rng, received + dt.timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 8)))
        if rng.random() < 0.9:
            # Most dossiers finish within weeks; a few drag on for years (long working-time spans).
            days = rng.uniform(0, 2 * 365) if rng.random() < 0.02 else rng.uniform(0, 45)
            finished = received + dt.timedelta(days=days, minutes=rng.randrange(600))
            row["finished_at"] = _stamp(rng, finished)
            row["outcome"] = rng.choices(["resolved", "withdrawn", "returned"], [90, 6, 4])[0]
            if row["outcome"] == "resolved":
                row["result_digitized"] = rng.choice(["true", "false"])
                row["e_certified"] = "true" if rng.random() < 0.1 else "false"
                if rng.random() < 0.5:
                    row["evaluated_at"] = _stamp(rng, finished + dt.timedelta(hours=rng.randint(1, 72)))
        if rng.random() < 0.04:
            row["apology_at"] = _stamp(rng, received + dt.timedelta(days=rng.randint(1, 30)))
        yield row


def changed_rows(rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], set[str]]:
    """The rows with one in ten changed (an open one finished, a deadline or a flag changed), and their codes."""
    rng = random.Random(SEED + 1)
    out, codes = [], set()
    for row in rows:
        row = dict(row)
        if rng.random() < 0.1:
            codes.add(row["code"])
            if not row["outcome"]:
                row["finished_at"], row["outcome"] = "2026-06-01T09:00", "resolved"
                row["evaluated_at"] = "2026-06-02T10:00"
            elif rng.random() < 0.5:
                row["due_at"] = "2026-06-30T17:00"
            else:
                row["components_digitized"] = "false" if row["components_digitized"] == "true" else "true"
                row["apology_at"] = "2026-05-04T08:00"
        out.append(row)
    return out, codes


def digest() -> str:
    """A hash of what the imports left in the database, without ids and event times (they differ per run)."""
    from cchc.dossiers.models import Apology, Dossier, DossierEvent
    from cchc.feedback.models import Evaluation

    sha = hashlib.sha256()
    dossier_fields = [f.attname for f in Dossier._meta.concrete_fields if f.attname != "id"]
    for values in Dossier.objects.order_by("code").values_list(*dossier_fields):
        sha.update(repr(values).encode())
    for values in DossierEvent.objects.order_by("dossier__code", "pk").values_list(
        "dossier__code", "action", "from_status", "to_status", "actor_id", "note", "data"
    ):
        sha.update(repr(values).encode())
    for values in Apology.objects.order_by("dossier__code").values_list("dossier__code", "issued_at", "new_due_at"):
        sha.update(repr(values).encode())
    for values in Evaluation.objects.order_by("dossier__code").values_list(
        "dossier__code", "submitted_at", "satisfaction"
    ):
        sha.update(repr(values).encode())
    return sha.hexdigest()


if __name__ == "__main__":
    main()
