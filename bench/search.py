"""Benchmark of the staff search (cchc/dossiers/search.py) on 1,000,000 dossiers on PostgreSQL.

    .venv/bin/python bench/search.py [--dossiers 1000000] [--queries 50] [--keep]

It creates the throw-away PostgreSQL database `cchc_bench_search` on 127.0.0.1:5432 (dropped at the end unless
--keep, which also reuses it on the next run), migrates it and loads the units, procedures and dossiers of
bench/figures.py (its `load`). That builder gives 80 different applicant names; here the applicants are renamed
from 15 family names x 12 middle names x 40 given names (7,200 names, about 140 dossiers each at 1,000,000) and
the search columns filled as migration 0008 fills them (`search.fill_keys` computes the same keys), indexes
dropped during the fill and rebuilt after, then ANALYZE.

It times `selectors.dossier_search` (the first page of 51 rows, as the view reads it) for `--queries` different
full names typed without diacritics in lower case ("nguyen van an"), for a user who holds the desk role at every
unit (sees and handles every dossier: the largest scope) and for a commune desk officer, plus part-of-a-code and
phone queries, and prints p50 / p95 / max in milliseconds. Target: p95 under 100 ms for a name query.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures import run_worker_on_throwaway_pg  # noqa: E402

PG_BENCH_DB = "cchc_bench_search"
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Hữu", "Ngọc", "Thanh", "Xuân", "Công", "Đình", "Kim"]
GIVEN = (
    "An Bình Cường Dung Hải Lan Nam Hoa Hùng Hương Khánh Linh Long Mai Nga Oanh Phúc Quang Quyên Sơn Tâm Thảo "
    "Thủy Trang Trung Tuấn Uyên Việt Vinh Xuân Yến Đông Giang Hạnh Hiếu Kiên Lộc Lợi Nhân Thử"
).split()
SEED = 20240601


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help=f"keep the database {PG_BENCH_DB} and reuse it")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.dossiers, args.queries)
        return
    worker_args = ["--dossiers", str(args.dossiers), "--queries", str(args.queries)]
    result = run_worker_on_throwaway_pg(PG_BENCH_DB, __file__, worker_args, args.keep)
    print()
    print(f"{result['rows']} dossiers, ready in {result['load_s']:.0f} s; milliseconds per query (first page)")
    print(f"{'query':<34} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8} {'rows (median)':>14}")
    for name, timing in result["timings"].items():
        print(
            f"{name:<34} {timing['n']:>4} {timing['p50']:>8.1f} {timing['p95']:>8.1f} {timing['max']:>8.1f} "
            f"{timing['rows']:>14}"
        )


# --- the worker: Django set up on the throw-away database ---
def worker(n: int, queries: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import figures
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
    if rows == 0:
        rows = figures.load(n, connection, log)
        rename_and_fill(connection, log)
    else:
        print(f"reusing {rows} dossiers", file=log, flush=True)
    load_s = time.perf_counter() - began
    print(f"{rows} dossiers ready in {load_s:.0f} s", file=log, flush=True)

    everywhere, _ = User.objects.get_or_create(username="bench-all-desks", defaults={"full_name": "Bench"})
    if not Membership.objects.filter(user=everywhere).exists():
        Membership.objects.bulk_create(
            Membership(user=everywhere, unit=unit, role=Role.DESK_OFFICER) for unit in Unit.objects.all()
        )
    commune = Unit.objects.filter(level="commune").order_by("code").first()
    assert commune is not None
    one_desk, _ = User.objects.get_or_create(username="bench-one-desk", defaults={"full_name": "Bench"})
    Membership.objects.get_or_create(user=one_desk, unit=commune, role=Role.DESK_OFFICER)

    rng = random.Random(SEED)
    names = [f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}".lower() for _ in range(queries)]
    from cchc.dossiers.search import fold

    names = [fold(name) for name in names]
    sample = list(Dossier.objects.order_by("?").values_list("code", "applicant_phone")[:queries]) if rows else []
    codes = [code[-6:] for code, _phone in sample]  # part of a code: its last six digits
    phones = [f"+84 {phone[1:4]} {phone[4:7]} {phone[7:]}" for _code, phone in sample]

    def timed(user, texts: list[str]) -> dict:
        list(selectors.dossier_search(user, texts[0])[:51])  # warm-up
        times, counts = [], []
        for text in texts:
            started = time.perf_counter()
            found = list(selectors.dossier_search(user, text)[:51])
            times.append((time.perf_counter() - started) * 1000)
            counts.append(len(found))
        times.sort()
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        return {
            "n": len(times),
            "p50": statistics.median(times),
            "p95": p95,
            "max": times[-1],
            "rows": statistics.median(counts),
        }

    timings = {
        "name, every desk (all dossiers)": timed(everywhere, names),
        "name, one commune desk": timed(one_desk, names),
        "family + given name, every desk": timed(everywhere, [" ".join(n.split()[::2]) for n in names]),
        "part of a code, every desk": timed(everywhere, codes),
        "phone +84 ..., every desk": timed(everywhere, phones),
    }
    for name, timing in timings.items():
        print(f"{name}: p50 {timing['p50']:.1f} ms, p95 {timing['p95']:.1f} ms", file=log, flush=True)
    print(json.dumps({"rows": rows, "load_s": load_s, "timings": timings}))


def rename_and_fill(connection, log) -> None:
    """Varied applicant names, then the search columns as migration 0008 fills them (indexes rebuilt after)."""
    from figures import _drop_indexes

    from cchc.dossiers import search
    from cchc.dossiers.models import Dossier
    from cchc.procedures.models import Procedure

    began = time.perf_counter()
    rng = random.Random(SEED + 1)
    indexes = _drop_indexes(connection, "dossiers_dossier")
    ids = list(Dossier.objects.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        for start in range(0, len(ids), search.FILL_BATCH):
            chunk = ids[start : start + search.FILL_BATCH]
            params = []
            for pk in chunk:
                params += [pk, f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"]
            values = ", ".join(["(%s::bigint, %s::text)"] * len(chunk))
            cursor.execute(
                f"WITH v (id, name) AS (VALUES {values}) "
                "UPDATE dossiers_dossier SET applicant_name = v.name FROM v WHERE dossiers_dossier.id = v.id",
                params,
            )
    print(f"  renamed in {time.perf_counter() - began:.0f} s", file=log, flush=True)
    began = time.perf_counter()
    search.fill_keys(Dossier, Procedure)
    print(f"  search keys filled in {time.perf_counter() - began:.0f} s", file=log, flush=True)
    began = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in indexes:
            cursor.execute(statement)
        cursor.execute("VACUUM ANALYZE dossiers_dossier")
    print(f"  indexes rebuilt in {time.perf_counter() - began:.0f} s", file=log, flush=True)


if __name__ == "__main__":
    main()
