"""On the Gio Linh demo (district and communes abolished on 30/06/2025, dossiers of 2023, the 2025 communes' live
dossiers of today), on 1 December 2026 the district's reform officer opens the report on Q3/2023, the district's
last quarter with figures, not on an empty Q3/2026 or Q2/2025 (issue 9 point 3)."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from cchc.accounts.models import User
from cchc.testing.factories import local

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def test_the_demo_district_opens_on_its_last_quarter_with_figures(client, demo):
    client.force_login(User.objects.get(username="cchc.gio-linh"))
    with time_machine.travel(local(2026, 12, 1, 9), tick=False):
        response = client.get(reverse("reports:report"))
    assert response.status_code == 200
    assert response.context["unit"].code == "gio-linh"
    assert response.context["period"].label == "2023-Q3"
    # the seed report's own figure: 8,134 dossiers to resolve in the whole district (domain.md §10.1)
    assert "8.134" in response.content.decode()
