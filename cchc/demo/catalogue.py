"""The fixed part of the demo: the unit tree of Gio Linh (2023) and its 2025 successors, the district's
specialist offices and the procedure catalogue.

Agency codes and procedure codes are ILLUSTRATIVE: they follow the national patterns (agency code
V1V2V3.Z1Z2.Y1Y2.MX1X2 of Circular 10/2016/TT-BTTTT, procedure codes N.NNNNNN) but were not looked up;
procedure codes start with 9 after the dot so they cannot be mistaken for real national codes. Procedure names,
fields and time limits are modelled on the published catalogues of the time; fees are round illustrative
amounts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .targets import DISTRICT, PROVINCE, load_targets

DISTRICT_VALID_TO = dt.date(2025, 6, 30)
REFORM_DAY = dt.date(2025, 7, 1)

PROVINCE_ROW = {"code": PROVINCE, "name": "UBND tỉnh Quảng Trị", "agency_code": "000.00.00.H45"}
DISTRICT_ROW = {"code": DISTRICT, "name": "UBND huyện Gio Linh", "agency_code": "000.00.27.H45"}

# The district's specialist offices (phòng chuyên môn): code suffix and name; their agency codes follow the order.
OFFICES = [
    ("nv", "Phòng Nội vụ"),
    ("tp", "Phòng Tư pháp"),
    ("tckh", "Phòng Tài chính - Kế hoạch"),
    ("tnmt", "Phòng Tài nguyên và Môi trường"),
    ("ldtbxh", "Phòng Lao động - Thương binh và Xã hội"),
    ("vhtt", "Phòng Văn hóa và Thông tin"),
    ("gddt", "Phòng Giáo dục và Đào tạo"),
    ("yt", "Phòng Y tế"),
    ("ktht", "Phòng Kinh tế và Hạ tầng"),
    ("nnptnt", "Phòng Nông nghiệp và Phát triển nông thôn"),
]

# Resolution 1680/NQ-UBTVQH15 (domain.md §8): the four communes formed on 2025-07-01 and the former units merged
# into each. Gio Châu, Gio Việt and Linh Hải: their successor was not found in the stored material (UNVERIFIED),
# so they are retired without one.
SUCCESSORS = {
    "xa-gio-linh": ("UBND xã Gio Linh", ["tt-gio-linh", "gio-quang", "gio-my", "phong-binh"]),
    "xa-cua-viet": ("UBND xã Cửa Việt", ["tt-cua-viet", "gio-mai", "gio-hai"]),
    "xa-con-tien": ("UBND xã Cồn Tiên", ["hai-thai", "linh-truong", "gio-an", "gio-son"]),
    "xa-ben-hai": ("UBND xã Bến Hải", ["trung-hai", "trung-giang", "trung-son"]),
}


def commune_name(printed: str) -> str:
    """`TT Gio Linh` -> `UBND thị trấn Gio Linh`, `Gio An` -> `UBND xã Gio An`."""
    if printed.startswith("TT "):
        return f"UBND thị trấn {printed[3:]}"
    return f"UBND xã {printed}"


def office_code(suffix: str) -> str:
    return f"{DISTRICT}-{suffix}"


def agency_codes() -> dict[str, str]:
    """Unit code -> illustrative agency code (communes 000.21.27.H45 upwards, offices 000.01.27.H45 upwards)."""
    codes = {PROVINCE: PROVINCE_ROW["agency_code"], DISTRICT: DISTRICT_ROW["agency_code"]}
    for number, (suffix, _name) in enumerate(OFFICES, start=1):
        codes[office_code(suffix)] = f"000.{number:02d}.27.H45"
    for number, code in enumerate(load_targets().communes, start=21):
        codes[code] = f"000.{number:02d}.27.H45"
    for number, code in enumerate(SUCCESSORS, start=1):
        codes[code] = f"000.00.{40 + number:02d}.H45"
    return codes


def unit_rows() -> list[dict[str, str]]:
    """The units in the exchange format (import-format.md); offices are not in the format."""
    successor_of = {old: new for new, (_name, olds) in SUCCESSORS.items() for old in olds}
    rows = [
        {"code": PROVINCE, "name": PROVINCE_ROW["name"], "level": "province"},
        {
            "code": DISTRICT,
            "name": DISTRICT_ROW["name"],
            "level": "district",
            "parent_code": PROVINCE,
            "valid_to": DISTRICT_VALID_TO.isoformat(),
        },
    ]
    for code, printed in load_targets().communes.items():
        rows.append(
            {
                "code": code,
                "name": commune_name(printed),
                "level": "commune",
                "parent_code": DISTRICT,
                "valid_to": DISTRICT_VALID_TO.isoformat(),
                "successor_code": successor_of.get(code, ""),
            }
        )
    for code, (name, _olds) in SUCCESSORS.items():
        rows.append(
            {
                "code": code,
                "name": name,
                "level": "commune",
                "parent_code": PROVINCE,
                "valid_from": REFORM_DAY.isoformat(),
            }
        )
    return rows


@dataclass(frozen=True)
class ProcedureSpec:
    """A catalogue entry. `weight` is how often the demo's dossiers use it; `components` its documents."""

    code: str
    name: str
    level: str
    field: str
    days: str
    online: str = "partial"
    fee: int | None = None
    weight: int = 1
    is_certification: bool = False
    cutoff: str = ""
    components: tuple[tuple[str, str], ...] = ()
    legal_basis: str = ""
    result: str = ""
    online_note: str = ""


