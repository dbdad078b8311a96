"""Demo union register of the Điện Biên federation: the tree, ~1,500 members, two report rounds.

The tree is the one after the 2025 reform: the provincial federation, commune and ward
unions, two industry unions and the industrial-zone union, and about sixty grassroots
unions across the four sectors below them (one of them dissolved and merged into its
neighbour). Units are made with members.services.save_unit, so their paths are set.

Members are made in bulk (bulk_create, with their first history row), each with the
events admit_member would have written: ADMITTED, and CARD_ISSUED when a card is
numbered. A few then move through the services as an officer's clicks would: the
members of the merged union and a few teachers are transferred (transfer_member), a few
leave (mark_left). Everything is drawn from fixed seeds, so the same people come back.

Two reporting rounds: the first half-year, closed, every report accepted; the year,
open, part-way through (some submitted, a few accepted, one returned, the rest drafts).
Reports move through submit_report, accept_report and return_report. Each union's
report is submitted by its own officer: canbo.coso for the officer school, and for the
others an account for the union's chair (no password; not for logging in). Reviews are
by canbo.phuong for the units of its ward union and by the demo administrator (the
federation's staff) for the rest. canbo.phuong is linked to its ward union only after
the reports below it are submitted, and the chair whose report is returned has no email
address, so loading the demo sends no notification mail. Without demo logins
(--no-logins) there are no accounts: the same states are written directly, with no
one's name on them.

Rows are looked up by natural keys (kind names; unit name under its parent; national ID
numbers; period names), so a second run adds nothing. Most dates are fixed; admissions
of this year, transfers, leavers and the reporting rounds are dated from today.
"""

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from federation.demo import is_demo, remember, remember_all
from federation.text import slugify_vi
from members import services
from members.models import (
    Gender,
    Member,
    MembershipEvent,
    MemberStatus,
    Officer,
    Report,
    ReportPeriod,
    ReportStatus,
    Sector,
    Unit,
    UnitKind,
)

ADMINISTRATOR = "quantri"
GRASSROOTS_LOGIN = "canbo.coso"
UPPER_LOGIN = "canbo.phuong"

# ---------------------------------------------------------------------------------------
# Kinds of unit: data, in the order of drop-downs. (name, grassroots)

PROVINCIAL = "Liên đoàn Lao động tỉnh"
WARD = "Công đoàn xã, phường"
INDUSTRY = "Công đoàn ngành"
ZONES = "Công đoàn các khu công nghiệp"
GRASSROOTS = "Công đoàn cơ sở"
TRADE = "Nghiệp đoàn"
MEMBER_UNION = "Công đoàn cơ sở thành viên"
TEAM = "Tổ công đoàn"

KINDS = (
    (PROVINCIAL, False),
    (WARD, False),
    (INDUSTRY, False),
    (ZONES, False),
    (GRASSROOTS, True),
    (TRADE, True),
    (MEMBER_UNION, False),
    (TEAM, False),
)

# ---------------------------------------------------------------------------------------
# The tree.

PROVINCE = "Điện Biên"


@dataclass(frozen=True)
class UpperUnit:
    name: str
    short_name: str
    kind: str
    commune: str
    address: str
    phone: str
    email: str
    chairperson: str
    founded_on: date


TOP = UpperUnit(
    "Liên đoàn Lao động tỉnh Điện Biên",
    "LĐLĐ tỉnh Điện Biên",
    PROVINCIAL,
    "phường Điện Biên Phủ",
    "Số 12, đường Võ Nguyên Giáp, phường Điện Biên Phủ",
    "0215 3825 168",
    "vanphong@ldld-dienbien.example.vn",
    "Lò Văn Thắng",
    date(2004, 1, 1),
)

DIEN_BIEN_PHU = "Công đoàn phường Điện Biên Phủ"
MUONG_THANH = "Công đoàn phường Mường Thanh"
MUONG_LAY = "Công đoàn phường Mường Lay"
MUONG_ANG = "Công đoàn xã Mường Ảng"
TUAN_GIAO = "Công đoàn xã Tuần Giáo"
EDUCATION = "Công đoàn ngành Giáo dục"
HEALTH = "Công đoàn ngành Y tế"
INDUSTRIAL_ZONES = "Công đoàn các Khu công nghiệp tỉnh"

REFORM = date(2025, 7, 1)  # commune and ward unions replace the district federations

SECOND_LEVEL = (
    UpperUnit(
        DIEN_BIEN_PHU,
        "CĐ phường Điện Biên Phủ",
        WARD,
        "phường Điện Biên Phủ",
        "Số 3, đường Hoàng Văn Thái, phường Điện Biên Phủ",
        "0215 3830 214",
        "congdoan.dienbienphu@ldld-dienbien.example.vn",
        "Nguyễn Văn Thành",
        REFORM,
    ),
    UpperUnit(
        MUONG_THANH,
        "CĐ phường Mường Thanh",
        WARD,
        "phường Mường Thanh",
        "Số 45, đường Trường Chinh, phường Mường Thanh",
        "0215 3824 507",
        "congdoan.muongthanh@ldld-dienbien.example.vn",
        "Lò Thị Xuân",
        REFORM,
    ),
    UpperUnit(
        MUONG_LAY,
        "CĐ phường Mường Lay",
        WARD,
        "phường Mường Lay",
        "Tổ dân phố 2, phường Mường Lay",
        "0215 3852 118",
        "congdoan.muonglay@ldld-dienbien.example.vn",
        "Lường Văn Chung",
        REFORM,
    ),
    UpperUnit(
        MUONG_ANG,
        "CĐ xã Mường Ảng",
        WARD,
        "xã Mường Ảng",
        "Tổ dân phố 5, xã Mường Ảng",
        "0215 3866 032",
        "congdoan.muongang@ldld-dienbien.example.vn",
        "Cầm Văn Tuân",
        REFORM,
    ),
    UpperUnit(
        TUAN_GIAO,
        "CĐ xã Tuần Giáo",
        WARD,
        "xã Tuần Giáo",
        "Khối Tân Giang, xã Tuần Giáo",
        "0215 3862 440",
        "congdoan.tuangiao@ldld-dienbien.example.vn",
        "Quàng Thị Phương",
        REFORM,
    ),
    UpperUnit(
        EDUCATION,
        "CĐ ngành Giáo dục",
        INDUSTRY,
        "phường Điện Biên Phủ",
        "Số 9, đường Võ Nguyên Giáp, phường Điện Biên Phủ",
        "0215 3825 740",
        "congdoan.giaoduc@ldld-dienbien.example.vn",
        "Trần Thị Thu Hằng",
        date(2004, 3, 15),
    ),
    UpperUnit(
        HEALTH,
        "CĐ ngành Y tế",
        INDUSTRY,
        "phường Mường Thanh",
        "Số 2, đường Nguyễn Chí Thanh, phường Mường Thanh",
        "0215 3826 391",
        "congdoan.yte@ldld-dienbien.example.vn",
        "Phạm Văn Hải",
        date(2004, 4, 20),
    ),
    UpperUnit(
        INDUSTRIAL_ZONES,
        "CĐ các KCN tỉnh",
        ZONES,
        "phường Điện Biên Phủ",
        "Khu công nghiệp Na Hai, phường Điện Biên Phủ",
        "0215 3829 655",
        "congdoan.kcn@ldld-dienbien.example.vn",
        "Đỗ Minh Tuấn",
        date(2015, 6, 1),
    ),
)

