"""The reception form of an incomplete dossier offers the guidance slip (Mẫu 02): recorded once, printed with every
missing document and the officer's reasons, for the desk officers of the unit only; the reception goes on from it."""

from __future__ import annotations

import re
import secrets

from django.urls import reverse

from cchc.dossiers.models import Dossier, ReceptionGuidance

from .test_reception import form_data

GUIDANCE_TOKEN = re.compile(r'<input type="hidden" name="guidance-form_token" value="([^"]+)"')


def incomplete(client, cast, components, **extra):
    """Post the reception with only the birth certificate ticked (the declaration, required, missing)."""
    data = form_data(cast, components, components=[components[1].pk], **extra)
    return data, client.post(reverse("web:receive"), data)


def test_an_incomplete_reception_offers_the_guidance_slip(client, cast, components):
    client.force_login(cast.desk_a)
    _data, response = incomplete(client, cast, components)
    html = response.content.decode()
    assert response.status_code == 200 and not Dossier.objects.exists()
    assert 'id="guidance-offer"' in html and "In phiếu hướng dẫn bổ sung (Mẫu 02)" in html
    offer = html.split('id="guidance-offer"', 1)[1].split("</fieldset>", 1)[0]
    assert "Tờ khai đăng ký khai sinh" in offer and "Giấy chứng sinh" not in offer  # only what is missing
    assert GUIDANCE_TOKEN.search(html)


def test_a_complete_or_empty_form_offers_no_slip(client, cast, components):
    client.force_login(cast.desk_a)
    assert 'id="guidance-offer"' not in client.get(reverse("web:receive")).content.decode()
    bad = client.post(reverse("web:receive"), form_data(cast, components, applicant_id_number="12"))
    assert 'id="guidance-offer"' not in bad.content.decode()


def test_the_slip_lists_the_missing_documents_with_reasons_signed_by_the_guiding_officer(client, cast, components):
    cast.desk_a.phone = "0233 3861 000"
    cast.desk_a.save()
    client.force_login(cast.desk_a)
    data, _response = incomplete(client, cast, components)
    data["guidance-form_token"] = secrets.token_urlsafe(32)
    data[f"guidance-reason-{components[0].pk}"] = "Tờ khai phải có chữ ký của người đi đăng ký"
    data["guidance-note"] = "Nộp lại tại quầy số 2"
    response = client.post(reverse("web:receive_guidance"), data)
    guidance = ReceptionGuidance.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("web:print_guidance", args=[guidance.pk])
    assert not Dossier.objects.exists()
    html = client.get(response["Location"]).content.decode()
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in html and "Mẫu số 02" in html
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in html and "UBND huyện Gio Linh" in html and "UBND xã Gio An" in html
    assert f"Số: {guidance.number}/HDHS" in html and guidance.number == 1
    items = html.split('id="guidance-items"', 1)[1].split("</tbody>", 1)[0]
    assert "Tờ khai đăng ký khai sinh" in items and "Tờ khai phải có chữ ký của người đi đăng ký" in items
    assert "Giấy chứng sinh" not in items
    assert "Nộp lại tại quầy số 2" in html
    assert "Lê Văn Bình" in html and "0905111222" in html and "Đăng ký khai sinh" in html
    signer = html.split('id="form-signer">', 1)[1].split("<", 1)[0]
    assert signer == str(cast.desk_a) and "0233 3861 000" in html
    assert "css/page-a5.css" in html


def test_a_double_click_records_one_guidance(client, cast, components):
    client.force_login(cast.desk_a)
    data, _response = incomplete(client, cast, components)
    data["guidance-form_token"] = secrets.token_urlsafe(32)
    first = client.post(reverse("web:receive_guidance"), data)
    second = client.post(reverse("web:receive_guidance"), data)
    assert ReceptionGuidance.objects.count() == 1 and first["Location"] == second["Location"]


def test_the_guidance_does_not_use_the_receptions_token(client, cast, components):
    """After the slip, the same reception form, completed, receives the dossier as usual."""
    client.force_login(cast.desk_a)
    data, _response = incomplete(client, cast, components)
    data["guidance-form_token"] = secrets.token_urlsafe(32)
    client.post(reverse("web:receive_guidance"), data)
    data["components"] = [c.pk for c in components]
    response = client.post(reverse("web:receive"), data)
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("web:receipt", args=[dossier.code])


def test_continuing_from_the_slip_fills_the_reception_form(client, cast, components):
    client.force_login(cast.desk_a)
    data, _response = incomplete(client, cast, components)
    data["guidance-form_token"] = secrets.token_urlsafe(32)
    client.post(reverse("web:receive_guidance"), data)
    guidance = ReceptionGuidance.objects.get()
    html = client.get(reverse("web:receive"), {"guidance": guidance.pk}).content.decode()
    assert 'value="Lê Văn Bình"' in html and 'value="0905111222"' in html
    # The procedure is chosen (a list option, or a radio of the picker).
    pk = cast.procedure.pk
    assert re.search(rf'<option value="{pk}" selected|name="procedure" value="{pk}"[^>]*checked', html)
    assert re.search(rf'name="components" value="{components[1].pk}" checked', html)
    assert not re.search(rf'name="components" value="{components[0].pk}" checked', html)


def test_only_the_units_desk_officers_open_a_slip(client, cast, components):
    client.force_login(cast.desk_a)
    data, _response = incomplete(client, cast, components)
    data["guidance-form_token"] = secrets.token_urlsafe(32)
    client.post(reverse("web:receive_guidance"), data)
    url = reverse("web:print_guidance", args=[ReceptionGuidance.objects.get().pk])
    for who, status in [("desk_b", 404), ("specialist_a", 403), ("leader_a", 403), ("reform_officer", 403)]:
        client.force_login(getattr(cast, who))
        assert client.get(url).status_code == status, who
        assert client.get(reverse("web:receive"), {"guidance": ReceptionGuidance.objects.get().pk}).status_code in (
            403,
            404,
        )
