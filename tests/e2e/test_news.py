"""A reader's path through the news: the lists, an article, its rating and comments, search."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from PIL import Image

from federation import roles
from federation.models import SiteProfile
from federation.text import format_date
from news import services
from news.models import Article, Category, Comment, Rating, Tag
from tests.e2e.harness import NARROW, WIDE, WIDTHS

pytestmark = pytest.mark.e2e


def _jpeg(colour) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="anh-bia.jpg")


@pytest.fixture
def newsroom(transactional_db):
    """A published article with a cover, a sibling in its category, and a draft."""
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên", short_name="LĐLĐ tỉnh Điện Biên"
    )
    approver = get_user_model().objects.create_user("duyet", is_staff=True)
    approver.groups.add(Group.objects.get(name=roles.NEWS_APPROVER))
    top = Category.objects.create(name="Tin tức – Sự kiện", slug="tin-tuc-su-kien")
    category = Category.objects.create(
        name="Hoạt động công đoàn",
        slug="hoat-dong-cong-doan",
        parent=top,
        show_on_home=True,
    )
    tag = Tag.objects.create(name="Tết Sum vầy", slug="tet-sum-vay")

    def write(title, summary, body, *, cover=None, publish=True, days_ago=1):
        article = Article(
            title=title,
            summary=summary,
            body=body,
            category=category,
            byline="Lò Thị Mai – LĐLĐ tỉnh",
            cover_alt="Đoàn viên nhận quà Tết tại nhà văn hóa" if cover else "",
        )
        if cover:
            article.cover = _jpeg(cover)
        services.save_article(article=article, user=approver)
        if publish:
            services.publish_article(
                article=article,
                user=approver,
                at=timezone.now() - timedelta(days=days_ago),
            )
        return article

    main = write(
        "Công đoàn tỉnh trao 1.250 suất quà Tết Sum vầy cho đoàn viên",
        "Liên đoàn Lao động tỉnh trao quà cho đoàn viên có hoàn cảnh khó khăn dịp Tết.",
        "<p>Sáng nay, Ban Thường vụ Liên đoàn Lao động tỉnh tổ chức chương trình "
        "Tết Sum vầy tại nhà văn hóa phường.</p><h2>Quà tận tay đoàn viên</h2>"
        "<p>Mỗi suất quà trị giá 500.000 đồng.</p>",
        cover=(11, 61, 145),
    )
    main.tags.add(tag)
    write(
        "Hội nghị tập huấn cán bộ công đoàn cơ sở năm 2026",
        "Hơn 200 cán bộ công đoàn cơ sở được bồi dưỡng nghiệp vụ.",
        "<p>Lớp tập huấn kéo dài hai ngày.</p>",
        days_ago=3,
    )
    draft = write(
        "Bản nháp chưa đăng về công đoàn",
        "Bài này chưa được duyệt.",
        "<p>Nội dung nháp.</p>",
        publish=False,
    )
    return {"article": main, "draft": draft, "category": category}


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reader_finds_and_reads_an_article(page, open_page, check_page, newsroom):
    article = newsroom["article"]
    open_page(page, "/", name="home-with-news")
    assert page.get_by_role("link", name=article.title).first.is_visible()

    open_page(page, "/tin-tuc/", name="news-list")
    assert newsroom["draft"].title not in page.content()
    page.get_by_role("link", name=article.title).first.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    check_page(page, "article")

    assert page.locator("h1").text_content() == article.title
    with translation.override("vi"):
        written = format_date(Article.objects.get(pk=article.pk).published_at)
    assert page.locator(".article-meta time").text_content() == written
    assert re.fullmatch(
        r"(Thứ (hai|ba|tư|năm|sáu|bảy)|Chủ nhật), \d\d/\d\d/\d{4} \d\d:\d\d", written
    )
    assert "Lò Thị Mai – LĐLĐ tỉnh" in page.locator(".article-byline").text_content()
    cover = page.locator(".article-cover img")
    assert cover.get_attribute("alt") == "Đoàn viên nhận quà Tết tại nhà văn hóa"
    # A resized rendition, never the 1600 px original the editor uploaded.
    shown = cover.evaluate("image => image.currentSrc")
    assert "/news/renditions/" in shown
    assert cover.evaluate("image => image.complete && image.naturalWidth > 0")
    assert page.get_by_role("heading", name="Quà tận tay đoàn viên").is_visible()
    assert page.get_by_role("link", name="Tết Sum vầy").is_visible()

    open_page(page, newsroom["category"].get_absolute_url(), name="category")
    assert page.get_by_role("link", name=article.title).first.is_visible()


def test_rating_an_article_updates_the_average_at_once(page, open_page, newsroom):
    article = newsroom["article"]
    open_page(page, article.get_absolute_url(), name="article-before-rating")

    rating = page.locator("#danh-gia")
    rating.locator("label[for=score-4]").click()
    rating.get_by_role("button", name="Gửi đánh giá").click()

    status = rating.locator("[data-rating-status]")
    status.wait_for(state="visible")
    assert "4 sao" in status.text_content()
    assert "4,0/5" in rating.locator("[data-rating-summary]").text_content()
    assert Rating.objects.get(article=article).score == 4
    check_page_after = page.url
    assert check_page_after.endswith(article.get_absolute_url())

    # Voting again from the same browser replaces the vote instead of adding one.
    rating.locator("label[for=score-2]").click()
    rating.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_function(
        "() => document.querySelector('[data-rating-summary]').textContent.includes('2,0/5')"
    )
    assert list(Rating.objects.filter(article=article).values_list("score", flat=True)) == [2]


def test_a_comment_waits_for_moderation(page, new_page, open_page, check_page, newsroom):
    article = newsroom["article"]
    open_page(page, article.get_absolute_url(), name="article-comment-form")

    form = page.locator(".comment-form")
    form.get_by_label("Tên").fill("Quàng Văn Đức")
    form.get_by_label("Thư điện tử").fill("duc.quang@example.vn")
    form.get_by_label("Ý kiến của bạn").fill("Chương trình rất ý nghĩa với công nhân xa nhà.")
    form.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url(f"**{article.get_absolute_url()}#y-kien")
    check_page(page, "article-comment-sent")

    assert "sau khi được duyệt" in page.locator(".messages").text_content()
    mine = page.locator(".comment-pending")
    assert "Chương trình rất ý nghĩa" in mine.text_content()
    assert "đang chờ duyệt" in mine.text_content()
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.PENDING

    # Another reader does not see it until staff approve it.
    other = new_page()
    open_page(other, article.get_absolute_url(), name="article-other-reader")
    assert "Chương trình rất ý nghĩa" not in other.content()
    assert "duc.quang@example.vn" not in other.content()


@pytest.fixture
def featured_five(newsroom):
    """Five featured stories with covers, as in the demo."""
    approver = get_user_model().objects.get(username="duyet")
    titles = [
        "Bàn giao nhà “Mái ấm Công đoàn” cho gia đình đoàn viên Lò Văn Sương",
        "Đoàn phí công đoàn giảm còn 0,5%: những điều đoàn viên cần biết",
        "Kỹ sư Tòng Văn Minh và 14 sáng kiến làm lợi hơn 2 tỷ đồng",
        "16 đội tham dự Giải bóng đá công nhân viên chức lao động tỉnh",
    ]
    for number, title in enumerate(titles):
        article = Article(
            title=title,
            summary=f"Tóm tắt: {title}.",
            body="<p>Nội dung.</p>",
            category=newsroom["category"],
            cover=_jpeg((40 * number, 90, 60)),
            cover_alt="Ảnh minh họa",
        )
        services.save_article(article=article, user=approver)
        services.publish_article(
            article=article, user=approver, at=timezone.now() - timedelta(days=2 + number)
        )
    Article.objects.filter(status=Article.Status.PUBLISHED, cover__gt="").update(featured=True)
    Article.objects.filter(pk=newsroom["article"].pk).update(
        summary="Các cấp công đoàn trong tỉnh dự kiến trao hơn 5.200 suất quà, tổng trị giá "
        "khoảng 2,87 tỷ đồng, cho đoàn viên, người lao động có hoàn cảnh khó khăn dịp Tết "
        "Nguyên đán."
    )


def featured_boxes(page, open_page):
    open_page(page, "/", name="home-featured")
    assert page.locator(".featured-others li").count() == 4
    # The lead's box stretches to its row: where its text ends is where the white begins.
    top = page.locator(".featured-lead").bounding_box()
    end = page.locator(".featured-lead > :last-child").bounding_box()
    lead = {"y": top["y"], "height": end["y"] + end["height"] - top["y"]}
    return lead, page.locator(".featured-others").bounding_box()


@pytest.mark.parametrize("width", [WIDE])
def test_featured_stories_side_by_side_end_together(page, open_page, featured_five):
    """On a wide screen the list of the other featured stories is not twice as tall as the
    lead story beside it, leaving a column of white under the lead."""
    lead, others = featured_boxes(page, open_page)
    assert abs((lead["y"] + lead["height"]) - (others["y"] + others["height"])) < 200


@pytest.mark.parametrize("width", [NARROW])
def test_featured_stories_on_a_phone_are_small_cards(page, open_page, featured_five):
    lead, others = featured_boxes(page, open_page)
    assert others["y"] > lead["y"] + lead["height"]  # one above the other
    assert others["height"] < 1.5 * lead["height"]


def in_view_and_focused(page, selector: str) -> bool:
    return page.evaluate(
        """selector => {
            const element = document.querySelector(selector);
            const box = element.getBoundingClientRect();
            return document.activeElement === element
                && box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_an_empty_comment_shows_its_errors_in_view(page, harness, open_page, check_page, newsroom):
    article = newsroom["article"]
    open_page(page, article.get_absolute_url(), name="article-before-empty-comment")

    form = page.locator(".comment-form")
    form.get_by_label("Tên").fill("Quàng Văn Đức")
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name="Gửi ý kiến").click()
    harness.expect_error_status(page, navigation.value, 400)
    check_page(page, "article-empty-comment")

    summary = page.locator("#loi-y-kien")
    assert "Vui lòng viết ý kiến của bạn." in summary.text_content()
    assert in_view_and_focused(page, "#loi-y-kien")
    assert page.locator(".comment-form").get_by_label("Tên").input_value() == "Quàng Văn Đức"
    # Each error links to its field.
    summary.get_by_role("link", name="Vui lòng viết ý kiến của bạn.").click()
    assert page.evaluate("document.activeElement.name") == "text"
    assert not Comment.objects.exists()


def test_an_empty_error_report_shows_its_errors_in_view(page, harness, open_page, newsroom):
    open_page(page, newsroom["article"].get_absolute_url(), name="article-before-empty-report")

    page.locator("#bao-loi summary").click()
    with page.expect_navigation() as navigation:
        page.locator("#bao-loi").get_by_role("button").click()
    harness.expect_error_status(page, navigation.value, 400)
    harness.check_page(page, "article-empty-report")
    assert in_view_and_focused(page, "#loi-bao-loi")


@pytest.mark.parametrize("width", WIDTHS)
def test_searching_without_diacritics_finds_the_article(page, open_page, check_page, newsroom):
    open_page(page, "/")
    page.get_by_role("search").get_by_role("searchbox").fill("tet sum vay")
    with page.expect_navigation():
        page.get_by_role("search").get_by_role("button").click()
    check_page(page, "search-news")

    results = page.locator(".search-result")
    assert results.count() == 1
    assert newsroom["article"].title in results.first.text_content()
    marked = [text.lower() for text in results.first.locator("mark").all_text_contents()]
    assert "tết" in marked
    assert newsroom["draft"].title not in page.content()