PUBLIC, STATE, NON_STATE, FOREIGN = Sector.PUBLIC, Sector.STATE, Sector.NON_STATE, Sector.FOREIGN
# Share of a unit's workforce in the union, by sector (the rest are employees who are not).
COVERAGE = {PUBLIC: 0.95, STATE: 0.9, NON_STATE: 0.75, FOREIGN: 0.8}
# Towns with more Thái and Hmong staff (names are drawn accordingly).
UPLAND = {"phường Mường Lay", "xã Mường Ảng", "xã Tuần Giáo"}


@dataclass(frozen=True)
class Branch:
    """A grassroots union: `size` members are admitted to it, `female` of them women."""

    name: str
    parent: str
    sector: str
    size: int
    female: float
    commune: str
    founded: int
    kind: str = GRASSROOTS
    employer: str | None = None  # default: the name without "Công đoàn "
    chairperson: str = ""  # default: its first member, drawn
    dissolved_on: date | None = None
    merged_into: str = ""

    @property
    def employer_name(self) -> str:
        if self.employer is not None:
            return self.employer
        return self.name.removeprefix("Công đoàn ")

    @property
    def upland(self) -> bool:
        return self.commune in UPLAND


DBP, MT, ML, MA, TG = (
    "phường Điện Biên Phủ",
    "phường Mường Thanh",
    "phường Mường Lay",
    "xã Mường Ảng",
    "xã Tuần Giáo",
)

# The officer demo's school: canbo.coso chairs it, canbo.phuong's ward union is above it.
OFFICER_SCHOOL = "Công đoàn Trường Tiểu học Him Lam"
MERGED_SCHOOL = "Công đoàn Trường Mầm non Tân Thanh"

