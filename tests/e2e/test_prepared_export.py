"""A large member export in the browser: the waiting page, then the ready page, at both widths.

The queue holds the task (the dummy backend) so the waiting page is seen; the test then
runs the task itself, as a worker would, and the page (portal.js asks for it again every
few seconds) offers the download without being reloaded.
"""

import re

import pytest

from federation.models import SiteProfile
from members.models import PreparedExport
from members.services import exports
from tests.e2e.harness import WIDTHS
from tests.factories import STAFF_PASSWORD
from tests.members.factories import make_many_members, make_officer, make_tree

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", WIDTHS)
def test_an_officer_waits_for_a_large_export_then_downloads_it(
    settings, transactional_db, new_page, open_page, check_page, width
):
    settings.EXPORT_IN_BACKGROUND_ABOVE = 3
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên", short_name="LĐLĐ tỉnh Điện Biên"
    )
    tree = make_tree()
    make_many_members(tree.school, 6)
    make_officer("quang.thi.mai", tree.ward, first_name="Quàng Thị", last_name="Mai")
    page = new_page(width)
    open_page(page, "/tai-khoan/dang-nhap/", name="prepared-export-login")
    page.get_by_label("Tên đăng nhập").fill("quang.thi.mai")
    page.get_by_label("Mật khẩu").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.locator("form.stacked-form").get_by_role("button", name="Đăng nhập").click()

    open_page(page, f"/co-so/don-vi/{tree.ward.pk}/doan-vien/", name="prepared-export-list")
    with page.expect_navigation():
        page.get_by_role("button", name="Xuất ra Excel").click()

    assert re.search(rf"/co-so/don-vi/{tree.ward.pk}/xuat-du-lieu/\d+/$", page.url)
    assert page.get_by_text("Tệp đang được chuẩn bị.").is_visible()
    check_page(page, "prepared-export-waiting")

    # The worker finishes; the page, which asks again every 5 s, shows the download in place.
    exports.prepare_export(PreparedExport.objects.get().pk)
    page.get_by_text("Tệp đã sẵn sàng: 6 đoàn viên.").wait_for(timeout=15_000)
    check_page(page, "prepared-export-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Tải về doan-vien-")).click()
    assert download.value.suggested_filename.startswith("doan-vien-cong-doan-phuong-muong-thanh-")
