"""The home page and what every page shares: header, menu, search box, language, footer."""

from urllib.parse import parse_qs, urlsplit

import pytest

from federation.models import SiteProfile
from tests.e2e.harness import NARROW, WIDE, WIDTHS

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("profile")]


@pytest.fixture
def profile(transactional_db):
    return SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên",
        short_name="LĐLĐ Điện Biên",
        address="Số 7, đường Võ Nguyên Giáp, phường Mường Thanh, TP. Điện Biên Phủ",
        phone="0215 3825 468",
        email="vanphong@ldld-dienbien.vn",
        intro="Liên đoàn Lao động tỉnh đại diện, chăm lo và bảo vệ quyền lợi của đoàn viên "
        "công đoàn và người lao động trên địa bàn tỉnh.",
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_home_page_shows_the_site_profile(page, open_page, profile):
    open_page(page, "/", name="home")

    assert page.locator("html").get_attribute("lang") == "vi"
    assert profile.full_name in page.title()
    header = page.locator(".site-header")
    assert header.locator(".brand-name").text_content() == profile.full_name
    assert page.locator("#main h1").text_content() == profile.full_name
    assert profile.intro in page.locator("#main").text_content()

    contact = page.locator(".site-footer .contact-list")
    assert profile.address in contact.text_content()
    phone = contact.get_by_role("link", name=profile.phone)
    assert phone.get_attribute("href") == "tel:02153825468"
    email = contact.get_by_role("link", name=profile.email)
    assert email.get_attribute("href") == f"mailto:{profile.email}"


@pytest.mark.parametrize("width", [NARROW])
def test_narrow_screens_fold_the_menu_behind_a_button(page, open_page, check_page, screenshot):
    open_page(page, "/")
    toggle = page.locator(".main-nav .menu-toggle")
    menu = page.locator("#main-menu")
    first_link = menu.get_by_role("link").first

    assert toggle.is_visible()
    assert toggle.get_attribute("aria-controls") == "main-menu"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert first_link.is_hidden()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert first_link.is_visible()
    assert first_link.get_attribute("href") == "/"
    check_page(page, "home-menu-open")

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert first_link.is_hidden()


@pytest.mark.parametrize("width", [WIDE])
def test_wide_screens_show_the_menu_without_a_button(page, open_page):
    open_page(page, "/")

    assert page.locator(".menu-toggle").is_hidden()
    home_link = page.locator("#main-menu").get_by_role("link").first
    assert home_link.is_visible()
    assert home_link.get_attribute("aria-current") == "page"


@pytest.mark.parametrize("width", WIDTHS)
def test_header_search_opens_the_search_page_with_the_query(page, open_page, check_page):
    open_page(page, "/")

    page.get_by_role("search").get_by_role("searchbox").fill("công đoàn")
    with page.expect_navigation():
        page.get_by_role("search").get_by_role("button").click()
    check_page(page, "search-results")

    url = urlsplit(page.url)
    assert url.path == "/tim-kiem/"
    assert parse_qs(url.query) == {"q": ["công đoàn"]}
    assert page.locator("#search-q").input_value() == "công đoàn"
    assert "“công đoàn”" in page.get_by_role("status").text_content()


def test_language_switch_changes_the_page_language_and_back(page, open_page, check_page):
    open_page(page, "/")
    html = page.locator("html")
    switch = page.locator("form.language-switch")
    english = switch.get_by_role("button", name="English")
    vietnamese = switch.get_by_role("button", name="Tiếng Việt")
    assert vietnamese.text_content() == "Tiếng Việt"
    assert switch.get_attribute("action") == "/i18n/setlang/"
    assert switch.get_attribute("method") == "post"
    assert html.get_attribute("lang") == "vi"
    assert vietnamese.get_attribute("aria-pressed") == "true"
    assert vietnamese.get_attribute("lang") == "vi"
    assert english.get_attribute("aria-pressed") == "false"

    with page.expect_navigation():
        english.click()
    check_page(page, "home-english")
    assert urlsplit(page.url).path == "/"
    assert html.get_attribute("lang") == "en"
    assert english.get_attribute("aria-pressed") == "true"
    assert vietnamese.get_attribute("aria-pressed") == "false"

    with page.expect_navigation():
        vietnamese.click()
    assert html.get_attribute("lang") == "vi"
    assert vietnamese.get_attribute("aria-pressed") == "true"


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_is_first_and_moves_focus_to_the_content(page, open_page, screenshot):
    open_page(page, "/")
    skip_link = page.locator(".skip-link")

    page.keyboard.press("Tab")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.get_attribute("href") == "#main"
    box = skip_link.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["x"] >= 0
    screenshot(page, "skip-link-focused")

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert urlsplit(page.url).fragment == "main"


@pytest.mark.parametrize("width", WIDTHS)
def test_unknown_address_shows_the_styled_404_page(page, open_page):
    open_page(page, "/khong-co-trang-nay/", status=404, name="404")

    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator(".error-code").text_content() == "404"
    assert page.get_by_role("heading", level=1).is_visible()
    # Styled: the stylesheet loaded and applies to the error page.
    assert page.locator(".error-code").evaluate("el => getComputedStyle(el).color") == (
        "rgb(176, 18, 31)"
    )
    assert page.locator("#main").get_by_role("link").first.get_attribute("href") == "/"


@pytest.mark.parametrize("width", WIDTHS)
def test_login_page(page, open_page):
    open_page(page, "/tai-khoan/dang-nhap/", name="login")

    form = page.locator("form.stacked-form")
    # Field labels come from Django's own Vietnamese translation.
    assert form.get_by_label("Tên đăng nhập").get_attribute("name") == "username"
    assert form.get_by_label("Mật khẩu").get_attribute("type") == "password"
    assert form.get_by_role("button").get_attribute("type") == "submit"