BRANCHES = (
    # Ward Điện Biên Phủ
    Branch(OFFICER_SCHOOL, DIEN_BIEN_PHU, PUBLIC, 40, 0.72, DBP, 1996, chairperson="Quàng Văn Đức"),
    Branch("Công đoàn Trường Mầm non Hoa Ban", DIEN_BIEN_PHU, PUBLIC, 22, 0.96, DBP, 2001),
    Branch("Công đoàn Trường THCS Trần Can", DIEN_BIEN_PHU, PUBLIC, 26, 0.62, DBP, 1998),
    Branch(
        "Công đoàn Ủy ban nhân dân phường Điện Biên Phủ", DIEN_BIEN_PHU, PUBLIC, 24, 0.45, DBP, 2004
    ),
    Branch(
        "Công đoàn Công ty Cổ phần Xi măng Điện Biên", DIEN_BIEN_PHU, STATE, 56, 0.18, DBP, 1997
    ),
    Branch(
        "Công đoàn Công ty Cổ phần Môi trường và Đô thị Điện Biên",
        DIEN_BIEN_PHU,
        STATE,
        30,
        0.38,
        DBP,
        2000,
    ),
    Branch(
        "Công đoàn Công ty TNHH Xây dựng Thành Đạt", DIEN_BIEN_PHU, NON_STATE, 16, 0.12, DBP, 2012
    ),
    Branch(
        "Công đoàn Công ty Cổ phần Du lịch Him Lam", DIEN_BIEN_PHU, NON_STATE, 20, 0.6, DBP, 2009
    ),
    Branch(
        "Nghiệp đoàn Xe ôm phường Điện Biên Phủ",
        DIEN_BIEN_PHU,
        NON_STATE,
        22,
        0.05,
        DBP,
        2016,
        kind=TRADE,
        employer="Người lao động tự do chở khách bằng xe mô tô",
    ),
    # Ward Mường Thanh
    Branch("Công đoàn Trường Mầm non Tuổi Thơ", MUONG_THANH, PUBLIC, 20, 0.96, MT, 1999),
    Branch("Công đoàn Trường Tiểu học Mường Thanh", MUONG_THANH, PUBLIC, 26, 0.74, MT, 1995),
    Branch("Công đoàn Trường THCS Thanh Trường", MUONG_THANH, PUBLIC, 24, 0.6, MT, 1997),
    Branch("Công đoàn Ủy ban nhân dân phường Mường Thanh", MUONG_THANH, PUBLIC, 20, 0.42, MT, 1995),
    Branch("Công đoàn Công ty TNHH May mặc Hoàng Long", MUONG_THANH, NON_STATE, 40, 0.82, MT, 2011),
    Branch(
        "Công đoàn Công ty Cổ phần Thương mại Dịch vụ Mường Thanh",
        MUONG_THANH,
        NON_STATE,
        14,
        0.55,
        MT,
        2008,
    ),
    Branch(
        "Công đoàn Ban Quản lý chợ Trung tâm Điện Biên Phủ", MUONG_THANH, PUBLIC, 10, 0.58, MT, 2003
    ),
    Branch("Công đoàn Công ty Cổ phần Cấp nước Điện Biên", MUONG_THANH, STATE, 28, 0.3, MT, 2001),
    Branch(
        MERGED_SCHOOL,
        MUONG_THANH,
        PUBLIC,
        8,
        0.96,
        MT,
        2004,
        dissolved_on=date(2025, 8, 15),
        merged_into="Công đoàn Trường Mầm non Tuổi Thơ",
    ),
    # Ward Mường Lay
    Branch("Công đoàn Trường Tiểu học và THCS Sông Đà", MUONG_LAY, PUBLIC, 20, 0.6, ML, 2006),
    Branch("Công đoàn Trường Mầm non Lay Nưa", MUONG_LAY, PUBLIC, 16, 0.97, ML, 2005),
    Branch("Công đoàn Ủy ban nhân dân phường Mường Lay", MUONG_LAY, PUBLIC, 18, 0.4, ML, 2006),
    Branch("Công đoàn Công ty Cổ phần Thủy điện Nậm Lay", MUONG_LAY, NON_STATE, 18, 0.16, ML, 2012),
    Branch("Công đoàn Hợp tác xã Vận tải thủy Mường Lay", MUONG_LAY, NON_STATE, 10, 0.2, ML, 2014),
    # Commune Mường Ảng
    Branch("Công đoàn Trường Mầm non Mường Ảng", MUONG_ANG, PUBLIC, 18, 0.96, MA, 2000),
    Branch("Công đoàn Trường Tiểu học số 1 Mường Ảng", MUONG_ANG, PUBLIC, 24, 0.7, MA, 1999),
    Branch("Công đoàn Trường THCS Mường Ảng", MUONG_ANG, PUBLIC, 22, 0.6, MA, 1999),
    Branch("Công đoàn Ủy ban nhân dân xã Mường Ảng", MUONG_ANG, PUBLIC, 18, 0.38, MA, 2007),
    Branch("Công đoàn Công ty Cổ phần Cà phê Mường Ảng", MUONG_ANG, NON_STATE, 26, 0.5, MA, 2010),
    Branch("Công đoàn Công ty TNHH May mặc Tây Bắc", MUONG_ANG, NON_STATE, 30, 0.85, MA, 2017),
    Branch("Công đoàn Hợp tác xã Nông nghiệp Ẳng Cang", MUONG_ANG, NON_STATE, 10, 0.45, MA, 2019),
    # Commune Tuần Giáo
    Branch("Công đoàn Trường Mầm non Tuần Giáo", TUAN_GIAO, PUBLIC, 18, 0.96, TG, 1998),
    Branch("Công đoàn Trường Tiểu học Quài Tở", TUAN_GIAO, PUBLIC, 20, 0.68, TG, 2001),
    Branch("Công đoàn Trường THCS Tuần Giáo", TUAN_GIAO, PUBLIC, 24, 0.58, TG, 1996),
    Branch("Công đoàn Ủy ban nhân dân xã Tuần Giáo", TUAN_GIAO, PUBLIC, 18, 0.4, TG, 2005),
    Branch("Công đoàn Hạt Kiểm lâm Tuần Giáo", TUAN_GIAO, PUBLIC, 12, 0.2, TG, 2004),
    Branch(
        "Công đoàn Công ty Cổ phần Xây dựng và Giao thông Tuần Giáo",
        TUAN_GIAO,
        NON_STATE,
        16,
        0.12,
        TG,
        2009,
    ),
    Branch(
        "Nghiệp đoàn Xe ôm xã Tuần Giáo",
        TUAN_GIAO,
        NON_STATE,
        12,
        0.06,
        TG,
        2018,
        kind=TRADE,
        employer="Người lao động tự do chở khách bằng xe mô tô",
    ),
    # Education
    Branch("Công đoàn Trường THPT Chuyên Lê Quý Đôn", EDUCATION, PUBLIC, 40, 0.6, DBP, 2004),
    Branch("Công đoàn Trường THPT Thành phố Điện Biên Phủ", EDUCATION, PUBLIC, 36, 0.6, MT, 1995),
    Branch("Công đoàn Trường THPT Phan Đình Giót", EDUCATION, PUBLIC, 32, 0.55, DBP, 1995),
    Branch("Công đoàn Trường THPT Tuần Giáo", EDUCATION, PUBLIC, 28, 0.5, TG, 1993),
    Branch("Công đoàn Trường THPT Mường Ảng", EDUCATION, PUBLIC, 28, 0.5, MA, 2003),
    Branch(
        "Công đoàn Trường Phổ thông Dân tộc Nội trú tỉnh Điện Biên",
        EDUCATION,
        PUBLIC,
        30,
        0.55,
        DBP,
        1997,
    ),
    Branch("Công đoàn Cơ quan Sở Giáo dục và Đào tạo", EDUCATION, PUBLIC, 28, 0.5, DBP, 2004),
    Branch(
        "Công đoàn Trường Cao đẳng Kinh tế – Kỹ thuật Điện Biên",
        EDUCATION,
        PUBLIC,
        30,
        0.55,
        MT,
        2005,
    ),
    # Health
    Branch("Công đoàn Bệnh viện Đa khoa tỉnh Điện Biên", HEALTH, PUBLIC, 70, 0.66, MT, 1995),
    Branch(
        "Công đoàn Bệnh viện Y dược cổ truyền tỉnh Điện Biên", HEALTH, PUBLIC, 26, 0.62, DBP, 2006
    ),
    Branch("Công đoàn Bệnh viện Phổi tỉnh Điện Biên", HEALTH, PUBLIC, 20, 0.55, DBP, 2010),
    Branch(
        "Công đoàn Trung tâm Kiểm soát bệnh tật tỉnh Điện Biên", HEALTH, PUBLIC, 26, 0.6, MT, 2018
    ),
    Branch("Công đoàn Trung tâm Y tế khu vực Mường Ảng", HEALTH, PUBLIC, 30, 0.63, MA, 2007),
    Branch("Công đoàn Trung tâm Y tế khu vực Tuần Giáo", HEALTH, PUBLIC, 32, 0.62, TG, 1995),
    Branch("Công đoàn Cơ quan Sở Y tế", HEALTH, PUBLIC, 20, 0.5, MT, 2004),
    Branch(
        "Công đoàn Công ty Cổ phần Dược – Vật tư y tế Điện Biên",
        HEALTH,
        NON_STATE,
        18,
        0.65,
        MT,
        2004,
    ),
    # Industrial zones
    Branch(
        "Công đoàn Công ty TNHH May mặc Việt Hàn Điện Biên",
        INDUSTRIAL_ZONES,
        FOREIGN,
        54,
        0.86,
        DBP,
        2019,
    ),
    Branch(
        "Công đoàn Công ty TNHH Giày da Hưng Phát Việt Nam",
        INDUSTRIAL_ZONES,
        FOREIGN,
        40,
        0.72,
        DBP,
        2020,
    ),
    Branch(
        "Công đoàn Công ty TNHH Điện tử Tây Bắc Vina",
        INDUSTRIAL_ZONES,
        FOREIGN,
        30,
        0.62,
        DBP,
        2021,
    ),
    Branch(
        "Công đoàn Công ty Cổ phần Chế biến Nông sản Điện Biên",
        INDUSTRIAL_ZONES,
        NON_STATE,
        22,
        0.5,
        DBP,
        2015,
    ),
    Branch(
        "Công đoàn Công ty TNHH Bao bì Thanh Minh",
        INDUSTRIAL_ZONES,
        NON_STATE,
        16,
        0.38,
        DBP,
        2016,
    ),
    Branch(
        "Công đoàn Công ty TNHH Một thành viên Cao su Điện Biên",
        INDUSTRIAL_ZONES,
        STATE,
        30,
        0.42,
        DBP,
        2008,
    ),
    # Directly under the provincial federation
    Branch(
        "Công đoàn Cơ quan Liên đoàn Lao động tỉnh Điện Biên", TOP.name, PUBLIC, 18, 0.5, DBP, 2004
    ),
    Branch(
        "Công đoàn Cơ quan Văn phòng Ủy ban nhân dân tỉnh", TOP.name, PUBLIC, 20, 0.45, DBP, 2004
    ),
)

# Units inside a grassroots union: (the union, kind, name). They have no members of their own.
INNER_UNITS = (
    (OFFICER_SCHOOL, TEAM, "Tổ công đoàn Khối 1 – 2"),
    (OFFICER_SCHOOL, TEAM, "Tổ công đoàn Khối 3"),
    (OFFICER_SCHOOL, TEAM, "Tổ công đoàn Khối 4 – 5"),
    (OFFICER_SCHOOL, TEAM, "Tổ công đoàn Văn phòng"),
    ("Công đoàn Bệnh viện Đa khoa tỉnh Điện Biên", TEAM, "Tổ công đoàn Khối Nội"),
    ("Công đoàn Bệnh viện Đa khoa tỉnh Điện Biên", TEAM, "Tổ công đoàn Khối Ngoại – Sản"),
    ("Công đoàn Bệnh viện Đa khoa tỉnh Điện Biên", TEAM, "Tổ công đoàn Khối Cận lâm sàng"),
    (
        "Công đoàn Công ty Cổ phần Xi măng Điện Biên",
        MEMBER_UNION,
        "Công đoàn Nhà máy Xi măng Na Sang",
    ),
    (
        "Công đoàn Công ty Cổ phần Xi măng Điện Biên",
        MEMBER_UNION,
        "Công đoàn Xí nghiệp Khai thác đá",
    ),
)

STREETS = (
    "Võ Nguyên Giáp",
    "Hoàng Văn Thái",
    "Trường Chinh",
    "Nguyễn Chí Thanh",
    "Sùng Phái Sinh",
    "Bế Văn Đàn",
    "Phan Đình Giót",
    "Tô Vĩnh Diện",
    "Lò Văn Hặc",
    "Nguyễn Hữu Thọ",
    "7 tháng 5",
)

# ---------------------------------------------------------------------------------------
# People: Kinh, Thái and Hmong names, as the province has them. Weights are rough.

KINH, THAI, HMONG = "kinh", "thai", "hmong"
ORIGINS = {
    False: ((KINH, 55), (THAI, 33), (HMONG, 12)),
    True: ((KINH, 30), (THAI, 45), (HMONG, 25)),
}

FAMILY = {
    KINH: (
        ("Nguyễn", 30),
        ("Trần", 10),
        ("Lê", 8),
        ("Phạm", 7),
        ("Hoàng", 6),
        ("Vũ", 5),
        ("Đỗ", 5),
        ("Bùi", 4),
        ("Đặng", 3),
        ("Ngô", 3),
        ("Đinh", 3),
        ("Dương", 2),
        ("Hà", 2),
        ("Đào", 2),
        ("Trịnh", 2),
    ),
    THAI: (
        ("Lò", 25),
        ("Quàng", 15),
        ("Cầm", 12),
        ("Lường", 12),
        ("Tòng", 8),
        ("Điêu", 6),
        ("Lù", 5),
        ("Bạc", 4),
        ("Vì", 4),
        ("Khoàng", 3),
        ("Hoàng", 3),
    ),
    HMONG: (
        ("Vừ", 18),
        ("Giàng", 18),
        ("Thào", 15),
        ("Mùa", 12),
        ("Sùng", 10),
        ("Lầu", 8),
        ("Lý", 8),
        ("Hờ", 5),
        ("Cứ", 4),
    ),
}
MIDDLE = {
    (KINH, Gender.MALE): (
        ("Văn", 40),
        ("Đức", 8),
        ("Minh", 8),
        ("Quốc", 6),
        ("Hữu", 6),
        ("Xuân", 5),
        ("Mạnh", 4),
        ("Ngọc", 4),
        ("Thành", 4),
        ("Trung", 3),
    ),
    (KINH, Gender.FEMALE): (
        ("Thị", 45),
        ("Thu", 8),
        ("Thanh", 8),
        ("Ngọc", 6),
        ("Minh", 4),
        ("Hồng", 5),
        ("Phương", 4),
        ("Thùy", 5),
        ("Kim", 3),
        ("Khánh", 2),
    ),
    (THAI, Gender.MALE): (("Văn", 90), ("Đức", 5), ("Minh", 5)),
    (THAI, Gender.FEMALE): (("Thị", 95), ("Thu", 5)),
    (HMONG, Gender.MALE): (("A", 70), ("Văn", 22), ("Seo", 8)),
    (HMONG, Gender.FEMALE): (("Thị", 100),),
}
GIVEN = {
    (KINH, Gender.MALE): (
        "Hùng Dũng Tuấn Thắng Hải Long Nam Quang Sơn Trung Cường Hiếu Phong Tùng Đức Bình "
        "Khánh Hoàng Việt Thành Huy Kiên Lâm Tiến Vinh"
    ).split(),
    (KINH, Gender.FEMALE): (
        "Hương Lan Mai Hoa Hạnh Huyền Trang Linh Nga Thảo Yến Hằng Loan Nhung Phương Dung "
        "Thủy Vân Hà Ngọc Anh Oanh Quyên Giang Thơ"
    ).split(),
    (THAI, Gender.MALE): (
        "Chung Thắng Ín Piềng Xôm Khăm Pánh Inh Tuân Ơn Bó Mưu Hặc Sơn Hùng Dũng Tiến Hoan "
        "Phong Minh"
    ).split(),
    (THAI, Gender.FEMALE): (
        "Ỏn Bun Xuân Phương Piêng Xiêm Hoa Hương Lả Ánh Lan Mai Ngọc Hiên Thanh Dung Oanh "
        "Thảo Tâm Ơn"
    ).split(),
    (HMONG, Gender.MALE): "Páo Chứ Sình Vàng Lử Dình Sử Chớ Dế Nhè Tủa Phềnh Giả Pó Lềnh".split(),
    (HMONG, Gender.FEMALE): "Dở Sua Chở Mỷ Dinh Pà Súa Mai Ca Dua Chua Sinh Mỉ Lan Hoa".split(),
}
# A second middle name for some Kinh women: "Nguyễn Thị Thu Hương".
SECOND_MIDDLE = ("Thu", "Thanh", "Ngọc", "Hồng", "Minh", "Kim")

MOBILE_PREFIXES = ("096", "097", "098", "086", "032", "033", "034", "035", "036", "037", "038")
MOBILE_PREFIXES += ("039", "091", "094", "088", "081", "082", "090", "093", "089", "070", "079")

CHAIR = "Chủ tịch công đoàn cơ sở"
VICE_CHAIR = "Phó Chủ tịch công đoàn cơ sở"
TRADE_CHAIR = "Chủ tịch nghiệp đoàn"
TRADE_VICE_CHAIR = "Phó Chủ tịch nghiệp đoàn"
TEAM_LEADER = "Tổ trưởng công đoàn"
COMMITTEE = "Ủy viên Ban Chấp hành"

RECENT_SHARE = 0.07  # members admitted this year
CARD_SHARE = 0.78  # members whose card number is in the register
PHONE_SHARE = 0.88

# Leavers: (reason, sectors they are drawn from, born before this year or None)
LEAVERS = (
    ("Nghỉ hưu theo chế độ", (PUBLIC, STATE), 1968),
    ("Nghỉ hưu theo chế độ", (PUBLIC, STATE), 1968),
    ("Chuyển công tác ra ngoài tỉnh", (PUBLIC,), None),
    ("Chấm dứt hợp đồng lao động, chuyển về quê", (NON_STATE, FOREIGN), None),
    ("Nghỉ việc tại doanh nghiệp", (NON_STATE, FOREIGN), None),
    ("Xin ra khỏi tổ chức công đoàn", (NON_STATE,), None),
)
TEACHER_MOVES = 4


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _person_name(rng: random.Random, origin: str, gender: str) -> str:
    family = _pick(rng, FAMILY[origin])
    middle = _pick(rng, MIDDLE[(origin, gender)])
    given = rng.choice(GIVEN[(origin, gender)])
    second = rng.random()
    if origin == KINH and gender == Gender.FEMALE and middle == "Thị" and second < 0.2:
        middle = f"{middle} {rng.choice(SECOND_MIDDLE)}"
    return f"{family} {middle} {given}"


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _between(rng_value: float, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=int(rng_value * ((last - first).days + 1)))


@dataclass
class Person:
    full_name: str
    gender: str
    date_of_birth: date
    national_id: str
    phone: str
    admitted_on: date
    card: bool
    serial: int  # the person's place in the whole plan: card numbers are unique by it
    position: str = ""


