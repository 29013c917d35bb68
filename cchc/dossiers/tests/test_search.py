"""The staff search (issue 9, point 2; cchc/dossiers/search.py): every word, any case, with or without
diacritics, part of a code, a phone in any spelling, the filters, the scope, and the folded key kept by every
writer of a dossier."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.accounts.models import Role
from cchc.dossiers import search, selectors
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import dossier_submit_online
from cchc.dossiers.states import Status
from cchc.exchange.services import dossiers_import
from cchc.lib.periods import parse_period
from cchc.procedures.models import OnlineService
from cchc.testing.factories import (
    APPLICANT,
    ComponentDocumentFactory,
    ProcedureFactory,
    awaiting_supplement_dossier,
    import_row,
    local,
    received_dossier,
    staff,
)
from cchc.testing.files import TINY_PDF

THU = {**APPLICANT, "name": "Trần Văn Thử", "phone": "0912345678", "id_number": "045201001234"}


def find(user, q, **filters):
    return list(selectors.dossier_search(user, q, **filters))


def test_a_name_is_found_without_diacritics_and_in_any_case(cast):
    thu = received_dossier(cast.commune_a, applicant=THU)
    received_dossier(cast.commune_a)  # Nguyễn Thị Hoa
    for q in ("tran van thu", "TRAN VAN THU", "Trần Văn Thử", "trần văn thử", "  thu   tran  ", "Tran Thu"):
        assert find(cast.desk_a, q) == [thu], q
    assert find(cast.desk_a, "tran van thi") == []  # every word must be there


def test_d_with_stroke_is_d():
    assert search.fold("Đặng Đình Đức") == "dang dinh duc"


def test_part_of_a_code_whole_code_and_any_case(cast):
    dossier = received_dossier(cast.commune_a)
    agency, day, number = dossier.code.rsplit("-", 2)
    assert find(cast.desk_a, f"{day}-{number}") == [dossier]
    assert find(cast.desk_a, number) == [dossier]
    assert find(cast.desk_a, dossier.code.lower()) == [dossier]
    assert find(cast.desk_a, dossier.code) == [dossier]


def test_a_phone_in_any_spelling(cast):
    thu = received_dossier(cast.commune_a, applicant=THU)
    for q in ("0912345678", "+84 912 345 678", "+84912345678", "0912 345 678", "0912.345.678", "912345678"):
        assert find(cast.desk_a, q) == [thu], q
    assert find(cast.desk_a, "0912 345 679") == []


def test_id_number_and_procedure_name_without_diacritics(cast):
    procedure = ProcedureFactory(code="1.001193", name="Đăng ký khai tử")
    thu = received_dossier(cast.commune_a, applicant=THU, procedure=procedure)
    received_dossier(cast.commune_a)
    assert find(cast.desk_a, "045201001234") == [thu]
    assert find(cast.desk_a, "dang ky khai tu") == [thu]
    assert find(cast.desk_a, "khai tu tran") == [thu]  # words from the procedure and from the applicant
    assert find(cast.desk_a, "1.001193") == [thu]


def test_personal_data_finds_only_for_those_who_handle_the_dossier(cast):
    """The reform officer sees the dossiers of the province but handles none: the code and the procedure find
    them, the applicant's name, phone or ID number do not (the same rule the dossier page follows)."""
    thu = received_dossier(cast.commune_a, applicant=THU)
    assert find(cast.reform_officer, thu.code) == [thu]
    assert find(cast.reform_officer, "tran van thu") == []
    assert find(cast.reform_officer, "0912345678") == []
    assert find(cast.reform_officer, "045201001234") == []


def test_never_another_units_dossier(cast):
    thu = received_dossier(cast.commune_a, applicant=THU)
    theirs = received_dossier(cast.commune_b, applicant=THU)
    assert find(cast.desk_a, "tran van thu") == [thu]
    assert find(cast.desk_b, "tran van thu") == [theirs]
    assert find(cast.desk_b, thu.code) == []
    assert find(cast.desk_a, "") == find(cast.desk_a, "   ") == []


