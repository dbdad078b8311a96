"""Register test data: a provincial federation's tree, members, officers and periods.

Everything is built through members.services, as staff and officers do, so paths,
events, search names and prefilled report figures are the real ones.

The tree (depth in brackets):

    LĐLĐ tỉnh Điện Biên                                    province      [1]
    ├── Công đoàn phường Mường Thanh                       ward          [2]
    │   ├── CĐCS Trường THPT Phan Đình Giót                public        [3]
    │   │   └── Công đoàn bộ phận Tổ Toán – Tin            section       [4]
    │   │       └── Tổ công đoàn Giáo viên Toán            group         [5]
    │   └── CĐCS Công ty CP Xây dựng Mường Thanh           non-state     [3]
    ├── Công đoàn xã Thanh Nưa                             commune       [2]
    │   ├── CĐCS Trạm Y tế xã Thanh Nưa                    public        [3]
    │   ├── CĐCS Công ty TNHH May Hòa Phong Việt Nam       foreign       [3]
    │   └── CĐCS Hợp tác xã Vận tải Thanh Nưa (dissolved)  non-state     [3]
    └── CĐCS Công ty Điện lực Điện Biên                    state         [2]
"""

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from federation import roles
from members import services
from members.models import (
    Gender,
    Member,
    Officer,
    ReportPeriod,
    Sector,
    Unit,
    UnitKind,
)
from tests.factories import make_staff, make_user

# ---------------------------------------------------------------------------------------
# Dates


def today() -> date:
    return timezone.localdate()


def this_year_start() -> date:
    """1 January of this year: never in the future, always "admitted this year"."""
    return date(today().year, 1, 1)


def last_year(month: int = 6, day: int = 15) -> date:
    return date(today().year - 1, month, day)


# ---------------------------------------------------------------------------------------
# The tree

KINDS = {
    # key: (name, grassroots, order)
    "province": ("Liên đoàn Lao động tỉnh", False, 1),
    "commune": ("Công đoàn xã, phường", False, 2),
    "grassroots": ("Công đoàn cơ sở", True, 3),
    "trade": ("Nghiệp đoàn", True, 4),
    "section": ("Công đoàn bộ phận", False, 5),
    "group": ("Tổ công đoàn", False, 6),
}


def make_kinds() -> dict[str, UnitKind]:
    return {
        key: UnitKind.objects.get_or_create(
            name=name, defaults={"is_grassroots": grassroots, "order": order}
        )[0]
        for key, (name, grassroots, order) in KINDS.items()
    }


def make_unit(name: str, kind: UnitKind, parent: Unit | None = None, **fields) -> Unit:
    """A unit saved the way the admin saves it (services.save_unit gives it its path)."""
    unit = Unit(name=name, kind=kind, parent=parent, province="Điện Biên", **fields)
    return services.save_unit(unit=unit)


@dataclass
class Tree:
    kinds: dict
    province: Unit
    ward: Unit  # Công đoàn phường Mường Thanh
    commune: Unit  # Công đoàn xã Thanh Nưa
    school: Unit  # grassroots, public sector, under the ward
    section: Unit  # công đoàn bộ phận inside the school's union
    group: Unit  # tổ công đoàn inside the section (depth 5)
    builder: Unit  # grassroots, non-state, under the ward
    clinic: Unit  # grassroots, public sector, under the commune
    garment: Unit  # grassroots, foreign-invested, under the commune
    cooperative: Unit  # grassroots, dissolved last year, under the commune
    power: Unit  # grassroots, state-owned, directly under the province

    @property
    def grassroots(self) -> list[Unit]:
        return [self.school, self.builder, self.clinic, self.garment, self.cooperative, self.power]

    @property
    def existing_grassroots(self) -> list[Unit]:
        return [unit for unit in self.grassroots if unit is not self.cooperative]

    def refresh(self) -> None:
        for unit in vars(self).values():
            if isinstance(unit, Unit):
                unit.refresh_from_db()


