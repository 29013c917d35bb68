"""A unit's usual queue set-up (the demo's and the tests'): three service groups and three counters."""

from __future__ import annotations

from django.db import transaction

from cchc.units.models import Unit

from .models import Counter, ServiceGroup

GROUPS = ["Hộ tịch", "Đất đai", "Chứng thực"]
# Counter number -> the groups it serves (by position in GROUPS).
COUNTERS = {1: [0, 2], 2: [1], 3: [0, 1, 2]}


@transaction.atomic
def queue_setup(unit: Unit) -> tuple[list[ServiceGroup], list[Counter]]:
    """Create (or find) the groups and counters of GROUPS and COUNTERS at `unit`."""
    groups = [
        ServiceGroup.objects.get_or_create(unit=unit, name=name, defaults={"position": i})[0]
        for i, name in enumerate(GROUPS)
    ]
    counters = []
    for number, served in COUNTERS.items():
        counter, _created = Counter.objects.get_or_create(unit=unit, number=number)
        counter.groups.set([groups[i] for i in served])
        counters.append(counter)
    return groups, counters
