"""Fixtures of the about tests: the union tree, staff in their roles, pages, a visitor."""

import pytest

from about import services
from about.models import Page
from federation import roles
from tests.factories import browser, make_staff
from tests.helpers import logged_in
from tests.members.factories import make_tree


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def editor(db):
    """A news editor: writes the about pages, the schedule, links and banners."""
    return make_staff("tran.van.binh", roles.NEWS_EDITOR, first_name="Trần Văn", last_name="Bình")


@pytest.fixture
def editor_client(editor):
    return logged_in(editor, address="10.0.0.31")


@pytest.fixture
def administrator(db):
    return make_staff(
        "lo.thi.xuan",
        roles.ADMINISTRATOR,
        first_name="Lò Thị",
        last_name="Xuân",
        email="lo.thi.xuan@ldld-dienbien.example.vn",
    )


def make_page(title: str, body: str = "<p>Nội dung.</p>", **fields) -> Page:
    fields.setdefault("status", Page.Status.PUBLISHED)
    return services.save_page(Page(title=title, body=body, **fields))


@pytest.fixture
def pages(db):
    history = make_page(
        "Lịch sử hình thành",
        "<p>Liên đoàn Lao động tỉnh Điện Biên được thành lập năm 2004.</p>",
        summary="Từ năm 2004 đến nay.",
        menu_order=10,
    )
    tasks = make_page("Chức năng, nhiệm vụ", "<p>Đại diện, bảo vệ người lao động.</p>", order=2)
    hotline = make_page("Đường dây nóng", "<p>Gọi miễn phí.</p>", parent=tasks)
    draft = make_page(
        "Quy chế làm việc (dự thảo)",
        "<p>Bản dự thảo chưa công bố.</p>",
        status=Page.Status.DRAFT,
        menu_order=20,
    )
    return {"history": history, "tasks": tasks, "hotline": hotline, "draft": draft}


@pytest.fixture
def phone_visitor(db):
    return browser(address="113.160.50.7")
