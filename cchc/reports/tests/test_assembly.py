"""build_report_context from a small hand-made district: figures per scope and unit, reform data summed over the
district's own rows and its communes' SUBMITTED rows only, period names and the heading from ReportSettings."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cchc.dossiers.models import Channel
from cchc.lib.periods import CALENDAR, STATUTORY, parse_period
from cchc.procedures.models import OnlineService
from cchc.reform import services as reform_services
from cchc.reform.models import ReformArea, ReportSettings
from cchc.reports.assembly import ReportPeriodError, build_report_context, named_period, report_date
from cchc.reports.renderers.narrative import report_outline
from cchc.reports.tests.builders import dossier, local, save
from cchc.testing.factories import ProcedureFactory

pytestmark = pytest.mark.django_db

Q3 = parse_period("2023-Q3", STATUTORY)


def _period(unit, by, *, rows, submit=False):
    period = reform_services.period_get_or_create(unit=unit, year=2023, quarter=3, by=by)
    for kind, data in rows:
        reform_services.section_row_create(period=period, kind=kind, data=data, by=by)
    if submit:
        reform_services.period_submit(period=period, by=by)
    return period


@pytest.fixture
def district(cast):
    """Dossiers at the district desk and at commune A; report data of the district (draft), of commune A
    (submitted) and of commune B (draft, so not yet the commune's word)."""
    save(
        dossier(unit=cast.district, received_at=local(2023, 7, 3, 9), finished_at=local(2023, 7, 4, 9)),
        dossier(
            unit=cast.commune_a,
            received_at=local(2023, 7, 5, 9),
            channel=Channel.ONLINE,
            online_service=OnlineService.FULL,
            components_digitized=True,
        ),
        dossier(unit=cast.commune_a, received_at=local(2023, 9, 20, 9)),  # after the statutory cut-off
    )
    review = {"reviewed": 5, "to_handle": 2, "handled": 1, "details": "Quyết định A.\nQuyết định B."}
    _period(
        cast.district,
        cast.reform_officer,
        rows=[
            ("legal-reviews", review),
            ("procedure-reviews", {"reviewed": 10, "proposed": 4, "simplified": 3}),
            (
                "documents",
                {
                    "area": ReformArea.INSTITUTIONS,
                    "part": "institutions.monitoring",
                    "doc_type": "decision",
                    "number": "12/QĐ-UBND",
                    "date": dt.date(2023, 7, 14),
                    "issuer": "UBND huyện Gio Linh",
                    "summary": "thành lập đoàn kiểm tra công tác theo dõi thi hành pháp luật",
                },
            ),
            ("narrative", {"kind": "next_tasks", "text": "Việc một.\nViệc hai."}),
        ],
    )
    commune_rows = [
        ("legal-reviews", {"reviewed": 3, "to_handle": 1, "handled": 1}),
        ("trainings", {"area": ReformArea.DIRECTION, "topic": "Tập huấn", "sessions": 2, "participants": 40}),
    ]
    _period(cast.commune_a, cast.leader_a, rows=commune_rows, submit=True)
    _period(cast.commune_b, cast.leader_b, rows=[("legal-reviews", {"reviewed": 100, "to_handle": 0, "handled": 0})])
    ReportSettings.objects.create(
        unit=cast.district,
        issuer_name="ỦY BAN NHÂN DÂN HUYỆN GIO LINH",
        place="Gio Linh",
        signer_name="Võ Đắc Hóa",
        signer_title="CHỦ TỊCH",
        on_behalf="TM. ỦY BAN NHÂN DÂN",
        recipients="Văn phòng UBND tỉnh;\nSở Nội vụ.",
        distribution="Như trên;\nLưu: VT, NV.",
    )
    ProcedureFactory(code="D.1", level="district", posted=True)
    ProcedureFactory(code="D.2", level="district", posted=False)
    return cast.district


def test_dossier_figures_per_scope_and_unit(cast, district):
    ctx = build_report_context(unit=district, period=Q3)
    assert (ctx.whole.count("total"), ctx.own_desk.count("total"), ctx.children.count("total")) == (2, 1, 1)
    assert (ctx.whole.title, ctx.own_desk.title, ctx.children.title) == (
        "Toàn huyện",
        "Cấp huyện",
        "Tại UBND các xã, thị trấn",
    )
    # The district's desk first, then both communes (B has no dossier but is in force); never the office.
    assert [u.full_name for u in ctx.units] == ["UBND huyện Gio Linh", "UBND xã Gio An", "UBND xã Gio Châu"]
    desk, gio_an, gio_chau = ctx.units
    assert desk.is_parent_desk and (desk.digitized_results.numerator, desk.digitized_results.denominator) == (0, 1)
    assert (gio_an.name, gio_an.full_online.numerator, gio_an.full_online.denominator) == ("Gio An", 1, 1)
    assert gio_an.digitized_components.percent == 100 and gio_chau.online.denominator == 0


def test_reform_data_sums_own_rows_and_submitted_communes_only(cast, district):
    ctx = build_report_context(unit=district, period=Q3)
    review = ctx.legal_review
    assert (review.reviewed, review.to_handle, review.handled) == (5 + 3, 2 + 1, 1 + 1)  # not commune B's 100
    assert review.items == ("Quyết định A.", "Quyết định B.")
    assert (ctx.procedures.simplification.numerator, ctx.procedures.simplification.denominator) == (3, 4)
    assert ctx.next_tasks == ("Việc một.", "Việc hai.")
    texts = [a.text for a in ctx.activities]
    assert "UBND các xã, thị trấn đã tổ chức 2 lớp, hội nghị tập huấn, bồi dưỡng với 40 lượt người tham dự." in texts
    (document,) = ctx.directives
    assert (document.kind, document.issuer, document.area) == ("Quyết định", "", "institutions.monitoring")
    outline = "\n".join(b.full_text for b in report_outline(ctx))
    assert "Ban hành Quyết định số 12/QĐ-UBND ngày 14/7/2023" in outline
    assert "Rà soát 08 văn bản quy phạm pháp luật" in outline


def test_catalogue_heading_and_signature(district):
    ctx = build_report_context(unit=district, period=Q3)
    p = ctx.procedures.posted_district
    assert (p.numerator, p.denominator) == (1, 2)
    # A People's Committee has no parent body: its own name goes on two lines (Decree 30, Appendix I).
    assert (ctx.issuer.parent_authority, ctx.issuer.authority_lines) == ("", ("ỦY BAN NHÂN DÂN", "HUYỆN GIO LINH"))
    assert (ctx.issuer.place, ctx.issuer.date, ctx.issuer.name_in_text) == (
        "Gio Linh",
        dt.date(2023, 9, 15),
        "UBND huyện Gio Linh",
    )
    assert ctx.recipients == ("Văn phòng UBND tỉnh;", "Sở Nội vụ.")
    assert (ctx.signer.on_behalf, ctx.signer.title, ctx.signer.name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Võ Đắc Hóa",
    )


def test_a_unit_without_settings_or_data_still_gets_a_report(cast):
    ctx = build_report_context(unit=cast.commune_b, period=Q3)
    assert (ctx.issuer.parent_authority, ctx.issuer.authority_lines) == ("", ("ỦY BAN NHÂN DÂN", "XÃ GIO CHÂU"))
    assert ctx.whole.title == "Toàn xã" and ctx.legal_review is None and ctx.disbursement is None
    assert [u.full_name for u in ctx.units] == ["UBND xã Gio Châu"]


@pytest.mark.parametrize(
    ("text", "cutoff", "label", "next_label", "span"),
    [
        ("2023-Q3", STATUTORY, "quý III năm 2023", "quý IV năm 2023", ("2023-06-15", "2023-09-14")),
        ("2023-Q4", CALENDAR, "quý IV năm 2023", "quý I năm 2024", ("2023-10-01", "2023-12-31")),
        ("2023-H1", STATUTORY, "6 tháng đầu năm 2023", "6 tháng cuối năm 2023", ("2022-12-15", "2023-06-14")),
        ("2023-12", CALENDAR, "tháng 12 năm 2023", "tháng 1 năm 2024", ("2023-12-01", "2023-12-31")),
    ],
)
def test_period_names(text, cutoff, label, next_label, span):
    named = named_period(parse_period(text, cutoff))
    period = named.report_period()
    assert (period.label, period.next_label) == (label, next_label)
    assert (period.start.isoformat(), period.end.isoformat()) == span


@pytest.mark.parametrize("text", ["2023", "2023-07-01..2023-09-30"])
def test_a_year_or_a_range_is_not_a_report_period(text):
    with pytest.raises(ReportPeriodError):
        named_period(parse_period(text))


def test_the_report_is_dated_the_day_after_the_cutoff_or_today():
    assert report_date(Q3, today=dt.date(2024, 1, 1)) == dt.date(2023, 9, 15)
    assert report_date(Q3, today=dt.date(2023, 8, 1)) == dt.date(2023, 8, 1)


def test_a_period_not_ended_yet_states_the_day_its_figures_are_taken(cast):
    # Q3/2023 by the statutory cut-off runs to 14/9/2023: on 1/8/2023 its figures are as of that day, and the
    # opening says "đến ngày 01/8/2023", not "đến hết ngày 14/9/2023"; once it has ended, there is no such day.
    with time_machine.travel(dt.datetime(2023, 8, 1, 10, tzinfo=dt.UTC), tick=False):
        running = build_report_context(unit=cast.commune_b, period=Q3)
    assert running.as_of == dt.date(2023, 8, 1)
    assert "(số liệu tính từ ngày 15/6/2023 đến ngày 01/8/2023)" in report_outline(running)[0].text
    assert build_report_context(unit=cast.commune_b, period=Q3).as_of is None


def _section_of(blocks, text: str) -> str:
    """The last numbered heading (clause or subclause) before the block holding `text`."""
    heading = ""
    for block in blocks:
        if block.kind in ("clause", "subclause"):
            heading = block.full_text
        elif text in block.full_text:
            return heading
    raise AssertionError(f"{text!r} is not in the report")


def test_a_rows_part_decides_its_section_not_its_words(cast):
    rows = [
        # Words of 2.2 ("thi hành pháp luật") but entered as dissemination: the part wins.
        ("activities", {"area": ReformArea.INSTITUTIONS, "part": "institutions.dissemination",
                        "statement": "Tuyên truyền Luật về theo dõi thi hành pháp luật."}),
        ("activities", {"area": ReformArea.INSTITUTIONS, "part": "institutions.monitoring",
                        "statement": "Kiểm tra tại 03 xã."}),
        ("activities", {"area": ReformArea.INSTITUTIONS, "part": "institutions.review",
                        "statement": "Hệ thống hóa văn bản kỳ 2019-2023."}),
        ("activities", {"area": ReformArea.INSTITUTIONS, "statement": "Hỗ trợ pháp lý cho doanh nghiệp."}),
        ("trainings", {"area": ReformArea.INSTITUTIONS, "part": "institutions.monitoring",
                       "topic": "Hội nghị triển khai công tác kiểm tra", "sessions": 1}),
        # "tự chủ" without the part stays in I.6's opening; the part alone moves a row to the autonomy paragraph.
        ("activities", {"area": ReformArea.PUBLIC_FINANCE, "statement": "Giao quyền tự chủ cho trường học."}),
        ("activities", {"area": ReformArea.PUBLIC_FINANCE, "part": "finance.autonomy",
                        "statement": "Đánh giá đơn vị sự nghiệp năm 2022."}),
        ("budget", {"kind": "revenue_total", "plan": "100", "estimate": "90"}),
    ]  # fmt: skip
    _period(cast.district, cast.reform_officer, rows=rows)
    ctx = build_report_context(unit=cast.district, period=Q3)
    areas = {a.text: a.area for a in ctx.activities}
    assert areas["Tuyên truyền Luật về theo dõi thi hành pháp luật."] == "institutions.dissemination"
    assert areas["Hỗ trợ pháp lý cho doanh nghiệp."] == "institutions.dissemination"
    assert areas["Giao quyền tự chủ cho trường học."] == "finance"
    blocks = report_outline(ctx)
    assert _section_of(blocks, "Tuyên truyền Luật về theo dõi").startswith("2.3.")
    assert _section_of(blocks, "Kiểm tra tại 03 xã.").startswith("2.2.")
    assert _section_of(blocks, "hội nghị triển khai công tác kiểm tra").startswith("2.2.")
    assert _section_of(blocks, "Hệ thống hóa văn bản kỳ 2019-2023.").startswith("2.1.")
    assert _section_of(blocks, "Hỗ trợ pháp lý cho doanh nghiệp.").startswith("2.3.")
    texts = [b.full_text for b in blocks]
    own, budget, autonomy = (
        texts.index("Giao quyền tự chủ cho trường học."),
        next(i for i, t in enumerate(texts) if t.startswith("Thu ngân sách")),
        texts.index("Đánh giá đơn vị sự nghiệp năm 2022."),
    )
    assert _section_of(blocks, "Đánh giá đơn vị sự nghiệp").startswith("6.")
    assert own < budget < autonomy
