"""A report context made by hand from the seed report (Gio Linh, Q3/2023): renderer tests and previews.

Figures are the seed's, with its errors corrected (shared/reference/gio-linh-2023-q3-figures.json,
"known_inconsistencies"): the whole-district late rate comes out as 0,05%, evaluations 5.756/7.614 = 75,60%,
apologies 4/4 late dossiers plus 9 letters issued. The seed prints only percentages for the per-unit rates;
`_ratio_for` picks the smallest dossier count (at least 100) that gives exactly the printed percentage, so the
tables carry k/n as real data would. The split of "early or on time" into early and on time is not in the seed
and is invented (only the sum is printed).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cchc.reports.figures.definitions import Rate, percent

from .context import (
    Activity,
    BudgetLine,
    DirectiveDocument,
    Disbursement,
    DisbursementLine,
    FiguresBlock,
    Issuer,
    LegalReview,
    ProcedureFacts,
    ReportContext,
    ReportPeriod,
    Signer,
    StaffingAction,
    Training,
    UnitRow,
)

D = Decimal


def _ratio_for(printed: str, smallest: int = 100) -> Rate:
    """The smallest k/n with n >= `smallest` whose percentage (2 decimals, half-up) is exactly `printed`."""
    target = D(printed)
    for n in range(smallest, 100_000):
        k = int((target * n / 100).to_integral_value())
        if percent(k, n) == target:
            return Rate(k, n)
    raise ValueError(printed)


def _dossiers(online, direct, carried, resolved, early, on_time, late, pending, **more) -> dict[str, int]:
    counts = {
        "received_online": online,
        "received_direct": direct,
        "received_postal": 0,
        "received": online + direct,
        "carried_over": carried,
        "total": online + direct + carried,
        "resolved": resolved,
        "resolved_early": early,
        "resolved_on_time": on_time,
        "resolved_late": late,
        "withdrawn_or_returned": 0,
        "pending": pending,
        "pending_overdue": 0,
        "pending_within_deadline": pending,
        "due": resolved,
        "late": late,
    }
    counts.update(more)
    return counts


WHOLE = _dossiers(
    4910, 2856, 368, 7614, 7200, 410, 4, 520,
    apologies=9, late_with_apology=4, evaluations=5756, e_certifications=136, feedback_received=0, feedback_resolved=0,
)  # fmt: skip
OWN_DESK = _dossiers(
    255, 808, 302, 886, 800, 85, 1, 479,
    apologies=3, late_with_apology=1, evaluations=700, e_certifications=98, feedback_received=0, feedback_resolved=0,
)  # fmt: skip
CHILDREN = _dossiers(
    4655, 2048, 66, 6728, 6400, 325, 3, 41,
    apologies=6, late_with_apology=3, evaluations=5056, e_certifications=38, feedback_received=0, feedback_resolved=0,
)  # fmt: skip

# name, full name, components %, results %, online %, full online k/n (the seed's per-unit lists)
COMMUNES = [
    ("Gio An", "UBND xã Gio An", "97.69", "100", "63.1", (0, 3)),
    ("Gio Châu", "UBND xã Gio Châu", "97.75", "100", "56.9", (0, 2)),
    ("Gio Hải", "UBND xã Gio Hải", "99.46", "100", "90.6", (0, 1)),
    ("Gio Mai", "UBND xã Gio Mai", "98.76", "99.47", "42", (0, 2)),
    ("Gio Mỹ", "UBND xã Gio Mỹ", "96.55", "100", "67.2", (0, 4)),
    ("Phong Bình", "UBND xã Phong Bình", "97.11", "100", "94.1", (0, 1)),
    ("Gio Quang", "UBND xã Gio Quang", "99.62", "100", "92.3", (0, 2)),
    ("Gio Sơn", "UBND xã Gio Sơn", "92.53", "97.65", "42.7", (0, 1)),
    ("Gio Việt", "UBND xã Gio Việt", "98.53", "100", "91.2", (0, 3)),
    ("Linh Hải", "UBND xã Linh Hải", "91.36", "98.35", "86.4", (0, 2)),
    ("Trung Sơn", "UBND xã Trung Sơn", "98.98", "100", "95.2", (0, 1)),
    ("TT Gio Linh", "UBND thị trấn Gio Linh", "99.31", "99.31", "79.3", (2, 2)),
    ("TT Cửa Việt", "UBND thị trấn Cửa Việt", "91.85", "99.81", "95", (0, 2)),
    ("Linh Trường", "UBND xã Linh Trường", "98.78", "100", "62.3", (0, 1)),
    ("Hải Thái", "UBND xã Hải Thái", "97.98", "99.49", "46.6", (0, 2)),
    ("Trung Giang", "UBND xã Trung Giang", "70.27", "100", "29.7", (0, 1)),
    ("Trung Hải", "UBND xã Trung Hải", "51.04", "100", "0.7", (0, 1)),
]


def sample_units() -> tuple[UnitRow, ...]:
    desk = UnitRow(
        name="Cấp huyện",
        full_name="UBND huyện Gio Linh",
        # 434/1.063 and 678/886 follow from the district desk's own receipts (255 + 808) and resolved (886).
        digitized_components=Rate(434, 1063),
        digitized_results=Rate(678, 886),
        online=Rate(255, 604),
        full_online=Rate(0, 0),
        is_parent_desk=True,
    )
    rows = [
        UnitRow(name, full, _ratio_for(comp), _ratio_for(res), _ratio_for(online), Rate(*full_online))
        for name, full, comp, res, online, full_online in COMMUNES
    ]
    return (desk, *rows)


def sample_context() -> ReportContext:
    """The Gio Linh Q3/2023 report as plain data, corrected where the printed report contradicts itself."""
    return ReportContext(
        issuer=Issuer(
            authority="ỦY BAN NHÂN DÂN HUYỆN GIO LINH",
            name_in_text="UBND huyện Gio Linh",
            place="Gio Linh",
            date=dt.date(2023, 9, 15),
            symbol="BC-UBND",
            number=None,
        ),
        period=ReportPeriod.quarter(2023, 3, start=dt.date(2023, 6, 15), end=dt.date(2023, 9, 14)),
        recipients=(
            "Văn phòng UBND tỉnh",
            "Các Sở: Nội vụ; Tư pháp; Tài chính; Thông tin và Truyền thông; Khoa học và Công nghệ; Kế hoạch và Đầu tư",
        ),
        basis=(
            "Thực hiện Công văn số 223/SNV-CCHCVTLT ngày 10/3/2022 của Sở Nội vụ về việc hướng dẫn chế độ báo cáo "
            "cải cách hành chính (CCHC) định kỳ"
        ),
        whole=FiguresBlock.from_counts("tree", "Toàn huyện", WHOLE),
        own_desk=FiguresBlock.from_counts("self", "Cấp huyện", OWN_DESK),
        children=FiguresBlock.from_counts("children", "Tại UBND các xã, thị trấn", CHILDREN),
        units=sample_units(),
        procedures=ProcedureFacts(
            posted_district=Rate(272, 272), posted_commune=Rate(124, 124), simplification=Rate(0, 0)
        ),
        signer=Signer(on_behalf="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name="Võ Đắc Hóa"),
        distribution=(
            "Như trên",
            "CT, các PCT UBND huyện",
            "Các phòng ban chuyên môn",
            "Chi nhánh VP ĐKĐĐ huyện",
            "UBND các xã, thị trấn",
            "Lưu: VT, NV",
        ),
        directives=(
            DirectiveDocument(
                "Công văn",
                "1033/UBND-NC",
                dt.date(2023, 7, 12),
                "về việc hướng dẫn tự đánh giá, chấm điểm xác định chỉ số CCHC năm 2023",
            ),
            DirectiveDocument(
                "Kế hoạch",
                "123/KH-UBND",
                dt.date(2023, 8, 23),
                "triển khai thực hiện Kế hoạch số 165/KH-UBND ngày 04/8/2023 của UBND tỉnh về nâng cao Chỉ số "
                "PAR INDEX, SIPAS và PAPI trên địa bàn tỉnh Quảng Trị đến năm 2025",
            ),
            DirectiveDocument(
                "Quyết định",
                "2745/QĐ-UBND",
                dt.date(2023, 8, 30),
                "thành lập Ban Chỉ đạo Cải cách hành chính huyện và phân công nhiệm vụ cho các thành viên",
            ),
            DirectiveDocument(
                "Quyết định",
                "2760/QĐ-UBND",
                dt.date(2023, 8, 31),
                "thành lập Đoàn kiểm tra công tác cải cách hành chính năm 2023",
            ),
            DirectiveDocument(
                "Quyết định",
                "1235/QĐ-UBND",
                dt.date(2023, 7, 14),
                "thành lập đoàn kiểm tra công tác theo dõi thi hành pháp luật; công tác tư pháp; công tác văn thư, "
                "lưu trữ năm 2023",
                area="institutions.monitoring",
            ),
            DirectiveDocument(
                "Kế hoạch",
                "97/KH-UBND",
                dt.date(2023, 6, 20),
                "hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa trên địa bàn huyện Gio Linh năm 2023",
                area="institutions.dissemination",
            ),
            DirectiveDocument(
                "Quyết định",
                "2448/QĐ-UBND",
                dt.date(2023, 7, 28),
                "về Quy chế tổ chức và hoạt động của Bộ phận Một cửa tại UBND huyện Gio Linh",
                area="procedures",
            ),
            DirectiveDocument(
                "Công văn",
                "1145/UBND-NC",
                dt.date(2023, 7, 31),
                "về việc tiếp tục đẩy mạnh thực hiện Đề án Văn hóa công vụ",
                area="civil_service",
            ),
            DirectiveDocument(
                "Đề án",
                "109/ĐA-CĐS",
                dt.date(2023, 7, 6),
                "về chuyển đổi số giai đoạn 2023-2025, định hướng đến năm 2030",
                area="e_government",
            ),
            DirectiveDocument(
                "Kế hoạch",
                "32/KH-UBND",
                dt.date(2023, 2, 17),
                "duy trì và củng cố Chỉ số hiệu quả quản trị và hành chính công (PAPI) năm 2023",
                area="indices",
            ),
        ),  # fmt: skip
        trainings=(
            Training(
                "lớp bồi dưỡng",
                "kiến thức, kỹ năng về chuyển đổi số, thương mại điện tử và phản ánh hiện trường",
                2,
                80,
                participants_approximate=True,
                audience="cán bộ, công chức",
            ),
            Training(
                "hội nghị tập huấn",
                "nghiệp vụ công tác xử lý vi phạm hành chính",
                1,
                65,
                audience="người tham dự",
                materials=65,
                area="institutions.dissemination",
            ),
            Training(
                "hội nghị tập huấn",
                "công tác hòa giải ở cơ sở",
                5,
                200,
                audience="hòa giải viên",
                units=("xã Linh Hải", "xã Gio Việt", "xã Gio Mỹ", "xã Gio Quang", "thị trấn Gio Linh"),
                area="institutions.dissemination",
            ),
        ),  # fmt: skip
        legal_review=LegalReview(
            reviewed=7,
            to_handle=4,
            handled=4,
            items=(
                "Quyết định thay thế Quyết định số 12/2019/QĐ-UBND quy định chức năng, nhiệm vụ của Phòng Lao động "
                "- Thương binh và Xã hội huyện.",
                "Quyết định thay thế Quyết định số 03/2022/QĐ-UBND quy định chức năng, nhiệm vụ của Phòng Văn hóa "
                "và Thông tin huyện.",
                "Quyết định bãi bỏ Quyết định số 03/2012/QĐ-UBND về Quy chế hoạt động của Trang thông tin điện tử "
                "huyện.",
                "Quyết định ban hành Quy định chức năng, nhiệm vụ của Phòng Tư pháp huyện.",
            ),
        ),
        activities=(
            Activity(
                "institutions.dissemination",
                "Triển khai phổ biến pháp luật trên Trang thông tin điện tử huyện; đến nay đã thực hiện được 09 số.",
            ),
            Activity(
                "procedures",
                "Việc tiếp nhận, xử lý và trả kết quả hồ sơ TTHC tuân theo cơ chế một cửa, "
                "một cửa liên thông; Bộ phận Một cửa cấp huyện được lắp đặt hệ thống lấy số tự động.",
            ),
            Activity(
                "apparatus",
                "Chỉ đạo các cơ quan chuyên môn rà soát quy định chức năng, nhiệm vụ, quyền hạn "
                "để sửa đổi, điều chỉnh phù hợp với quy định hiện hành.",
            ),
            Activity("finance", "Phân bổ và giao dự toán năm 2023 cho các đơn vị và cấp xã kịp thời theo quy định."),
            Activity(
                "e_government",
                "Đã liên thông kết nối giữa UBND cấp huyện với UBND cấp tỉnh; 100% UBND các "
                "xã, thị trấn đã kết nối với UBND huyện.",
            ),
            Activity(
                "indices",
                "Tổ chức thực hiện tốt các thủ tục hành chính theo cơ chế một cửa, một cửa liên "
                "thông đảm bảo đúng hạn.",
            ),
        ),  # fmt: skip
        staffing=(
            StaffingAction(
                "reduction",
                "Trình UBND tỉnh quyết định tinh giản biên chế đối với 04 viên chức trường học 06 tháng cuối năm 2023.",
                4,
            ),
            StaffingAction(
                "recruitment",
                "Ban hành quyết định tuyển dụng đối với 40 thí sinh trúng tuyển kỳ tuyển dụng giáo viên năm 2023.",
                40,
            ),
        ),  # fmt: skip
        budget=(
            BudgetLine("Thu ngân sách Nhà nước", D("485358"), D("461006")),
            BudgetLine("Thu trên địa bàn", D("69033"), D("120000"), is_part=True),
            BudgetLine("Chi ngân sách Nhà nước", D("371329"), D("456006")),
            BudgetLine("Chi đầu tư XDCB", D("73000"), D("57432"), is_part=True),
            BudgetLine("Chi thường xuyên", D("297790"), D("390241"), is_part=True),
        ),
        disbursement=Disbursement(
            as_of=dt.date(2023, 8, 31),
            note="bao gồm vốn năm 2022 kéo dài sang giải ngân trong năm 2023",
            lines=(
                DisbursementLine("Ngân sách Trung ương", D("7973.351"), D("84221.371")),
                DisbursementLine("Ngân sách tỉnh", D("6780.423"), D("11732.346")),
                DisbursementLine("Ngân sách huyện", D("26909.375"), D("64332.776")),
                DisbursementLine("Ngân sách Trung ương hỗ trợ khắc phục hậu quả thiên tai", D("3024.576"), D("7000")),
                DisbursementLine("Ngân sách tỉnh hỗ trợ, bổ sung cân đối về huyện", D("1623.142"), D("10526.442")),
                DisbursementLine("Vốn CTMTQG xây dựng NTM", D("20078.967"), D("37663.857")),
                DisbursementLine("Vốn CTMTQG Giảm nghèo bền vững", D("8424.443"), D("11769.234")),
                DisbursementLine(
                    "Vốn CTMTQG phát triển KTXH vùng đồng bào dân tộc và miền núi", D("4647.335"), D("15076.772")
                ),
            ),
            forecast_date=dt.date(2023, 9, 30),
            forecast_amount=D("113800"),
        ),
        positives=(
            "Các đơn vị, địa phương đã tổ chức triển khai thực hiện đồng bộ các nhiệm vụ, bám sát các Chương trình, "
            "Kế hoạch của tỉnh, huyện về CCHC.",
        ),
        shortcomings=(
            "Ứng dụng CNTT trong hoạt động quản lý, điều hành và thực hiện nhiệm vụ còn chưa cao.",
            "Việc đầu tư trang thiết bị cho cán bộ, công chức một số nơi còn thiếu, nhất là cấp xã.",
        ),
        next_tasks=(
            "Tiếp tục thực hiện các nội dung theo kế hoạch năm và các văn bản chỉ đạo của các cơ quan cấp trên.",
            "Triển khai kiểm tra công tác CCHC năm 2023 theo kế hoạch; tổ chức tự chấm điểm CCHC cấp huyện và chấm "
            "điểm CCHC cấp xã năm 2023 theo quy định.",
        ),
        recommendations=(
            "Đề nghị các cơ quan, đơn vị cấp trên tiếp tục tăng cường hỗ trợ, hướng dẫn, đào tạo nâng cao nghiệp vụ "
            "đối với công chức trực tiếp làm công tác CCHC.",
        ),
        threshold=70,
    )
