"""The reception form, its htmx fragments and the printable receipt."""

from __future__ import annotations

import secrets

import pytest
from django.urls import reverse

from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.workflow import Action, Status
from cchc.testing.factories import ProcedureFactory, received_dossier
from cchc.units.models import UnitLevel


def form_data(cast, docs, **overrides):
    data = {
        "unit": cast.commune_a.pk,
        "procedure": cast.procedure.pk,
        "channel": "direct",
        "applicant_name": "Lê Văn Bình",
        "applicant_id_number": "045200001234",
        "applicant_phone": "0905111222",
        "applicant_address": "Thôn Tân Minh, xã Gio An",
        "applicant_email": "",
        "sets": 1,
        "components": [c.pk for c in docs],
        "note": "",
        "form_token": secrets.token_urlsafe(32),  # as OneTimeTokenForm issues one with each empty form
    }
    data.update(overrides)
    return data


def test_the_form_offers_the_desk_units_and_their_level_procedures(client, cast, components):
    ProcedureFactory(code="2.000100", name="Cấp giấy phép xây dựng", level=UnitLevel.DISTRICT)
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:receive")).content.decode()
    assert "UBND xã Gio An" in html and "UBND xã Gio Châu" not in html
    assert "Đăng ký khai sinh" in html and "Cấp giấy phép xây dựng" not in html
    assert "Tờ khai đăng ký khai sinh" not in html  # the checklist loads when a procedure is chosen


def test_the_procedure_search_box_narrows_the_options(client, cast):
    ProcedureFactory(code="1.000200", name="Đăng ký kết hôn")
    client.force_login(cast.desk_a)
    url = reverse("web:receive_procedures")
    html = client.get(url, {"unit": cast.commune_a.pk, "q": "kết hôn"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Đăng ký kết hôn" in html and "Đăng ký khai sinh" not in html
    assert "<html" not in html
    other_unit = client.get(url, {"unit": cast.commune_b.pk, "q": ""}).content.decode()
    assert "Đăng ký" not in other_unit


def test_choosing_a_procedure_loads_its_components(client, cast, components):
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:receive_components"), {"procedure": cast.procedure.pk}).content.decode()
    assert "Tờ khai đăng ký khai sinh" in html and "Giấy chứng sinh" in html
    assert html.count('type="checkbox"') == 2


def test_receiving_creates_the_dossier_and_redirects_to_the_receipt(client, cast, components):
    client.force_login(cast.desk_a)
    response = client.post(reverse("web:receive"), form_data(cast, components, sets=2))
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:receipt", args=[dossier.code])
    assert dossier.receiving_unit == cast.commune_a and dossier.sets == 2
    assert dossier.applicant_name == "Lê Văn Bình" and dossier.status == Status.RECEIVED
    assert DossierEvent.objects.get(dossier=dossier).action == Action.RECEIVE


def test_an_incomplete_dossier_is_not_received(client, cast, components):
    client.force_login(cast.desk_a)
    response = client.post(reverse("web:receive"), form_data(cast, components, components=[components[1].pk]))
    assert response.status_code == 200
    assert "Tờ khai đăng ký khai sinh" in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_desk_officer_of_a_cannot_receive_for_b(client, cast, components):
    client.force_login(cast.desk_a)
    response = client.post(reverse("web:receive"), form_data(cast, components, unit=cast.commune_b.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("who", ["specialist_a", "leader_a", "reform_officer"])
def test_only_desk_officers_open_the_reception_form(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("web:receive")).status_code == 403
    assert client.get(reverse("web:receive_components"), {"procedure": cast.procedure.pk}).status_code == 403


def test_the_receipt_prints_the_code_appointment_and_components(client, cast, components):
    dossier = received_dossier(cast.commune_a, components=components)
    client.force_login(cast.desk_a)
    html = client.get(reverse("web:receipt", args=[dossier.code])).content.decode()
    assert dossier.code in html
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in html
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "09 giờ 00 phút, ngày 03 tháng 7 năm 2023" in html  # received
    assert "09 giờ 00 phút, ngày 06 tháng 7 năm 2023" in html  # due: three working days later
    assert "Tờ khai đăng ký khai sinh" in html and "Nguyễn Thị Hoa" in html
    assert "css/page-a5.css" in html  # the A5 paper (static/css/page-a5.css: no inline style, CSP)


def test_the_receipt_stays_vietnamese_when_the_interface_is_english(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("web:receipt", args=[dossier.code])).content.decode()
    assert "Work list" in html  # the navigation follows the interface language
    assert "Thời gian trả kết quả" in html  # the official form does not


def test_the_receipt_of_another_commune_is_not_found(client, cast):
    dossier = received_dossier(cast.commune_a)
    client.force_login(cast.desk_b)
    assert client.get(reverse("web:receipt", args=[dossier.code])).status_code == 404
    client.force_login(cast.reform_officer)
    assert client.get(reverse("web:receipt", args=[dossier.code])).status_code == 403
