"""Benchmark of `cchc import dossiers FILE` on a generated 1,000,000-row CSV: time and peak memory of a fresh process.

    .venv/bin/python bench/import_file.py [--rows 1000000] [--db sqlite|postgres|both] [--bad-last-row]

For each database it makes a throw-away database (a SQLite file under a temporary directory; the PostgreSQL
database `cchc_bench_import_file`, dropped at the end), migrates it and loads bench/import_dossiers.py's units,
procedures and calendar, writes N generated rows (its generator, fixed seed) to a CSV file, then runs
`manage.py import dossiers FILE` as a separate process and reports its wall time, rows per second and maximum
resident set size (what the kernel reports for that process alone, `wait4`). With --bad-last-row the file's last
row names an unknown channel: the import must fail naming that row and leave no dossier behind (all or nothing),
and its time and memory are reported the same way. DEBUG is off and CCHC_IMPORT_MAX_MB is raised to 2048 (the
file is about 250 MB). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures import _pg_admin  # noqa: E402

PG_BENCH_DB = "cchc_bench_import_file"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--bad-last-row", action="store_true")
    parser.add_argument("--prepare", metavar="CSV", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.rows, Path(args.prepare), args.bad_last_row)
        return
    engines = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = []
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix="cchc-bench-import-file-") as tmp:
            if engine == "sqlite":
                url = f"sqlite:///{tmp}/bench.sqlite3"
            else:
                _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}", f"CREATE DATABASE {PG_BENCH_DB}")
                url = f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}"
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "DEBUG": "false",
                "SECRET_KEY": "bench-" + "x" * 60,
                "CCHC_IMPORT_MAX_MB": "2048",
            }
            path = Path(tmp) / "dossiers.csv"
            try:
                argv = [sys.executable, __file__, "--prepare", str(path), "--rows", str(args.rows)]
                argv += ["--bad-last-row"] if args.bad_last_row else []
                subprocess.run(argv, env=env, cwd=ROOT, check=True)
                size_mb = path.stat().st_size / 2**20
                print(f"[{engine}] {args.rows} rows, {size_mb:.0f} MB: importing", file=sys.stderr, flush=True)
                began = time.perf_counter()
                with (Path(tmp) / "out").open("w+") as out_file, (Path(tmp) / "err").open("w+") as err_file:
                    proc = subprocess.Popen(
                        [sys.executable, "manage.py", "import", "dossiers", str(path)],
                        cwd=ROOT,
                        env=env,
                        stdout=out_file,
                        stderr=err_file,
                    )
                    _pid, wait_status, usage = os.wait4(proc.pid, 0)
                    seconds = time.perf_counter() - began
                    status = os.waitstatus_to_exitcode(wait_status)
                    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux: this process alone
                    out_file.seek(0)
                    err_file.seek(0)
                    out, err = out_file.read(), err_file.read()
                left = (
                    subprocess.run(
                        [sys.executable, "manage.py", "shell", "-c", _COUNT],
                        cwd=ROOT,
                        env=env,
                        check=True,
                        stdout=subprocess.PIPE,
                        text=True,
                    )
                    .stdout.strip()
                    .splitlines()[-1]
                )
            finally:
                if engine == "postgres":
                    _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        print(f"[{engine}] exit {status}, {seconds:.0f} s; out: {out.strip()[:200]} err: {err.strip()[-300:]}")
        results.append((engine, args.rows, size_mb, status, seconds, peak_mb, left))
    print()
    print(f"{'database':<10} {'rows':>8} {'file MB':>8} {'exit':>5} {'s':>7} {'rows/s':>8} {'peak MB':>8} dossiers")
    for engine, rows, size_mb, status, seconds, peak_mb, left in results:
        print(
            f"{engine:<10} {rows:>8} {size_mb:>8.0f} {status:>5} {seconds:>7.1f} {rows / seconds:>8.0f} "
            f"{peak_mb:>8.0f} {left}"
        )


_COUNT = "from cchc.dossiers.models import Dossier; print(Dossier.objects.count())"


def prepare(n: int, path: Path, bad_last_row: bool) -> None:
    """Migrate, load the reference data and write the file (this process is not the one measured)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import import_dossiers
    from django.core.management import call_command

    from cchc.exchange.formats import DOSSIER_COLUMNS

    call_command("migrate", verbosity=0)
    units, procedures = import_dossiers.reference_data()
    header = list(DOSSIER_COLUMNS.all)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        for i, row in enumerate(import_dossiers.iter_dossier_rows(n, units, procedures)):
            if bad_last_row and i == n - 1:
                row["channel"] = "pigeon"
            writer.writerow([row.get(name, "") for name in header])


if __name__ == "__main__":
    main()
