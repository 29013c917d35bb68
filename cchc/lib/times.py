"""Times of day written as "HH:MM" in settings and files: one parser, with a message that says what is wrong."""

from __future__ import annotations

import datetime as dt
import re

_HHMM = re.compile(r"(\d{1,2}):(\d{2})")


def parse_hhmm(value: str | dt.time) -> dt.time:
    """`"15:00"` -> 15:00. A `datetime.time` is returned as it is. Raises ValueError naming the bad value."""
    if isinstance(value, dt.time):
        return value
    match = _HHMM.fullmatch(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a time of day written HH:MM")
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        raise ValueError(f"{value!r} is not a time of day (hours 0-23, minutes 0-59)")
    return dt.time(hours, minutes)
