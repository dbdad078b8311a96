"""The main menu is built from what the installed apps register."""

import re

import pytest

from federation import menu

# "Giới thiệu" and its sub-menu (about app), with no about page given a menu position.
ABOUT = ["Giới thiệu", "Tổ chức", "Lãnh đạo", "Lịch công tác"]
LIBRARY = ["Thư viện", "Thư viện ảnh", "Video"]  # the photo and video library, its sub-menu


def menu_labels(html: str) -> list[str]:
    nav = re.search(r'<nav[^>]*class="[^"]*main-nav[^"]*"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "the page has no main menu"
    return [
        re.sub(r"<[^>]+>|\s+", " ", label).strip()
        for label in re.findall(r"<a[^>]*>(.*?)</a>", nav.group(1), re.S)
    ]


@pytest.fixture
def extra_item():
    item = menu.MenuItem("Tìm kiếm văn bản", "search", order=15)
    menu.register_menu_item(item)
    yield item
    menu._ITEMS.pop(item.url_name)


def test_the_apps_entries_show_in_their_order(visitor, site_profile):
    html = visitor.get("/").content.decode()
    assert menu_labels(html) == [
        "Trang chủ",
        *ABOUT,
        "Tin tức",
        "Văn bản",
        "Đại hội",
        "Phúc lợi",
        "Hỏi đáp pháp luật",
        "Thống kê",
        *LIBRARY,
        "Liên hệ",
    ]


def test_an_entry_an_app_registers_shows_where_its_order_puts_it(visitor, site_profile, extra_item):
    html = visitor.get("/tin-tuc/").content.decode()
    assert menu_labels(html) == [
        "Trang chủ",
        *ABOUT,
        "Tin tức",
        "Tìm kiếm văn bản",
        "Văn bản",
        "Đại hội",
        "Phúc lợi",
        "Hỏi đáp pháp luật",
        "Thống kê",
        *LIBRARY,
        "Liên hệ",
    ]


def test_an_entry_whose_page_does_not_exist_is_left_out(visitor, site_profile):
    menu.register_menu_item(menu.MenuItem("Hội thảo", "conferences:index", order=45))
    try:
        html = visitor.get("/").content.decode()
    finally:
        menu._ITEMS.pop("conferences:index")
    assert "Hội thảo" not in menu_labels(html)
