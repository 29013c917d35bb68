"""Benchmark of the service index (Decision 766) page at 1,000,000 dossiers on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench_reports \
        .venv/bin/python bench/serviceindex.py [--runs 10]

Reads an existing benchmark database (built by `bench/figures.py --keep` or `bench/reports.py --keep`: 1,000,000
dossiers over 200 units, 2020-2024; run `cchc migrate` on it first if it predates the serviceindex app). It
writes nothing that stays: the reform officers it logs in as are made inside a transaction that is rolled back.
For the busiest commune, a district (whose page ranks its communes) and the province (ranking its districts) it
times, for 2024-Q4, the page through the test client (`/can-bo/chi-so-766/?unit=…&period=2024-Q4`: the
unit's index, the ranking of the units below and the 12-period trend charts) with its periods in the shared cache
and with the cache emptied before each run, and `area_index` and `trend` alone (never cached);
it prints medians, the 95th percentile and the machine's `uptime` load as JSON.
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
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)


def _timed(runs: int, fn) -> dict[str, float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(round(0.95 * len(times))) - 1)], 1),
        "max_ms": round(times[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--period", default="2024-Q4")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import transaction
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from cchc.accounts.models import Role
    from cchc.dossiers.models import Dossier
    from cchc.lib.periods import parse_period
    from cchc.serviceindex.compute import area_index, current_rules, trend
    from cchc.testing.factories import user_with_role
    from cchc.units.models import Unit, UnitLevel

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    busiest = (
        Dossier.objects.filter(receiving_unit__level=UnitLevel.COMMUNE)
        .values("receiving_unit")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("receiving_unit")[:1]
    )
    commune = Unit.objects.get(pk__in=busiest)
    district = commune.parent if commune.parent and commune.parent.level == UnitLevel.DISTRICT else None
    province = Unit.objects.filter(level=UnitLevel.PROVINCE).first()
    period = parse_period(args.period, "calendar")
    url = reverse("serviceindex:index")
    out: dict[str, object] = {"dossiers": Dossier.objects.count(), "period": args.period, "units": {}}
    with transaction.atomic():
        for unit in [u for u in (commune, district, province) if u is not None]:
            officer = user_with_role(unit, Role.REFORM_OFFICER, f"bench-index-{unit.code}")
            client = Client()
            client.force_login(officer)
            query = {"unit": unit.code, "period": args.period}
            response = client.get(url, query)
            assert response.status_code == 200, response.status_code
            rules = current_rules()
            out["units"][unit.code] = {  # type: ignore[index]
                "level": unit.level,
                # Every period of the page and its trend read from the shared cache (the warm-up filled it).
                "page": _timed(args.runs, lambda c=client, q=query: c.get(url, q)),
                # Nothing kept (after an import, or the first view of the day): everything counted.
                "page_nothing_cached": _timed(args.runs, lambda c=client, q=query: (cache.clear(), c.get(url, q))),
                "area_index": _timed(args.runs, lambda u=unit, r=rules: area_index(u, period, the_rules=r)),
                "trend_12": _timed(args.runs, lambda u=unit, r=rules: trend(u, period, the_rules=r)),
            }
        transaction.set_rollback(True)
    out["uptime"] = os.popen("uptime").read().strip()
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
