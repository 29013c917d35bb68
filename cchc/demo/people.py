"""Invented Vietnamese applicants and staff for the demo: names, citizen ID numbers and phone numbers.

Everything here is made by the caller's seeded random generator; none of it belongs to a real person.
"""

from __future__ import annotations

import random

FAMILY = [
    ("Nguyễn", 30), ("Trần", 12), ("Lê", 12), ("Phạm", 6), ("Hoàng", 5), ("Phan", 5), ("Võ", 8), ("Đặng", 3),
    ("Bùi", 3), ("Đỗ", 3), ("Hồ", 5), ("Ngô", 2), ("Dương", 2), ("Lý", 1), ("Thái", 1), ("Mai", 1),
]  # fmt: skip
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Hữu", "Quang", "Công", "Đình", "Xuân", "Thanh", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Mỹ", "Kim", "Phương"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn",
              "Tài", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh"]  # fmt: skip
GIVEN_FEMALE = ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung", "Oanh",
                "Phượng", "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến"]  # fmt: skip
MOBILE_PREFIXES = ["090", "091", "093", "094", "097", "098", "086", "088", "032", "033", "035", "036", "037", "038",
                   "039", "070", "076", "077", "081", "083", "084", "085"]  # fmt: skip
# The province part of a 12-digit citizen ID (CCCD) for Quảng Trị.
PROVINCE_ID = "045"


def person(rng: random.Random) -> dict[str, str]:
    """A fake person: full name, 12-digit citizen ID and mobile number, consistent in sex and birth year."""
    female = rng.random() < 0.5
    family = rng.choices([f for f, _w in FAMILY], weights=[w for _f, w in FAMILY])[0]
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    year = rng.randint(1950, 2005)
    # Digit 4 of a CCCD encodes sex and century: 0/1 for 1900s men/women, 2/3 for 2000s.
    sex_century = (0 if year < 2000 else 2) + int(female)
    id_number = f"{PROVINCE_ID}{sex_century}{year % 100:02d}{rng.randrange(10**6):06d}"
    phone = f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
    return {"name": f"{family} {middle} {given}", "id_number": id_number, "phone": phone}