HT, CT, DD, XD, KD, LD, GD, VH = (
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Đăng ký kinh doanh hộ",
    "Lao động - Thương binh và Xã hội",
    "Giáo dục và Đào tạo",
    "Văn hóa",
)
TK = (("Tờ khai theo mẫu", "Bản chính"),)
ID = ("Giấy tờ tùy thân (CCCD/hộ chiếu)", "Xuất trình bản chính")

# Commune-level procedures with names and rules modelled on the real ones (the rest are numbered generic ones).
COMMUNE_NAMED = [
    ("Đăng ký khai sinh", HT, "1", "partial", None, 60,
     (("Tờ khai đăng ký khai sinh", "Bản chính"), ("Giấy chứng sinh", "Bản chính"), ID)),
    ("Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", HT, "5",
     "partial", None, 25, (("Tờ khai liên thông", "Bản chính"), ("Giấy chứng sinh", "Bản chính"), ID)),
    ("Đăng ký kết hôn", HT, "1", "partial", None, 18,
     (("Tờ khai đăng ký kết hôn", "Bản chính"), ("Giấy xác nhận tình trạng hôn nhân", "Bản chính"), ID)),
    ("Đăng ký khai tử", HT, "1", "partial", None, 14, (("Tờ khai đăng ký khai tử", "Bản chính"),
     ("Giấy báo tử hoặc giấy tờ thay giấy báo tử", "Bản chính"), ID)),
    ("Liên thông đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng", HT,
     "5", "partial", None, 4, (("Tờ khai liên thông", "Bản chính"), ("Giấy báo tử", "Bản chính"))),
    ("Đăng ký nhận cha, mẹ, con", HT, "3", "partial", None, 3,
     (("Tờ khai đăng ký nhận cha, mẹ, con", "Bản chính"), ("Chứng cứ chứng minh quan hệ cha, mẹ, con", "Bản sao"))),
    ("Đăng ký giám hộ", HT, "3", "partial", None, 1, TK),
    ("Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", HT, "3", "partial", 15000, 8,
     (("Tờ khai", "Bản chính"), ("Giấy tờ làm căn cứ thay đổi, cải chính", "Bản sao"))),
    ("Cấp Giấy xác nhận tình trạng hôn nhân", HT, "3", "partial", None, 30,
     (("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "Bản chính"), ID)),
    ("Cấp bản sao trích lục hộ tịch", HT, "0.5", "partial", 8000, 22,
     (("Tờ khai cấp bản sao trích lục", "Bản chính"),)),
    ("Đăng ký lại khai sinh", HT, "5", "partial", None, 2, TK),
    ("Đăng ký lại kết hôn", HT, "5", "partial", None, 1, TK),
    ("Chứng thực bản sao từ bản chính giấy tờ, văn bản", CT, "0.5", "none", 2000, 95,
     (("Bản chính giấy tờ, văn bản", "Bản chính"), ("Bản sao cần chứng thực", "Bản sao"))),
    ("Chứng thực bản sao điện tử từ bản chính giấy tờ, văn bản", CT, "0.5", "partial", 2000, 0,
     (("Bản chính giấy tờ, văn bản", "Bản chính"),)),
    ("Chứng thực chữ ký trong các giấy tờ, văn bản", CT, "0.5", "partial", 10000, 30,
     (("Giấy tờ, văn bản cần chứng thực chữ ký", "Bản chính"), ID)),
    ("Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở", CT, "2",
     "partial", 50000, 14,
     (("Dự thảo hợp đồng, giao dịch", "Bản chính"), ("Giấy chứng nhận quyền sử dụng đất", "Bản sao"), ID)),
    ("Chứng thực di chúc", CT, "2", "partial", 50000, 1, (("Dự thảo di chúc", "Bản chính"), ID)),
    ("Chứng thực văn bản thỏa thuận phân chia di sản", CT, "2", "partial", 50000, 3,
     (("Dự thảo văn bản", "Bản chính"),)),
    ("Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", CT, "1", "partial", 2000, 2, ()),
    ("Hòa giải tranh chấp đất đai", DD, "30", "none", None, 2, (("Đơn đề nghị hòa giải", "Bản chính"),)),
    ("Xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp, diêm nghiệp có mức sống trung bình", LD, "5",
     "partial", None, 6, TK),
    ("Xét, công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", LD, "7", "partial", None, 3,
     (("Giấy đề nghị xét duyệt", "Bản chính"),)),
    ("Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng", LD, "20", "partial", None, 5, TK),
    ("Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", LD, "3", "partial", None, 2, TK),
    ("Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", LD, "25", "partial", None, 3, TK),
    ("Đăng ký hoạt động tín ngưỡng", "Tín ngưỡng, tôn giáo", "15", "none", None, 1, TK),
    ("Xét tặng danh hiệu Gia đình văn hóa", VH, "5", "none", None, 1, TK),
    ("Thành lập nhóm trẻ, lớp mẫu giáo độc lập", GD, "20", "none", None, 1, TK),
    # Full-process online procedures: rare at the desks, filed online once in the quarter (TT Gio Linh).
    ("Thông báo tổ chức lễ hội cấp xã", VH, "5", "full", None, 0, TK),
    ("Tặng Giấy khen của Chủ tịch UBND cấp xã", "Thi đua - Khen thưởng", "10", "full", None, 0, TK),
    ("Công nhận hòa giải viên", "Hòa giải cơ sở", "5", "full", None, 0, TK),
]  # fmt: skip

DISTRICT_NAMED = [
    ("Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở lần đầu", DD, "30", "partial", 100000, 26,
     (("Đơn đăng ký, cấp Giấy chứng nhận", "Bản chính"), ("Giấy tờ về quyền sử dụng đất", "Bản sao"))),
    ("Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho, thừa kế", DD, "10", "partial", 50000, 40,
     (("Đơn đăng ký biến động", "Bản chính"), ("Hợp đồng, văn bản chuyển quyền", "Bản chính"),
      ("Giấy chứng nhận đã cấp", "Bản chính"))),
    ("Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền", DD, "15", "partial", None, 8,
     (("Đơn xin chuyển mục đích sử dụng đất", "Bản chính"), ("Giấy chứng nhận", "Bản chính"))),
    ("Tách thửa hoặc hợp thửa đất", DD, "15", "partial", 50000, 10,
     (("Đơn đề nghị tách thửa, hợp thửa", "Bản chính"),)),
    ("Cấp đổi Giấy chứng nhận quyền sử dụng đất", DD, "7", "partial", 50000, 6,
     (("Đơn đề nghị cấp đổi", "Bản chính"),)),
    ("Cấp lại Giấy chứng nhận do bị mất", DD, "10", "none", 50000, 2, (("Đơn đề nghị cấp lại", "Bản chính"),)),
    ("Đính chính Giấy chứng nhận đã cấp", DD, "10", "none", None, 2, (("Đơn đề nghị đính chính", "Bản chính"),)),
    ("Giao đất, cho thuê đất cho hộ gia đình, cá nhân", DD, "20", "none", None, 2, TK),
    ("Cấp giấy phép xây dựng nhà ở riêng lẻ", XD, "15", "partial", 75000, 8,
     (("Đơn đề nghị cấp giấy phép xây dựng", "Bản chính"), ("Bản vẽ thiết kế", "Bản chính"),
      ("Giấy tờ về quyền sử dụng đất", "Bản sao"))),
    ("Cấp giấy phép sửa chữa, cải tạo công trình", XD, "15", "partial", 75000, 2, TK),
    ("Gia hạn giấy phép xây dựng", XD, "5", "partial", 15000, 1, TK),
    ("Đăng ký thành lập hộ kinh doanh", KD, "3", "partial", 100000, 9,
     (("Giấy đề nghị đăng ký hộ kinh doanh", "Bản chính"), ID)),
    ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", KD, "3", "partial", 50000, 3, TK),
    ("Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh", KD, "3", "full",
     None, 1, TK),
    ("Chấm dứt hoạt động hộ kinh doanh", KD, "3", "full", None, 1, TK),
    ("Đăng ký khai sinh có yếu tố nước ngoài", HT, "15", "partial", 75000, 1, TK),
    ("Đăng ký kết hôn có yếu tố nước ngoài", HT, "15", "partial", 1000000, 1, TK),
    ("Đăng ký thay đổi, cải chính hộ tịch, xác định lại dân tộc", HT, "3", "partial", 28000, 3, TK),
    ("Chứng thực bản sao từ bản chính giấy tờ do cơ quan nước ngoài cấp", CT, "0.5", "none", 2000, 6,
     (("Bản chính giấy tờ", "Bản chính"),)),
    ("Chứng thực chữ ký người dịch", CT, "0.5", "partial", 10000, 2, TK),
    ("Chứng thực bản sao điện tử từ bản chính giấy tờ do cơ quan nước ngoài cấp", CT, "0.5", "partial", 2000, 0, ()),
    ("Giải quyết trợ cấp xã hội hàng tháng khi đối tượng thay đổi nơi cư trú", LD, "10", "partial", None, 3, TK),
    ("Cấp giấy phép kinh doanh dịch vụ karaoke", VH, "5", "partial", 2000000, 1, TK),
    ("Chuyển trường đối với học sinh trung học cơ sở", GD, "3", "partial", None, 3, TK),
    ("Cấp giấy phép bán lẻ sản phẩm rượu", "Công thương", "10", "partial", 400000, 1, TK),
]  # fmt: skip

# What the portal posts with the named procedures (Decree 61/2018 Art. 15): the laws and decrees they rest on and
# the result document, by procedure name. Only the main texts that govern each procedure are named (not every
# circular or fee rule), and only for the procedures whose governing texts are well known; the others stay empty.
HOTICH = "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"
CHUNGTHUC = "Nghị định 23/2015/NĐ-CP"
CHUNGTHUC_DIENTU = "Nghị định 23/2015/NĐ-CP; Nghị định 45/2020/NĐ-CP"
BAOTRO = "Nghị định 20/2021/NĐ-CP"
POSTING: dict[str, tuple[str, str]] = {
    "Đăng ký khai sinh": (HOTICH, "Giấy khai sinh"),
    "Đăng ký kết hôn": (HOTICH, "Giấy chứng nhận kết hôn"),
    "Đăng ký khai tử": (HOTICH, "Trích lục khai tử"),
    "Đăng ký nhận cha, mẹ, con": (HOTICH, "Trích lục đăng ký nhận cha, mẹ, con"),
    "Đăng ký giám hộ": (HOTICH, "Trích lục đăng ký giám hộ"),
    "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch": (HOTICH, "Trích lục thay đổi, cải chính hộ tịch"),
    "Cấp Giấy xác nhận tình trạng hôn nhân": (HOTICH, "Giấy xác nhận tình trạng hôn nhân"),
    "Cấp bản sao trích lục hộ tịch": (HOTICH, "Bản sao trích lục hộ tịch"),
    "Đăng ký lại khai sinh": (HOTICH, "Giấy khai sinh"),
    "Đăng ký lại kết hôn": (HOTICH, "Giấy chứng nhận kết hôn"),
    "Đăng ký khai sinh có yếu tố nước ngoài": (HOTICH, "Giấy khai sinh"),
    "Đăng ký kết hôn có yếu tố nước ngoài": (HOTICH, "Giấy chứng nhận kết hôn"),
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản": (CHUNGTHUC, "Bản sao có chứng thực"),
    "Chứng thực bản sao điện tử từ bản chính giấy tờ, văn bản": (CHUNGTHUC_DIENTU, "Bản sao điện tử có chứng thực"),
    "Chứng thực chữ ký trong các giấy tờ, văn bản": (CHUNGTHUC, "Giấy tờ, văn bản đã chứng thực chữ ký"),
    "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở": (
        CHUNGTHUC,
        "Hợp đồng, giao dịch đã được chứng thực",
    ),
    "Chứng thực di chúc": (CHUNGTHUC, "Di chúc đã được chứng thực"),
    "Chứng thực văn bản thỏa thuận phân chia di sản": (CHUNGTHUC, "Văn bản thỏa thuận đã được chứng thực"),
    "Chứng thực bản sao từ bản chính giấy tờ do cơ quan nước ngoài cấp": (CHUNGTHUC, "Bản sao có chứng thực"),
    "Chứng thực chữ ký người dịch": (CHUNGTHUC, "Bản dịch đã chứng thực chữ ký người dịch"),
    "Chứng thực bản sao điện tử từ bản chính giấy tờ do cơ quan nước ngoài cấp": (
        CHUNGTHUC_DIENTU,
        "Bản sao điện tử có chứng thực",
    ),
    "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng": (BAOTRO, "Quyết định trợ cấp xã hội"),
    "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội": (BAOTRO, "Quyết định hỗ trợ chi phí mai táng"),
    "Đăng ký hoạt động tín ngưỡng": ("Luật Tín ngưỡng, tôn giáo 2016", "Văn bản chấp thuận đăng ký"),
    "Thông báo tổ chức lễ hội cấp xã": ("Nghị định 110/2018/NĐ-CP", ""),
    "Tặng Giấy khen của Chủ tịch UBND cấp xã": (
        "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP",
        "Quyết định khen thưởng và Giấy khen",
    ),
    "Công nhận hòa giải viên": ("Luật Hòa giải ở cơ sở 2013; Nghị định 15/2014/NĐ-CP", "Quyết định công nhận"),
    "Cấp giấy phép xây dựng nhà ở riêng lẻ": (
        "Luật Xây dựng 2014 (sửa đổi, bổ sung 2020); Nghị định 15/2021/NĐ-CP",
        "Giấy phép xây dựng",
    ),
    "Đăng ký thành lập hộ kinh doanh": ("Nghị định 01/2021/NĐ-CP", "Giấy chứng nhận đăng ký hộ kinh doanh"),
    "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh": (
        "Nghị định 01/2021/NĐ-CP",
        "Giấy chứng nhận đăng ký hộ kinh doanh",
    ),
    "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh": (
        "Nghị định 01/2021/NĐ-CP",
        "Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh",
    ),
    "Chấm dứt hoạt động hộ kinh doanh": (
        "Nghị định 01/2021/NĐ-CP",
        "Thông báo về việc chấm dứt hoạt động hộ kinh doanh",
    ),
    "Cấp giấy phép kinh doanh dịch vụ karaoke": (
        "Nghị định 54/2019/NĐ-CP",
        "Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
    ),
    "Cấp giấy phép bán lẻ sản phẩm rượu": ("Nghị định 105/2017/NĐ-CP", "Giấy phép bán lẻ sản phẩm rượu"),
}
# A partial online service still takes the applicant to the desk (Decree 42/2022 Art. 11(1)): what for, in the
# words a desk would post.
PARTIAL_NOTE = "Khi nhận kết quả, xuất trình bản chính các giấy tờ đã gửi bản chụp để đối chiếu."

GENERIC_FIELDS = {
    "district": [DD, XD, KD, LD, GD, VH, "Nội vụ", "Nông nghiệp", "Tài nguyên nước", "Y tế", "Công thương"],
    "commune": [HT, LD, VH, "Nông nghiệp", "Nội vụ", "Người có công", "Bảo trợ xã hội"],
}
GENERIC_DAYS = ["1", "3", "5", "7", "10", "15", "20", "30"]
GENERIC_ONLINE = ["none", "partial", "partial", "none", "partial"]


def procedure_specs() -> list[ProcedureSpec]:
    """The catalogue: the named procedures, then numbered generic ones up to the report's posted counts."""
    targets = load_targets()
    specs: list[ProcedureSpec] = []
    for level, named, prefix in (("commune", COMMUNE_NAMED, "1"), ("district", DISTRICT_NAMED, "2")):
        for number, (name, field_name, days, online, fee, weight, components) in enumerate(named, start=1):
            specs.append(
                ProcedureSpec(
                    code=f"{prefix}.9{number:05d}",
                    name=name,
                    level=level,
                    field=field_name,
                    days=days,
                    online=online,
                    fee=fee,
                    weight=weight,
                    is_certification="bản sao điện tử" in name,
                    # Same-day certification: paper dossiers after 16:00 count from the next morning.
                    cutoff="16:00" if days == "0.5" else "",
                    components=tuple(components),
                    legal_basis=POSTING.get(name, ("", ""))[0],
                    result=POSTING.get(name, ("", ""))[1],
                    online_note=PARTIAL_NOTE if online == "partial" else "",
                )
            )
        fields = GENERIC_FIELDS[level]
        for index in range(targets.procedures_posted[level] - len(named)):
            number = len(named) + index + 1
            field_name = fields[index % len(fields)]
            specs.append(
                ProcedureSpec(
                    code=f"{prefix}.9{number:05d}",
                    name=f"Thủ tục lĩnh vực {field_name} số {index + 1:03d} (minh họa)",
                    level=level,
                    field=field_name,
                    days=GENERIC_DAYS[index % len(GENERIC_DAYS)],
                    online=GENERIC_ONLINE[index % len(GENERIC_ONLINE)],
                    weight=1 if index % 4 == 0 else 0,
                )
            )
    return specs


def procedure_rows() -> list[dict[str, str]]:
    """The catalogue in the exchange format."""
    return [
        {
            "code": s.code,
            "name": s.name,
            "level": s.level,
            "field": s.field,
            "processing_days": s.days,
            "online_service": s.online,
            "fee": "" if s.fee is None else str(s.fee),
            "posted": "true",
            "legal_basis": s.legal_basis,
            "result_description": s.result,
            "online_note": s.online_note,
        }
        for s in procedure_specs()
    ]
