"""Benchmark of the public live board (/bang-tin/<unit>/) at 1,000,000 dossiers on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench_reports .venv/bin/python bench/board.py [--runs 20]

Reads an existing benchmark database (built by `bench/figures.py --keep` or `bench/reports.py --keep`: 1,000,000
dossiers over 200 units, 2020-2024); it changes no dossier (the board's summaries go to the shared cache table).
"Now" is fixed inside the data (2024-12-16 10:00 local), so today and this month have receipts, results and open
dossiers. For the busiest unit, a district and the province it times the board's figures (`board_figures`, both
periods, no cache), the whole page through the test client with the cache cleared before each run (every request
a miss: the worst case) and once from the cache, and prints medians, the 95th percentile, the figures' query
count and the machine's `uptime` load as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from zoneinfo import ZoneInfo

    import time_machine
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from cchc.dossiers.models import Dossier
    from cchc.portal import board as board_summary
    from cchc.reports.figures.board import board_figures
    from cchc.units.models import Unit, UnitLevel

    settings.ALLOWED_HOSTS = ["*"]
    # The page's static links without `collectstatic`'s manifest (cchc serve collects it; a benchmark need not).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    now = dt.datetime(2024, 12, 16, 10, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))
    busiest = (
        Dossier.objects.values("receiving_unit")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("receiving_unit", flat=True)
    )
    units = {
        "busiest unit": Unit.objects.get(pk=busiest[0]),
        "a district": Unit.objects.filter(level=UnitLevel.DISTRICT).order_by("path").first(),
        "the province": Unit.objects.filter(level=UnitLevel.PROVINCE).order_by("path").first(),
    }
    client = Client()
    travel = time_machine.travel(now, tick=False)
    travel.start()
    results: dict = {"dossiers": Dossier.objects.count(), "now": now.isoformat(), "runs": args.runs}
    for label, unit in units.items():
        if unit is None:
            continue
        board_figures(unit, now)  # warm-up
        figures_ms, page_ms = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            board_figures(unit, now)
            figures_ms.append((time.perf_counter() - started) * 1000)
        url = reverse("portal:board", args=[unit.code])
        for _ in range(args.runs):
            cache.delete(board_summary.cache_key(unit))
            started = time.perf_counter()
            response = client.get(url)
            page_ms.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        cached = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            cached.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            f = board_figures(unit, now)
        results[label] = {
            "unit": unit.code,
            "received_this_month": f.month.counts["received"],
            "figures_median_ms": round(statistics.median(figures_ms), 1),
            "figures_p95_ms": round(sorted(figures_ms)[int(0.95 * (len(figures_ms) - 1))], 1),
            "page_uncached_median_ms": round(statistics.median(page_ms), 1),
            "page_uncached_p95_ms": round(sorted(page_ms)[int(0.95 * (len(page_ms) - 1))], 1),
            "page_cached_median_ms": round(statistics.median(cached), 1),
            "page_cached_p95_ms": round(sorted(cached)[int(0.95 * (len(cached) - 1))], 1),
            "queries": len(queries),
            # The figures' three slowest statements (ms): where the time goes.
            "slowest_queries_ms": sorted(round(float(q["time"]) * 1000, 1) for q in queries.captured_queries)[-3:],
        }
    travel.stop()
    results["uptime"] = os.popen("uptime").read().strip()
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
