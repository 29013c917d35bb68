import datetime as dt
from decimal import Decimal

import pytest

from cchc.reform.demo import load_gio_linh_2023_q3
from cchc.reform.models import (
    BudgetLine,
    CapitalDisbursement,
    DirectiveDocument,
    LawDissemination,
    LegalDocumentReview,
    NarrativeSection,
    ProcedureReview,
    ReformActivity,
    ReportSettings,
    StaffingAction,
    Training,
)
from cchc.reform.selectors import totals_by_period
from cchc.testing.factories import UnitFactory
from cchc.units.models import UnitLevel

COMMUNES = [
    "gio-an", "gio-chau", "gio-hai", "gio-mai", "gio-my", "phong-binh", "gio-quang", "gio-son", "gio-viet",
    "linh-hai", "trung-son", "tt-gio-linh", "tt-cua-viet", "linh-truong", "hai-thai", "trung-giang", "trung-hai",
]  # fmt: skip


@pytest.fixture
def gio_linh(db):
    district = UnitFactory(code="gio-linh", name="UBND huyện Gio Linh", level=UnitLevel.DISTRICT)
    for code in COMMUNES:
        UnitFactory(code=code, level=UnitLevel.COMMUNE, parent=district)
    return district


def test_loads_everything_the_seed_report_states(gio_linh):
    period = load_gio_linh_2023_q3()
    assert (period.unit, period.year, period.quarter) == (gio_linh, 2023, 3)

    numbers = set(DirectiveDocument.objects.filter(period=period).values_list("number", flat=True))
    for number in ["1033/UBND-NC", "123/KH-UBND", "1315/UBND-TH", "1319/UBND-NC", "2745/QĐ-UBND", "2760/QĐ-UBND",
                   "1371/UBND-NC", "81/HD-VHTT", "1235/QĐ-UBND", "97/KH-UBND", "2448/QĐ-UBND", "1145/UBND-NC",
                   "109/ĐA-CĐS", "1225/UBND-VX", "32/KH-UBND", "1448/UBND-NC"]:  # fmt: skip
        assert number in numbers
    assert DirectiveDocument.objects.get(number="1033/UBND-NC").date == dt.date(2023, 7, 12)
    assert DirectiveDocument.objects.get(number="1033/UBND-NC").type_name_vi == "Công văn"

    trainings = list(Training.objects.filter(period=period).order_by("position"))
    assert [(t.sessions, t.participants) for t in trainings] == [(2, 80), (1, 65), (1, None), (5, 200)]
    assert trainings[0].participants_approximate and trainings[1].documents_handed_out == 65
    assert set(trainings[3].units.values_list("code", flat=True)) == {
        "linh-hai", "gio-viet", "gio-my", "gio-quang", "tt-gio-linh"
    }  # fmt: skip

    review = LegalDocumentReview.objects.get(period=period)
    assert (review.reviewed, review.to_handle, review.handled) == (7, 4, 4)
    assert len(review.details.splitlines()) == 4
    assert LawDissemination.objects.get(period=period).count == 9
    assert ProcedureReview.objects.get(period=period).pct is None

    staffing = StaffingAction.objects.filter(period=period)
    assert staffing.get(kind="recruitment").count == 40
    assert staffing.get(kind="staff_reduction").count == 4

    budget = {b.kind: b for b in BudgetLine.objects.filter(period=period)}
    assert (budget["revenue_total"].estimate, budget["revenue_total"].plan) == (485358, 461006)
    assert round(budget["revenue_total"].pct, 1) == Decimal("105.3")
    assert round(budget["capital_construction"].pct, 1) == Decimal("127.1")
    assert round(budget["recurrent"].pct, 1) == Decimal("76.3")

    sources = CapitalDisbursement.objects.filter(period=period, is_forecast=False)
    assert sources.count() == 8 and {s.as_of for s in sources} == {dt.date(2023, 8, 31)}
    assert sum(s.disbursed for s in sources) == Decimal("79461.612")
    assert sum(s.plan for s in sources) == Decimal("242322.798")
    forecast = CapitalDisbursement.objects.get(period=period, is_forecast=True)
    assert (forecast.disbursed, forecast.as_of, round(forecast.pct, 2)) == (
        113800,
        dt.date(2023, 9, 30),
        Decimal("46.96"),
    )

    narrative = {n.kind: n for n in NarrativeSection.objects.filter(period=period)}
    assert set(narrative) == {"positives", "shortcomings", "next_tasks", "recommendations"}
    assert len(narrative["next_tasks"].lines) == 5
    assert "6 tháng cuối năm 2023;" in narrative["positives"].text
    statements = " ".join(ReformActivity.objects.filter(period=period).values_list("statement", flat=True))
    assert "lề lối" in statements and "trụ sở" in statements and "phân cấp, phân quyền" in statements
    assert "lễ lối" not in statements and "trụ trở" not in statements and "phân cấp, phân cấp" not in statements

    settings = ReportSettings.objects.get(unit=gio_linh)
    assert (settings.signer_name, settings.signer_title, settings.on_behalf) == (
        "Võ Đắc Hóa", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"
    )  # fmt: skip
    assert settings.distribution_lines[-1] == "Lưu: VT, NV."

    totals = totals_by_period([period.pk])[period.pk]
    assert (totals.training_sessions, totals.training_participants) == (9, 345)
    assert (totals.recruited, totals.staff_reduced, totals.dissemination_count) == (40, 4, 9)


def test_loading_twice_gives_the_same_rows(gio_linh):
    first = load_gio_linh_2023_q3()
    count = DirectiveDocument.objects.count() + Training.objects.count() + BudgetLine.objects.count()
    second = load_gio_linh_2023_q3()
    assert first.pk == second.pk
    assert DirectiveDocument.objects.count() + Training.objects.count() + BudgetLine.objects.count() == count


def test_missing_units_are_named(db):
    UnitFactory(code="gio-linh", level=UnitLevel.DISTRICT)
    with pytest.raises(Exception, match="linh-hai"):
        load_gio_linh_2023_q3()