def plan_people(today: date) -> dict[str, list[Person]]:
    """Everyone the demo admits, by grassroots union: the same people on every run.

    Names, genders, births and ID numbers come from a fixed seed; admission dates also
    depend on today (some members are admitted this year), with the same number of draws
    whatever the day, so the ID numbers never change.
    """
    rng = random.Random("members.seed:people")
    year_start = date(today.year, 1, 1)
    seen_ids: set[str] = set()
    plan: dict[str, list[Person]] = {}
    for branch in BRANCHES:
        founded = date(branch.founded, 1, 1)
        latest = branch.dissolved_on - timedelta(days=1) if branch.dissolved_on else None
        teams = sum(
            1 for parent, kind, _name in INNER_UNITS if parent == branch.name and kind == TEAM
        )
        people = []
        for index in range(branch.size):
            gender = Gender.FEMALE if rng.random() < branch.female else Gender.MALE
            chair = index == 0 and branch.chairperson
            if chair:
                gender = _gender_of(branch.chairperson)
            origin = _pick(rng, ORIGINS[branch.upland])
            full_name = _person_name(rng, origin, gender)
            if chair:
                full_name = branch.chairperson
            # Women retire earlier: the oldest working women are born around 1970.
            # Women retire earlier; officers are older hands.
            youngest = 1988 if index < 2 else 2003
            birth_year = rng.randint(1970 if gender == Gender.FEMALE else 1966, youngest)
            date_of_birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
            national_id = _national_id(rng, gender, birth_year, seen_ids)
            phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"
            has_phone = rng.random() < PHONE_SHARE
            card = rng.random() < CARD_SHARE
            recent, when = rng.random(), rng.random()

            start = max(_add_years(date_of_birth, 20), founded, date(1993, 1, 1))
            if recent < RECENT_SHARE and latest is None and index > 1:
                first, last = max(start, year_start), today
            else:
                first, last = start, min(latest or today, year_start - timedelta(days=1))
            admitted_on = _between(when, first, max(first, last))
            admitted_on = min(admitted_on, latest or today, today)
            people.append(
                Person(
                    full_name=full_name,
                    gender=gender,
                    date_of_birth=date_of_birth,
                    national_id=national_id,
                    phone=phone if has_phone else "",
                    admitted_on=admitted_on,
                    card=card or index < 2,
                    serial=len(seen_ids),
                    position=_position(branch, index, teams),
                )
            )
        plan[branch.name] = people
    return plan


def _gender_of(full_name: str) -> str:
    return Gender.FEMALE if " Thị " in f" {full_name} " else Gender.MALE


def _national_id(rng: random.Random, gender: str, birth_year: int, seen: set[str]) -> str:
    """A 12-digit citizen ID number as issued in Điện Biên.

    "011" is the province, then the gender and century digit (0 man / 1 woman born in
    the 1900s, 2 / 3 in the 2000s), two digits of the birth year, six random digits.
    """
    digit = (1 if gender == Gender.FEMALE else 0) + (2 if birth_year >= 2000 else 0)
    while True:
        number = f"011{digit}{birth_year % 100:02d}{rng.randrange(10**6):06d}"
        if number not in seen:
            seen.add(number)
            return number


def _position(branch: Branch, index: int, teams: int) -> str:
    trade = branch.kind == TRADE
    if branch.dissolved_on:
        return ""  # its officers' mandate ended with it
    if index == 0:
        return TRADE_CHAIR if trade else CHAIR
    if index == 1 and branch.size >= 16:
        return TRADE_VICE_CHAIR if trade else VICE_CHAIR
    if 2 <= index < 2 + teams:
        return TEAM_LEADER
    if index == 2 + teams and branch.size >= 30:
        return COMMITTEE
    return ""


# ---------------------------------------------------------------------------------------
# Report texts, by the kind of workplace.

RESULTS = {
    "school": (
        "Phối hợp với nhà trường tổ chức thành công Hội nghị viên chức, người lao động "
        "năm học mới; vận động đoàn viên hưởng ứng phong trào thi đua “Dạy tốt – Học tốt”. "
        "Thăm hỏi, tặng quà {welfare} lượt đoàn viên ốm đau, có hoàn cảnh khó khăn."
    ),
    "health": (
        "Phối hợp tổ chức Hội nghị viên chức, người lao động; phát động phong trào “Cán bộ y "
        "tế tận tụy, trách nhiệm, thân thiện”. Thăm hỏi {welfare} lượt đoàn viên ốm đau, "
        "hoàn cảnh khó khăn."
    ),
    "office": (
        "Tuyên truyền Luật Công đoàn năm 2024 đến toàn thể đoàn viên; phối hợp tổ chức Hội "
        "nghị cán bộ, công chức; thăm hỏi {welfare} lượt đoàn viên."
    ),
    "enterprise": (
        "Tổ chức đối thoại định kỳ tại nơi làm việc; phối hợp với người sử dụng lao động "
        "thực hiện thỏa ước lao động tập thể; tổ chức “Tháng Công nhân” và thăm hỏi {welfare} "
        "lượt đoàn viên có hoàn cảnh khó khăn."
    ),
    "trade": (
        "Duy trì sinh hoạt định kỳ hằng quý; tuyên truyền an toàn giao thông cho đoàn viên; "
        "thăm hỏi {welfare} lượt đoàn viên ốm đau, gặp tai nạn."
    ),
}
DIFFICULTIES = {
    "school": "Đoàn viên công tác ở nhiều điểm trường, đi lại khó khăn vào mùa mưa.",
    "health": "Nhân lực thiếu, đoàn viên trực nhiều nên khó bố trí thời gian sinh hoạt.",
    "office": "Sau sắp xếp bộ máy, một số đoàn viên mới chuyển đến, cần thời gian ổn định.",
    "enterprise": "Đơn hàng giảm, một số người lao động nghỉ việc, biến động đoàn viên lớn.",
    "trade": "Đoàn viên làm việc tự do, khó tập trung sinh hoạt và thu đoàn phí.",
}
PROPOSALS = {
    "school": "Đề nghị công đoàn cấp trên hỗ trợ kinh phí tổ chức Ngày Nhà giáo Việt Nam.",
    "health": "Đề nghị hỗ trợ đoàn viên bị phơi nhiễm, tai nạn nghề nghiệp trong khi làm nhiệm vụ.",
    "office": "Đề nghị tập huấn nghiệp vụ cho cán bộ công đoàn mới được bầu.",
    "enterprise": "Đề nghị Liên đoàn Lao động tỉnh hỗ trợ thương lượng thỏa ước lao động tập thể.",
    "trade": "Đề nghị hỗ trợ đồng phục và mũ bảo hiểm cho đoàn viên nghiệp đoàn.",
}
RETURN_REASON = (
    "Đề nghị bổ sung số cuộc đối thoại tại nơi làm việc trong năm và làm rõ số đoàn viên "
    "được thăm hỏi, hỗ trợ; số nữ đoàn viên chưa khớp với danh sách gửi kèm."
)
CHANGED_EMPLOYEES_NOTE = "Số lao động cập nhật theo danh sách đóng bảo hiểm xã hội tháng 10."


def _workplace(branch: Branch) -> str:
    if branch.kind == TRADE:
        return "trade"
    if "Trường" in branch.name:
        return "school"
    if any(word in branch.name for word in ("Bệnh viện", "Y tế", "bệnh tật")):
        return "health"
    if branch.sector == PUBLIC:
        return "office"
    return "enterprise"


