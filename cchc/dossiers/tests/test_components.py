"""The documents ticked at receipt are stored with the dossier, as they were named then."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc.accounts.models import User
from cchc.dossiers import workflow
from cchc.dossiers.models import Dossier, DossierComponent, DossierEvent
from cchc.dossiers.workflow import Action, TransitionError
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory, local

from .helpers import receive


@pytest.fixture
def checklist(cast):
    """The procedure's declaration (required, listed second) and birth certificate (optional, listed first)."""
    return {
        "declaration": ComponentDocumentFactory(
            procedure=cast.procedure, name="Tờ khai", form="Bản chính", quantity=1, order=2
        ),
        "certificate": ComponentDocumentFactory(
            procedure=cast.procedure, name="Giấy chứng sinh", form="Bản sao", quantity=2, order=1, required=False
        ),
    }


def test_the_ticked_components_are_stored_in_catalogue_order(cast, checklist):
    dossier = receive(cast, components=[checklist["declaration"], checklist["certificate"]])
    rows = list(dossier.components.values_list("component_id", "name", "form", "quantity", "order"))
    assert rows == [
        (checklist["certificate"].pk, "Giấy chứng sinh", "Bản sao", 2, 1),
        (checklist["declaration"].pk, "Tờ khai", "Bản chính", 1, 2),
    ]
    event = DossierEvent.objects.get(dossier=dossier)
    assert event.data["components"] == [checklist["certificate"].pk, checklist["declaration"].pk]


def test_an_unticked_optional_component_is_not_stored(cast, checklist):
    dossier = receive(cast, components=[checklist["declaration"]])
    assert list(dossier.components.values_list("name", flat=True)) == ["Tờ khai"]
    assert dossier.submitted_components() == ([dossier.components.get()], False)


def test_a_component_ticked_twice_is_stored_once(cast, checklist):
    dossier = receive(cast, components=[checklist["declaration"], checklist["declaration"]])
    assert dossier.components.count() == 1


def test_a_component_of_another_procedure_is_refused_and_nothing_is_written(cast, checklist):
    stranger = ComponentDocumentFactory(procedure=ProcedureFactory(code="1.000999"), name="Giấy đăng ký kết hôn")
    with pytest.raises(TransitionError, match="Giấy đăng ký kết hôn"):
        receive(cast, components=[checklist["declaration"], stranger])
    assert not Dossier.objects.exists()
    assert not DossierComponent.objects.exists()
    assert not DossierEvent.objects.exists()


def test_the_stored_names_survive_a_catalogue_edit(cast, checklist):
    dossier = receive(cast, components=[checklist["declaration"]])
    checklist["declaration"].name = "Tờ khai (mẫu mới)"
    checklist["declaration"].save()
    checklist["declaration"].delete()
    stored, from_catalogue = Dossier.objects.get(pk=dossier.pk).submitted_components()
    assert [c.name for c in stored] == ["Tờ khai"] and not from_catalogue


def test_a_dossier_received_with_nothing_ticked_lists_nothing(cast, checklist):
    """The empty checklist is what was recorded at receipt; the catalogue does not stand in for it."""
    assert receive(cast).submitted_components() == ([], False)


def imported_dossier(cast) -> Dossier:
    """A dossier loaded from another one-stop system: no checklist was recorded for it."""
    at = local(2023, 7, 3, 9, 0)
    changes = {
        "procedure": cast.procedure,
        "receiving_unit": cast.commune_a,
        "channel": "direct",
        "processing_days": Decimal("3"),
        "online_service": "partial",
        "received_at": at,
        "clock_start_at": at,
        "due_at": at + dt.timedelta(days=3),
        "applicant_name": "Trần Văn Cũ",
        "imported": True,
    }
    dossier = Dossier(code="IMPORTED-1", processing_unit=cast.commune_a)
    workflow.apply(dossier, Action.IMPORT, roles={workflow.SYSTEM}, at=at, changes=changes)
    return dossier


def test_an_imported_dossier_falls_back_to_the_procedures_list(cast, checklist):
    stored, from_catalogue = imported_dossier(cast).submitted_components()
    assert [c.name for c in stored] == ["Giấy chứng sinh", "Tờ khai"] and from_catalogue


def test_the_admin_shows_the_submitted_components_read_only(cast, checklist, client):
    dossier = receive(cast, components=[checklist["declaration"]])
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pass-1234"))
    page = client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/").content.decode()
    assert "Tờ khai" in page and "Giấy chứng sinh" not in page
