"""Load benchmark of the staff site behind `cchc serve` on 1,000,000 dossiers on PostgreSQL (issue 10, point 2).

    .venv/bin/python bench/load.py [--dossiers 1000000] [--keep] [--scenarios 20,200,500/5] [--duration 60]
                                   [--workers 3] [--threads 4]

It prepares the PostgreSQL database `cchc_bench_load` on 127.0.0.1:5432 (dropped at the end unless --keep, which
also reuses it): migrated, loaded by bench/figures.py (200 units, N dossiers over 2020-2024), the applicants renamed
and the search columns filled as bench/search.py does, about 2% reopened as today's work as bench/worklist.py does.
It makes 500 members of staff (desk officers, specialists and leaders of the 199 district and commune units, in
turn) and a logged-in session for each, written straight into the session table (a log-in costs a deliberately slow
password hash, and it is not what is measured here); then it starts `cchc serve` on the database (production
settings, DEBUG off) and runs each scenario with a bounded asyncio client (httpx), one task per user:

- `20`: 20 users, no think time; `200`: 200 users, no think time; `500/5`: 500 sessions, each waiting 5 s
  (uniformly 2.5-7.5 s) between pages.

Each user goes round its pages: the work list (`/can-bo/`, its role's first tab), a dossier page of its unit,
the search by an applicant's full name, and the report drill-down (`reports:figure_dossiers`, a figure of its
unit for 2024-Q4). A request counts as an error if it does not answer 200 within 30 s. The first 5 s of each
scenario are a warm-up, not counted. It prints requests/s, p50/p95/max per page and the errors, and the targets:
20 users p95 < 300 ms and >= 50 req/s; 200 users no error and p95 < 2 s; 500 sessions p95 < 500 ms.

Every request goes to 127.0.0.1; each scenario stops after --duration seconds (and --max-requests requests).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures import _pg_admin, _pg_exists  # noqa: E402

PG_BENCH_DB = os.environ.get("CCHC_BENCH_DB", "cchc_bench_load")
SECRET_KEY = "bench-load-" + "x" * 60
PAGES = ("work list", "dossier page", "search", "drill-down")
# The report figures a user opens the dossiers of (metrics.md keys), in turn.
FIGURES = ("total", "resolved_late", "pending", "received_online", "resolved_on_time", "carried_over")
TARGETS = {
    "20": "p95 < 300 ms and >= 50 req/s",
    "200": "no error, p95 < 2 s",
    "500/5": "p95 < 500 ms",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help=f"keep the database {PG_BENCH_DB} and reuse it")
    parser.add_argument(
        "--scenarios", default="20,200,500/5", help="comma-separated USERS or USERS/THINK_SECONDS (default %(default)s)"
    )
    parser.add_argument("--duration", type=float, default=60, help="seconds per scenario, warm-up included")
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--max-requests", type=int, default=200_000, help="per scenario, a bound on the loop")
    parser.add_argument("--workers", type=int, default=3, help="cchc serve --workers")
    parser.add_argument("--threads", type=int, default=4, help="cchc serve --threads")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument(
        "--profile", action="store_true", help="also time each page once in-process with its queries (where it goes)"
    )
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.dossiers, args.sessions, Path(args.plan), args.profile)
        return
    scenarios = [_scenario(s) for s in args.scenarios.split(",") if s.strip()]
    if not args.keep:
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
    if not _pg_exists(PG_BENCH_DB):
        _pg_admin(f"CREATE DATABASE {PG_BENCH_DB}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}",
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    try:
        with tempfile.TemporaryDirectory(prefix="cchc-bench-load-") as tmp:
            plan_file = Path(tmp) / "plan.json"
            argv = [sys.executable, __file__, "--prepare", "--dossiers", str(args.dossiers)]
            argv += ["--sessions", str(args.sessions), "--plan", str(plan_file)] + (
                ["--profile"] if args.profile else []
            )
            subprocess.run(argv, env=env, cwd=ROOT, check=True)
            plan = json.loads(plan_file.read_text())
            log = Path(tmp) / "serve.log"
            results = asyncio.run(_run_all(plan, scenarios, args, env, log))
    finally:
        if not args.keep:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
    _print(plan, results, args)


def _scenario(text: str) -> tuple[str, int, float]:
    users, _sep, think = text.strip().partition("/")
    return text.strip(), int(users), float(think or 0)


# --- preparation: Django on the benchmark database ---
def prepare(n: int, sessions: int, plan_file: Path, profile: bool = False) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import figures
    import search as search_bench
    import worklist as worklist_bench
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection, transaction

    from cchc.accounts.models import Membership, Role, User
    from cchc.dossiers.models import Dossier
    from cchc.dossiers.search import fold
    from cchc.units.models import Unit

    log = sys.stderr
    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    rows = Dossier.objects.count()
    if rows == 0:
        rows = figures.load(n, connection, log)
        search_bench.rename_and_fill(connection, log)
        worklist_bench._live_work(connection, list(Unit.objects.filter(level="commune")), log)
    else:
        print(f"reusing {rows} dossiers", file=log, flush=True)
    _usable_indexes(connection, log)
    print(f"{rows} dossiers ready in {time.perf_counter() - began:.0f} s", file=log, flush=True)

    units = list(Unit.objects.exclude(level="province").order_by("code"))
    roles = [Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER]
    # Dossiers of each unit a user opens: its open ones first (today's work), then recent ones.
    codes: dict[int, list[str]] = {}
    for unit in units:
        mine = Dossier.objects.filter(receiving_unit=unit)
        picked = list(mine.filter(finished_at__isnull=True).order_by("-received_at").values_list("code", flat=True)[:8])
        if len(picked) < 8:
            picked += list(mine.order_by("-received_at").values_list("code", flat=True)[: 8 - len(picked)])
        codes[unit.pk] = picked
    rng = random.Random(20261201)
    names = [
        fold(f"{rng.choice(search_bench.FAMILY)} {rng.choice(search_bench.MIDDLE)} {rng.choice(search_bench.GIVEN)}")
        for _ in range(200)
    ]
    users = []
    with transaction.atomic():
        Session.objects.all().delete()  # the previous run's sessions (this database is the benchmark's own)
        for i in range(sessions):
            unit = units[i % len(units)]
            role = roles[(i // len(units) + i) % len(roles)]
            user, _ = User.objects.get_or_create(
                username=f"load-{i:03d}", defaults={"full_name": f"Cán bộ tải {i}", "password": "!"}
            )
            Membership.objects.get_or_create(user=user, unit=unit, role=role)
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            users.append(
                {
                    "session": store.session_key,
                    "role": str(role),
                    "unit": unit.code,
                    "dossiers": [f"/can-bo/dossiers/{code}/" for code in codes[unit.pk]],
                }
            )
    open_count = Dossier.objects.filter(finished_at__isnull=True).count()
    plan = {"rows": rows, "open": open_count, "users": users, "names": names}
    plan_file.write_text(json.dumps(plan))
    if profile:
        _profile(plan)


def _profile(plan: dict) -> None:
    """Where a page's time goes: each page once (after a warm-up) through Django's test client in this process, for
    the first user of each role: its milliseconds, its queries and their time, the slowest queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rng = random.Random(1)
    seen = set()
    for user in plan["users"]:
        if user["role"] in seen:
            continue
        seen.add(user["role"])
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies["sessionid"] = user["session"]
        for page, url in _urls(user, plan["names"], rng).items():
            client.get(url)  # warm-up
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                status = client.get(url).status_code
                ms = (time.perf_counter() - began) * 1000
            sql_ms = sum(float(q["time"]) for q in queries) * 1000
            print(
                f"{user['role']:<13} {page:<13} {status} {ms:7.1f} ms, {len(queries):3d} queries, SQL {sql_ms:7.1f} ms"
                f"  {url}",
                file=sys.stderr,
            )
            for q in sorted(queries, key=lambda q: -float(q["time"]))[:3]:
                print(f"      {float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}", file=sys.stderr)


