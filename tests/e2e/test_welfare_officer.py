"""Welfare in the officer area, in the browser, at phone and desktop width.

The school's union proposes two of its members for this year's Tết gifts, each with
the application as a PDF; the ward's officer returns one with a reason and approves the
other within the ward's quota. Then a house of "Mái ấm Công đoàn", once approved: its
steps recorded in order and its photos uploaded, a fake image refused.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from federation.models import SiteProfile
from tests.e2e.harness import WIDTHS
from tests.factories import STAFF_PASSWORD
from tests.files import jpeg_bytes, pdf_bytes
from tests.helpers import vi
from tests.welfare.factories import (
    Tree,
    add_standard,
    grant_for,
    make_officer,
    make_programme,
    make_staff_admin,
    make_terms,
    make_tree,
    person,
    today,
)
from welfare import services
from welfare.models import Grant, GrantStatus, HousingAid, HousingPhoto, Loan, Programme

pytestmark = pytest.mark.e2e

LOGIN_URL = "/tai-khoan/dang-nhap/"
RETURN_REASON = "Thiếu xác nhận hoàn cảnh khó khăn của UBND xã."


@dataclass
class Federation:
    tree: Tree
    programme: Programme
    members: dict


@pytest.fixture
def federation(transactional_db):
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên", short_name="LĐLĐ tỉnh Điện Biên"
    )
    tree = make_tree()
    admin = make_staff_admin()
    programme = make_programme(tree.province, name="Tết Sum vầy", user=admin)
    add_standard(programme, "Quà Tết", 1_000_000)
    services.hand_out_quota(programme=programme, unit=tree.ward, user=admin, places=2)
    members = {
        "huong": person(tree.school, "Lò Thị Hương", national_id="011194007890"),
        "on": person(tree.school, "Quàng Văn Ơn", national_id="011082001234", gender="male"),
    }
    make_terms(date(2024, 1, 1))
    fund = make_programme(
        tree.province,
        kind="loan",
        name="Cho vay Quỹ quốc gia về việc làm",
        budget=None,
        year=2024,
        starts_on=date(2024, 1, 1),
        ends_on=date(2030, 12, 31),
        user=admin,
    )
    services.create_loan(
        loan=Loan(
            programme=fund,
            unit=tree.school,
            borrower=members["on"],
            purpose="Mở rộng xưởng mộc gia đình",
            jobs_created=2,
            principal=24_000_000,
            term_months=24,
            disbursed_on=today() - timedelta(days=200),
        ),
        user=admin,
    )
    make_officer("lo.van.thang", tree.school, first_name="Lò Văn", last_name="Thắng")
    make_officer("quang.thi.mai", tree.ward, first_name="Quàng Thị", last_name="Mai")
    return Federation(tree, programme, members)


def log_in(page, open_page, username: str, name: str) -> None:
    open_page(page, LOGIN_URL, name=name)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.locator("form.stacked-form").get_by_role("button", name="Đăng nhập").click()


def click_to(page, button):
    with page.expect_navigation():
        button.click()


def propose(page, check_page, member, search: str, file_name: str, shot: str) -> None:
    page.get_by_role("link", name=vi("Propose a beneficiary")).click()
    page.locator("#id_q").fill(search)
    click_to(page, page.locator(".picker-search").get_by_role("button"))
    check_page(page, f"{shot}-form")
    page.locator(f"input[name=member][value='{member.pk}']").check()
    assert page.locator("#id_cash_amount").input_value() == "1000000"  # the standard amount
    page.locator("#id_circumstances").fill("Chồng ốm dài ngày, hai con nhỏ đang đi học.")
    page.locator("#id_application").set_input_files(
        files=[{"name": file_name, "mimeType": "application/pdf", "buffer": pdf_bytes(search)}]
    )
    click_to(page, page.get_by_role("button", name=vi("Send to the unit above")))
    check_page(page, f"{shot}-sent")
    assert file_name in page.locator(".file-list").text_content()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_branch_proposes_two_and_the_ward_returns_one_and_approves_the_other(
    page, new_page, width, open_page, check_page, federation, mailoutbox
):
    tree, programme, members = federation.tree, federation.programme, federation.members

    log_in(page, open_page, "lo.van.thang", "welfare-login-school")
    page.wait_for_url(f"**/co-so/don-vi/{tree.school.pk}/")
    page.locator(".area-nav").get_by_role("link", name=vi("Welfare")).click()
    page.wait_for_url("**/co-so/phuc-loi/")
    check_page(page, "welfare-officer-index")
    page.get_by_role("link", name=programme.name).click()
    check_page(page, "welfare-officer-unit")
    propose(page, check_page, members["huong"], "Hương", "Đơn đề nghị Hương.pdf", "welfare-huong")
    page.get_by_role("link", name=programme.name).first.click()
    propose(page, check_page, members["on"], "Ơn", "Đơn đề nghị Ơn.pdf", "welfare-on")
    assert Grant.objects.filter(status=GrantStatus.PROPOSED).count() == 2

    reviewer = new_page(width)
    log_in(reviewer, open_page, "quang.thi.mai", "welfare-login-ward")
    open_page(reviewer, "/co-so/phuc-loi/", name="welfare-ward-index")
    reviewer.get_by_role("link", name=programme.name).click()
    check_page(reviewer, "welfare-ward-unit")
    reviewer.get_by_role(
        "link",
        name=vi("Review %(counter)s proposal", "Review %(counter)s proposals", 2) % {"counter": 2},
    ).click()
    check_page(reviewer, "welfare-ward-review")
    on = Grant.objects.get(member=members["on"])
    huong = Grant.objects.get(member=members["huong"])
    row = reviewer.locator(f"#de-xuat-{on.pk}")
    row.locator("textarea").fill(RETURN_REASON)
    click_to(reviewer, row.get_by_role("button", name=vi("Return it to the unit")))
    check_page(reviewer, "welfare-ward-returned")
    row = reviewer.locator(f"#de-xuat-{huong.pk}")
    click_to(reviewer, row.locator("button[name=approve]"))
    check_page(reviewer, "welfare-ward-approved")
    assert vi("No proposal is waiting for review.") in reviewer.content()
    on.refresh_from_db()
    huong.refresh_from_db()
    assert (on.status, on.reason) == (GrantStatus.RETURNED, RETURN_REASON)
    assert huong.status == GrantStatus.APPROVED

    # The school sees the reason on its proposal, and the ward's quota used.
    page.goto(f"/co-so/phuc-loi/de-xuat/{on.pk}/")
    check_page(page, "welfare-school-returned")
    assert RETURN_REASON in page.content()
    open_page(
        reviewer,
        f"/co-so/phuc-loi/{programme.slug}/don-vi/{tree.ward.pk}/",
        name="welfare-ward-quota",
    )
    assert (
        vi("%(used)s of %(limit)s suất used, %(left)s left", used=1, limit=2, left=1)
        in reviewer.content()
    )

    # The other pages of the area: quotas passed down, the handover, the overdue loans.
    ward = tree.ward.pk
    open_page(reviewer, f"/co-so/phuc-loi/{programme.slug}/don-vi/{ward}/chi-tieu/")
    check_page(reviewer, "welfare-ward-quotas")
    open_page(page, f"/co-so/phuc-loi/{programme.slug}/don-vi/{tree.school.pk}/ban-giao/")
    check_page(page, "welfare-school-handover")
    assert "Lò Thị Hương" in page.locator("form").last.text_content()
    open_page(page, "/co-so/phuc-loi/vay-von/")
    check_page(page, "welfare-school-overdue")
    page.get_by_role("link", name="Quàng Văn Ơn").click()
    check_page(page, "welfare-school-loan")
    assert vi("Repayment schedule") in page.content()


# ---------------------------------------------------------------------------------------
# A house after approval


@pytest.fixture
def approved_house(transactional_db):
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên", short_name="LĐLĐ tỉnh Điện Biên"
    )
    tree = make_tree()
    admin = make_staff_admin()
    programme = make_programme(
        tree.province, kind="housing", name="Mái ấm Công đoàn", budget=500_000_000, user=admin
    )
    member = person(tree.school, "Lò Thị Hương", national_id="011194007890")
    school = make_officer("lo.van.thang", tree.school, first_name="Lò Văn", last_name="Thắng")
    ward = make_officer("quang.thi.mai", tree.ward, first_name="Quàng Thị", last_name="Mai")
    grant = services.propose_grant(
        grant=grant_for(programme, tree.school, member, cash_amount=50_000_000),
        user=school,
        housing=HousingAid(
            work=HousingAid.Work.BUILD, address="Tổ 5, bản Him Lam 2", own_contribution=20_000_000
        ),
    )
    services.approve_grant(grant=grant, user=ward)
    return grant


def post_form(page, button):
    with page.expect_navigation() as navigation:
        button.click()
    return navigation.value


@pytest.mark.parametrize("width", WIDTHS)
def test_a_branch_records_the_steps_and_photos_of_its_approved_house(
    page, width, open_page, check_page, harness, approved_house
):
    grant = approved_house
    log_in(page, open_page, "lo.van.thang", "house-login")
    open_page(page, f"/co-so/phuc-loi/de-xuat/{grant.pk}/", name="house-grant")

    # The start of the work before the survey is refused beside its field.
    page.locator("#id_surveyed_on").fill((today() - timedelta(days=30)).isoformat())
    page.locator("#id_work_started_on").fill((today() - timedelta(days=40)).isoformat())
    save = page.get_by_role("button", name=vi("Save the steps"))
    harness.expect_error_status(page, post_form(page, save), 400)
    check_page(page, "house-steps-refused")
    assert page.locator("#id_work_started_on_error").is_visible()
    assert HousingAid.objects.get(grant=grant).surveyed_on is None

    page.locator("#id_work_started_on").fill((today() - timedelta(days=20)).isoformat())
    page.locator("#id_total_cost").fill("80000000")
    post_form(page, page.get_by_role("button", name=vi("Save the steps")))
    check_page(page, "house-steps-saved")
    assert vi("The steps of the house are saved.") in page.content()
    assert "80.000.000 đồng" in page.locator("#nha").text_content()

    # A text file named .jpg is refused; a real photo joins the gallery.
    page.get_by_label(vi("After the work")).check()
    page.locator("#id_image").set_input_files(
        files=[{"name": "nha-moi.jpg", "mimeType": "image/jpeg", "buffer": b"van ban, khong anh"}]
    )
    page.locator("#id_alt").fill("Ngôi nhà mới mái tôn đỏ")
    upload = page.get_by_role("button", name=vi("Upload the photo"))
    harness.expect_error_status(page, post_form(page, upload), 400)
    check_page(page, "house-photo-refused")
    assert vi("The file is not a valid image (PNG, JPEG or WebP).") in page.content()
    assert not HousingPhoto.objects.exists()

    page.get_by_label(vi("After the work")).check()
    page.locator("#id_image").set_input_files(
        files=[{"name": "nha-moi.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    page.locator("#id_alt").fill("Ngôi nhà mới mái tôn đỏ")
    post_form(page, page.get_by_role("button", name=vi("Upload the photo")))
    check_page(page, "house-photo-added")
    photo = page.locator("#anh-nha").get_by_role("img", name="Ngôi nhà mới mái tôn đỏ")
    assert photo.is_visible()
    assert photo.evaluate("image => image.naturalWidth") > 0
