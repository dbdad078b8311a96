"""A visitor reads about welfare: the home block of the Tết programme running, the
programmes from the menu, a housing programme's page with its houses and photos, and the
partners' offers filtered by field. Totals only: no beneficiary's name anywhere."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.harness import NARROW, WIDTHS
from tests.factories import make_site_profile
from tests.files import jpeg_upload, png_bytes, upload
from tests.welfare.factories import (
    add_standard,
    grant_for,
    make_officer,
    make_programme,
    make_staff_admin,
    make_tree,
    person,
    propose,
    today,
)
from welfare import services
from welfare.models import FundingSource, Grant, HousingAid, HousingPhoto, Partner, ProgrammeStatus

pytestmark = pytest.mark.e2e

NAMES = ["Lò Thị Hương", "Quàng Văn Ơn", "Lường Thị Mai", "Cà Văn Thanh"]


@pytest.fixture
def welfare(transactional_db):
    make_site_profile(full_name="Liên đoàn Lao động tỉnh Điện Biên")
    tree = make_tree()
    admin = make_staff_admin()
    school = make_officer("lo.van.thang", tree.school, first_name="Lò Văn", last_name="Thắng")
    ward = make_officer("lo.thi.huong", tree.ward, first_name="Lò Thị", last_name="Hương")
    members = [
        person(tree.school, name, national_id=f"01119400{number:04d}")
        for number, name in enumerate(NAMES)
    ]
    tet = make_programme(
        tree.province,
        name="Tết Sum vầy năm nay",
        starts_on=today() - timedelta(days=20),
        ends_on=today() + timedelta(days=40),
        user=admin,
    )
    add_standard(tet, "Quà Tết", 1_000_000)
    for member in members[:2]:
        services.approve_grant(grant=propose(tet, tree.school, member, user=school), user=ward)

    housing = make_programme(
        tree.province,
        kind="housing",
        name="Mái ấm Công đoàn năm trước",
        year=today().year - 1,
        starts_on=today() - timedelta(days=400),
        ends_on=today() - timedelta(days=10),
        status=ProgrammeStatus.CLOSED,
        budget=500_000_000,
        description="Hỗ trợ đoàn viên khó khăn về nhà ở xây mới, sửa chữa nhà.",
        eligibility="Đoàn viên chưa có nhà ở hoặc nhà ở hư hỏng nặng.",
        user=admin,
    )
    housing.status = ProgrammeStatus.OPEN  # approvals run while it is open
    housing.save()
    add_standard(housing, "Xây mới", 50_000_000)
    add_standard(housing, "Sửa chữa", 30_000_000)
    FundingSource.objects.create(
        programme=housing,
        kind=FundingSource.Kind.SPONSOR,
        sponsor="Ngân hàng Chính sách xã hội tỉnh Điện Biên",
        pledged=100_000_000,
        given=80_000_000,
    )
    for number, member in enumerate(members[2:]):
        grant = services.propose_grant(
            grant=grant_for(housing, tree.school, member, cash_amount=50_000_000),
            user=school,
            housing=HousingAid(work=HousingAid.Work.BUILD, address="Bản Him Lam 2"),
        )
        services.approve_grant(grant=grant, user=ward)
        # Approved a month ago (a house is not handed over before its approval).
        Grant.objects.filter(pk=grant.pk).update(reviewed_at=timezone.now() - timedelta(days=30))
        house = HousingAid.objects.select_related("grant__programme__kind").get(grant=grant)
        house.surveyed_on = today() - timedelta(days=60)
        if number == 0:
            house.work_started_on = today() - timedelta(days=40)
            house.handed_over_on = today() - timedelta(days=5)
        services.save_housing(housing=house, user=school)
        if number == 0:
            for stage, alt, colour in (
                (HousingPhoto.Stage.BEFORE, "Căn nhà gỗ cũ của chị Mai", (120, 90, 60)),
                (HousingPhoto.Stage.AFTER, "Ngôi nhà mới mái tôn đỏ", (180, 40, 40)),
            ):
                services.save_housing_photo(
                    photo=HousingPhoto(
                        housing=house,
                        stage=stage,
                        image=jpeg_upload(f"nha-{stage}.jpg", colour=colour),
                        alt=alt,
                    ),
                    user=school,
                )
    housing.status = ProgrammeStatus.CLOSED
    housing.save()

    for name, field, offer, commune in (
        ("Nhà thuốc Hồng Phúc", Partner.Field.HEALTH, "Giảm 10% khi mua thuốc", "Mường Thanh"),
        ("Du lịch Điện Biên Xanh", Partner.Field.TRAVEL, "Giảm 15% tour Mường Phăng", "Thanh Nưa"),
        ("Siêu thị Hết Hạn", Partner.Field.SHOPPING, "Giảm 5%", "Him Lam"),
    ):
        services.save_partner(
            partner=Partner(
                name=name,
                field=field,
                offer=offer,
                conditions="Áp dụng cho đoàn viên và người thân đi cùng.",
                address="Số 12 đường Võ Nguyên Giáp",
                commune=commune,
                province="Điện Biên",
                phone="0215 3825 123",
                valid_until=today() + timedelta(days=(-1 if "Hết Hạn" in name else 60)),
                logo=upload("logo.png", png_bytes((300, 120))),
            ),
            user=admin,
        )
    return {"tet": tet, "housing": housing}


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_reading_a_programme_page(page, open_page, check_page, welfare, width):
    open_page(page, "/", name="home-welfare")
    block = page.locator(".welfare-block")
    assert "Tết Sum vầy năm nay" in block.text_content()
    assert "2 suất quà đã duyệt, trị giá 2 triệu đồng" in block.text_content()

    menu = page.get_by_role("navigation", name="Menu chính")
    if width == NARROW:  # the menu folds behind its button on a phone
        menu.locator(".menu-toggle").click()
    menu.get_by_role("link", name="Phúc lợi").click()
    page.wait_for_url("**/phuc-loi/")
    check_page(page, "welfare-list")
    assert page.locator(".welfare-row").count() == 2

    page.get_by_role("link", name="Mái ấm Công đoàn năm trước").click()
    page.wait_for_url(f"**{welfare['housing'].get_absolute_url()}")
    check_page(page, "welfare-programme")
    assert page.locator("h1").text_content().strip() == "Mái ấm Công đoàn năm trước"
    text = page.locator("main").text_content()
    assert "2 nhà Mái ấm Công đoàn đã duyệt, 100 triệu đồng" in text
    assert "Ngân hàng Chính sách xã hội tỉnh Điện Biên" in text
    assert page.get_by_role("img", name="Ngôi nhà mới mái tôn đỏ").is_visible()
    for name in NAMES:
        assert name not in page.content()
    assert "chị Mai" not in page.content()
    if width == NARROW:
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW

    open_page(page, "/thong-ke/", name="figures-welfare")
    assert page.locator("#welfare-figures-title").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_finds_a_partner_offer(page, open_page, check_page, welfare, width):
    open_page(page, "/phuc-loi/doi-tac/", name="welfare-partners")
    assert page.locator(".partner").count() == 2
    assert "Siêu thị Hết Hạn" not in page.content()
    assert "thẻ đoàn viên" in page.locator(".welfare-card-notice").text_content()
    page.get_by_label("Lĩnh vực").select_option(label="Du lịch, giải trí")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url("**/phuc-loi/doi-tac/?*")
    check_page(page, "welfare-partners-travel")
    assert page.locator(".partner-name").all_text_contents() == ["Du lịch Điện Biên Xanh"]
    if width == NARROW:
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW
