import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.reform import services
from cchc.reform.models import (
    Correction,
    CorrectionAction,
    DirectiveDocument,
    DocumentType,
    PeriodStatus,
    ProcedureReview,
    ReformArea,
)
from cchc.reform.services import PeriodLockedError

DOC = {
    "area": ReformArea.DIRECTION,
    "doc_type": DocumentType.OFFICIAL_LETTER,
    "number": "1033/UBND-NC",
    "date": dt.date(2023, 7, 12),
    "issuer": "UBND huyện Gio Linh",
    "summary": "về việc hướng dẫn tự đánh giá",
}


@pytest.fixture
def period(cast):
    return services.period_get_or_create(unit=cast.commune_a, year=2023, quarter=3, by=cast.leader_a)


def test_draft_changes_are_not_logged(cast, period):
    """While the period is a draft, rows change freely and no correction is recorded."""
    row = services.section_row_create(period=period, kind="documents", data=DOC, by=cast.specialist_a)
    services.section_row_update(row=row, data={"number": "1034/UBND-NC"}, by=cast.specialist_a)
    row.refresh_from_db()
    assert row.number == "1034/UBND-NC"
    assert row.created_by == cast.specialist_a
    assert not Correction.objects.exists()


def test_submitted_period_refuses_a_silent_change(cast, period):
    """After submission a change without a reason raises, and nothing changes."""
    row = services.section_row_create(period=period, kind="documents", data=DOC, by=cast.leader_a)
    services.period_submit(period=period, by=cast.leader_a)
    with pytest.raises(PeriodLockedError, match="correction reason"):
        services.section_row_update(row=row, data={"number": "9/UBND-NC"}, by=cast.leader_a)
    with pytest.raises(PeriodLockedError):
        services.section_row_delete(row=row, by=cast.leader_a)
    with pytest.raises(PeriodLockedError):
        services.section_row_create(period=period, kind="documents", data=DOC, by=cast.leader_a)
    with pytest.raises(PeriodLockedError):
        services.period_rows_clear(period=period, by=cast.leader_a)
    row.refresh_from_db()
    assert row.number == "1033/UBND-NC"
    assert DirectiveDocument.objects.count() == 1
    assert not Correction.objects.exists()


def test_correction_logs_who_what_old_new_and_why(cast, period):
    row = services.section_row_create(period=period, kind="documents", data=DOC, by=cast.leader_a)
    services.period_submit(period=period, by=cast.leader_a)
    services.section_row_update(
        row=row,
        data={"number": "1035/UBND-NC", "date": dt.date(2023, 7, 13), "summary": DOC["summary"]},
        by=cast.specialist_a,
        reason="Số văn bản ghi nhầm",
    )
    rows = list(Correction.objects.order_by("field"))
    assert [(c.field, c.old_value, c.new_value) for c in rows] == [
        ("date", "2023-07-12", "2023-07-13"),
        ("number", "1033/UBND-NC", "1035/UBND-NC"),
    ]
    assert all(c.by == cast.specialist_a and c.reason == "Số văn bản ghi nhầm" for c in rows)
    assert all(c.action == CorrectionAction.UPDATE and c.kind == "documents" and c.row_id == row.pk for c in rows)


def test_unchanged_values_are_no_correction(cast, period):
    row = services.section_row_create(
        period=period, kind="budget", data={"kind": "revenue_total", "plan": Decimal("7000"), "estimate": 5}, by=None
    )
    services.period_submit(period=period, by=cast.leader_a)
    services.section_row_update(row=row, data={"plan": Decimal("7000.000")}, by=cast.leader_a)
    assert not Correction.objects.exists()


def test_add_and_delete_after_submission_are_logged(cast, period):
    services.period_submit(period=period, by=cast.leader_a)
    row = services.section_row_create(period=period, kind="documents", data=DOC, by=cast.leader_a, reason="Bổ sung")
    services.section_row_delete(row=row, by=cast.leader_a, reason="Trùng")
    actions = list(Correction.objects.values_list("action", "field", "reason"))
    assert (CorrectionAction.CREATE, "number", "Bổ sung") in actions
    assert (CorrectionAction.DELETE, "number", "Trùng") in actions
    assert not DirectiveDocument.objects.exists()


