"""The public catalogue's reads: diacritics folded both ways, the filters, and nothing unposted or inactive."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.procedures.models import OnlineService, ProcedureLevel
from cchc.procedures.selectors import (
    catalogue_counts,
    catalogue_fields,
    catalogue_search,
    fold,
    receivable_procedures,
    receiving_units,
)
from cchc.testing.factories import ProcedureFactory, UnitFactory
from cchc.units.models import UnitLevel

pytestmark = pytest.mark.django_db


def codes(qs) -> list[str]:
    return [p.code for p in qs]


@pytest.fixture
def catalogue():
    return {
        "birth": ProcedureFactory(code="1.000001", name="Đăng ký khai sinh", field="Hộ tịch"),
        "birth_again": ProcedureFactory(code="1.000002", name="Đăng ký lại khai sinh", field="Hộ tịch"),
        "plain": ProcedureFactory(code="1.000003", name="Dang ky tam tru (ten khong dau)", field="Cư trú"),
        "marriage": ProcedureFactory(
            code="1.000004", name="Đăng ký kết hôn", field="Hộ tịch", online_service=OnlineService.NONE
        ),
        "land": ProcedureFactory(
            code="2.000001",
            name="Cấp đổi Giấy chứng nhận quyền sử dụng đất",
            field="Đất đai",
            level=ProcedureLevel.DISTRICT,
            online_service=OnlineService.FULL,
        ),
        "unposted": ProcedureFactory(code="1.000005", name="Đăng ký khai sinh (chưa công bố)", posted=False),
        "inactive": ProcedureFactory(code="1.000006", name="Đăng ký khai sinh (bãi bỏ)", is_active=False),
    }


def test_fold_drops_diacritics_case_and_extra_spaces_and_maps_d_stroke():
    assert fold("  Đăng   KÝ khai sinh ") == "dang ky khai sinh"
    assert fold("Đồng đều") == "dong deu"
    # A name typed in decomposed form (NFD) folds the same as the composed one.
    assert fold("Đa\u0306ng ky\u0301") == fold("Đăng ký") == "dang ky"


def test_search_without_diacritics_finds_the_name_with_them(catalogue):
    assert codes(catalogue_search(q="dang ky khai sinh")) == ["1.000001", "1.000002"]
    assert codes(catalogue_search(q="DANG KY KET HON")) == ["1.000004"]


def test_search_with_diacritics_finds_a_name_stored_without_them(catalogue):
    # "đ" <-> "d" both ways: "Đăng ký" typed finds "Dang ky" stored.
    assert codes(catalogue_search(q="Đăng ký tạm trú")) == ["1.000003"]
    assert codes(catalogue_search(q="đất")) == ["2.000001"]


def test_every_word_must_occur_and_the_exact_phrase_comes_first(catalogue):
    other = ProcedureFactory(code="1.000000", name="Khai sinh cho trẻ: đăng ký quá hạn", field="Hộ tịch")
    # All four words occur in the three names; none holds them as this phrase: by code.
    assert codes(catalogue_search(q="khai sinh dang ky")) == [other.code, "1.000001", "1.000002"]
    # "đăng ký khai sinh" holds the phrase: first; then the other two by code.
    assert codes(catalogue_search(q="dang ky khai sinh")) == ["1.000001", other.code, "1.000002"]
    assert codes(catalogue_search(q="khai sinh ket hon")) == []


def test_search_by_code(catalogue):
    assert codes(catalogue_search(q="2.000001")) == ["2.000001"]
    assert codes(catalogue_search(q="1.00000")) == ["1.000001", "1.000002", "1.000003", "1.000004"]


def test_unposted_and_inactive_procedures_are_never_public(catalogue):
    everything = codes(catalogue_search())
    assert everything == ["1.000001", "1.000002", "1.000003", "1.000004", "2.000001"]
    assert "1.000005" not in codes(catalogue_search(q="chua cong bo"))
    assert codes(catalogue_search(q="bai bo")) == []
    assert catalogue_counts() == {"posted": 5, "online": 4}  # the marriage one is not online


def test_filters_by_field_level_unit_and_online(catalogue):
    assert codes(catalogue_search(field="Hộ tịch")) == ["1.000001", "1.000002", "1.000004"]
    assert codes(catalogue_search(field="Hộ tịch", q="ket hon")) == ["1.000004"]
    assert codes(catalogue_search(level=ProcedureLevel.DISTRICT)) == ["2.000001"]
    assert codes(catalogue_search(online_only=True)) == ["1.000001", "1.000002", "1.000003", "2.000001"]
    assert codes(catalogue_search(online_only=True, q="dang ky ket hon")) == []
    assert catalogue_fields() == ["Cư trú", "Đất đai", "Hộ tịch"]  # folded order: "Đ" sorts as "D"


def test_a_unit_filter_keeps_the_levels_its_desk_receives(cast, catalogue):
    # Decree 61/2018 Art. 14: each desk receives the procedures of its own level (procedures.selectors).
    commune_codes = ["1.000001", "1.000002", "1.000003", "1.000004", cast.procedure.code]  # the cast's own
    assert codes(catalogue_search(unit=cast.commune_a)) == commune_codes
    assert codes(catalogue_search(unit=cast.district)) == ["2.000001"]
    # An office has no desk of its own: its district's desk receives.
    assert codes(catalogue_search(unit=cast.office)) == ["2.000001"]
    assert codes(catalogue_search(unit=cast.commune_a, q="dat")) == []


def test_receivable_procedures_keeps_its_behaviour(cast, catalogue):
    commune_codes = ["1.000001", "1.000002", "1.000003", "1.000004", cast.procedure.code]
    assert codes(receivable_procedures(cast.commune_a)) == commune_codes
    assert codes(receivable_procedures(cast.commune_a, q="khai sinh")) == ["1.000001", "1.000002", cast.procedure.code]
    assert codes(receivable_procedures(None)) == []


def test_the_reception_picker_finds_a_procedure_typed_without_diacritics(cast, catalogue):
    # Issue 9, point 2: officers type "dang ky khai sinh" for "Đăng ký khai sinh", in any case.
    typed = codes(receivable_procedures(cast.commune_a, q="DANG KY khai SINH"))
    assert cast.procedure.code in typed and typed == codes(receivable_procedures(cast.commune_a, q="Đăng ký khai sinh"))


def test_the_receiving_units_are_those_in_force_whose_desks_receive_the_level(cast, catalogue):
    retired = UnitFactory(
        code="gio-cu", name="UBND xã Cũ", level=UnitLevel.COMMUNE, parent=cast.district, valid_to=dt.date(2025, 6, 30)
    )
    today = dt.date(2026, 1, 5)
    names = [u.code for u in receiving_units(catalogue["birth"], on=today)]
    assert names == sorted([cast.commune_a.code, cast.commune_b.code])
    assert retired.code in [u.code for u in receiving_units(catalogue["birth"], on=dt.date(2025, 6, 30))]
    assert [u.code for u in receiving_units(catalogue["land"], on=today)] == [cast.district.code]
