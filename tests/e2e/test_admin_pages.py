"""The admin pages staff use, in a real browser: in Vietnamese, and fitting the window."""

import re

import pytest

from federation import roles
from tests.e2e.harness import NARROW, WIDE
from tests.factories import make_staff, make_user
from tests.news.factories import DRAFT, make_article, make_categories

pytestmark = pytest.mark.e2e

PASSWORD = "Mật-khẩu-thử-2026"

# Stock English, and stock awkward Vietnamese, the admin showed before.
STOCK_PHRASES = (
    "Skip to main content", "Toggle theme", "Toggle navigation", "Sidebar",
    "Filter navigation items", "Model name", "Add link", "Models in the", "Axes", "AXES",
    "Access attempts", "Access failures", "Access logs", "Show counts", "Hide counts",
    "Added:", "Select this object", "Select all objects", "Choose all", "Remove all",
    "by selecting them", "Choose selected", "Remove selected", "Type into this box",
    "Choose a date from the list", "Changed by", "Change reason", "Sunday", "Heading",
    "Paragraph", "Thêm vào", "Bản ghi nhớ", "Bởi ", "Các mô models", "Đi đến",
    "Can add", "Can change", "Can delete", "Can view", "Task Result", "Tasks Database",
)  # fmt: skip
# The action bar's counter, as Django's catalogue words it: "0 của 5 được chọn".
STOCK_PATTERNS = (re.compile(r"\d+ +của +\d+ được chọn"),)

VISIBLE_TEXT = """() => {
  const hidden = [...document.querySelectorAll('.material-icons')];
  hidden.forEach(e => e.dataset.icon = e.textContent);
  hidden.forEach(e => e.textContent = '');
  const text = document.body.innerText;
  hidden.forEach(e => e.textContent = e.dataset.icon);
  const attributes = [...document.querySelectorAll('[title], [aria-label], [placeholder]')]
    .flatMap(e => [e.title, e.getAttribute('aria-label'), e.getAttribute('placeholder')]);
  return [text, ...attributes.filter(Boolean)].join('\\n');
}"""

TOOLBAR_LABELS = """() => [
  ...document.querySelectorAll('.prose-menubar [title], .prose-menubar [aria-label]')
].flatMap(e => [e.title, e.getAttribute('aria-label')]).filter(Boolean)"""


@pytest.fixture
def desk(transactional_db):
    categories = make_categories()
    editor = make_staff("tran.van.binh", roles.NEWS_EDITOR, password=PASSWORD)
    for title in ("Hội nghị công nhân lao động", "Tập huấn an toàn lao động"):
        article = make_article(title, categories["union"], by=editor)
        article.summary = "Tóm tắt đã sửa."
        article.save()
    draft = make_article("Kế hoạch Tháng Công nhân", categories["union"], by=editor, state=DRAFT)
    administrator = make_user("quan.tri", is_superuser=True, password=PASSWORD)
    return {"editor": editor, "administrator": administrator, "article": draft}


def log_in(page, username):
    page.goto("/quan-tri/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/quan-tri/")


def assert_in_vietnamese(page, harness, name):
    page.wait_for_load_state("load")
    harness.assert_no_console_errors(page)
    text = page.evaluate(VISIBLE_TEXT)
    english = [phrase for phrase in STOCK_PHRASES if phrase in text]
    english += [pattern.pattern for pattern in STOCK_PATTERNS if pattern.search(text)]
    assert english == [], f"{page.url} shows {english}"
    untranslated = [label for label in page.evaluate(TOOLBAR_LABELS) if label.isascii()]
    assert untranslated == [], f"{page.url}: editor toolbar labels in English: {untranslated}"
    harness.screenshot(page, name)


