"""A visitor's path through "Giới thiệu": the pages, the organisation, the leadership, the
week's schedule, the sub-menu by keyboard and on a phone, and a contact message."""

from datetime import date, time

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from about import services
from about.models import Banner, ContactMessage, Department, Link, Page, ScheduleItem, ScheduleWeek
from federation.models import SiteProfile
from members.models import Leader
from members.services.units import install_leadership
from tests.e2e.harness import NARROW, WIDE, WIDTHS
from tests.files import jpeg_bytes
from tests.members.factories import make_many_members, make_tree

pytestmark = pytest.mark.e2e


@pytest.fixture
def federation(transactional_db):
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên",
        short_name="LĐLĐ tỉnh Điện Biên",
        address="Số 12, đường Võ Nguyên Giáp, phường Điện Biên Phủ",
        phone="0215 3825 168",
        hotline="0215 3829 000",
        working_hours="Thứ hai – Thứ sáu, 7:30–11:30, 13:30–17:00",
        map_url="https://www.openstreetmap.org/",
        email="vanphong@ldld-dienbien.example.vn",
    )
    tree = make_tree()
    make_many_members(tree.school, 3)
    make_many_members(tree.garment, 2, start=10)
    installed = install_leadership(
        unit=tree.province,
        leaders=[
            Leader(full_name="Lò Văn Thắng", role=Leader.Role.CHAIR, order=0),
            Leader(full_name="Trần Thị Thu Hằng", role=Leader.Role.VICE_CHAIR, order=1),
            Leader(full_name="Vàng A Dính", role=Leader.Role.EXECUTIVE, order=2),
        ],
        since=date(2023, 11, 6),
        source="Đại hội Công đoàn tỉnh Điện Biên lần thứ XII, nhiệm kỳ 2023–2028",
    )
    chair = Leader.objects.get(pk=installed[0].pk)
    chair.photo = ContentFile(jpeg_bytes(size=(600, 800)), name="chan-dung.jpg")
    chair.responsibilities = "Phụ trách chung."
    chair.save()
    Department.objects.create(
        name="Văn phòng", head="Đỗ Minh Tuấn", phone="0215 3825 168", email="vp@example.vn"
    )
    history = services.save_page(
        Page(
            title="Lịch sử hình thành",
            summary="Từ năm 2004 đến nay.",
            body="<p>Thành lập năm 2004.</p><h2>Những mốc chính</h2><ul><li><p>2025</p></li></ul>",
            status=Page.Status.PUBLISHED,
            menu_order=10,
        )
    )
    today = timezone.localdate()
    services.save_week(
        ScheduleWeek(monday=services.monday_of(today), published=True),
        [ScheduleItem(day=today, time=time(8), what="Giao ban Thường trực", place="Phòng họp")],
    )
    Link.objects.create(title="Tổng Liên đoàn Lao động Việt Nam", url="https://www.congdoan.vn/")
    banner = Banner(title="Tháng Công nhân", alt="Tháng Công nhân 2026 – chăm lo người lao động")
    banner.image = ContentFile(jpeg_bytes(size=(1500, 500)), name="bang-ron.jpg")
    banner.save()
    return {"history": history}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_about_pages_read_well_on_phones_and_desktops(page, open_page, federation):
    open_page(page, "/", name="about-home")
    assert page.locator(".banners img").get_attribute("alt").startswith("Tháng Công nhân 2026")
    open_page(page, "/gioi-thieu/", name="about-index")
    open_page(page, federation["history"].get_absolute_url(), name="about-page")
    assert page.get_by_role("heading", name="Những mốc chính").is_visible()
    open_page(page, "/gioi-thieu/to-chuc/", name="about-organisation")
    page.locator(".org-tree summary").first.click()
    assert page.get_by_text("Công đoàn cơ sở Trường THPT Phan Đình Giót").is_visible()
    open_page(page, "/gioi-thieu/lanh-dao/", name="about-leadership")
    portrait = page.get_by_role("img", name="Ảnh chân dung Lò Văn Thắng")
    assert portrait.evaluate("image => image.complete && image.naturalWidth > 0")
    open_page(page, "/lich-cong-tac/", name="about-schedule")
    assert "Giao ban Thường trực" in page.locator('[aria-current="date"]').text_content()
    open_page(page, "/lich-cong-tac/?tuan=sai", name="about-schedule-malformed")
    assert page.get_by_role("alert").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_sends_a_contact_message(page, open_page, check_page, harness, federation):
    open_page(page, "/lien-he/", name="contact")
    # The contact page gives the hotline as a link to call; the footer gives it on every page.
    hotline = page.get_by_role("main").get_by_role("link", name="0215 3829 000")
    assert hotline.get_attribute("href") == "tel:02153829000"
    footer = page.get_by_role("contentinfo").get_by_role("link", name="0215 3829 000")
    assert footer.get_attribute("href") == "tel:02153829000"
    form = page.locator(".contact-form")
    form.get_by_label("Họ và tên").fill("Quàng Thị Én")
    form.get_by_label("Tiêu đề").fill("Hỏi về chế độ thai sản")
    form.get_by_label("Nội dung").fill("Xin hỏi chế độ nghỉ thai sản khi sinh đôi.")
    # Neither an email address nor a phone: refused, with everything typed kept.
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name="Gửi thư").click()
    harness.expect_error_status(page, navigation.value, 400)
    check_page(page, "contact-refused")
    summary = page.locator("#loi-lien-he")
    assert "thư điện tử hoặc số điện thoại" in summary.text_content()
    assert page.evaluate("document.activeElement.id") == "loi-lien-he"
    assert form.get_by_label("Tiêu đề").input_value() == "Hỏi về chế độ thai sản"
    assert not ContactMessage.objects.exists()

    form.get_by_label("Điện thoại").fill("0912 345 678")
    form.get_by_label("Thư điện tử").fill("quang.thi.en@example.vn")
    with page.expect_navigation():
        form.get_by_role("button", name="Gửi thư").click()
    check_page(page, "contact-sent")
    assert "Thư đã được chuyển tới Văn phòng Liên đoàn" in page.locator(".messages").text_content()
    contact = ContactMessage.objects.get()
    assert contact.phone == "0912 345 678"
    assert contact.email == "quang.thi.en@example.vn"
    assert [message.to for message in mail.outbox] == [["quang.thi.en@example.vn"]]


