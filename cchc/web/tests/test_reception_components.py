"""The documents ticked on the reception checklist are stored, printed on the receipt and shown on the dossier page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.dossiers.models import Dossier, DossierComponent, DossierEvent
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory, imported_dossier

from .test_reception import form_data

FALLBACK_VI = "danh mục thành phần hồ sơ của thủ tục"


@pytest.fixture
def optional(cast, components):
    """A third, optional document of the birth registration."""
    return ComponentDocumentFactory(
        procedure=cast.procedure, name="Giấy xác nhận cư trú", form="Bản sao", order=3, required=False
    )


def _receipt(client, dossier) -> str:
    html = client.get(reverse("web:receipt", args=[dossier.code])).content.decode()
    return html.split('id="receipt-components"', 1)[1].split("</tbody>", 1)[0]


def test_the_ticked_components_are_stored_and_printed_but_not_an_unticked_optional_one(
    client, cast, components, optional
):
    client.force_login(cast.desk_a)
    response = client.post(reverse("web:receive"), form_data(cast, components))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert sorted(dossier.components.values_list("component_id", flat=True)) == sorted(c.pk for c in components)
    printed = _receipt(client, dossier)
    assert "Tờ khai đăng ký khai sinh" in printed and "Giấy chứng sinh" in printed
    assert "Giấy xác nhận cư trú" not in printed
    assert FALLBACK_VI not in client.get(reverse("web:receipt", args=[dossier.code])).content.decode()


def test_a_ticked_optional_component_is_printed(client, cast, components, optional):
    client.force_login(cast.desk_a)
    client.post(reverse("web:receive"), form_data(cast, [*components, optional]))
    assert "Giấy xác nhận cư trú" in _receipt(client, Dossier.objects.get())


def test_the_receipt_keeps_the_name_printed_at_receipt(client, cast, components):
    client.force_login(cast.desk_a)
    client.post(reverse("web:receive"), form_data(cast, components))
    components[1].name = "Giấy chứng sinh (mẫu mới)"
    components[1].save()
    printed = _receipt(client, Dossier.objects.get())
    assert "Giấy chứng sinh" in printed and "mẫu mới" not in printed


def test_a_component_of_another_procedure_is_refused_and_nothing_is_written(client, cast, components):
    """The form offers only the chosen procedure's documents; the service refuses any other (tested directly)."""
    stranger = ComponentDocumentFactory(procedure=ProcedureFactory(code="1.000998"), name="Giấy đăng ký kết hôn")
    client.force_login(cast.desk_a)
    response = client.post(reverse("web:receive"), form_data(cast, [*components, stranger]))
    assert response.status_code == 200
    assert response.context["form"].errors["components"]
    assert not Dossier.objects.exists() and not DossierComponent.objects.exists()
    assert not DossierEvent.objects.exists()


def test_the_dossier_page_lists_the_submitted_components(client, cast, components, optional):
    client.force_login(cast.desk_a)
    client.post(reverse("web:receive"), form_data(cast, components))
    html = client.get(Dossier.objects.get().get_absolute_url()).content.decode()
    listed = html.split('id="submitted-components"', 1)[1].split("</ul>", 1)[0]
    assert "Tờ khai đăng ký khai sinh" in listed and "Giấy xác nhận cư trú" not in listed
    assert 'id="submitted-from-catalogue"' not in html


def test_without_stored_components_the_receipt_prints_the_procedures_list_labelled(client, cast, components):
    dossier = imported_dossier(cast.commune_a)  # from another one-stop system: no checklist recorded
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:receipt", args=[dossier.code])).content.decode()
    printed = html.split('id="receipt-components"', 1)[1].split("</tbody>", 1)[0]
    assert "Tờ khai đăng ký khai sinh" in printed and "Giấy chứng sinh" in printed
    assert 'id="receipt-components-from-catalogue"' in html and FALLBACK_VI in html
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert 'id="submitted-from-catalogue"' in page
    assert "Giấy chứng sinh" in page.split('id="submitted-components"', 1)[1].split("</ul>", 1)[0]
