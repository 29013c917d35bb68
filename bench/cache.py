"""Benchmark of the shared cache the portal's rate limits count in (cchc/portal/ratelimit.py, decision 0031).

    .venv/bin/python bench/cache.py [--events 2000] [--db sqlite|postgres|both] [--redis redis://127.0.0.1:6379/15]

For each database (a throw-away SQLite file; the PostgreSQL database `cchc_bench_cache` on 127.0.0.1:5432, dropped
at the end) it migrates, then times what one tracking look-up costs the rate limit, as the view calls it
(cchc/portal/views/tracking.py): a right look-up reads two counts (`blocked`, per address and per code), a failed
one reads them and counts one event for each (`record`). Each cache is timed on the same events: the per-process
LocMemCache (not shared: the old default), the database cache (cchc.lib.cache, the default) and Redis (Django's
RedisCache with redis-py, when `--redis` answers). It prints microseconds per look-up (p50 / p95) and the
statements the database cache sends. Not part of the test suite.
"""

from __future__ import annotations

import argparse
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
PG_BENCH_DB = "cchc_bench_cache"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.events, args.redis)
        return
    from figures import run_worker_on_throwaway_pg

    results = []
    worker_args = ["--events", str(args.events), "--redis", args.redis]
    if args.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="cchc-bench-cache-") as tmp:
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{tmp}/cache.sqlite3",
                "DEBUG": "false",
                "SECRET_KEY": "bench-" + "x" * 60,
            }
            argv = [sys.executable, __file__, "--worker", *worker_args]
            out = subprocess.run(argv, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
            results.append(("SQLite", json.loads(out.strip().splitlines()[-1])))
    if args.db in ("postgres", "both"):
        results.append(("PostgreSQL", run_worker_on_throwaway_pg(PG_BENCH_DB, __file__, worker_args, keep=False)))
    print()
    print(f"{'database':<11} {'cache':<22} {'look-up':<8} {'p50 us':>8} {'p95 us':>8} {'statements':>10}")
    for database, result in results:
        for name, timing in result.items():
            for kind in ("right", "failed"):
                t = timing[kind]
                print(f"{database:<11} {name:<22} {kind:<8} {t['p50']:>8.0f} {t['p95']:>8.0f} {t['queries']:>10}")


def worker(events: int, redis_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    from cchc.portal import ratelimit
    from cchc.portal.ratelimit import Rate

    call_command("migrate", verbosity=0)
    caches = {
        "LocMemCache (per process)": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "database (cchc.lib.cache)": {
            "BACKEND": "cchc.lib.cache.DatabaseCache",
            "LOCATION": "cchc_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
    try:
        import redis

        redis.Redis.from_url(redis_url).ping()
        caches["Redis (redis-py)"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    except Exception as exc:  # noqa: BLE001 - no Redis: measured without it
        print(f"Redis not measured: {exc}", file=sys.stderr)
    by_address = Rate("bench-address", 20, 900)
    by_code = Rate("bench-code", 10, 3600)
    result = {}
    for name, config in caches.items():
        with override_settings(CACHES={"default": config}):
            cache.clear()
            timing = {}
            for kind in ("right", "failed"):
                times = []

                def look_up(i: int, kind: str = kind) -> None:
                    # Many visitors, one address in two seen before: each look-up its own code (the per-code key
                    # new), the address's key new or counted already, as the table fills in production.
                    pairs = [(by_address, f"203.0.{i // 2 % 250}.{i // 500}"), (by_code, f"H45.{kind}.{i:06d}")]
                    ratelimit.blocked(pairs)
                    if kind == "failed":
                        ratelimit.record(pairs)

                for i in range(events):
                    began = time.perf_counter()
                    look_up(i)
                    times.append((time.perf_counter() - began) * 1e6)
                with CaptureQueriesContext(connection) as queries:
                    for i in range(events, events + 100):
                        look_up(i)
                times.sort()
                timing[kind] = {
                    "p50": statistics.median(times),
                    "p95": times[int(0.95 * len(times)) - 1],
                    "queries": round(len(queries) / 100, 1),
                }
            cache.clear()
        print(f"{name}: {timing}", file=sys.stderr, flush=True)
        result[name] = timing
    print(json.dumps(result))


if __name__ == "__main__":
    main()
