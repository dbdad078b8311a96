"""Staff's side of the news in a real browser: the rich-text editor under the site's CSP."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from federation import roles
from news.models import Article, Category

pytestmark = pytest.mark.e2e

PASSWORD = "Mật-khẩu-thử-2026"


@pytest.fixture
def approver(transactional_db):
    user = get_user_model().objects.create_user(
        "duyet.tin", password=PASSWORD, is_staff=True, first_name="Lê Thị", last_name="Hoa"
    )
    user.groups.add(Group.objects.get(name=roles.NEWS_APPROVER))
    Category.objects.create(name="Hoạt động công đoàn", slug="hoat-dong-cong-doan")
    return user


def test_the_editor_runs_and_a_formatted_article_is_saved(page, harness, approver):
    """The editor loads its modules and styles without a CSP violation, and what an
    approver types and formats reaches the public page."""
    page.goto("/quan-tri/login/?next=/quan-tri/news/article/add/")
    page.get_by_label("Tên đăng nhập").fill("duyet.tin")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/quan-tri/news/article/add/")

    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.wait_for(state="visible")
    harness.assert_no_console_errors(page)
    harness.screenshot(page, "admin-article-editor")

    page.get_by_label("Tiêu đề").fill("Đoàn viên Điện Biên hưởng ứng Tháng Công nhân")
    page.get_by_label("Tóm tắt").fill("Nhiều hoạt động thiết thực cho người lao động.")
    editor.click()
    page.keyboard.type("Công đoàn cơ sở tổ chức ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Ngày hội công nhân")
    page.locator("#id_category").select_option(label="Hoạt động công đoàn")
    page.get_by_role("button", name="Lưu và đăng").click()
    page.wait_for_url("**/change/")
    harness.assert_no_console_errors(page)

    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert "<strong>Ngày hội công nhân</strong>" in article.body
    public = page.context.new_page()
    public.goto(article.get_absolute_url())
    assert public.locator(".article-body strong").text_content() == "Ngày hội công nhân"
