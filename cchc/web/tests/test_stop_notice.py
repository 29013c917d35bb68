"""The stop notice after a withdrawal under the 2025 rules, and the desk header of a public-service centre.

The law (../shared/spec/domain.md, copied here):
- §2.7 (Decree 118/2025 Art. 21, Circular 03/2025 Art. 7): the applicant may ask to stop a procedure; "the receiving
  desk checks status at once; if no decision/result document exists yet, it issues the Thông báo dừng giải quyết
  hồ sơ". The form is one of Circular 03/2025 (§2.5); 2018 (Circular 01/2018) has no such form.
- §2.5: "Header for all desk forms (both regimes): left block = parent agency (ĐƠN VỊ CHỦ QUẢN) over the unit name
  (TRUNG TÂM PVHCC / BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ)". §1.1: the 2025 one-stop unit of a commune is its public
  service centre (Trung tâm Phục vụ hành chính công cấp xã, Decree 118/2025 Art. 1(1), Art. 7(3)).
"""

from __future__ import annotations

from django.urls import reverse

from cchc.accounts.models import Role
from cchc.dossiers import services
from cchc.testing.factories import UnitFactory, local, received_dossier, run_at, user_with_role, withdrawn_dossier
from cchc.units.models import DeskKind, UnitLevel

JULY_2025 = local(2025, 7, 7, 9)


def _url(dossier) -> str:
    return reverse("web:print_stop_notice", args=[dossier.code])


def test_a_2025_withdrawal_has_its_stop_notice_offered_on_the_dossier_page(client, cast):
    dossier = received_dossier(cast.commune_a, at=JULY_2025)
    run_at(
        local(2025, 7, 8, 10),
        services.dossier_withdraw,
        dossier=dossier,
        by=cast.desk_a,
        reason="Người nộp đề nghị rút hồ sơ để bổ sung giấy tờ",
    )
    client.force_login(cast.desk_a)
    detail = client.get(dossier.get_absolute_url()).content.decode()
    assert _url(dossier) in detail
    response = client.get(_url(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in html and "Mẫu số 05" in html
    assert dossier.code in html and "Nguyễn Thị Hoa" in html and "Đăng ký khai sinh" in html
    assert "ngày 08 tháng 7 năm 2025" in html  # the day of the request to stop
    assert "ngày 07 tháng 7 năm 2025" in html  # the day of receipt
    assert "thông báo dừng giải quyết hồ sơ" in html
    assert "Người nộp đề nghị rút hồ sơ để bổ sung giấy tờ" in html
    assert str(cast.desk_a) in html and "Số: ……/TBDGQ" in html
    # Personal data: only those who handle the dossier open it.
    client.force_login(cast.desk_b)
    assert client.get(_url(dossier)).status_code in (403, 404)


def test_a_2018_withdrawal_has_no_stop_notice(client, cast):
    """Circular 01/2018 has no stop notice: the regime has no such form, so the page is a 404 and none is offered."""
    dossier = withdrawn_dossier(cast.commune_a)
    client.force_login(cast.desk_a)
    assert client.get(_url(dossier)).status_code == 404
    assert _url(dossier) not in client.get(dossier.get_absolute_url()).content.decode()


def test_a_2025_dossier_not_withdrawn_has_no_stop_notice(client, cast):
    dossier = received_dossier(cast.commune_a, at=JULY_2025)
    client.force_login(cast.desk_a)
    assert client.get(_url(dossier)).status_code == 404


def test_a_public_service_centre_prints_its_parent_agency_over_the_centre(client, cast):
    centre = UnitFactory(
        code="xa-gio-linh",
        name="UBND xã Gio Linh",
        level=UnitLevel.COMMUNE,
        parent=cast.province,
        agency_code="000.00.41.H45",
        desk_kind=DeskKind.SERVICE_CENTRE,
    )
    desk = user_with_role(centre, Role.DESK_OFFICER, "desk_centre")
    dossier = received_dossier(centre, at=JULY_2025, by=desk)
    run_at(local(2025, 7, 8, 10), services.dossier_withdraw, dossier=dossier, by=desk, reason="Rút hồ sơ")
    client.force_login(desk)
    html = client.get(_url(dossier)).content.decode()
    assert '<div class="upper" id="form-parent-agency">UBND xã Gio Linh</div>' in html
    assert (
        '<div class="upper strong underline" id="form-desk">Trung tâm phục vụ hành chính công xã Gio Linh</div>' in html
    )
    assert "Bộ phận tiếp nhận và trả kết quả" not in html
    # A one-stop unit keeps the reception-and-return unit under its own name.
    other = received_dossier(cast.commune_a, at=JULY_2025)
    run_at(local(2025, 7, 8, 10), services.dossier_withdraw, dossier=other, by=cast.desk_a, reason="Rút hồ sơ")
    client.force_login(cast.desk_a)
    html = client.get(_url(other)).content.decode()
    assert "Bộ phận tiếp nhận và trả kết quả" in html and "UBND huyện Gio Linh" in html
