"""The part of a reform area (section I.2's 2.1-2.3, I.6's financial autonomy): kept per row, checked against the
row's area by the services, the forms, the import and the database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cchc.reform import services
from cchc.reform.demo import load_gio_linh_2023_q3
from cchc.reform.forms import section_form_class
from cchc.reform.importer import columns_for, import_rows, required_columns
from cchc.reform.models import (
    DirectiveDocument,
    DocumentType,
    ReformActivity,
    ReformArea,
    ReformPart,
    StaffingAction,
    Training,
)
from cchc.reform.tests.test_demo import COMMUNES
from cchc.testing.factories import UnitFactory
from cchc.units.models import UnitLevel

DOC = {
    "area": ReformArea.INSTITUTIONS,
    "doc_type": DocumentType.DECISION,
    "number": "1235/QĐ-UBND",
    "date": dt.date(2023, 7, 14),
    "issuer": "UBND huyện Gio Linh",
    "summary": "thành lập đoàn kiểm tra",
}


@pytest.fixture
def gio_linh(db):
    district = UnitFactory(code="gio-linh", name="UBND huyện Gio Linh", level=UnitLevel.DISTRICT)
    for code in COMMUNES:
        UnitFactory(code=code, level=UnitLevel.COMMUNE, parent=district)
    return district


@pytest.fixture
def period(cast):
    return services.period_get_or_create(unit=cast.district, year=2023, quarter=3, by=cast.reform_officer)


def test_a_part_of_the_area_is_kept(cast, period):
    data = {**DOC, "part": ReformPart.INSTITUTIONS_MONITORING}
    row = services.section_row_create(period=period, kind="documents", data=data, by=cast.reform_officer)
    row.refresh_from_db()
    assert row.part == "institutions.monitoring"
    row = services.section_row_create(period=period, kind="documents", data=DOC, by=cast.reform_officer)
    assert row.part == ""


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("documents", {**DOC, "part": ReformPart.FINANCE_AUTONOMY}),
        ("documents", {**DOC, "area": ReformArea.DIRECTION, "part": ReformPart.INSTITUTIONS_DISSEMINATION}),
        ("trainings", {"area": ReformArea.PUBLIC_FINANCE, "topic": "Tập huấn", "part": ReformPart.INSTITUTIONS_REVIEW}),
        ("activities", {"area": ReformArea.INSTITUTIONS, "statement": "Tự chủ", "part": ReformPart.FINANCE_AUTONOMY}),
        ("staffing", {"kind": "recruitment", "description": "Tuyển dụng", "part": ReformPart.FINANCE_AUTONOMY}),
    ],
)
def test_a_part_of_another_area_is_refused(cast, period, kind, data):
    with pytest.raises(ValidationError) as exc:
        services.section_row_create(period=period, kind=kind, data=data, by=cast.reform_officer)
    assert "part" in exc.value.message_dict
    assert "belongs to the area" in exc.value.message_dict["part"][0]


def test_the_form_offers_the_parts_and_checks_the_area(cast):
    form_class = section_form_class("activities")
    choices = [value for value, _label in form_class().fields["part"].choices]
    assert choices == ["", *ReformPart.values]
    good = form_class(data={"area": "6", "part": "finance.autonomy", "statement": "Tự chủ tài chính"})
    assert good.is_valid(), good.errors
    bad = form_class(data={"area": "2", "part": "finance.autonomy", "statement": "Tự chủ tài chính"})
    assert not bad.is_valid() and "part" in bad.errors


@pytest.mark.parametrize("model", [DirectiveDocument, Training, StaffingAction, ReformActivity])
def test_the_database_refuses_a_part_of_another_area(period, model):
    values = {"period": period, "area": ReformArea.DIRECTION, "part": ReformPart.INSTITUTIONS_MONITORING}
    values |= {
        DirectiveDocument: {"doc_type": "plan", "number": "1/KH", "date": dt.date(2023, 7, 1), "issuer": "A"},
        Training: {"topic": "T"},
        StaffingAction: {"kind": "other", "description": "D"},
        ReformActivity: {"statement": "S"},
    }[model]
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**values)
    model.objects.create(**(values | {"area": ReformArea.INSTITUTIONS}))


def test_import_takes_the_part_as_code_or_label_and_checks_it(cast):
    assert "part" in columns_for("documents") and "part" not in required_columns("documents")
    header = ["unit_code", "year", "quarter", "area", "part", "doc_type", "number", "date", "issuer", "summary"]
    base = {"unit_code": "gio-linh", "year": "2023", "quarter": "3", "doc_type": "decision", "date": "14/07/2023",
            "issuer": "UBND huyện Gio Linh", "summary": "kiểm tra"}  # fmt: skip
    rows = [
        base | {"area": "2", "part": "institutions.monitoring", "number": "1/QĐ"},
        base | {"area": "2", "part": "2.3 Law dissemination", "number": "2/QĐ"},
        base | {"area": "6", "part": "", "number": "3/QĐ"},
    ]
    result = import_rows("documents", header, rows)
    assert result.ok, result.errors
    parts = dict(DirectiveDocument.objects.values_list("number", "part"))
    assert parts == {"1/QĐ": "institutions.monitoring", "2/QĐ": "institutions.dissemination", "3/QĐ": ""}

    bad = import_rows("documents", header, [base | {"area": "1", "part": "finance.autonomy", "number": "4/QĐ"}])
    assert [(e.row, e.column) for e in bad.errors] == [(2, "part")]
    assert not DirectiveDocument.objects.filter(number="4/QĐ").exists()


def test_the_demo_names_the_parts_of_its_rows(gio_linh):
    period = load_gio_linh_2023_q3()
    documents = dict(DirectiveDocument.objects.filter(period=period).values_list("number", "part"))
    assert documents["1235/QĐ-UBND"] == ReformPart.INSTITUTIONS_MONITORING
    assert documents["97/KH-UBND"] == ReformPart.INSTITUTIONS_DISSEMINATION
    assert documents["1033/UBND-NC"] == ""
    institutions = Training.objects.filter(period=period, area=ReformArea.INSTITUTIONS)
    assert institutions.count() == 3
    assert set(institutions.values_list("part", flat=True)) == {ReformPart.INSTITUTIONS_DISSEMINATION}
    autonomy = ReformActivity.objects.get(period=period, part=ReformPart.FINANCE_AUTONOMY)
    assert autonomy.area == ReformArea.PUBLIC_FINANCE and "tự chủ tài chính" in autonomy.statement