def test_officer_of_another_commune_cannot_edit(cast, period):
    row = services.section_row_create(period=period, kind="documents", data=DOC, by=cast.leader_a)
    with pytest.raises(PermissionDenied):
        services.section_row_update(row=row, data={"number": "1/UBND-NC"}, by=cast.leader_b)
    with pytest.raises(PermissionDenied):
        services.section_row_create(period=period, kind="documents", data=DOC, by=cast.leader_b)
    with pytest.raises(PermissionDenied):
        services.period_get_or_create(unit=cast.commune_a, year=2023, quarter=4, by=cast.reform_officer)


def test_district_reform_officer_and_office_staff_edit_the_district(cast):
    """The district's reform officer edits the district's own data; its offices' staff too."""
    period = services.period_get_or_create(unit=cast.district, year=2023, quarter=3, by=cast.reform_officer)
    services.section_row_create(period=period, kind="documents", data=DOC, by=cast.specialist_office)
    assert DirectiveDocument.objects.filter(period__unit=cast.district).count() == 1


def test_only_leader_or_reform_officer_submits(cast, period):
    with pytest.raises(PermissionDenied):
        services.period_submit(period=period, by=cast.specialist_a)
    services.period_submit(period=period, by=cast.leader_a)
    period.refresh_from_db()
    assert period.status == PeriodStatus.SUBMITTED and period.submitted_by == cast.leader_a
    with pytest.raises(ValidationError):
        services.period_submit(period=period, by=cast.leader_a)


def test_counts_must_be_consistent(cast, period):
    with pytest.raises(ValidationError):
        services.section_row_create(
            period=period, kind="legal-reviews", data={"reviewed": 3, "to_handle": 4, "handled": 4}, by=None
        )
    with pytest.raises(ValidationError):
        services.section_row_create(
            period=period, kind="procedure-reviews", data={"reviewed": 3, "proposed": 1, "simplified": 2}, by=None
        )


def test_one_narrative_per_part(cast, period):
    services.section_row_create(period=period, kind="narrative", data={"kind": "positives", "text": "A"}, by=None)
    with pytest.raises(ValidationError):
        services.section_row_create(period=period, kind="narrative", data={"kind": "positives", "text": "B"}, by=None)


def test_nothing_proposed_has_no_rate(cast, period):
    """0 of 0 procedures is "none arising", not 100 %."""
    row = services.section_row_create(
        period=period, kind="procedure-reviews", data={"reviewed": 0, "proposed": 0, "simplified": 0}, by=None
    )
    assert row.pct is None
    assert ProcedureReview(reviewed=5, proposed=4, simplified=3).pct == Decimal(75)


def test_training_units_are_logged_by_code(cast, period):
    data = {"area": ReformArea.INSTITUTIONS, "topic": "Hòa giải", "sessions": 1, "units": [cast.commune_a]}
    row = services.section_row_create(period=period, kind="trainings", data=data, by=cast.leader_a)
    services.period_submit(period=period, by=cast.leader_a)
    services.section_row_update(
        row=row, data={"units": [cast.commune_a, cast.commune_b]}, by=cast.leader_a, reason="Thiếu đơn vị"
    )
    correction = Correction.objects.get()
    assert (correction.old_value, correction.new_value) == ("gio-an", "gio-an;gio-chau")
    assert set(row.units.values_list("code", flat=True)) == {"gio-an", "gio-chau"}


def test_report_settings(cast):
    saved = services.report_settings_save(
        unit=cast.district,
        data={"issuer_name": "UBND HUYỆN GIO LINH", "place": "Gio Linh", "distribution": "Như trên;\n\nLưu: VT."},
        by=cast.reform_officer,
    )
    assert saved.distribution_lines == ["Như trên;", "Lưu: VT."]
    with pytest.raises(PermissionDenied):
        services.report_settings_save(unit=cast.district, data={"place": "X"}, by=cast.leader_a)
