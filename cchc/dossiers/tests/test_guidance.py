"""Guiding an incomplete dossier at the desk (Decree 61/2018 Art. 15(1), 17(1)(b)): the dossier is not received;
the applicant is told every missing document "in one go" (một lần đầy đủ), with reasons, on Mẫu 02."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cchc.dossiers.models import Dossier, ReceptionGuidance
from cchc.dossiers.services.guidance import guidance_record
from cchc.dossiers.workflow import TransitionError
from cchc.testing.factories import ComponentDocumentFactory

APPLICANT = {"name": "Lê Văn Bình", "phone": "0905111222", "address": "Thôn Tân Minh", "email": "", "id_number": ""}


@pytest.fixture
def docs(cast):
    """The birth registration's documents: two required, one optional."""
    return [
        ComponentDocumentFactory(procedure=cast.procedure, name="Tờ khai đăng ký khai sinh", form="Bản chính", order=1),
        ComponentDocumentFactory(procedure=cast.procedure, name="Giấy chứng sinh", form="Bản chính", order=2),
        ComponentDocumentFactory(
            procedure=cast.procedure, name="Giấy xác nhận cư trú", form="Bản sao", order=3, required=False
        ),
    ]


def test_every_missing_required_document_is_listed_once_with_its_reason(cast, docs):
    guidance = guidance_record(
        by=cast.desk_a,
        unit=cast.commune_a,
        procedure=cast.procedure,
        applicant=APPLICANT,
        components=[],
        reasons={docs[1].pk: "Chưa có bản chính giấy chứng sinh"},
        note="Mang theo CCCD khi nộp lại",
    )
    # The law: everything missing compared with the published list, at once; an optional document is not missing.
    assert [i["name"] for i in guidance.items] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert guidance.items[0]["reason"] == "" and guidance.items[1]["reason"] == "Chưa có bản chính giấy chứng sinh"
    assert guidance.items[1]["form"] == "Bản chính" and guidance.items[1]["quantity"] == 1
    assert guidance.note == "Mang theo CCCD khi nộp lại" and guidance.submitted == []
    assert guidance.unit == cast.commune_a and guidance.by == cast.desk_a
    assert guidance.applicant_name == "Lê Văn Bình" and guidance.applicant_phone == "0905111222"
    assert guidance.year == timezone.localtime(guidance.at).year and guidance.number == 1
    assert not Dossier.objects.exists()  # an incomplete dossier is not received


def test_the_numbers_run_per_unit_and_year(cast, docs):
    def guide(by, unit):
        return guidance_record(by=by, unit=unit, procedure=cast.procedure, applicant=APPLICANT, components=[docs[0]])

    assert [guide(cast.desk_a, cast.commune_a).number for _ in range(3)] == [1, 2, 3]
    assert guide(cast.desk_b, cast.commune_b).number == 1
    first = ReceptionGuidance.objects.filter(unit=cast.commune_a).order_by("number").first()
    assert first is not None and first.submitted == [docs[0].pk]
    assert [i["name"] for i in first.items] == ["Giấy chứng sinh"]


def test_a_complete_dossier_gets_no_guidance(cast, docs):
    with pytest.raises(TransitionError, match="hãy tiếp nhận hồ sơ"):
        guidance_record(
            by=cast.desk_a, unit=cast.commune_a, procedure=cast.procedure, applicant=APPLICANT, components=docs[:2]
        )
    assert not ReceptionGuidance.objects.exists()


@pytest.mark.parametrize("who", ["specialist_a", "leader_a", "desk_b"])
def test_only_a_desk_officer_of_the_unit_guides(cast, docs, who):
    with pytest.raises(TransitionError):
        guidance_record(by=getattr(cast, who), unit=cast.commune_a, procedure=cast.procedure, applicant=APPLICANT)
    assert not ReceptionGuidance.objects.exists()


@pytest.mark.parametrize(
    ("applicant", "reasons", "message"),
    [
        ({**APPLICANT, "name": " "}, {}, "tên người nộp"),
        (APPLICANT, "long", "1000"),
        (APPLICANT, "control", "Lý do"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(cast, docs, applicant, reasons, message):
    if reasons == "long":
        reasons = {docs[0].pk: "x" * 1001}
    elif reasons == "control":
        reasons = {docs[0].pk: "lý do\x00"}
    with pytest.raises(TransitionError, match=message):
        guidance_record(
            by=cast.desk_a, unit=cast.commune_a, procedure=cast.procedure, applicant=applicant, reasons=reasons
        )
    assert not ReceptionGuidance.objects.exists()
