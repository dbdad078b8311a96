"""Welfare test data: a small tree, its members and officers, programmes and loan terms.

    LĐLĐ tỉnh Điện Biên                                   province   [1]
    ├── Công đoàn phường Mường Thanh                      ward       [2]
    │   ├── CĐCS Trường THPT Phan Đình Giót               school     [3]
    │   └── CĐCS Công ty CP Xây dựng Mường Thanh          builder    [3]
    └── Công đoàn xã Thanh Nưa                            commune    [2]
        └── CĐCS Trạm Y tế xã Thanh Nưa                   clinic     [3]

Everything is made through the services, as staff and officers would.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from federation import roles
from members.models import Gender, Sector, Unit
from tests.factories import make_staff
from tests.members.factories import make_kinds, make_member, make_officer, make_unit
from welfare import services
from welfare.models import (
    Behaviour,
    FundingSource,
    Grant,
    LoanTerms,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    StandardAmount,
)

__all__ = ["make_member", "make_officer"]


def today() -> date:
    return timezone.localdate()


@dataclass
class Tree:
    province: Unit
    ward: Unit
    commune: Unit
    school: Unit
    builder: Unit
    clinic: Unit


def make_tree() -> Tree:
    kinds = make_kinds()
    province = make_unit("Liên đoàn Lao động tỉnh Điện Biên", kinds["province"])
    ward = make_unit("Công đoàn phường Mường Thanh", kinds["commune"], province)
    commune = make_unit("Công đoàn xã Thanh Nưa", kinds["commune"], province)
    school = make_unit(
        "Công đoàn cơ sở Trường THPT Phan Đình Giót",
        kinds["grassroots"],
        ward,
        sector=Sector.PUBLIC,
    )
    builder = make_unit(
        "Công đoàn cơ sở Công ty Cổ phần Xây dựng Mường Thanh",
        kinds["grassroots"],
        ward,
        sector=Sector.NON_STATE,
    )
    clinic = make_unit(
        "Công đoàn cơ sở Trạm Y tế xã Thanh Nưa", kinds["grassroots"], commune, sector=Sector.PUBLIC
    )
    return Tree(province, ward, commune, school, builder, clinic)


def make_welfare_officer(username: str = "hoang.thi.lan"):
    """Federation staff in the "Cán bộ phúc lợi" role."""
    return make_staff(username, roles.WELFARE_OFFICER, first_name="Hoàng Thị", last_name="Lan")


KINDS = {
    # key: (name, behaviour, order)
    "tet": ("Quà Tết Sum vầy", Behaviour.GIFT, 1),
    "housing": ("Mái ấm Công đoàn", Behaviour.HOUSING, 2),
    "scholarship": ("Học bổng cho con đoàn viên", Behaviour.SCHOLARSHIP, 3),
    "loan": ("Cho vay Quỹ quốc gia về việc làm", Behaviour.LOAN, 4),
}


def make_kind(key: str) -> ProgrammeKind:
    name, behaviour, order = KINDS[key]
    return ProgrammeKind.objects.get_or_create(
        slug=key, defaults={"name": name, "behaviour": behaviour, "order": order}
    )[0]


def make_programme(
    unit: Unit,
    *,
    kind: str = "tet",
    name: str | None = None,
    budget: int | None = 100_000_000,
    user=None,
    **fields,
) -> Programme:
    """An open programme run by `unit` with a budget from union finances."""
    year = fields.pop("year", today().year)
    programme = Programme(
        name=name or f"{KINDS[kind][0]} năm {year}",
        kind=make_kind(kind),
        unit=unit,
        year=year,
        starts_on=fields.pop("starts_on", date(year, 1, 1)),
        ends_on=fields.pop("ends_on", date(year, 12, 31)),
        status=fields.pop("status", ProgrammeStatus.OPEN),
        **fields,
    )
    services.save_programme(programme=programme, user=user or make_staff_admin())
    if budget is not None:
        FundingSource.objects.create(
            programme=programme, kind=FundingSource.Kind.UNION_FINANCES, pledged=budget
        )
    return programme


def add_standard(programme: Programme, label: str, amount: int) -> StandardAmount:
    return StandardAmount.objects.create(programme=programme, label=label, amount=amount)


def make_staff_admin():
    """A superuser who sets programmes up (the tests of rights use real roles)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="quantri.test").first()
    if user is None:
        user = get_user_model().objects.create_superuser(
            "quantri.test", "quantri@example.vn", "Mật-khẩu-đủ-dài-2026"
        )
    return user


def grant_for(programme: Programme, unit: Unit, member=None, **fields) -> Grant:
    """An unsaved proposal of a gift of 1.000.000 đồng."""
    fields.setdefault("cash_amount", 1_000_000)
    fields.setdefault("circumstances", "Hoàn cảnh khó khăn, chồng ốm dài ngày, hai con nhỏ.")
    return Grant(programme=programme, unit=unit, member=member, **fields)


def propose(programme, unit, member=None, *, user, **fields) -> Grant:
    return services.propose_grant(grant=grant_for(programme, unit, member, **fields), user=user)


def make_terms(valid_from: date, *, ceiling=100_000_000, rate="0.550", months=120, **fields):
    return LoanTerms.objects.create(
        valid_from=valid_from,
        ceiling=ceiling,
        monthly_rate=Decimal(rate),
        max_term_months=months,
        **fields,
    )


def person(unit, name, *, national_id, gender=Gender.FEMALE, email=""):
    return make_member(unit, name, gender=gender, national_id=national_id, email=email)