def test_an_editor_works_in_vietnamese(page, harness, desk):
    article = desk["article"]
    log_in(page, "tran.van.binh")
    assert_in_vietnamese(page, harness, "admin-language-index-editor")

    page.goto("/quan-tri/news/article/")
    assert_in_vietnamese(page, harness, "admin-language-article-list")
    assert page.locator("#changelist-filter").get_by_text("Theo trạng thái").is_visible()
    page.locator("input.action-select").first.check()
    assert page.locator(".action-counter").inner_text() == "Đã chọn 1/3"
    assert_in_vietnamese(page, harness, "admin-language-action-bar")

    page.goto("/quan-tri/news/article/add/")
    page.locator(".prose-editor [contenteditable=true]").wait_for(state="visible")
    assert page.locator(".prose-menubar [data-name=bold]").get_attribute("title") == "In đậm"
    page.locator(".prose-menubar__selected").click()
    options = page.locator(".prose-menubar__picker .prose-menubar__option")
    assert options.all_inner_texts() == [
        "Đề mục cấp 2", "Đề mục cấp 3", "Đề mục cấp 4", "Đoạn văn"
    ]  # fmt: skip
    assert_in_vietnamese(page, harness, "admin-language-article-add-menu")
    page.keyboard.press("Escape")
    chooser = page.locator(".selector")
    assert "Chọn tất cả chuyên mục khác" in chooser.inner_text()

    page.goto(f"/quan-tri/news/article/{article.pk}/change/")
    assert_in_vietnamese(page, harness, "admin-language-article-change")
    page.goto(f"/quan-tri/news/article/{article.pk}/history/")
    assert page.get_by_role("heading", name=re.compile("Lịch sử thay đổi")).is_visible()
    assert_in_vietnamese(page, harness, "admin-language-article-history")


def test_an_administrator_works_in_vietnamese(page, harness, desk):
    log_in(page, "quan.tri")
    assert_in_vietnamese(page, harness, "admin-language-index-administrator")
    assert page.get_by_role("link", name="Khóa đăng nhập").is_visible()
    for path in (
        "/quan-tri/axes/accessattempt/",
        "/quan-tri/axes/accesslog/",
        "/quan-tri/documents/document/",
        "/quan-tri/members/member/",
        "/quan-tri/news/article/?status=published",
        f"/quan-tri/auth/user/{desk['editor'].pk}/change/",
        f"/quan-tri/auth/group/{desk['editor'].groups.get().pk}/change/",
    ):
        page.goto(path)
        assert_in_vietnamese(page, harness, "admin-language" + path.replace("/", "-"))


def test_the_editor_block_menu_arrow_is_drawn_not_a_missing_glyph(page, desk):
    """The arrow was "⏷", a character the admin's fonts lack: an empty box."""
    log_in(page, "tran.van.binh")
    page.goto("/quan-tri/news/article/add/")
    selected = page.locator(".prose-menubar__selected")
    selected.wait_for(state="visible")
    arrow = selected.evaluate(
        """e => { const s = getComputedStyle(e, '::after');
                  return [s.content, s.borderTopWidth, s.borderTopColor]; }"""
    )
    assert arrow[0] == '""'
    assert float(arrow[1].removesuffix("px")) >= 4
    assert not re.search(r"rgba\(.*, 0\)", arrow[2])


@pytest.mark.parametrize("width", [WIDE, NARROW])
@pytest.mark.parametrize("which", ["add", "change"])
def test_the_article_form_fits_the_window(page, harness, desk, width, which):
    log_in(page, "tran.van.binh")
    article = desk["article"]
    path = "add/" if which == "add" else f"{article.pk}/change/"
    page.goto(f"/quan-tri/news/article/{path}")
    page.locator(".prose-editor [contenteditable=true]").wait_for(state="visible")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    title = page.locator("#id_title").bounding_box()
    row = page.locator(".form-row.field-title").bounding_box()
    if width == WIDE:  # beside its label; on a phone the label is above it
        assert title["width"] >= 0.75 * row["width"]
        assert row["x"] + row["width"] - (title["x"] + title["width"]) <= 12
    harness.screenshot(page, f"admin-article-{which}-form")