def _usable_indexes(connection, log) -> None:
    """Make the dossier indexes usable now. An index built over rows updated while some transaction was open
    anywhere on the server (another database's long import, say) is marked `indcheckxmin` and is ignored by every
    query until that transaction ends: the work list then scans the whole table (2 s a page at 1,000,000). The
    load's own UPDATEs do that; VACUUM removes their old row versions (only this database's transactions hold
    them) and REINDEX then builds indexes without the mark."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_index WHERE indcheckxmin AND indrelid = 'dossiers_dossier'::regclass")
        (marked,) = cursor.fetchone()
        if marked:
            began = time.perf_counter()
            cursor.execute("VACUUM ANALYZE dossiers_dossier")
            cursor.execute("REINDEX TABLE dossiers_dossier")
            print(f"{marked} indexes rebuilt to be usable at once ({time.perf_counter() - began:.0f} s)", file=log)


# --- the load: a bounded asyncio client ---
def _urls(user: dict, names: list[str], rng: random.Random) -> dict[str, str]:
    from urllib.parse import urlencode

    figure = rng.choice(FIGURES)
    query = {"unit": user["unit"], "period": "2024-Q4", "scope": "tree", "key": figure}
    return {
        "work list": "/can-bo/",
        "dossier page": rng.choice(user["dossiers"]) if user["dossiers"] else "/can-bo/",
        "search": "/can-bo/search/?" + urlencode({"q": rng.choice(names)}),
        "drill-down": "/can-bo/reports/dossiers/?" + urlencode(query),
    }


async def _run_all(plan: dict, scenarios, args, env, log: Path) -> list[dict]:
    server = await _start_server(args, env, log)
    try:
        results = []
        for name, users, think in scenarios:
            print(f"scenario {name}: {users} users, think {think:g} s, {args.duration:g} s ...", flush=True)
            results.append(await _scenario_run(plan, name, users, think, args))
        return results
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


async def _start_server(args, env, log: Path) -> subprocess.Popen:
    import httpx

    cchc = Path(sys.executable).with_name("cchc")
    argv = [str(cchc), "serve", "--bind", f"127.0.0.1:{args.port}"]
    argv += ["--workers", str(args.workers), "--threads", str(args.threads)]
    with log.open("wb") as out:
        server = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    async with httpx.AsyncClient() as client:
        while True:
            if server.poll() is not None:
                raise SystemExit(f"cchc serve stopped:\n{log.read_text()[-3000:]}")
            try:
                if (await client.get(f"http://127.0.0.1:{args.port}/healthz")).status_code == 200:
                    return server
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                server.kill()
                raise SystemExit(f"cchc serve did not answer:\n{log.read_text()[-3000:]}")
            await asyncio.sleep(0.5)


async def _scenario_run(plan: dict, name: str, users: int, think: float, args) -> dict:
    import httpx

    base = f"http://127.0.0.1:{args.port}"
    chosen = plan["users"][:users]
    transport = httpx.AsyncHTTPTransport(limits=httpx.Limits(max_connections=users, max_keepalive_connections=users))
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    sent = 0
    load_before = os.getloadavg()
    cpu_before, client_before = _cpu_times(), _client_cpu()
    started = time.perf_counter()
    warm_until = started + args.warmup
    stop_at = started + args.duration

    async def one_user(index: int, user: dict) -> None:
        nonlocal sent
        rng = random.Random(index)
        client = httpx.AsyncClient(base_url=base, transport=transport, timeout=30, follow_redirects=False)
        client.cookies.set("sessionid", user["session"], domain="127.0.0.1")
        # Spread the start: with think time over one think period, else over the first second.
        await asyncio.sleep(rng.uniform(0, think if think else 1.0))
        step = rng.randrange(len(PAGES))
        while time.perf_counter() < stop_at and sent < args.max_requests:
            page = PAGES[step % len(PAGES)]
            step += 1
            url = _urls(user, plan["names"], rng)[page]
            sent += 1
            began = time.perf_counter()
            try:
                response = await client.get(url)
                await response.aread()
                problem = "" if response.status_code == 200 else f"HTTP {response.status_code} {url}"
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__} {url}"
            ended = time.perf_counter()
            if began >= warm_until and ended <= stop_at + 30:
                times[page].append((ended - began) * 1000)
                if problem:
                    errors[page].append(problem)
            if think:
                await asyncio.sleep(rng.uniform(think / 2, think * 1.5))

    try:
        await asyncio.gather(*(one_user(i, u) for i, u in enumerate(chosen)))
    finally:
        await transport.aclose()
    elapsed = time.perf_counter() - warm_until
    load_after = os.getloadavg()
    busy, total = (after - before for after, before in zip(_cpu_times(), cpu_before, strict=True))
    client_cpu = _client_cpu() - client_before
    wall = time.perf_counter() - started
    pages = {}
    for page in PAGES:
        values = sorted(times[page])
        pages[page] = _stats(values) | {"errors": len(errors[page]), "examples": errors[page][:3]}
    every = sorted(v for page in PAGES for v in times[page])
    return {
        "name": name,
        "users": users,
        "think": think,
        "seconds": elapsed,
        "requests": len(every),
        "rps": len(every) / elapsed if elapsed > 0 else 0,
        "all": _stats(every) | {"errors": sum(len(e) for e in errors.values())},
        "pages": pages,
        "load": (load_before[0], load_after[0]),
        # The machine's CPU use over the scenario (all cores: 100 % is both busy), and the client's share of a core.
        "cpu_pct": 100 * busy / total if total else 0.0,
        "client_cpu_pct": 100 * client_cpu / wall if wall else 0.0,
    }


def _cpu_times() -> tuple[int, int]:
    """Busy and total jiffies of all the machine's cores (/proc/stat)."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _stats(values: list[float]) -> dict:
    if not values:
        return {"n": 0, "p50": 0.0, "p95": 0.0, "max": 0.0}
    return {
        "n": len(values),
        "p50": statistics.median(values),
        "p95": values[max(0, int(round(0.95 * len(values))) - 1)],
        "max": values[-1],
    }