def make_tree() -> Tree:
    kinds = make_kinds()
    province = make_unit(
        "Liên đoàn Lao động tỉnh Điện Biên",
        kinds["province"],
        short_name="LĐLĐ tỉnh Điện Biên",
        address="Số 2, đường Võ Nguyên Giáp, phường Mường Thanh, tỉnh Điện Biên",
    )
    ward = make_unit(
        "Công đoàn phường Mường Thanh", kinds["commune"], province, commune="Mường Thanh"
    )
    commune = make_unit("Công đoàn xã Thanh Nưa", kinds["commune"], province, commune="Thanh Nưa")
    school = make_unit(
        "Công đoàn cơ sở Trường THPT Phan Đình Giót",
        kinds["grassroots"],
        ward,
        sector=Sector.PUBLIC,
        employer="Trường THPT Phan Đình Giót",
        employees=86,
        chairperson="Lò Văn Thắng",
    )
    section = make_unit("Công đoàn bộ phận Tổ Toán – Tin", kinds["section"], school)
    group = make_unit("Tổ công đoàn Giáo viên Toán", kinds["group"], section)
    builder = make_unit(
        "Công đoàn cơ sở Công ty Cổ phần Xây dựng Mường Thanh",
        kinds["grassroots"],
        ward,
        sector=Sector.NON_STATE,
        employer="Công ty Cổ phần Xây dựng Mường Thanh",
        employees=140,
    )
    clinic = make_unit(
        "Công đoàn cơ sở Trạm Y tế xã Thanh Nưa",
        kinds["grassroots"],
        commune,
        sector=Sector.PUBLIC,
        employer="Trạm Y tế xã Thanh Nưa",
        employees=18,
    )
    garment = make_unit(
        "Công đoàn cơ sở Công ty TNHH May mặc Hòa Phong Việt Nam",
        kinds["grassroots"],
        commune,
        sector=Sector.FOREIGN,
        employer="Công ty TNHH May mặc Hòa Phong Việt Nam",
        employees=620,
    )
    cooperative = make_unit(
        "Công đoàn cơ sở Hợp tác xã Vận tải Thanh Nưa",
        kinds["grassroots"],
        commune,
        sector=Sector.NON_STATE,
        founded_on=date(2009, 3, 26),
        dissolved_on=last_year(9, 30),
    )
    power = make_unit(
        "Công đoàn Công ty Điện lực Điện Biên",
        kinds["grassroots"],
        province,
        sector=Sector.STATE,
        employer="Công ty Điện lực Điện Biên",
        employees=410,
    )
    return Tree(
        kinds=kinds,
        province=province,
        ward=ward,
        commune=commune,
        school=school,
        section=section,
        group=group,
        builder=builder,
        clinic=clinic,
        garment=garment,
        cooperative=cooperative,
        power=power,
    )


# ---------------------------------------------------------------------------------------
# Members

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Lò", "Quàng", "Lường", "Cà", "Điêu"]
MALE_GIVEN = ["Văn Thắng", "Đức Anh", "Văn Dũng", "Minh Tuấn", "Văn Hải", "Quang Huy", "Văn Ơn"]
FEMALE_GIVEN = ["Thị Hương", "Thị Mai", "Thu Trang", "Thị Ánh", "Hồng Nhung", "Thị Xuân", "Thị Én"]

_serials = itertools.count(100_001)


def national_id(born: date, gender: str, *, province: str = "011", serial: int | None = None):
    """A CCCD number as issued: province code, century-and-gender digit, year, serial.

    011 is Điện Biên; the fourth digit is 0/1 for men/women born in the 1900s and 2/3
    for those born from 2000.
    """
    century = 0 if born.year < 2000 else 2
    digit = century + (1 if gender == Gender.FEMALE else 0)
    serial = next(_serials) if serial is None else serial
    return f"{province}{digit}{born.year % 100:02d}{serial % 1_000_000:06d}"


def card_number(number: int) -> str:
    return f"ĐB{number:08d}"


def member_data(
    unit: Unit,
    full_name: str,
    *,
    gender: str = Gender.FEMALE,
    born: date = date(1990, 5, 12),
    admitted_on: date | None = None,
    **fields,
) -> Member:
    """An unsaved member, as the admission form fills one in."""
    fields.setdefault("national_id", national_id(born, gender))
    fields.setdefault("phone", "0912345678")
    return Member(
        unit=unit,
        full_name=full_name,
        gender=gender,
        date_of_birth=born,
        admitted_on=admitted_on or last_year(),
        **fields,
    )


def make_member(unit: Unit, full_name: str, *, user=None, **fields) -> Member:
    """A member admitted through services.admit_member (their events written)."""
    return services.admit_member(member=member_data(unit, full_name, **fields), user=user)


def vietnamese_name(index: int) -> tuple[str, str]:
    """(full name, gender) for the index-th made-up person: varied and stable."""
    gender = Gender.FEMALE if index % 2 == 0 else Gender.MALE
    given = FEMALE_GIVEN if gender == Gender.FEMALE else MALE_GIVEN
    family = FAMILY[index % len(FAMILY)]
    return f"{family} {given[(index // 2) % len(given)]}", gender