@pytest.mark.parametrize("width", [WIDE])
def test_the_sub_menu_opens_by_keyboard(page, open_page, check_page, federation):
    open_page(page, "/")
    entry = page.locator("#main-menu > li.has-submenu").filter(has_text="Giới thiệu")
    about = entry.locator("> a")
    button = entry.locator(".submenu-toggle")
    submenu = entry.locator(".submenu")
    about.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "submenu-toggle"
    assert button.get_attribute("aria-expanded") == "false"
    assert submenu.is_hidden()

    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert submenu.is_visible()
    check_page(page, "submenu-open-by-keyboard")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Lịch sử hình thành"

    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert submenu.is_hidden()
    assert page.evaluate("document.activeElement.className") == "submenu-toggle"

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/gioi-thieu/to-chuc/")


@pytest.mark.parametrize("width", [NARROW])
def test_the_sub_menu_opens_on_a_phone(page, open_page, check_page, federation):
    open_page(page, "/")
    page.locator(".menu-toggle").click()
    entry = page.locator("#main-menu > li.has-submenu").filter(has_text="Giới thiệu")
    button = entry.locator(".submenu-toggle")
    assert button.is_visible()
    assert page.get_by_role("link", name="Lãnh đạo").is_hidden()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    check_page(page, "submenu-open-on-a-phone")
    with page.expect_navigation():
        page.get_by_role("link", name="Lãnh đạo").click()
    assert page.url.endswith("/gioi-thieu/lanh-dao/")
    check_page(page, "leadership-from-the-sub-menu")
