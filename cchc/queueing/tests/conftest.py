from __future__ import annotations

from types import SimpleNamespace

import pytest

from cchc.queueing.setup import queue_setup


@pytest.fixture
def hall(cast):
    """Commune A's queue: groups Hộ tịch, Đất đai, Chứng thực; counter 1 serves Hộ tịch and Chứng thực, counter 2
    Đất đai, counter 3 all three."""
    groups, counters = queue_setup(cast.commune_a)
    return SimpleNamespace(
        unit=cast.commune_a, civil=groups[0], land=groups[1], certify=groups[2], counters=counters, cast=cast
    )