def _print(plan: dict, results: list[dict], args) -> None:
    print()
    print(
        f"{plan['rows']} dossiers ({plan['open']} open) on PostgreSQL; cchc serve --workers {args.workers} "
        f"--threads {args.threads}; {len(plan['users'])} sessions; milliseconds"
    )
    for r in results:
        print()
        print(
            f"scenario {r['name']}: {r['users']} users, think {r['think']:g} s: {r['requests']} requests in "
            f"{r['seconds']:.0f} s = {r['rps']:.1f} req/s, errors {r['all']['errors']}, load average "
            f"{r['load'][0]:.1f} -> {r['load'][1]:.1f}, CPU {r['cpu_pct']:.0f} % of both cores (this client "
            f"{r['client_cpu_pct']:.0f} % of one); target {TARGETS.get(r['name'], '-')}"
        )
        print(f"  {'page':<14} {'n':>6} {'p50':>8} {'p95':>8} {'max':>8} {'errors':>7}")
        for page, s in [*r["pages"].items(), ("all", r["all"])]:
            print(f"  {page:<14} {s['n']:>6} {s['p50']:>8.0f} {s['p95']:>8.0f} {s['max']:>8.0f} {s['errors']:>7}")
            for example in s.get("examples", []):
                print(f"      {example}")


if __name__ == "__main__":
    main()
