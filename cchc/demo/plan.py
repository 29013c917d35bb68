"""How many dossiers of each kind each Gio Linh unit gets, so that the report's figures come out exactly.

The report prints per-scope counts and per-unit percentages, not the per-unit counts behind them. The plan
chooses integers that add up to every printed total and for which every printed percentage is reachable:
for each unit a denominator n and a numerator k with round_half_up(100 * k / n) == the printed value.
The search is deterministic (no randomness): the same targets always give the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .targets import DISTRICT, Targets, load_targets, printed_matches

# Relative size of each commune's desk (invented; townships and the busy coastal communes receive most).
WEIGHTS = {
    "gio-an": 360,
    "gio-chau": 300,
    "gio-hai": 380,
    "gio-mai": 560,
    "gio-my": 300,
    "phong-binh": 540,
    "gio-quang": 480,
    "gio-son": 260,
    "gio-viet": 440,
    "linh-hai": 360,
    "trung-son": 560,
    "tt-gio-linh": 620,
    "tt-cua-viet": 560,
    "linh-truong": 300,
    "hai-thai": 200,
    "trung-giang": 290,
    "trung-hai": 250,
}
# Share of a commune's receipts that are of procedures with an online service (the rest cannot be filed online).
ONLINE_CAPABLE_SHARE = Decimal("0.946")
# Communes where the report's 3 late commune dossiers happened (invented; the report does not say where).
LATE_COMMUNES = ("gio-son", "linh-hai", "tt-cua-viet")
# Bounds of a commune's carried-over and pending dossiers (the report has 66 and 41 over 17 communes).
MAX_CARRIED, MAX_PENDING = 10, 7


@dataclass(frozen=True)
class UnitPlan:
    """The dossier counts of one unit's desk for the report period (P) and just before it."""

    code: str
    received: int  # received in P
    online: int  # of those, received online
    online_capable: int  # of `received`, of a procedure with an online service (partial or full)
    full_online: int  # of `received`, of a full-process online procedure; None-like -1 never appears here
    full_online_online: int  # of those, received online
    carried_over: int  # received before P, still open at its start; all resolved in P
    pending: int  # received in P, open at its end, within the deadline
    late: int  # resolved in P after the deadline
    digitized_components: int  # of `received`
    digitized_results: int  # of `resolved`

    @property
    def direct(self) -> int:
        return self.received - self.online

    @property
    def resolved(self) -> int:
        return self.received + self.carried_over - self.pending


def numerator_for(printed: Decimal, denominator: int) -> int | None:
    """A k with round_half_up(100 * k / denominator) reading as `printed`, the one closest to exact; or None."""
    if denominator <= 0:
        return None
    guess = int(printed * denominator / 100)
    for k in sorted(range(guess - 2, guess + 3), key=lambda k: abs(Decimal(100 * k) / denominator - printed)):
        if printed_matches(k, denominator, printed):
            return k
    return None


def _exact(value: int | None, what: str) -> int:
    """A count the plan has checked exists (numerator_for, _capable_for), or a clear error."""
    if value is None:
        raise ValueError(f"no whole number of dossiers gives the printed {what}")
    return value


def _choose_sizes(targets: dict[str, float], total: int, admissible) -> dict[str, int]:
    """Sizes near `targets` that sum to `total`, each admissible; a knapsack over the small deviations."""
    codes = list(targets)
    best: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}
    for code in codes:
        target = targets[code]
        options = [n for n in range(int(target * 0.5), int(target * 1.6) + 1) if admissible(code, n)]
        step: dict[int, tuple[float, tuple[int, ...]]] = {}
        for reached, (cost, chosen) in best.items():
            for n in options:
                key = reached + n
                if key > total:
                    continue
                candidate = (cost + (n - target) ** 2, (*chosen, n))
                if key not in step or candidate < step[key]:
                    step[key] = candidate
        best = step
    if total not in best:
        raise ValueError("no admissible split of the receipts")
    return dict(zip(codes, best[total][1], strict=True))


def _choose_carried_pending(
    received: dict[str, int], carried: int, pending: int, results_pct: dict[str, Decimal]
) -> dict[str, tuple[int, int]]:
    """Split carried-over and pending counts so each unit's resolved count makes its results rate reachable."""
    whole = sum(received.values())
    best: dict[tuple[int, int], tuple[float, tuple[tuple[int, int], ...]]] = {(0, 0): (0.0, ())}
    for code, n in received.items():
        want_c, want_p = carried * n / whole, pending * n / whole
        options = [
            (c, p)
            for c in range(0, MAX_CARRIED + 1)
            for p in range(0, MAX_PENDING + 1)
            if numerator_for(results_pct[code], n + c - p) is not None
        ]
        step: dict[tuple[int, int], tuple[float, tuple[tuple[int, int], ...]]] = {}
        for (sc, sp), (cost, chosen) in best.items():
            for c, p in options:
                key = (sc + c, sp + p)
                if key[0] > carried or key[1] > pending:
                    continue
                candidate = (cost + (c - want_c) ** 2 + (p - want_p) ** 2, (*chosen, (c, p)))
                if key not in step or candidate < step[key]:
                    step[key] = candidate
        best = step
    if (carried, pending) not in best:
        raise ValueError("no admissible split of carried-over and pending dossiers")
    return dict(zip(received, best[(carried, pending)][1], strict=True))


def _capable_for(online: int, printed: Decimal, received: int, spare: int) -> int | None:
    """The online-capable receipts n (online <= n - spare, n <= received) closest to exact for the printed rate."""
    if online == 0:
        return None
    exact = online * 100 / printed
    for n in sorted(range(int(exact) - 3, int(exact) + 4), key=lambda n: abs(n - exact)):
        if online + spare <= n <= received and printed_matches(online, n, printed):
            return n
    return None


def _choose_online(t: Targets, received: dict[str, int], components: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Online receipts per commune summing to the printed total, each with a capable base for its printed rate."""
    spare = {code: 0 if t.full_online[code][0] else 1 for code in received}  # room for a full-online paper one

    def feasible(code: str, online: int) -> bool:
        return (
            online <= components[code] and _capable_for(online, t.online[code], received[code], spare[code]) is not None
        )

    online: dict[str, int] = {}
    for code, n in received.items():
        guess = int(t.online[code] * ONLINE_CAPABLE_SHARE * n / 100)
        while guess > 1 and not feasible(code, guess):
            guess -= 1
        online[code] = guess
    missing = t.commune_level.received_online - sum(online.values())
    order = sorted(received, key=lambda c: (-t.online[c], c))
    while missing:
        moved = False
        for code in order:
            if not missing:
                break
            step = 1 if missing > 0 else -1
            value = online[code] + step
            while 0 < value <= received[code] and not feasible(code, value):
                value += step
            if 0 < value <= received[code] and abs(value - online[code]) <= 3:
                missing -= value - online[code]
                online[code] = value
                moved = True
        if not moved:
            raise ValueError("cannot reach the printed number of online receipts")
    return {
        code: (o, _exact(_capable_for(o, t.online[code], received[code], spare[code]), f"online rate of {code}"))
        for code, o in online.items()
    }


def _district_plan(t: Targets) -> UnitPlan:
    s = t.district
    received = s.received_online + s.received_direct
    resolved = s.resolved
    capable = _exact(_capable_for(s.received_online, t.online[DISTRICT], received, 0), "district online rate")
    return UnitPlan(
        code=DISTRICT,
        received=received,
        online=s.received_online,
        online_capable=capable,
        full_online=0,
        full_online_online=0,
        carried_over=s.carried_over,
        pending=s.pending,
        late=s.resolved_late,
        digitized_components=_exact(numerator_for(t.digitized_components[DISTRICT], received), "district rate"),
        digitized_results=_exact(numerator_for(t.digitized_results[DISTRICT], resolved), "district rate"),
    )


@cache
def build_plan() -> dict[str, UnitPlan]:
    """The plan for the district's own desk and each of its 17 communes, keyed by unit code."""
    t = load_targets()
    s = t.commune_level
    received_total = s.received_online + s.received_direct
    weights = {code: WEIGHTS[code] for code in t.communes}
    scale = received_total / sum(weights.values())
    received = _choose_sizes(
        {code: w * scale for code, w in weights.items()},
        received_total,
        lambda code, n: (
            numerator_for(t.digitized_components[code], n) is not None
            and any(
                numerator_for(t.digitized_results[code], n + d) is not None for d in range(-MAX_PENDING, MAX_CARRIED)
            )
        ),
    )
    components = {
        code: _exact(numerator_for(t.digitized_components[code], n), f"digitized rate of {code}")
        for code, n in received.items()
    }
    split = _choose_carried_pending(received, s.carried_over, s.pending, t.digitized_results)
    online = _choose_online(t, received, components)
    plans = {DISTRICT: _district_plan(t)}
    for index, code in enumerate(received):
        carried, pending = split[code]
        full_online, full = t.full_online[code]
        if full < 0:
            full = 1 + index % 3
        n_online, capable = online[code]
        plans[code] = UnitPlan(
            code=code,
            received=received[code],
            online=n_online,
            online_capable=capable,
            full_online=full,
            full_online_online=full_online,
            carried_over=carried,
            pending=pending,
            late=int(code in LATE_COMMUNES),
            digitized_components=components[code],
            digitized_results=_exact(
                numerator_for(t.digitized_results[code], received[code] + carried - pending), f"results rate of {code}"
            ),
        )
    return plans