RETURNED_UNIT = "Công đoàn Công ty TNHH Xây dựng Thành Đạt"
# What the open yearly round looks like under canbo.phuong's ward union: the rest of the
# units are drawn. The officer school's own report is left as a draft for canbo.coso.
WARD_ROUND = {
    "Công đoàn Trường Mầm non Hoa Ban": ReportStatus.ACCEPTED,
    "Công đoàn Trường THCS Trần Can": ReportStatus.ACCEPTED,
    "Công đoàn Ủy ban nhân dân phường Điện Biên Phủ": ReportStatus.ACCEPTED,
    "Công đoàn Công ty Cổ phần Xi măng Điện Biên": ReportStatus.SUBMITTED,
    "Công đoàn Công ty Cổ phần Môi trường và Đô thị Điện Biên": ReportStatus.SUBMITTED,
    RETURNED_UNIT: ReportStatus.RETURNED,
    "Công đoàn Công ty Cổ phần Du lịch Him Lam": ReportStatus.SUBMITTED,
}
ELSEWHERE_SUBMITTED = 11
ELSEWHERE_ACCEPTED = 4
CHANGED_EMPLOYEES = "Công đoàn Công ty Cổ phần Xi măng Điện Biên"


# ---------------------------------------------------------------------------------------
# The step.


def seed_members(stdout, *, logins: bool = True, **options) -> None:
    today = timezone.localdate()
    top = Unit.objects.filter(parent=None, name=TOP.name).first()
    if top is not None and not is_demo(top):
        stdout.write(
            f"Skipped the demo union register: a unit that is not demo content is named {TOP.name}."
        )
        return
    actors = _Actors(logins)
    kinds = _seed_kinds()
    plan = plan_people(today)
    units = _seed_units(kinds, plan)
    top = units[(None, TOP.name)]
    branches = {branch.name: units[(branch.parent, branch.name)] for branch in BRANCHES}

    # Admissions up to the end of the first half-year, the merger of the dissolved
    # school, the first round of reports; then the later admissions, moves and leavers,
    # and the yearly round opened on the register as it now stands.
    rounds = _Rounds(today)
    first_half = rounds.first_half_end
    new_members = _admit(plan, branches, lambda person: person.admitted_on <= first_half)
    if new_members:
        _merge_dissolved(branches, actors)
    actors.seed_chairs(branches, plan)
    actors.link(GRASSROOTS_LOGIN, branches[OFFICER_SCHOOL], Officer.Role.CHAIR)
    periods = rounds.seed_first_half(branches, actors)
    later = _admit(plan, branches, lambda person: person.admitted_on > first_half)
    new_members += later
    if new_members:
        _move_and_leave(new_members, branches, actors, rounds, today)
    periods += rounds.seed_year(branches, actors)
    actors.link(UPPER_LOGIN, units[(TOP.name, DIEN_BIEN_PHU)], Officer.Role.OFFICER)

    remember_all(Member, [member.pk for member in new_members])
    remember_all(
        MembershipEvent,
        MembershipEvent.objects.filter(member__in=new_members).values_list("pk", flat=True),
    )
    _summary(stdout, top, kinds, len(new_members), periods, rounds)


def _seed_kinds() -> dict[str, UnitKind]:
    kinds = {}
    for order, (name, grassroots) in enumerate(KINDS, start=1):
        kind, created = UnitKind.objects.get_or_create(
            name=name, defaults={"is_grassroots": grassroots, "order": order}
        )
        if created:
            remember(kind)
        kinds[name] = kind
    return kinds


def _seed_units(kinds, plan) -> dict[tuple[str | None, str], Unit]:
    """Every unit of the demo tree, keyed by (parent name, name); missing ones are made."""
    rng = random.Random("members.seed:units")
    found: dict[tuple[str | None, str], Unit] = {}
    top = Unit.objects.filter(parent=None, name=TOP.name).first()
    existing = {}
    if top is not None:
        for unit in Unit.objects.subtree(top).select_related("parent"):
            existing[(unit.parent.name if unit.parent_id else None, unit.name)] = unit

    def make(parent: Unit | None, values: dict) -> Unit:
        key = (parent.name if parent else None, values["name"])
        unit = existing.get(key)
        if unit is None:
            unit = services.save_unit(unit=Unit(parent=parent, province=PROVINCE, **values))
            remember(unit)
        found[key] = unit
        return unit

    def upper(spec: UpperUnit, parent: Unit | None) -> Unit:
        return make(
            parent,
            {
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": kinds[spec.kind],
                "commune": spec.commune,
                "address": f"{spec.address}, tỉnh {PROVINCE}",
                "phone": spec.phone,
                "email": spec.email,
                "chairperson": spec.chairperson,
                "founded_on": spec.founded_on,
            },
        )

    top = upper(TOP, None)
    parents = {TOP.name: top}
    for spec in SECOND_LEVEL:
        parents[spec.name] = upper(spec, top)
    # Merged units go last: the union they merged into must exist first.
    for branch in sorted(BRANCHES, key=lambda branch: bool(branch.merged_into)):
        parent = parents[branch.parent]
        planned = len(plan[branch.name]) + sum(
            len(plan[other.name]) for other in BRANCHES if other.merged_into == branch.name
        )
        employees = None
        if branch.kind != TRADE:
            employees = math.ceil(planned / COVERAGE[branch.sector]) + 2 + rng.randrange(4)
        street, number, landline = rng.choice(STREETS), rng.randint(2, 240), rng.randrange(10**6)
        address = (
            f"Số {number}, đường {street}, {branch.commune}"
            if branch.commune in (DBP, MT)
            else f"Tổ dân phố {number % 12 + 1}, {branch.commune}"
        )
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        make(
            parent,
            {
                "name": branch.name,
                "kind": kinds[branch.kind],
                "sector": branch.sector,
                "employer": branch.employer_name,
                "employees": employees,
                "commune": branch.commune,
                "address": f"{address}, tỉnh {PROVINCE}",
                "phone": f"0215 3{landline // 1000:03d} {landline % 1000:03d}",
                "chairperson": branch.chairperson or plan[branch.name][0].full_name,
                "founded_on": date(branch.founded, month, day),
                "dissolved_on": branch.dissolved_on,
                "merged_into": (
                    found[(branch.parent, branch.merged_into)] if branch.merged_into else None
                ),
            },
        )
    grassroots = {branch.name: found[(branch.parent, branch.name)] for branch in BRANCHES}
    for parent_name, kind, name in INNER_UNITS:
        make(grassroots[parent_name], {"name": name, "kind": kinds[kind]})
    return found


