"""The "Giới thiệu" pages: drafts, sanitised bodies, the sub-menu, search, sitemap."""

import re

from about.models import Page
from federation import pagecache
from tests.about.conftest import make_page
from tests.helpers import logged_in, section, text_of, vi


def test_the_index_lists_published_pages_as_a_tree_and_leaves_drafts_out(visitor, pages):
    html = text_of(visitor.get("/gioi-thieu/"))
    assert "Lịch sử hình thành" in html
    tree = section(visitor.get("/gioi-thieu/"), r'<ul class="page-tree">.*?</ul>\s*</li>')
    assert tree.index("Chức năng, nhiệm vụ") < tree.index("Đường dây nóng")
    assert "Quy chế làm việc" not in html
    assert 'href="/gioi-thieu/to-chuc/"' in html
    assert 'href="/gioi-thieu/lanh-dao/"' in html


def test_a_published_page_shows_with_its_parent_in_the_breadcrumbs(visitor, pages):
    response = visitor.get("/gioi-thieu/duong-day-nong/")
    assert response.status_code == 200
    crumbs = section(response, r'<nav class="breadcrumbs".*?</nav>')
    assert "Giới thiệu" in crumbs
    assert "Chức năng, nhiệm vụ" in crumbs
    assert "Gọi miễn phí." in text_of(response)


def test_a_draft_is_not_found_by_visitors(visitor, pages):
    response = visitor.get(pages["draft"].get_absolute_url())
    assert response.status_code == 404
    assert "Bản dự thảo chưa công bố" not in text_of(response)


def test_staff_preview_a_draft_with_a_note(editor_client, pages):
    response = editor_client.get(pages["draft"].get_absolute_url())
    assert response.status_code == 200
    assert vi("Draft: only staff see this page until it is published.") in text_of(response)


def test_a_script_in_a_page_body_is_removed_when_saved(db):
    page = make_page(
        "Thành tích",
        '<p>Cờ thi đua<script>alert("x")</script></p><p><a href="javascript:alert(1)">xem</a>'
        '</p><img src=x onerror="alert(2)">',
    )
    page.refresh_from_db()
    assert "<script" not in page.body
    assert "alert" not in page.body
    assert "onerror" not in page.body
    assert "javascript:" not in page.body
    assert "Cờ thi đua" in page.body


def test_a_body_written_around_the_editor_is_cleaned_on_the_way_out(visitor, db):
    page = make_page("Thành tích", "<p>Cờ thi đua</p>")
    Page.objects.filter(pk=page.pk).update(body='<p>Cờ</p><script>alert("x")</script>')
    html = text_of(visitor.get(page.get_absolute_url()))
    assert 'alert("x")' not in html


def test_the_admin_saves_a_page_sanitised_with_a_slug_from_the_title(editor_client, db):
    response = editor_client.post(
        "/quan-tri/about/page/add/",
        {
            "title": "Thành tích, khen thưởng",
            "slug": "",
            "order": 3,
            "menu_order": "",
            "status": "published",
            "summary": "",
            "body": '<p>Huân chương Lao động</p><script>alert("x")</script>',
        },
    )
    assert response.status_code == 302, text_of(response)
    page = Page.objects.get()
    assert page.slug == "thanh-tich-khen-thuong"
    assert "<script" not in page.body
    assert "Huân chương Lao động" in page.body


def test_a_page_cannot_take_the_address_of_the_organisation_page(editor_client, db):
    response = editor_client.post(
        "/quan-tri/about/page/add/",
        {
            "title": "Tổ chức",
            "slug": "to-chuc",
            "order": 0,
            "status": "published",
            "body": "<p>x</p>",
        },
    )
    assert response.status_code == 200
    assert vi("This address belongs to another page; choose another slug.") in text_of(response)
    assert not Page.objects.exists()


class TestMenu:
    def nav(self, response) -> str:
        return section(response, r'<nav class="main-nav".*?</nav>')

    def test_about_us_comes_first_after_home_with_a_sub_menu_button(self, visitor, pages):
        nav = self.nav(visitor.get("/"))
        labels = re.findall(r"<a [^>]*>(.*?)</a>", nav)
        assert labels[:2] == ["Trang chủ", "Giới thiệu"]
        button = re.search(r'<button class="submenu-toggle"[^>]*>', nav).group(0)
        assert 'aria-expanded="false"' in button
        controls = re.search(r'aria-controls="([^"]+)"', button).group(1)
        submenu = re.search(rf'<ul id="{controls}" class="submenu">(.*?)</ul>', nav, re.S).group(1)
        children = re.findall(r"<a [^>]*>(.*?)</a>", submenu)
        # The page given a menu position, then the pages drawn from the register; no draft.
        assert children == ["Lịch sử hình thành", "Tổ chức", "Lãnh đạo", "Lịch công tác"]

    def test_the_sub_menu_marks_the_page_the_visitor_is_on(self, visitor, pages):
        nav = self.nav(visitor.get("/gioi-thieu/lanh-dao/"))
        assert '<a href="/gioi-thieu/lanh-dao/" aria-current="page">Lãnh đạo</a>' in nav

    def test_the_sub_menu_is_read_once_per_generation(
        self, visitor, pages, django_assert_num_queries
    ):
        from federation.menu import main_menu

        main_menu("/")
        with django_assert_num_queries(0):
            main_menu("/tin-tuc/")
        make_page("Thành tích", menu_order=5)  # a save starts a new generation
        assert pagecache.generation() != "0"
        entries = main_menu("/")
        about = next(entry for entry in entries if entry["url"] == "/gioi-thieu/")
        assert about["children"][0]["label"] == "Thành tích"


def test_about_pages_are_found_by_the_site_search_without_accents(visitor, pages):
    html = text_of(visitor.get("/tim-kiem/", {"q": "lich su hinh thanh"}))
    assert 'href="/gioi-thieu/lich-su-hinh-thanh/"' in html
    assert "Quy chế" not in text_of(visitor.get("/tim-kiem/", {"q": "quy che"}))


def test_the_sitemap_lists_the_about_contact_and_schedule_pages(visitor, pages):
    xml = text_of(visitor.get("/sitemap.xml"))
    for path in ("/gioi-thieu/", "/gioi-thieu/to-chuc/", "/lien-he/", "/lich-cong-tac/"):
        assert f"{path}</loc>" in xml
    assert "/gioi-thieu/lich-su-hinh-thanh/</loc>" in xml
    assert pages["draft"].slug not in xml


def test_staff_without_the_page_right_do_not_preview_drafts(db, pages):
    from tests.factories import make_user

    clerk = make_user("nguyen.van.an")
    assert logged_in(clerk).get(pages["draft"].get_absolute_url()).status_code == 404