def make_many_members(unit: Unit, count: int, *, start: int = 0) -> list[Member]:
    """`count` members of `unit`; every other one a woman, every third admitted this year."""
    members = []
    for index in range(start, start + count):
        name, gender = vietnamese_name(index)
        born = date(1975 + index % 25, 1 + index % 12, 1 + index % 28)
        members.append(
            make_member(
                unit,
                name,
                gender=gender,
                born=born,
                admitted_on=this_year_start() if index % 3 == 0 else last_year(),
                card_number=card_number(500_000 + index),
            )
        )
    return members


# ---------------------------------------------------------------------------------------
# People


def make_officer(
    username: str,
    unit: Unit,
    *,
    role: str = Officer.Role.OFFICER,
    email: str | None = None,
    first_name: str = "Lường Thị",
    last_name: str = "Én",
):
    """A branch officer: an account (not staff) linked to `unit` with a role."""
    user = make_user(
        username,
        staff=False,
        email=email if email is not None else f"{username}@congdoan-dienbien.example.vn",
        first_name=first_name,
        last_name=last_name,
    )
    Officer.objects.create(user=user, unit=unit, role=role)
    return user


def make_organisation_officer(username: str = "vu.thi.thu"):
    """Federation staff in the "Cán bộ tổ chức" role: keeps the register, runs the rounds."""
    return make_staff(username, roles.ORGANISATION_OFFICER, first_name="Vũ Thị", last_name="Thu")


def fresh(user):
    """The same account as a new request would load it (no cached officer units)."""
    return type(user).objects.get(pk=user.pk)


# ---------------------------------------------------------------------------------------
# Reporting periods


def period_data(name: str | None = None, **fields) -> ReportPeriod:
    """This year's yearly reporting round (not yet saved)."""
    year = today().year
    fields.setdefault("kind", ReportPeriod.Kind.YEAR)
    fields.setdefault("starts_on", date(year, 1, 1))
    fields.setdefault("ends_on", date(year, 12, 31))
    fields.setdefault("deadline", date(year, 12, 31) + timedelta(days=15))
    return ReportPeriod(name=name or f"Báo cáo công tác công đoàn năm {year}", **fields)


def open_period(name: str | None = None, **fields) -> ReportPeriod:
    period = period_data(name, **fields)
    services.open_period(period=period)
    return period


@dataclass
class Register:
    """Members across the tree, with figures known in advance (see make_register)."""

    huong: Member  # school, woman, admitted this year
    on: Member  # school, man
    en: Member  # school, woman, left today
    dung: Member  # builder, man, admitted this year
    mai: Member  # builder, woman
    trang: Member  # clinic, woman
    anh: Member  # garment, woman, admitted this year
    nhung: Member  # garment, woman
    hai: Member  # garment, man
    huy: Member  # power company (depth 2), man, admitted this year


def make_register(tree: Tree, *, user=None) -> Register:
    """Ten members in five grassroots unions, one of whom left today.

    Active members, women, admitted this year:
      ward (school + builder)     4, 2, 2
      commune (clinic + garment)  4, 3, 1
      power company               1, 0, 1
      province                    9, 5, 4
    """
    male = Gender.MALE
    this_year = this_year_start()
    register = Register(
        huong=make_member(
            tree.school,
            "Lò Thị Hương",
            born=date(1994, 8, 3),
            admitted_on=this_year,
            card_number=card_number(1),
            national_id="011194007890",
            phone="0915246810",
            user=user,
        ),
        on=make_member(tree.school, "Quàng Văn Ơn", gender=male, born=date(1982, 2, 17)),
        en=make_member(tree.school, "Cà Thị Én", born=date(1979, 11, 30)),
        dung=make_member(
            tree.builder,
            "Nguyễn Văn Dũng",
            gender=male,
            born=date(1998, 4, 9),
            admitted_on=this_year,
        ),
        mai=make_member(tree.builder, "Trần Thị Mai", born=date(1987, 6, 21)),
        trang=make_member(tree.clinic, "Phạm Thu Trang", born=date(1991, 1, 5)),
        anh=make_member(
            tree.garment, "Hoàng Thị Ánh", born=date(2001, 10, 2), admitted_on=this_year
        ),
        nhung=make_member(tree.garment, "Vũ Hồng Nhung", born=date(1996, 3, 14)),
        hai=make_member(tree.garment, "Điêu Văn Hải", gender=male, born=date(1989, 7, 7)),
        huy=make_member(
            tree.power, "Lê Quang Huy", gender=male, born=date(1993, 12, 25), admitted_on=this_year
        ),
    )
    register.en = services.mark_left(
        member=register.en, on=today(), reason="Nghỉ hưu theo chế độ", user=user
    )
    return register