def _admit(plan, branches, wanted) -> list[Member]:
    """Bulk-admit the planned people `wanted` picks that are not in the register yet."""
    people = [
        (branch, person) for branch in BRANCHES for person in plan[branch.name] if wanted(person)
    ]
    taken_ids = _existing("national_id", [person.national_id for _branch, person in people])
    people = [(branch, person) for branch, person in people if person.national_id not in taken_ids]
    cards = {
        person.national_id: f"DB-{person.admitted_on.year}-{person.serial:06d}"
        for _branch, person in people
        if person.card
    }
    taken_cards = _existing("card_number", list(cards.values()))
    members = []
    for branch, person in people:
        card = cards.get(person.national_id)
        member = Member(
            full_name=person.full_name,
            gender=person.gender,
            date_of_birth=person.date_of_birth,
            national_id=person.national_id,
            phone=person.phone,
            unit=branches[branch.name],
            card_number=card if card and card not in taken_cards else None,
            admitted_on=person.admitted_on,
            position=person.position,
            status=MemberStatus.ACTIVE,
        )
        member.normalise()  # the search and sort columns, as every save fills them
        members.append(member)
    if not members:
        return []
    members = bulk_create_with_history(members, Member, batch_size=500)
    events = []
    for member in members:
        events.append(
            MembershipEvent(
                member=member,
                kind=MembershipEvent.Kind.ADMITTED,
                happened_on=member.admitted_on,
                unit=member.unit,
            )
        )
        if member.card_number:
            events.append(
                MembershipEvent(
                    member=member,
                    kind=MembershipEvent.Kind.CARD_ISSUED,
                    happened_on=member.admitted_on,
                    unit=member.unit,
                    note=member.card_number,
                )
            )
    MembershipEvent.objects.bulk_create(events, batch_size=500)
    return members


def _existing(field: str, values: list[str]) -> set[str]:
    """Which of `values` the register already holds in `field` (in chunks, for SQLite)."""
    found = set()
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        found.update(Member.objects.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    return found


def _merge_dissolved(branches, actors) -> None:
    """The dissolved school's members follow it into the school it merged into."""
    for branch in BRANCHES:
        if not branch.merged_into:
            continue
        into = branches[branch.merged_into]
        for member in Member.objects.active().filter(unit=branches[branch.name]):
            services.transfer_member(
                member=member,
                to_unit=into,
                on=branch.dissolved_on,
                user=actors.staff,
                note=f"Sáp nhập trường theo quyết định của Ủy ban nhân dân {branch.commune}",
            )


def _move_and_leave(new_members, branches, actors, rounds, today) -> None:
    """A few teachers change schools and a few members leave, in the second half-year."""
    rng = random.Random("members.seed:moves")
    since = rounds.first_half_end + timedelta(days=1)
    schools = [
        branches[branch.name]
        for branch in BRANCHES
        if "Trường" in branch.name and not branch.dissolved_on
    ]
    school_ids = {school.pk for school in schools}
    candidates = sorted(
        (
            member
            for member in new_members
            if not member.position and member.admitted_on < since and member.unit_id in school_ids
        ),
        key=lambda member: member.pk,
    )
    moved = set()
    targets = rng.sample(schools, TEACHER_MOVES * 2)
    for member in rng.sample(candidates, TEACHER_MOVES):
        to_unit = next(school for school in targets if school.pk != member.unit_id)
        targets.remove(to_unit)
        on = _between(rng.random(), date(since.year, 8, 15), date(since.year, 9, 5))
        services.transfer_member(
            member=member,
            to_unit=to_unit,
            on=min(on, today),
            user=actors.staff,
            note=f"Điều động giáo viên năm học {since.year}–{since.year + 1}",
        )
        moved.add(member.pk)
    for reason, sectors, born_before in LEAVERS:
        choices = [
            member
            for member in sorted(new_members, key=lambda member: member.pk)
            if member.pk not in moved
            and not member.position
            and member.admitted_on < since
            and member.unit.sector in sectors
            and (born_before is None or member.date_of_birth.year < born_before)
        ]
        member = rng.choice(choices)
        moved.add(member.pk)
        services.mark_left(
            member=member, on=_between(rng.random(), since, today), reason=reason, user=actors.staff
        )


class _Actors:
    """Who the register's rules see acting: the demo logins, or no one without them.

    Besides the two officer logins, the chair of every other grassroots union has an
    account (no password: it is not for logging in) so that each unit's report is
    submitted by its own officer, reviewed by someone else, and reminders have someone
    to go to. One chair gave no email address: the one whose report is returned, so that
    loading the demo sends no mail. Without demo logins there are no accounts and the
    states are written directly.
    """

    def __init__(self, logins: bool):
        self.logins = logins
        self.staff = self.user(ADMINISTRATOR)
        self.chairs: dict[str, object] = {}  # grassroots union name → its chair's account

    def seed_chairs(self, branches: dict[str, Unit], plan) -> None:
        """The chairs' accounts, linked to their unions."""
        if not self.logins:
            return
        User = get_user_model()
        wanted = {}
        for branch in BRANCHES:
            if branch.dissolved_on or branch.name == OFFICER_SCHOOL:
                continue
            username = "cs." + slugify_vi(branch.name.removeprefix("Công đoàn "), 60)
            wanted[username] = branch
        found = {user.username: user for user in User.objects.filter(username__in=wanted)}
        real = {name for name, user in found.items() if not is_demo(user)}
        new = []
        for username, branch in wanted.items():
            if username in found:
                continue
            chair = branch.chairperson or plan[branch.name][0].full_name
            first, _space, last = chair.rpartition(" ")
            new.append(
                User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=""
                    if branch.name == RETURNED_UNIT
                    else f"{username}@congdoan-dienbien.example.vn",
                    password=make_password(None),
                )
            )
        if new:
            User.objects.bulk_create(new)
            created = User.objects.filter(username__in=[user.username for user in new])
            remember_all(User, created.values_list("pk", flat=True))
            found.update({user.username: user for user in created})
        chairs = {wanted[name].name: user for name, user in found.items() if name not in real}
        self.chairs.update(chairs)
        linked = [
            Officer(user=user, unit=branches[name], role=Officer.Role.CHAIR)
            for name, user in chairs.items()
        ]
        have = set(
            Officer.objects.filter(user__in=[officer.user for officer in linked]).values_list(
                "user_id", "unit_id"
            )
        )
        linked = [officer for officer in linked if (officer.user_id, officer.unit_id) not in have]
        if linked:
            Officer.objects.bulk_create(linked)
            remember_all(
                Officer,
                Officer.objects.filter(user__in=[officer.user for officer in linked]).values_list(
                    "pk", flat=True
                ),
            )

    def submitter(self, branch: Branch):
        """The union's own officer; the federation's staff enter a report sent on paper."""
        if branch.name == OFFICER_SCHOOL:
            return self.user(GRASSROOTS_LOGIN) or self.staff
        return self.chairs.get(branch.name) or self.staff

    def user(self, username: str):
        """A demo login of the federation step, never a real account that has the name."""
        if not self.logins:
            return None
        user = get_user_model().objects.filter(username=username).first()
        return user if user is not None and is_demo(user) else None

    def link(self, username: str, unit: Unit, role: str):
        user = self.user(username)
        if user is None:
            return None
        officer, created = Officer.objects.get_or_create(
            user=user, unit=unit, defaults={"role": role}
        )
        if created:
            remember(officer)
        return user


