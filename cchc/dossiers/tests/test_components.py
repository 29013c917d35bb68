"""The documents ticked at receipt are stored with the dossier, as they were named then."""

from __future__ import annotations

import pytest

from cchc.accounts.models import User
from cchc.dossiers.models import Dossier, DossierComponent, DossierEvent
from cchc.dossiers.workflow import TransitionError
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory, imported_dossier, received_dossier


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
    dossier = received_dossier(cast.commune_a, components=[checklist["declaration"], checklist["certificate"]])
    rows = list(dossier.components.values_list("component_id", "name", "form", "quantity", "order"))
    assert rows == [
        (checklist["certificate"].pk, "Giấy chứng sinh", "Bản sao", 2, 1),
        (checklist["declaration"].pk, "Tờ khai", "Bản chính", 1, 2),
    ]
    event = DossierEvent.objects.get(dossier=dossier)
    assert event.data["components"] == [checklist["certificate"].pk, checklist["declaration"].pk]


def test_an_unticked_optional_component_is_not_stored(cast, checklist):
    dossier = received_dossier(cast.commune_a, components=[checklist["declaration"]])
    assert list(dossier.components.values_list("name", flat=True)) == ["Tờ khai"]
    assert dossier.submitted_components() == ([dossier.components.get()], False)


def test_a_component_ticked_twice_is_stored_once(cast, checklist):
    dossier = received_dossier(cast.commune_a, components=[checklist["declaration"], checklist["declaration"]])
    assert dossier.components.count() == 1


def test_a_component_of_another_procedure_is_refused_and_nothing_is_written(cast, checklist):
    stranger = ComponentDocumentFactory(procedure=ProcedureFactory(code="1.000999"), name="Giấy đăng ký kết hôn")
    with pytest.raises(TransitionError, match="Giấy đăng ký kết hôn"):
        received_dossier(cast.commune_a, components=[checklist["declaration"], stranger])
    assert not Dossier.objects.exists()
    assert not DossierComponent.objects.exists()
    assert not DossierEvent.objects.exists()


def test_the_stored_names_survive_a_catalogue_edit(cast, checklist):
    dossier = received_dossier(cast.commune_a, components=[checklist["declaration"]])
    checklist["declaration"].name = "Tờ khai (mẫu mới)"
    checklist["declaration"].save()
    checklist["declaration"].delete()
    stored, from_catalogue = Dossier.objects.get(pk=dossier.pk).submitted_components()
    assert [c.name for c in stored] == ["Tờ khai"] and not from_catalogue


def test_a_dossier_received_with_nothing_ticked_lists_nothing(cast, checklist):
    """The empty checklist is what was recorded at receipt; the catalogue does not stand in for it."""
    # Only an optional document left: nothing is required, so nothing ticked is a complete dossier.
    checklist["declaration"].delete()
    assert received_dossier(cast.commune_a, components=()).submitted_components() == ([], False)


def test_an_incomplete_dossier_is_not_received_and_the_message_lists_what_is_missing(cast, checklist):
    # Decree 61/2018 Art. 17: a paper dossier is accepted only when complete; otherwise the officer guides the
    # applicant to supplement it, naming everything missing at once. So the receive service itself refuses it.
    with pytest.raises(TransitionError, match="Tờ khai"):
        received_dossier(cast.commune_a, components=[checklist["certificate"]])
    assert not Dossier.objects.exists()
    assert not DossierEvent.objects.exists()


def test_an_imported_dossier_falls_back_to_the_procedures_list(cast, checklist):
    # Loaded from another one-stop system through the import: no checklist was recorded for it.
    stored, from_catalogue = imported_dossier(cast.commune_a).submitted_components()
    assert [c.name for c in stored] == ["Giấy chứng sinh", "Tờ khai"] and from_catalogue


def test_the_admin_shows_the_submitted_components_read_only(cast, checklist, client):
    dossier = received_dossier(cast.commune_a, components=[checklist["declaration"]])
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pass-1234"))
    page = client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/").content.decode()
    assert "Tờ khai" in page and "Giấy chứng sinh" not in page
