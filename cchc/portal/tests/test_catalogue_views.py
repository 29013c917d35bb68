"""The catalogue's pages: the list and its search, a procedure's page, 404 for what is not posted, the sample forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from cchc.procedures.models import OnlineService, ProcedureLevel
from cchc.testing.factories import ComponentDocumentFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def birth(cast):
    """The cast's birth registration (a commune procedure), posted with what the portal shows."""
    procedure = cast.procedure
    procedure.fee = None
    procedure.legal_basis = "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"
    procedure.result_description = "Giấy khai sinh"
    procedure.online_note = "Mang bản chính Giấy chứng sinh khi nhận kết quả."
    procedure.save()
    ComponentDocumentFactory(procedure=procedure, name="Tờ khai đăng ký khai sinh", form="Bản chính", order=1)
    ComponentDocumentFactory(procedure=procedure, name="Giấy chứng sinh", form="Bản chính", order=2, quantity=2)
    ComponentDocumentFactory(procedure=procedure, name="Văn bản ủy quyền", form="Bản sao", order=3, required=False)
    return procedure


def test_the_list_finds_a_procedure_typed_without_diacritics(client, birth):
    ProcedureFactory(code="1.000900", name="Đăng ký kết hôn")
    response = client.get(reverse("portal:catalogue"), {"q": "dang ky khai sinh"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đăng ký khai sinh" in page and "Đăng ký kết hôn" not in page
    assert reverse("portal:procedure", args=[birth.code]) in page
    assert "1 thủ tục" in page  # the count, in Vietnamese (the default language)


def test_the_list_never_shows_an_unposted_or_inactive_procedure(client, cast):
    ProcedureFactory(code="1.000901", name="Thủ tục nội bộ chưa công bố", posted=False)
    ProcedureFactory(code="1.000902", name="Thủ tục đã bãi bỏ", is_active=False)
    page = client.get(reverse("portal:catalogue")).content.decode()
    assert "chưa công bố" not in page and "bãi bỏ" not in page
    assert cast.procedure.name in page


def test_filters_and_bad_filter_values(client, cast):
    ProcedureFactory(code="2.000900", name="Cấp giấy phép xây dựng", level=ProcedureLevel.DISTRICT, field="Xây dựng")
    ProcedureFactory(code="1.000903", name="Chứng thực bản sao", field="Chứng thực", online_service=OnlineService.NONE)
    url = reverse("portal:catalogue")

    def names(**params):
        return client.get(url, {key.replace("_", "-"): value for key, value in params.items()}).content.decode()

    assert "Cấp giấy phép xây dựng" not in names(cap="commune")
    assert "Cấp giấy phép xây dựng" in names(cap="district")
    assert "Chứng thực bản sao" not in names(truc_tuyen="1")
    assert "Chứng thực bản sao" in names(linh_vuc="Chứng thực")
    assert "Cấp giấy phép xây dựng" not in names(don_vi=cast.commune_a.code)
    assert "Cấp giấy phép xây dựng" in names(don_vi=cast.district.code)
    # A level or unit that does not exist is ignored, a page number out of range shows the last page.
    for params in ({"cap": "planet"}, {"don-vi": "nowhere"}, {"trang": "99"}, {"trang": "x"}):
        response = client.get(url, params)
        assert response.status_code == 200
        assert "Cấp giấy phép xây dựng" in response.content.decode()


def test_the_list_is_paginated_and_keeps_the_search(client, cast):
    for number in range(25):
        ProcedureFactory(code=f"1.1{number:05d}", name=f"Thủ tục đăng ký số {number}")
    first = client.get(reverse("portal:catalogue"), {"q": "dang ky so"}).content.decode()
    assert first.count('class="p-card p-cat-item"') == 20
    assert "q=dang+ky+so&amp;trang=2" in first
    second = client.get(reverse("portal:catalogue"), {"q": "dang ky so", "trang": "2"}).content.decode()
    assert second.count('class="p-card p-cat-item"') == 5


def test_the_procedure_page_shows_what_the_applicant_must_know(client, birth):
    response = client.get(reverse("portal:procedure", args=[birth.code]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Đăng ký khai sinh",
        birth.code,
        "Hộ tịch",
        "3 ngày làm việc",
        "Không thu phí",
        "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP",
        "Giấy khai sinh",
        "Mang bản chính Giấy chứng sinh khi nhận kết quả.",
        "Tờ khai đăng ký khai sinh",
        "2 bản",
        "Không bắt buộc",
        # Where to submit: the desks of the communes in force (a commune procedure).
        "UBND xã Gio An",
        "UBND xã Gio Châu",
        "Nộp hồ sơ trực tuyến",
        "/nop-ho-so/1.001612/",
    ]:
        assert text in page, text
    assert "UBND huyện Gio Linh" not in page  # the district's desk does not receive a commune procedure


def test_fee_half_days_no_time_limit_and_no_online_service(client, cast):
    procedure = ProcedureFactory(
        code="1.000904",
        name="Chứng thực hợp đồng",
        fee=Decimal("50000"),
        processing_days=Decimal("0.5"),
        online_service=OnlineService.NONE,
    )
    page = client.get(reverse("portal:procedure", args=[procedure.code])).content.decode()
    assert "50.000 đồng" in page and "0,5 ngày làm việc" in page
    assert "Nộp hồ sơ trực tuyến" not in page and "/nop-ho-so/" not in page
    procedure.processing_days = None
    procedure.save()
    assert "Không quy định thời hạn" in client.get(reverse("portal:procedure", args=[procedure.code])).content.decode()


def test_an_unposted_inactive_or_unknown_procedure_answers_404(client, cast):
    unposted = ProcedureFactory(code="1.000905", posted=False)
    inactive = ProcedureFactory(code="1.000906", is_active=False)
    for code in (unposted.code, inactive.code, "9.999999"):
        assert client.get(reverse("portal:procedure", args=[code])).status_code == 404


def test_the_portal_pages_show_no_staff_data(client, birth, cast):
    page = client.get(reverse("portal:procedure", args=[birth.code])).content.decode()
    page += client.get(reverse("portal:catalogue")).content.decode()
    for user in (cast.desk_a, cast.leader_a, cast.specialist_a):
        assert user.username not in page and user.full_name not in page


@pytest.fixture
def sample(birth, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    component = birth.components.get(name="Tờ khai đăng ký khai sinh")
    component.sample_form.save("Tờ khai khai sinh.pdf", ContentFile(PDF))
    return component


def test_a_sample_form_downloads_as_an_attachment_with_its_type(client, sample, birth):
    page = client.get(reverse("portal:procedure", args=[birth.code])).content.decode()
    url = reverse("portal:sample_form", args=[birth.code, sample.pk])
    assert url in page
    assert str(sample.sample_form.name) not in page and "/media/" not in page  # never the stored path
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    # Its own file name (no folder), RFC 5987-encoded for the Vietnamese letters.
    assert disposition.startswith("attachment;") and "procedures" not in disposition
    assert "filename*=utf-8''T%E1%BB%9D_khai_khai_sinh.pdf" in disposition
    assert b"".join(response.streaming_content) == PDF


def test_a_sample_form_of_unknown_content_is_served_as_bytes_not_as_a_page(client, birth, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    component = birth.components.get(name="Giấy chứng sinh")
    component.sample_form.save("mau.html", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(reverse("portal:sample_form", args=[birth.code, component.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_sample_form_404s_when_absent_elsewhere_unposted_or_lost(client, sample, birth, cast):
    without = birth.components.get(name="Giấy chứng sinh")
    assert client.get(reverse("portal:sample_form", args=[birth.code, without.pk])).status_code == 404
    other = ProcedureFactory(code="1.000907")
    assert client.get(reverse("portal:sample_form", args=[other.code, sample.pk])).status_code == 404
    birth.posted = False
    birth.save()
    assert client.get(reverse("portal:sample_form", args=[birth.code, sample.pk])).status_code == 404
    birth.posted = True
    birth.save()
    sample.sample_form.storage.delete(sample.sample_form.name)
    assert client.get(reverse("portal:sample_form", args=[birth.code, sample.pk])).status_code == 404


def test_the_home_page_counts_the_posted_and_the_online_procedures(client, cast):
    ProcedureFactory(code="1.000908", online_service=OnlineService.NONE)
    ProcedureFactory(code="1.000909", posted=False)
    page = client.get(reverse("portal:home")).content.decode()
    assert "2 thủ tục được công khai" in page
    assert "1 thủ tục nộp trực tuyến được" in page
