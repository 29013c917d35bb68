"""The report data of Gio Linh district for Q3/2023, entered through the services as an officer would.

Source: the seed report shared/reference/gio-linh-2023-q3-report.txt ("Báo cáo kết quả thực hiện công tác cải
cách hành chính nhà nước quý III và phương hướng, nhiệm vụ quý IV năm 2023", UBND huyện Gio Linh, 15/9/2023)
and its transcription gio-linh-2023-q3-figures.json. The values below are copied from it as data; the report's
typos are fixed (trụ sở, lề lối, phân cấp, phân quyền, Giám đốc, ĐKĐĐ) and its "dịch vụ công 3,4" is written in
the Decree 42/2022 terms the rest of the report uses. Dossier figures (receipts, digitisation, online rates,
apologies, evaluations) are not here: they come from the dossier records.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.db import models, transaction

from cchc.units.models import Unit

from . import services
from .models import (
    PART_AREAS,
    BudgetKind,
    DocumentType,
    NarrativeKind,
    ReformArea,
    ReformPart,
    ReportPeriod,
    StaffingKind,
)

UNIT, YEAR, QUARTER = "gio-linh", 2023, 3
ISSUER = "UBND huyện Gio Linh"

_D = DocumentType
_A = ReformArea
_P = ReformPart

DOCUMENTS = [
    # I.1 Direction and management of reform.
    (_A.DIRECTION, _D.OFFICIAL_LETTER, "1033/UBND-NC", dt.date(2023, 7, 12), ISSUER,
     "về việc hướng dẫn tự đánh giá, chấm điểm xác định chỉ số CCHC năm 2023"),
    (_A.DIRECTION, _D.PLAN, "123/KH-UBND", dt.date(2023, 8, 23), ISSUER,
     "triển khai thực hiện Kế hoạch số 165/KH-UBND ngày 04/8/2023 của UBND tỉnh về quyết tâm thực hiện các giải "
     "pháp cải thiện, nâng cao Chỉ số Cải cách hành chính (PAR INDEX), Chỉ số hài lòng của người dân và tổ chức về "
     "sự phục vụ của cơ quan hành chính nhà nước (SIPAS) và Chỉ số Hiệu quả quản trị và hành chính công (PAPI) "
     "trên địa bàn tỉnh Quảng Trị đến năm 2025"),
    (_A.DIRECTION, _D.OFFICIAL_LETTER, "1315/UBND-TH", dt.date(2023, 8, 23), ISSUER,
     "về việc rà soát lại kết quả chấm điểm cải cách hành chính, hoàn thành nhiệm vụ 6 tháng đầu năm 2023"),
    (_A.DIRECTION, _D.OFFICIAL_LETTER, "1319/UBND-NC", dt.date(2023, 8, 23), ISSUER,
     "thực hiện Công văn số 4053/UBND-NC ngày 11/8/2023 của UBND tỉnh Quảng Trị về việc triển khai thực hiện "
     "Thông báo số 304/TB-VPCP ngày 19/7/2023 của Văn phòng Chính phủ"),
    (_A.DIRECTION, _D.DECISION, "2745/QĐ-UBND", dt.date(2023, 8, 30), ISSUER,
     "thành lập Ban Chỉ đạo Cải cách hành chính huyện và phân công nhiệm vụ cho các thành viên Ban Chỉ đạo"),
    (_A.DIRECTION, _D.DECISION, "2760/QĐ-UBND", dt.date(2023, 8, 31), ISSUER,
     "thành lập Đoàn kiểm tra công tác cải cách hành chính năm 2023. Đoàn kiểm tra đã ban hành kế hoạch kiểm tra "
     "tại các cơ quan, đơn vị trong tháng 9 năm 2023"),
    (_A.DIRECTION, _D.OFFICIAL_LETTER, "1371/UBND-NC", dt.date(2023, 8, 31), ISSUER,
     "về việc triển khai thực hiện Bản Cam kết số 999/CK-BCĐCCHC ngày 04/8/2023 giữa Chủ tịch UBND huyện với Ban "
     "Chỉ đạo CCHC tỉnh về nâng cao các chỉ số PAR INDEX, SIPAS, PAPI năm 2023"),
    (_A.DIRECTION, _D.GUIDANCE, "81/HD-VHTT", dt.date(2023, 8, 3), "Phòng Văn hóa và Thông tin huyện Gio Linh",
     "về việc truyền thông, tuyên truyền về triển khai 02 nhóm dịch vụ công liên thông trên môi trường trực tuyến "
     "trên địa bàn huyện Gio Linh"),
    # I.2 Institutional reform (2.2 monitoring of law enforcement, 2.3 dissemination).
    (_P.INSTITUTIONS_MONITORING, _D.DECISION, "1235/QĐ-UBND", dt.date(2023, 7, 14), ISSUER,
     "thành lập đoàn kiểm tra công tác theo dõi thi hành pháp luật; công tác tư pháp; công tác văn thư, lưu trữ "
     "năm 2023"),
    (_P.INSTITUTIONS_DISSEMINATION, _D.PLAN, "97/KH-UBND", dt.date(2023, 6, 20), ISSUER,
     "hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa trên địa bàn huyện Gio Linh năm 2023"),
    # I.3 Administrative procedures.
    (_A.PROCEDURES, _D.DECISION, "2448/QĐ-UBND", dt.date(2023, 7, 28), ISSUER,
     "về Quy chế tổ chức và hoạt động của Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ tục hành chính theo cơ "
     "chế một cửa, một cửa liên thông tại UBND huyện Gio Linh"),
    # I.5 Civil service.
    (_A.CIVIL_SERVICE, _D.OFFICIAL_LETTER, "1145/UBND-NC", dt.date(2023, 7, 31), ISSUER,
     "về việc tiếp tục đẩy mạnh thực hiện Quyết định số 1847/QĐ-TTg của Thủ tướng Chính phủ về việc phê duyệt Đề "
     "án Văn hóa công vụ và Kế hoạch thực hiện của UBND tỉnh"),
    # I.7 E-government. The issuer of 109/ĐA-CĐS is read from its symbol (CĐS); the report does not name it.
    (_A.E_GOVERNMENT, _D.SCHEME, "109/ĐA-CĐS", dt.date(2023, 7, 6), "Ban Chỉ đạo Chuyển đổi số huyện Gio Linh",
     "về chuyển đổi số giai đoạn 2023-2025, định hướng đến năm 2030"),
    (_A.E_GOVERNMENT, _D.OFFICIAL_LETTER, "1225/UBND-VX", dt.date(2023, 8, 8), ISSUER,
     "về việc triển khai Đề án chuyển đổi số giai đoạn 2023-2025, định hướng đến năm 2030"),
    # I.8 PAPI / SIPAS / PAR INDEX.
    (_A.INDICES, _D.PLAN, "32/KH-UBND", dt.date(2023, 2, 17), ISSUER,
     "duy trì và củng cố Chỉ số Hiệu quả quản trị và hành chính công (PAPI) năm 2023"),
    (_A.INDICES, _D.OFFICIAL_LETTER, "1448/UBND-NC", dt.date(2023, 9, 13), ISSUER,
     "về việc triển khai thực hiện văn bản số 4428/UBND-NC ngày 31/8/2023 của UBND tỉnh Quảng Trị về việc triển "
     "khai thực hiện Thông báo số 08-TB/BCĐ ngày 10/8/2023 của Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo phòng, chống "
     "tham nhũng, tiêu cực tỉnh"),
]  # fmt: skip

TRAININGS = [
    {
        "area": _A.DIRECTION,
        "topic": "Bồi dưỡng kiến thức, kỹ năng về chuyển đổi số, về thương mại điện tử và phản ánh hiện trường",
        "audience": "cán bộ thông tin và truyền thông; cán bộ, công chức của các cơ quan, đơn vị, UBND các xã, "
        "thị trấn trên địa bàn",
        "sessions": 2,
        "participants": 80,
        "participants_approximate": True,
    },
    {
        "area": _A.INSTITUTIONS,
        "part": _P.INSTITUTIONS_DISSEMINATION,
        "topic": "Tập huấn nghiệp vụ công tác xử lý vi phạm hành chính",
        "audience": "đội ngũ cán bộ, công chức các cơ quan, đơn vị huyện và UBND các xã, thị trấn",
        "sessions": 1,
        "participants": 65,
        "documents_handed_out": 65,
    },
    {
        "area": _A.INSTITUTIONS,
        "part": _P.INSTITUTIONS_DISSEMINATION,
        "topic": "Tập huấn về công tác xây dựng cấp xã đạt chuẩn tiếp cận pháp luật",
        "audience": "toàn bộ đội ngũ công chức Tư pháp - Hộ tịch các xã, thị trấn",
        "sessions": 1,
    },
    {
        "area": _A.INSTITUTIONS,
        "part": _P.INSTITUTIONS_DISSEMINATION,
        "topic": "Tập huấn công tác hòa giải ở cơ sở",
        "audience": "hòa giải viên thuộc các tổ hòa giải tại các thôn, khu phố",
        "sessions": 5,
        "participants": 200,
        "units": ["linh-hai", "gio-viet", "gio-my", "gio-quang", "tt-gio-linh"],
    },
]

LEGAL_REVIEW = {
    "reviewed": 7,
    "to_handle": 4,
    "handled": 4,
    "details": "\n".join(
        [
            "Quyết định thay thế Quyết định số 12/2019/QĐ-UBND ngày 05/12/2019 của UBND huyện ban hành Quy định "
            "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Phòng Lao động - Thương binh và Xã hội huyện "
            "Gio Linh.",
            "Quyết định thay thế Quyết định số 03/2022/QĐ-UBND ngày 24/5/2022 của UBND huyện ban hành Quy định "
            "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Phòng Văn hóa và Thông tin huyện Gio Linh.",
            "Quyết định bãi bỏ Quyết định số 03/2012/QĐ-UBND ngày 18/4/2012 của UBND huyện về việc ban hành Quy "
            "chế hoạt động của Trang thông tin điện tử huyện Gio Linh.",
            "Quyết định ban hành Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Phòng Tư pháp huyện "
            "Gio Linh.",
        ]
    ),
}

DISSEMINATION = [{"item": "Phổ biến pháp luật trên Trang thông tin điện tử huyện", "count": 9, "count_unit": "số"}]

PROCEDURE_REVIEW = {
    "reviewed": 0,
    "proposed": 0,
    "simplified": 0,
    "note": "Đã tiến hành rà soát, đơn giản hóa theo kế hoạch; không có thủ tục nào được đề nghị rà soát và đơn "
    "giản hóa.",
}

STAFFING = [
    (_A.APPARATUS, StaffingKind.OTHER, 13,
     "Căn cứ thực trạng trường lớp, học sinh để điều chỉnh số người làm việc đầu năm học 2023-2024 đối với 13 "
     "trường học."),
    (_A.APPARATUS, StaffingKind.STAFF_REDUCTION, 4,
     "Triển khai văn bản, quy định về thực hiện tinh giản biên chế theo Nghị định số 29/2023/NĐ-CP và trình UBND "
     "tỉnh quyết định tinh giản biên chế đối với 04 viên chức trường học 06 tháng cuối năm 2023."),
    (_A.CIVIL_SERVICE, StaffingKind.RECRUITMENT, 40,
     "Tổ chức tuyển dụng, tiếp nhận giáo viên năm 2023; ban hành quyết định tuyển dụng đối với 40 thí sinh trúng "
     "tuyển kỳ tuyển dụng giáo viên năm 2023."),
    (_A.CIVIL_SERVICE, StaffingKind.APPOINTMENT, 1,
     "Ban hành quyết định cử Phó Giám đốc Ban Quản lý dự án, Phát triển quỹ đất và Cụm công nghiệp huyện kiêm "
     "nhiệm chức vụ Trưởng Ban Quản lý Chợ Cầu trong thời gian Trưởng Ban Quản lý Chợ Cầu xin nghỉ giải quyết "
     "việc cá nhân."),
    (_A.CIVIL_SERVICE, StaffingKind.APPOINTMENT, 1,
     "Ban hành quyết định cử Phó Giám đốc Trung tâm Môi trường và Đô thị phụ trách Trung tâm Môi trường và Đô thị "
     "huyện trong thời gian chưa bổ nhiệm Giám đốc mới."),
    (_A.CIVIL_SERVICE, StaffingKind.SECONDMENT, 1,
     "Trình Sở Nội vụ quyết định điều động ông Nguyễn Thanh Đồng - Giám đốc Trung tâm Môi trường và Đô thị huyện "
     "đến Phòng Nông nghiệp và Phát triển nông thôn."),
    (_A.CIVIL_SERVICE, StaffingKind.APPOINTMENT, 2,
     "Chỉ đạo các cơ quan chuyên môn thực hiện điều động, bổ nhiệm Hiệu trưởng hai đơn vị trường học gồm THCS "
     "thị trấn Gio Linh và TH&THCS Gio Quang."),
    (_A.CIVIL_SERVICE, StaffingKind.APPOINTMENT, 14,
     "Thực hiện quy trình bổ nhiệm lại 14 viên chức quản lý tại các trường học thuộc UBND huyện theo quy định."),
]  # fmt: skip

# Million VND; "ước thực hiện 9 tháng" against the year's plan (I.6 of the seed).
BUDGET = [
    (BudgetKind.REVENUE_TOTAL, D("461006"), D("485358")),
    (BudgetKind.REVENUE_LOCAL, D("120000"), D("69033")),
    (BudgetKind.EXPENDITURE_TOTAL, D("456006"), D("371329")),
    (BudgetKind.CAPITAL_CONSTRUCTION, D("57432"), D("73000")),
    (BudgetKind.RECURRENT, D("390241"), D("297790")),
]

DISBURSED_AS_OF = dt.date(2023, 8, 31)
# Funding source, plan, disbursed to 31/8/2023 (million VND), note; the eight add up to 242,322.798 / 79,461.612.
DISBURSEMENT = [
    ("Ngân sách Trung ương", D("84221.371"), D("7973.351"), ""),
    ("Ngân sách tỉnh", D("11732.346"), D("6780.423"), ""),
    ("Ngân sách huyện", D("64332.776"), D("26909.375"), ""),
    ("Ngân sách Trung ương hỗ trợ khắc phục hậu quả thiên tai", D("7000"), D("3024.576"), ""),
    ("Ngân sách tỉnh hỗ trợ, bổ sung cân đối về huyện", D("10526.442"), D("1623.142"),
     "nguồn vốn QĐ tỉnh hỗ trợ NTM 3 tỷ đồng và vốn SXKT hỗ trợ 1 tỷ đồng tỉnh chưa cấp vốn"),
    ("Vốn CTMTQG xây dựng NTM", D("37663.857"), D("20078.967"), ""),
    ("Vốn CTMTQG Giảm nghèo bền vững", D("11769.234"), D("8424.443"), ""),
    ("Vốn CTMTQG phát triển KTXH vùng đồng bào dân tộc và miền núi", D("15076.772"), D("4647.335"), ""),
]  # fmt: skip
DISBURSEMENT_FORECAST = {
    "source": "Tổng các nguồn vốn XDCB",
    "plan": D("242322.798"),
    "disbursed": D("113800"),
    "as_of": dt.date(2023, 9, 30),
    "is_forecast": True,
    "note": "ước giải ngân",
}

EGOVERNMENT = [
    ("Rà soát, đôn đốc, hướng dẫn các cơ quan, đơn vị thực hiện chứng thư số theo quy định.", None),
    ("Đã liên thông kết nối giữa UBND cấp huyện với UBND cấp tỉnh; 100% các UBND xã, thị trấn đã kết nối với UBND "
     "huyện.", D("100")),
    ("Việc cung cấp dịch vụ công trực tuyến trên địa bàn huyện đã có những chuyển biến rõ rệt, đã tăng số TTHC "
     "cung cấp dịch vụ công trực tuyến toàn trình và một phần.", None),
]  # fmt: skip

ACTIVITIES = [
    (_A.DIRECTION,
     "Tổ chức Hội nghị đánh giá kết quả thực hiện chỉ số CCHC 6 tháng đầu năm 2023 nhằm phân tích, đánh giá các "
     "tồn tại hạn chế, đồng thời đưa ra các giải pháp khắc phục trong 6 tháng cuối năm 2023.", None),
    (_A.DIRECTION, "Cập nhật các văn bản tuyên truyền cải cách hành chính trên Cổng thông tin điện tử huyện.", None),
    (_A.PROCEDURES,
     "Thực hiện niêm yết, công khai đầy đủ tất cả các TTHC dưới hai hình thức: trên Cổng thông tin điện tử của "
     "huyện và tại bảng niêm yết tại trụ sở làm việc của Bộ phận Tiếp nhận và Trả kết quả huyện. Đối với các địa "
     "phương có văn bản chỉ đạo kịp thời thực hiện cập nhật niêm yết, công khai đầy đủ các TTHC.", None),
    (_A.PROCEDURES,
     "Phòng làm việc của Bộ phận Tiếp nhận và Trả kết quả cấp huyện, xã được bố trí đạt chuẩn về diện tích, cơ sở "
     "vật chất; máy móc, trang thiết bị được trang bị đảm bảo đáp ứng nhu cầu công việc. Bộ phận Một cửa cấp "
     "huyện, xã, thị trấn đã được trang bị hệ thống camera giám sát nhằm nâng cao chất lượng phục vụ cá nhân, tổ "
     "chức trong giải quyết TTHC; đặc biệt tại phòng làm việc của Bộ phận Một cửa cấp huyện được lắp đặt thêm hệ "
     "thống lấy số tự động tạo điều kiện thuận lợi và khoa học trong việc tiếp đón và xử lý hồ sơ TTHC cho người "
     "dân và doanh nghiệp.", None),
    (_A.PROCEDURES,
     "Các cơ quan, đơn vị, địa phương đã tăng cường trách nhiệm của người đứng đầu trong việc thực hiện TTHC, kiểm "
     "soát quy trình tiếp nhận, giải quyết hồ sơ; có phiếu biên nhận hồ sơ và hẹn trả kết quả, có sổ theo dõi tiếp "
     "nhận, xử lý hồ sơ và trả kết quả; việc tiếp nhận và xử lý hồ sơ đều được nhập và theo dõi trên hệ thống Một "
     "cửa điện tử của huyện. Hầu hết các cơ quan, đơn vị, địa phương tuân thủ các quy định về TTHC (thành phần hồ "
     "sơ, thời gian, điều kiện thực hiện).", None),
    (_A.APPARATUS,
     "Chỉ đạo các cơ quan chuyên môn rà soát quy định chức năng, nhiệm vụ, quyền hạn để sửa đổi, điều chỉnh phù "
     "hợp với quy định hiện hành.", None),
    (_A.APPARATUS,
     "Chỉ đạo các đơn vị trường học tiến hành rà soát, điều chỉnh, bổ sung quy hoạch viên chức quản lý trường học "
     "giai đoạn 2021-2026, xây dựng quy hoạch viên chức quản lý các đơn vị trường học giai đoạn 2026-2031.", None),
    (_A.APPARATUS,
     "Báo cáo Sở Nội vụ về nhu cầu biên chế, số người làm việc năm học 2023-2024 tại các trường học.", None),
    (_A.APPARATUS,
     "Báo cáo tình hình thực hiện phân cấp, phân quyền trong quản lý nhà nước từ ngày 10/01/2022 đến 31/8/2023 "
     "theo quy định.", None),
    (_A.CIVIL_SERVICE,
     "Chỉ đạo Trung tâm GDNN-GDTX huyện xây dựng Đề án điều chỉnh vị trí việc làm theo quy định; hiện nay đang "
     "trong giai đoạn hoàn thành báo cáo gửi Sở Nội vụ thẩm định, trình UBND tỉnh phê duyệt theo quy định.", None),
    (_A.CIVIL_SERVICE,
     "Đánh giá, xếp loại năm học 2022-2023 đối với cấp trưởng các đơn vị sự nghiệp giáo dục thuộc UBND huyện.",
     None),
    (_A.PUBLIC_FINANCE,
     "Phân bổ và giao dự toán năm 2023 cho các đơn vị và cấp xã kịp thời theo quy định tại Quyết định số "
     "5100/QĐ-UBND và Quyết định số 5102/QĐ-UBND ngày 20/12/2022. Hướng dẫn các đơn vị, các xã, thị trấn phân bổ "
     "và giao dự toán năm 2023.", None),
    (_A.PUBLIC_FINANCE,
     "Tổng giải ngân nguồn vốn XDCB bao gồm vốn năm 2022 kéo dài sang giải ngân trong năm 2023.", None),
    (_P.FINANCE_AUTONOMY,
     "Kết quả thực hiện cơ chế tự chủ tài chính tại các đơn vị sự nghiệp công lập (Nghị định số 60/2021/NĐ-CP và "
     "các văn bản có liên quan): UBND huyện đã ban hành Quyết định số 2333/QĐ-UBND ngày 13/6/2022 về việc giao "
     "quyền tự chủ tài chính đối với các đơn vị sự nghiệp công lập trên địa bàn huyện giai đoạn 2022-2025; Quyết "
     "định số 571/QĐ-UBND ngày 24/3/2023 về việc giao quyền tự chủ tài chính đối với các đơn vị sự nghiệp công lập "
     "trên địa bàn huyện giai đoạn 2023-2025; Báo cáo số 30/BC-UBND ngày 03/02/2023 về kết quả thực hiện cơ chế "
     "tự chủ năm 2022 theo Nghị định số 130/2005/NĐ-CP ngày 17/10/2005 và Nghị định số 117/2013/NĐ-CP ngày "
     "07/10/2013 của Chính phủ; Báo cáo số 76/BC-UBND ngày 06/03/2023 đánh giá về tình hình thực hiện cơ chế tự "
     "chủ của các đơn vị sự nghiệp công lập năm 2022 theo Nghị định số 60/2021/NĐ-CP ngày 21/06/2021 của Chính "
     "phủ; Báo cáo số 198/BC-UBND ngày 31/5/2023 về tổng hợp kết quả thực hiện rà soát một số nội dung đẩy nhanh "
     "tiến độ sắp xếp lại, xử lý nhà, đất.", None),
    (_A.INDICES,
     "Tổ chức truyền thông, quán triệt đến toàn thể cán bộ, công chức, viên chức của huyện các nội dung liên quan "
     "đến chỉ số PAPI. Quán triệt các quan điểm của Đảng, pháp luật của Nhà nước về phòng, chống tham nhũng, chấn "
     "chỉnh nghiêm lề lối làm việc, tác phong công sở; thực hiện tốt công tác tiếp dân định kỳ, giải quyết đúng "
     "hạn các khiếu nại của người dân.", None),
    (_A.INDICES,
     "Tổ chức thực hiện tốt các thủ tục hành chính theo cơ chế một cửa, một cửa liên thông đảm bảo đúng hạn.", None),
]  # fmt: skip

NARRATIVE = {
    NarrativeKind.POSITIVES: [
        "UBND huyện đã tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ CCHC 6 tháng đầu năm 2023. Qua đó phân "
        "tích tồn tại, hạn chế, đồng thời đưa ra biện pháp thực hiện có kết quả tốt trong 6 tháng cuối năm 2023; tạo "
        "chuyển biến tích cực trong ý thức thực hiện nhiệm vụ CCHC và chấp hành kỷ luật, kỷ cương của cán bộ, công "
        "chức, viên chức và người lao động. Đồng thời chỉ đạo xây dựng kế hoạch khắc phục những tồn tại, hạn chế "
        "nhằm nâng cao chỉ số CCHC 6 tháng cuối năm 2023; góp phần nâng cao mức độ hoàn thành nhiệm vụ được giao năm "
        "2023.",
        "Các đơn vị, địa phương đã tổ chức triển khai thực hiện đồng bộ các nhiệm vụ, bám sát các Chương trình, Kế "
        "hoạch của tỉnh, huyện về CCHC.",
    ],
    NarrativeKind.SHORTCOMINGS: [
        "Ứng dụng CNTT trong hoạt động quản lý, điều hành và thực hiện nhiệm vụ còn chưa cao. Công tác triển khai "
        "chuyển đổi số hướng tới xây dựng chính quyền điện tử, chính quyền số còn chậm.",
        "Việc đầu tư trang thiết bị cho cán bộ, công chức trong thực hiện nhiệm vụ một số nơi còn thiếu, nhất là cấp "
        "xã.",
    ],
    NarrativeKind.NEXT_TASKS: [
        "Tiếp tục thực hiện các nội dung theo kế hoạch năm và các văn bản chỉ đạo của các cơ quan cấp trên.",
        "Tăng cường các hình thức tuyên truyền, phổ biến CCHC trên các phương tiện thông tin đại chúng. Tổ chức cuộc "
        "thi tìm kiếm các sáng kiến CCHC hiệu quả trên địa bàn huyện.",
        "Triển khai quyết liệt việc nâng cao ứng dụng CNTT, xây dựng chính quyền điện tử, áp dụng chữ ký số trong "
        "hoạt động điều hành của Lãnh đạo huyện, các cơ quan chuyên môn, UBND các xã, thị trấn.",
        "Triển khai kiểm tra công tác CCHC năm 2023 theo kế hoạch. Tổ chức tự chấm điểm CCHC cấp huyện năm 2023 và "
        "chấm điểm CCHC cấp xã năm 2023 theo quy định.",
        "Xây dựng kế hoạch và tổ chức kiểm tra công vụ, việc chấp hành kỷ luật, kỷ cương hành chính, văn hóa công sở "
        "đối với cán bộ, công chức, viên chức.",
    ],
    NarrativeKind.RECOMMENDATIONS: [
        "Đề nghị các cơ quan, đơn vị cấp trên tiếp tục tăng cường hỗ trợ, hướng dẫn, đào tạo nâng cao nghiệp vụ đối "
        "với công chức trực tiếp làm công tác CCHC.",
    ],
}

SETTINGS = {
    "governing_body": "",
    "issuer_name": "ỦY BAN NHÂN DÂN HUYỆN GIO LINH",
    "symbol": "BC-UBND",
    "place": "Gio Linh",
    "signer_name": "Võ Đắc Hóa",
    "signer_title": "CHỦ TỊCH",
    "on_behalf": "TM. ỦY BAN NHÂN DÂN",
    "recipients": "\n".join(
        [
            "Văn phòng UBND tỉnh;",
            "Các Sở: Nội vụ; Tư pháp; Tài chính; Thông tin và Truyền thông; Khoa học và Công nghệ; Kế hoạch và Đầu tư.",
        ]
    ),
    "distribution": "\n".join(
        [
            "Như trên;",
            "CT, các PCT UBND huyện;",
            "Các phòng ban chuyên môn;",
            "Chi nhánh VP ĐKĐĐ huyện;",
            "UBND các xã, thị trấn;",
            "Lưu: VT, NV.",
        ]
    ),
    "basis": "Thực hiện Công văn số 223/SNV-CCHCVTLT ngày 10/3/2022 của Sở Nội vụ về việc hướng dẫn chế độ báo "
    "cáo cải cách hành chính (CCHC) định kỳ",
}


def _area_part(where: models.Choices) -> dict:
    """A row placed by its area alone, or by a part of an area (which names the area too)."""
    if isinstance(where, ReformPart):
        return {"area": PART_AREAS[where], "part": where}
    return {"area": where, "part": ""}


def _rows() -> list[tuple[str, dict]]:
    rows: list[tuple[str, dict]] = []
    for where, doc_type, number, date, issuer, summary in DOCUMENTS:
        rows.append(
            ("documents", {**_area_part(where), "doc_type": doc_type, "number": number, "date": date,
                           "issuer": issuer, "summary": summary})
        )  # fmt: skip
    rows += [("trainings", dict(t)) for t in TRAININGS]
    rows.append(("legal-reviews", dict(LEGAL_REVIEW)))
    rows += [("dissemination", dict(d)) for d in DISSEMINATION]
    rows.append(("procedure-reviews", dict(PROCEDURE_REVIEW)))
    rows += [
        ("staffing", {"area": area, "kind": kind, "count": count, "description": text})
        for area, kind, count, text in STAFFING
    ]
    rows += [
        ("budget", {"kind": kind, "plan": plan, "estimate": estimate, "period_note": "9 tháng"})
        for kind, plan, estimate in BUDGET
    ]
    rows += [
        ("disbursement", {"source": s, "plan": p, "disbursed": d, "as_of": DISBURSED_AS_OF, "note": n})
        for s, p, d, n in DISBURSEMENT
    ]
    rows.append(("disbursement", dict(DISBURSEMENT_FORECAST)))
    rows += [("egov", {"statement": text, "number": number}) for text, number in EGOVERNMENT]
    rows += [
        ("activities", {**_area_part(where), "statement": text, "number": number}) for where, text, number in ACTIVITIES
    ]
    rows += [("narrative", {"kind": kind, "text": "\n".join(lines)}) for kind, lines in NARRATIVE.items()]
    return rows


@transaction.atomic
def load_gio_linh_2023_q3(*, by=None) -> ReportPeriod:
    """Enter the seed report's data for gio-linh, Q3/2023 (replacing what a draft period holds).

    The units gio-linh and the communes the trainings name must exist. Repeatable: a second call leaves the same
    rows. A submitted period is left alone (services refuse to clear it).
    """
    district = Unit.objects.get(code=UNIT)
    rows = _rows()
    codes = {code for kind, data in rows if kind == "trainings" for code in data.get("units", [])}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    missing = sorted(codes - set(units))
    if missing:
        raise Unit.DoesNotExist(f"units missing for the Gio Linh demo: {', '.join(missing)}")
    period = services.period_get_or_create(unit=district, year=YEAR, quarter=QUARTER, by=by)
    services.period_rows_clear(period=period, by=by)
    for kind, data in rows:
        if "units" in data:
            data["units"] = [units[code] for code in data["units"]]
        services.section_row_create(period=period, kind=kind, data=data, by=by)
    services.report_settings_save(unit=district, data=SETTINGS, by=by)
    return period
