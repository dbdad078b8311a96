"""An officer's account in the browser: log in, see who is signed in, change the password,
log out, and log in again with the new password. At phone and desktop widths."""

import pytest

from federation.models import SiteProfile
from members.models import Officer
from tests.e2e.harness import WIDTHS
from tests.factories import STAFF_PASSWORD
from tests.members.factories import make_officer, make_tree

pytestmark = pytest.mark.e2e

LOGIN_URL = "/tai-khoan/dang-nhap/"
NEW_PASSWORD = "Mật-khẩu-mới-của-tôi-2026"


@pytest.fixture
def officer(transactional_db):
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên", short_name="LĐLĐ tỉnh Điện Biên"
    )
    tree = make_tree()
    return make_officer(
        "lo.van.thang", tree.school, role=Officer.Role.CHAIR, first_name="Lò Văn", last_name="Thắng"
    )


def log_in(page, password: str) -> None:
    page.get_by_label("Tên đăng nhập").fill("lo.van.thang")
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation():
        page.locator("form.stacked-form").get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_officer_sees_their_name_changes_the_password_and_logs_out(
    page, open_page, check_page, officer, width
):
    open_page(page, LOGIN_URL, name="account-login")
    assert page.locator(".account-bar").count() == 0
    log_in(page, STAFF_PASSWORD)
    account = page.locator(".account-bar")
    assert "Lò Văn Thắng" in account.locator(".account-name").text_content()
    check_page(page, "account-signed-in")

    with page.expect_navigation():
        account.get_by_role("link", name="Đổi mật khẩu").click()
    check_page(page, "account-password-change")
    page.locator("#id_old_password").fill(STAFF_PASSWORD)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.locator("form.stacked-form").get_by_role("button", name="Đổi mật khẩu").click()
    assert page.locator("h1").text_content().strip() == "Đã đổi mật khẩu"
    check_page(page, "account-password-changed")

    with page.expect_navigation():
        page.locator(".account-bar").get_by_role("button", name="Đăng xuất").click()
    assert page.locator(".account-bar").count() == 0
    check_page(page, "account-logged-out")
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)

    open_page(page, LOGIN_URL, name="account-login-again")
    log_in(page, NEW_PASSWORD)
    assert "Lò Văn Thắng" in page.locator(".account-bar .account-name").text_content()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_forgotten_password_page(page, open_page, officer, width):
    open_page(page, "/tai-khoan/quen-mat-khau/", name="account-password-reset")
    page.locator("#id_email").fill("khong.co.ai@example.vn")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đường dẫn").click()
    assert page.locator("h1").text_content().strip() == "Hãy kiểm tra email"
