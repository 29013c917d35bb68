"""The service index's inputs kept in the shared cache (docs/decisions/0034, "Cache"), per unit and period.

What is kept is plain data (the counts, the catalogue pair and the number of online procedures used: ints), not
the scores: the page scores them again with the current rules on every view (pure Python, no query), so an
administrator's correction of a maximum, a threshold or a band shows at once. A period that ended before now is
kept a day, the current one CCHC_INDEX_CACHE_SECONDS (5 minutes by default). Every key holds the "figures
version", bumped by `cchc import dossiers` (cchc.exchange.services.dossiers), so an import is seen at once;
other changes of past facts (a late correction of a dossier) are seen when the day's entry expires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from cchc.lib.periods import Period
from cchc.units.models import Unit

from .compute import AreaIndex, Rules, UnitIndex, area_from_inputs, area_inputs, score_inputs, trend_inputs

VERSION = 1  # bump when the shape of the inputs changes
PAST_SECONDS = 24 * 3600
FIGURES_VERSION_KEY = "serviceindex:figures-version"


def current_seconds() -> int:
    return int(getattr(settings, "CCHC_INDEX_CACHE_SECONDS", 300))


def figures_version() -> int:
    version = cache.get(FIGURES_VERSION_KEY)
    if version is None:
        cache.add(FIGURES_VERSION_KEY, 1, None)
        version = cache.get(FIGURES_VERSION_KEY, 1)
    return int(version)


def bump_figures_version() -> None:
    """Forget every kept index (the dossiers changed): later views count again."""
    try:
        cache.incr(FIGURES_VERSION_KEY)
    except ValueError:
        cache.set(FIGURES_VERSION_KEY, 2, None)


def _key(kind: str, version: int, unit: Unit, period: Period) -> str:
    return f"serviceindex:{VERSION}:{version}:{kind}:{unit.pk}:{period.start.isoformat()}:{period.end.isoformat()}"


def _timeout(period: Period, now: dt.datetime) -> int:
    return PAST_SECONDS if period.end_at <= now else current_seconds()


@dataclass
class Computed:
    area: AreaIndex
    history: list[UnitIndex | None]
    # The oldest time of the figures read from the cache (None: every figure was counted for this view).
    cached_at: dt.datetime | None


def index_and_trend(
    unit: Unit, period: Period, trend_periods: list[Period], the_rules: Rules, *, with_trend: bool = True
) -> Computed:
    """The area's index for `period` and the unit's index for each of `trend_periods`, counting only what the
    cache does not hold (the trend's missing periods in one query over their range)."""
    now = timezone.now()
    version = figures_version()
    period = period.as_of(now)
    times: list[dt.datetime] = []

    area_key = _key("area", version, unit, period)
    found = cache.get(area_key)
    if found is None:
        found = {"at": now, "inputs": area_inputs(unit, period)}
        cache.set(area_key, found, _timeout(period, now))
    else:
        times.append(found["at"])
    area = area_from_inputs(unit, period, found["inputs"], the_rules=the_rules)

    history: list[UnitIndex | None] = []
    if with_trend:
        periods = [p.as_of(now) for p in trend_periods]
        keys = [_key("unit", version, unit, p) for p in periods]
        kept = cache.get_many(keys)
        # The page's own period is the trend's last point: its inputs are the area's.
        main_key = _key("unit", version, unit, period)
        if main_key in keys and main_key not in kept:
            kept[main_key] = {"at": found["at"], "inputs": found["inputs"]["main"]}
        missing = [i for i, key in enumerate(keys) if key not in kept]
        if missing:
            counted = trend_inputs(unit, [periods[i] for i in missing])
            fresh = {}
            for i, inputs in zip(missing, counted, strict=True):
                kept[keys[i]] = fresh[keys[i]] = {"at": now, "inputs": inputs}
            by_timeout: dict[int, dict[str, Any]] = {}
            for key, entry in fresh.items():
                by_timeout.setdefault(_timeout(periods[keys.index(key)], now), {})[key] = entry
            for seconds, entries in by_timeout.items():
                cache.set_many(entries, seconds)
        for p, key in zip(periods, keys, strict=True):
            entry = kept[key]
            if entry["at"] != now:
                times.append(entry["at"])
            history.append(None if entry["inputs"] is None else score_inputs(unit, p, entry["inputs"], the_rules))
    return Computed(area, history, min(times) if times else None)