def test_filters_by_status_period_and_unit_newest_first(cast):
    july = received_dossier(cast.commune_a, applicant=THU, at=local(2023, 7, 3, 9))
    august = awaiting_supplement_dossier(cast.commune_a, applicant=THU, at=local(2023, 8, 7, 9))
    other_unit = received_dossier(cast.commune_b, applicant=THU, at=local(2023, 8, 8, 9))
    leader = cast.leader_district  # oversees both communes (and handles neither: finds by the procedure)
    everything = find(leader, "khai sinh")
    assert [d.pk for d in everything if d.pk in {july.pk, august.pk, other_unit.pk}] == [
        other_unit.pk,
        august.pk,
        july.pk,
    ]
    assert find(cast.desk_a, "thu", status=Status.AWAITING_SUPPLEMENT) == [august]
    assert find(cast.desk_a, "thu", period=parse_period("2023-07")) == [july]
    assert find(cast.desk_a, "thu", period=parse_period("2023-Q3")) == [august, july]
    assert find(leader, "khai sinh", unit=cast.commune_b) == [other_unit]
    assert find(leader, july.code, unit=cast.commune_b) == []
    results = find(cast.desk_a, "thu")
    assert all(hasattr(d, "is_overdue") and hasattr(d, "is_due_soon") for d in results)


# --- the key kept by every writer ---


def keys_in_db(dossier: Dossier) -> tuple[str, str]:
    return Dossier.objects.values_list("search_key", "search_key_public").get(pk=dossier.pk)


def test_the_desk_receipt_writes_the_key(cast):
    thu = received_dossier(cast.commune_a, applicant=THU)
    full, public = keys_in_db(thu)
    assert public == f"{thu.code.lower()} {search.fold(thu.procedure.code)} {search.fold(thu.procedure.name)}"
    assert full == f"{public} tran van thu 045201001234 0912345678"


def test_the_online_submission_writes_the_key(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    procedure = ProcedureFactory(code="1.900009", name="Đăng ký kết hôn", online_service=OnlineService.FULL)
    form = ComponentDocumentFactory(procedure=procedure, name="Tờ khai", required=True)
    dossier = dossier_submit_online(
        procedure=procedure,
        unit=cast.commune_a,
        applicant=dict(THU, email="thu@example.vn"),
        files={form: SimpleUploadedFile("to-khai.pdf", TINY_PDF, content_type="application/pdf")},
        submitted_at=local(2023, 7, 3, 9),
    )
    assert "dang ky ket hon" in keys_in_db(dossier)[1]
    assert find(cast.desk_a, "tran van thu ket hon") == [dossier]


def test_the_import_writes_the_key_on_create_and_on_update(cast):
    procedure = ProcedureFactory(code="1.000656", name="Đăng ký khai tử")
    row = import_row(cast.commune_a, procedure=procedure, code="IMP-1", applicant_name="Trần Văn Thử")
    assert dossiers_import(rows=[row]).ok
    dossier = Dossier.objects.get(code="IMP-1")
    assert keys_in_db(dossier)[0] == "imp-1 1.000656 dang ky khai tu tran van thu"
    officer = staff(cast.commune_a, Role.DESK_OFFICER)
    assert find(officer, "tran van thu") == [dossier]
    result = dossiers_import(rows=[{**row, "applicant_name": "Lê Thị Lựu", "applicant_phone": "+84 905 111 222"}])
    assert result.ok, result.errors
    assert keys_in_db(dossier)[0] == "imp-1 1.000656 dang ky khai tu le thi luu 0905111222"
    assert find(officer, "tran van thu") == []
    assert find(officer, "le thi luu 0905111222") == [dossier]


def test_a_partial_save_of_a_source_field_rewrites_the_key(cast):
    thu = received_dossier(cast.commune_a, applicant=THU)
    thu.applicant_name = "Hồ Văn Đông"
    thu.save(update_fields=["applicant_name"])
    assert "ho van dong" in keys_in_db(thu)[0]


def test_the_migration_fills_existing_rows(cast):
    from cchc.procedures.models import Procedure

    thu = received_dossier(cast.commune_a, applicant=THU)
    expected = keys_in_db(thu)
    Dossier.objects.filter(pk=thu.pk).update(search_key="", search_key_public="")
    assert search.fill_keys(Dossier, Procedure, batch=1) == Dossier.objects.count()
    assert keys_in_db(thu) == expected


def test_postgresql_has_the_trigram_indexes(db):
    """Migration 0008 creates the GIN trigram indexes that serve LIKE '%word%' (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'dossiers_dossier' AND indexdef LIKE %s",
            ["%gin_trgm_ops%"],
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"dossier_search_key_trgm", "dossier_search_public_trgm"}
