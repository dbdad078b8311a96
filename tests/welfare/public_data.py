"""Data of the public welfare pages' tests: programmes with grants at every status, a
housing programme with houses at each step and their photos, partners' offers."""

from datetime import timedelta

from tests.files import jpeg_upload, pdf_bytes, png_bytes, upload
from tests.welfare.factories import (
    add_standard,
    grant_for,
    make_programme,
    person,
    propose,
    today,
)
from welfare import services
from welfare.models import FundingSource, HousingAid, HousingPhoto, Partner

GIVEN_NAMES = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Minh", "Nga"]

# What must never reach a public page.
CIRCUMSTANCES = "Chồng ốm dài ngày, hai con nhỏ, nhà dột nát sau trận lũ tháng Bảy."


def counted_tet(tree, members, officers) -> dict:
    """This year's Tết gifts: two approved and one handed over (3 suất, 3.500.000 đồng),
    one still proposed and one rejected (not counted), and a sponsor."""
    tet = make_programme(
        tree.province,
        name="Tết Sum vầy năm nay",
        description="Tặng quà Tết cho đoàn viên có hoàn cảnh khó khăn.",
        eligibility="Đoàn viên công đoàn có hoàn cảnh đặc biệt khó khăn.",
    )
    add_standard(tet, "Quà Tết", 1_000_000)
    FundingSource.objects.create(
        programme=tet,
        kind=FundingSource.Kind.SPONSOR,
        sponsor="Ngân hàng TMCP Công Thương chi nhánh Điện Biên",
        pledged=50_000_000,
        given=20_000_000,
    )
    school, ward, commune = officers["school"], officers["ward"], officers["commune"]
    huong = propose(
        tet,
        tree.school,
        members["huong"],
        user=school,
        in_kind_value=500_000,
        in_kind="Gạo, dầu ăn",
        circumstances=CIRCUMSTANCES,
    )
    on = propose(tet, tree.school, members["on"], user=school, circumstances=CIRCUMSTANCES)
    trang = propose(tet, tree.clinic, members["trang"], user=officers["clinic"])
    propose(tet, tree.builder, members["mai"], user=officers["builder"])  # still proposed
    for grant in (huong, on):
        services.approve_grant(grant=grant, user=ward)
    services.approve_grant(grant=trang, user=commune)
    on.refresh_from_db()
    services.hand_over(
        grants=[on], on=today(), upload=upload("ky-nhan.pdf", pdf_bytes()), user=school
    )
    rejected_member = person(tree.builder, "Vũ Thị Hoa", national_id="011190009999")
    rejected = propose(tet, tree.builder, rejected_member, user=officers["builder"])
    services.reject_grant(grant=rejected, user=ward, reason="Không đúng đối tượng.")
    return {"programme": tet, "counted": [huong, on, trang]}


def more_grants(programme, unit, proposer, reviewer, count: int, start: int = 0) -> None:
    """`count` more approved gifts of 1.000.000 đồng from `unit`, to new members."""
    for number in range(start, start + count):
        member = person(
            unit,
            f"Đặng Văn {GIVEN_NAMES[number % len(GIVEN_NAMES)]}",
            national_id=f"0112{number:08d}",
        )
        grant = propose(programme, unit, member, user=proposer)
        services.approve_grant(grant=grant, user=reviewer)


def housing_programme(tree, officers, *, houses: int = 2, start: int = 100):
    """A housing programme with `houses` approved houses (see add_houses)."""
    programme = make_programme(
        tree.province,
        kind="housing",
        name="Mái ấm Công đoàn năm nay",
        budget=2_000_000_000,
        starts_on=today() - timedelta(days=200),
    )
    add_standard(programme, "Xây mới", 50_000_000)
    add_standard(programme, "Sửa chữa", 30_000_000)
    add_houses(programme, tree, officers, houses=houses, start=start)
    return programme


HOUSE_STEPS = ["waiting", "surveyed", "building", "handed-over"]


def add_houses(programme, tree, officers, *, houses: int, start: int) -> None:
    """Houses of 50.000.000 đồng approved at each step in turn; each handed-over one with
    a photo before and after (the "before" photo's description names the family)."""
    school, ward = officers["school"], officers["ward"]
    for number in range(start, start + houses):
        member = person(
            tree.school,
            f"Lường Thị {GIVEN_NAMES[number % len(GIVEN_NAMES)]}",
            national_id=f"0113{number:08d}",
        )
        grant = services.propose_grant(
            grant=grant_for(programme, tree.school, member, cash_amount=50_000_000),
            user=school,
            housing=HousingAid(work=HousingAid.Work.BUILD, address=f"Tổ {number}, bản Him Lam"),
        )
        services.approve_grant(grant=grant, user=ward)
        house = HousingAid.objects.select_related("grant__programme__kind").get(grant=grant)
        step = HOUSE_STEPS[(number - start) % len(HOUSE_STEPS)]
        if step != "waiting":
            house.surveyed_on = today() - timedelta(days=60)
        if step in ("building", "handed-over"):
            house.work_started_on = today() - timedelta(days=40)
        if step == "handed-over":
            house.handed_over_on = today()
        services.save_housing(housing=house, user=school)
        if step == "handed-over":
            given = member.full_name.split()[-1]
            for stage, alt in (
                (HousingPhoto.Stage.BEFORE, f"Căn nhà gỗ cũ dột nát của gia đình chị {given}"),
                (HousingPhoto.Stage.AFTER, "Ngôi nhà mới mái tôn đỏ, tường gạch sơn vàng"),
            ):
                services.save_housing_photo(
                    photo=HousingPhoto(
                        housing=house, stage=stage, image=jpeg_upload(f"nha-{stage}.jpg"), alt=alt
                    ),
                    user=school,
                )


def make_partner(admin_user, name: str, **fields) -> Partner:
    fields.setdefault("field", Partner.Field.HEALTH)
    fields.setdefault("offer", "Giảm 10% cho đoàn viên")
    return services.save_partner(partner=Partner(name=name, **fields), user=admin_user)


def partners(admin_user) -> dict:
    return {
        "pharmacy": make_partner(
            admin_user,
            "Nhà thuốc Hồng Phúc",
            offer="Giảm 10% khi mua thuốc",
            conditions="Xuất trình thẻ đoàn viên khi thanh toán.",
            valid_until=today() + timedelta(days=30),
            address="Số 12 đường Võ Nguyên Giáp",
            commune="Mường Thanh",
            province="Điện Biên",
            logo=upload("logo.png", png_bytes((300, 120))),
        ),
        "travel": make_partner(
            admin_user,
            "Công ty Du lịch Điện Biên Xanh",
            field=Partner.Field.TRAVEL,
            offer="Giảm 15% tour Mường Phăng",
            commune="Thanh Nưa",
            province="Điện Biên",
        ),
        "school": make_partner(
            admin_user,
            "Trung tâm Ngoại ngữ Sao Mai",
            field=Partner.Field.EDUCATION,
            offer="Giảm 20% học phí",
            commune="Tân Thanh",
            province="Lai Châu",
        ),
        "expired": make_partner(
            admin_user,
            "Siêu thị Điện máy Hết Hạn",
            field=Partner.Field.SHOPPING,
            offer="Giảm 5% đồ gia dụng",
            valid_from=today() - timedelta(days=60),
            valid_until=today() - timedelta(days=1),
            commune="Him Lam",
            province="Điện Biên",
        ),
        "hidden": make_partner(
            admin_user,
            "Phòng khám Chưa Công Bố",
            offer="Khám miễn phí",
            is_public=False,
            commune="Noong Bua",
            province="Điện Biên",
        ),
    }
