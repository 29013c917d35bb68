"""The catalogue's admin shows the public-posting fields and the components' sample forms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.testing.factories import ComponentDocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_procedure_admin_edits_what_the_portal_shows(client, cast):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    ComponentDocumentFactory(procedure=cast.procedure, name="Tờ khai")
    page = client.get(reverse("admin:procedures_procedure_change", args=[cast.procedure.pk])).content.decode()
    for field in ("legal_basis", "submission_place", "online_note", "result_description", "posted", "cutoff_time"):
        assert f'name="{field}"' in page, field
    assert 'name="components-0-sample_form"' in page
    assert "Công khai trên cổng dịch vụ công" in page