class _Rounds:
    """The two reporting rounds: the first half-year (closed) and the year (open)."""

    def __init__(self, today: date):
        self.today = today
        self.now = timezone.now()
        # The latest year whose first half-year round is over.
        self.year = today.year if today >= date(today.year, 7, 16) else today.year - 1
        self.first_half_end = date(self.year, 6, 30)
        self.rng = random.Random("members.seed:reports")

    def seed_first_half(self, branches, actors) -> list[ReportPeriod]:
        name = f"Báo cáo 6 tháng đầu năm {self.year}"
        if ReportPeriod.objects.filter(name=name).exists():
            return []
        period = ReportPeriod(
            name=name,
            kind=ReportPeriod.Kind.HALF_YEAR,
            starts_on=date(self.year, 1, 1),
            ends_on=self.first_half_end,
            deadline=date(self.year, 7, 15),
        )
        services.open_period(period=period)
        opened = self._at(date(self.year, 6, 20), 8)
        for report, branch in self._reports(period, branches):
            submitted = self._at(
                _between(self.rng.random(), date(self.year, 7, 1), date(self.year, 7, 14)),
                self.rng.randint(7, 16),
            )
            reviewed = self._office_time(
                submitted + timedelta(days=1), submitted + timedelta(days=5)
            )
            submitter = actors.submitter(branch)
            self._fill(report, branch, half=True)
            report = self._submit(report, submitter)
            self._review(report, actors.staff)
            Report.objects.filter(pk=report.pk).update(submitted_at=submitted, reviewed_at=reviewed)
        ReportPeriod.objects.filter(pk=period.pk).update(is_open=False, opened_at=opened)
        remember(period)
        remember_all(Report, period.reports.values_list("pk", flat=True))
        return [period]

    def seed_year(self, branches, actors) -> list[ReportPeriod]:
        name = f"Báo cáo năm {self.year}"
        if ReportPeriod.objects.filter(name=name).exists():
            return []
        period = ReportPeriod(
            name=name,
            kind=ReportPeriod.Kind.YEAR,
            starts_on=date(self.year, 1, 1),
            ends_on=date(self.year, 11, 30),
            deadline=date(self.year, 12, 15),
        )
        services.open_period(period=period)
        opened = min(self._at(date(self.year, 11, 10), 8), self.now - timedelta(days=10))
        ReportPeriod.objects.filter(pk=period.pk).update(opened_at=opened)

        reports = list(self._reports(period, branches))
        ward = [item for item in reports if item[1].parent == DIEN_BIEN_PHU]
        others = [item for item in reports if item[1].parent != DIEN_BIEN_PHU]
        chosen = dict(WARD_ROUND)
        drawn = self.rng.sample(others, ELSEWHERE_SUBMITTED)
        for index, (_report, branch) in enumerate(drawn):
            accepted = index < ELSEWHERE_ACCEPTED
            chosen[branch.name] = ReportStatus.ACCEPTED if accepted else ReportStatus.SUBMITTED

        # Submissions first, while no officer sits above them (no mail is sent).
        submitted = []
        for report, branch in ward + others:
            status = chosen.get(branch.name)
            if status is None:
                continue
            self._fill(report, branch, half=False)
            report = self._submit(report, actors.submitter(branch))
            when = self._office_time(opened, opened + (self.now - opened) * 0.8)
            submitted.append((report, branch, status, when))
        reviewer = actors.link(UPPER_LOGIN, branches[OFFICER_SCHOOL].parent, Officer.Role.OFFICER)
        for report, branch, status, when in submitted:
            reviewed = None
            if status != ReportStatus.SUBMITTED:
                acting = reviewer if branch.parent == DIEN_BIEN_PHU else actors.staff
                reason = RETURN_REASON if status == ReportStatus.RETURNED else ""
                self._review(report, acting, reason=reason)
                reviewed = self._office_time(when + timedelta(hours=2), self.now)
            Report.objects.filter(pk=report.pk).update(submitted_at=when, reviewed_at=reviewed)
        remember(period)
        remember_all(Report, period.reports.values_list("pk", flat=True))
        return [period]

    def _reports(self, period, branches):
        """The period's reports of the demo's grassroots unions, with their specs."""
        by_unit = {branches[branch.name].pk: branch for branch in BRANCHES}
        for report in period.reports.select_related("unit__kind", "unit__parent"):
            if report.unit_id in by_unit:
                yield report, by_unit[report.unit_id]

    def _fill(self, report: Report, branch: Branch, *, half: bool) -> None:
        rng, place = self.rng, _workplace(branch)
        total = report.total_members
        welfare = max(1, round(total * rng.uniform(0.08, 0.3)))
        report.welfare_members = welfare
        report.welfare_amount = welfare * rng.choice((300_000, 500_000, 800_000, 1_000_000))
        report.dialogues_held = 0 if half and rng.random() < 0.5 else rng.randint(1, 2)
        enterprise = place == "enterprise"
        report.collective_agreement = enterprise or (place != "trade" and rng.random() < 0.3)
        report.emulation_registered = rng.random() < 0.92
        report.results = RESULTS[place].format(welfare=welfare)
        report.difficulties = DIFFICULTIES[place]
        report.proposals = PROPOSALS[place]
        if not half and branch.name == CHANGED_EMPLOYEES and report.employees:
            report.employees += 6
            report.change_note = CHANGED_EMPLOYEES_NOTE

    def _submit(self, report: Report, user) -> Report:
        if user is not None:
            return services.submit_report(report=report, user=user)
        report.full_clean()
        report.status = ReportStatus.SUBMITTED
        report.save()
        return report

    def _review(self, report: Report, user, *, reason: str = "") -> None:
        # No one reviews a report they submitted themselves.
        if user is not None and user.pk != report.submitted_by_id:
            if reason:
                services.return_report(report=report, user=user, reason=reason)
            else:
                services.accept_report(report=report, user=user)
            return
        report.status = ReportStatus.RETURNED if reason else ReportStatus.ACCEPTED
        report.return_reason = reason
        report.save(update_fields=["status", "return_reason", "updated_at"])

    def _office_time(self, first: datetime, last: datetime) -> datetime:
        """A moment in office hours between `first` and `last`, never after now."""
        last = min(last, self.now)
        start = timezone.localtime(first).date()
        days = max(0, (timezone.localtime(last).date() - start).days)
        moment = self._at(
            start + timedelta(days=self.rng.randint(0, days)), self.rng.randint(7, 16)
        )
        return min(max(moment, first), last)

    def _at(self, day: date, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, self.rng.randrange(60))))


def _summary(stdout, top: Unit, kinds, new_members: int, periods, rounds) -> None:
    units = Unit.objects.subtree(top)
    grassroots = units.grassroots()
    members = Member.objects.filter(unit__in=grassroots)
    by_status = dict(members.values_list("status").annotate(n=Count("pk")))
    year = ReportPeriod.objects.filter(name=f"Báo cáo năm {rounds.year}").first()
    reports = dict(year.reports.values_list("status").annotate(n=Count("pk"))) if year else {}
    stdout.write(
        f"Union register: {len(kinds)} kinds of unit, {units.count()} units "
        f"({grassroots.count()} grassroots unions, {units.exclude(dissolved_on=None).count()} "
        f"dissolved), {sum(by_status.values())} members ({new_members} new; "
        f"{by_status.get(MemberStatus.ACTIVE, 0)} active, "
        f"{by_status.get(MemberStatus.LEFT, 0)} left), "
        f"{Officer.objects.filter(unit__in=units).count()} officers, "
        f"{len(periods)} new reporting periods"
        + (
            f"; {year.name}: {reports.get(ReportStatus.SUBMITTED, 0)} submitted, "
            f"{reports.get(ReportStatus.ACCEPTED, 0)} accepted, "
            f"{reports.get(ReportStatus.RETURNED, 0)} returned, "
            f"{reports.get(ReportStatus.DRAFT, 0)} drafts."
            if year
            else "."
        )
    )
