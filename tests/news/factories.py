"""News test data: categories, tags, articles in every state, the admin's article form.

Staff in their roles are in tests/factories.py, real images in tests/files.py.

Articles are written through news.services, as the admin does, so their slugs, search
columns, sanitised bodies and image renditions are the real ones.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from federation.text import html_text, search_document, slugify_vi
from news import services
from news.models import Article, Category, Tag

# ---------------------------------------------------------------------------------------
# Categories, tags and articles


def make_category(name: str, *, parent=None, **fields) -> Category:
    return Category.objects.create(
        name=name, slug=fields.pop("slug", slugify_vi(name)), parent=parent, **fields
    )


def make_categories() -> dict[str, Category]:
    """The federation's sections: a two-level tree, two of them on the home page."""
    events = make_category("Tin tức – Sự kiện", order=1, show_on_home=True)
    union = make_category("Hoạt động công đoàn", parent=events, order=1)
    policy = make_category(
        "Chính sách – Pháp luật",
        order=2,
        show_on_home=True,
        description="Chính sách mới liên quan đến người lao động và tổ chức công đoàn.",
    )
    models = make_category("Gương điển hình", order=3)
    women = make_category("Nữ công", order=4)
    return {"events": events, "union": union, "policy": policy, "models": models, "women": women}


def make_tag(name: str) -> Tag:
    return Tag.objects.create(name=name, slug=slugify_vi(name))


PUBLISHED = "published"
DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
SCHEDULED = "scheduled"
EXPIRED = "expired"


def make_article(
    title: str,
    category: Category,
    *,
    by,
    state: str = PUBLISHED,
    days_ago: float = 1,
    summary: str | None = None,
    body: str | None = None,
    cover: bytes | None = None,
    tags=(),
    **fields,
) -> Article:
    """An article saved through the service, in the state asked for."""
    now = timezone.now()
    if state == PUBLISHED:
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("published_at", now - timedelta(days=days_ago))
    elif state == SCHEDULED:
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("published_at", now + timedelta(days=2))
    elif state == EXPIRED:
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("published_at", now - timedelta(days=10))
        fields.setdefault("expires_at", now - timedelta(days=1))
    else:
        fields.setdefault("status", state)
    article = Article(
        title=title,
        summary=summary if summary is not None else f"Tóm tắt: {title.lower()}.",
        body=body if body is not None else f"<p>{title}. Nội dung chi tiết của bài viết.</p>",
        category=category,
        **fields,
    )
    if cover is not None:
        article.cover = ContentFile(cover, name="anh-bia-goc.jpg")
        article.cover_alt = fields.get("cover_alt") or "Đoàn viên nhận quà tại nhà văn hóa"
    services.save_article(article=article, user=by)
    if tags:
        article.tags.add(*tags)
    return article


def make_many_articles(count: int, categories, *, tag=None, start: int = 0) -> list[Article]:
    """Published articles in bulk (for the query-count tests): one INSERT per batch."""
    now = timezone.now()
    rows = []
    for number in range(start, start + count):
        title = f"Bản tin công đoàn số {number}: chăm lo Tết cho đoàn viên khó khăn"
        article = Article(
            title=title,
            slug=f"ban-tin-cong-doan-so-{number}",
            summary=f"Tóm tắt bản tin số {number} về hoạt động công đoàn.",
            body=f"<p>Nội dung bản tin số {number}: công đoàn cơ sở trao quà Tết.</p>",
            category=categories[number % len(categories)],
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=number + 1),
            featured=number % 7 == 0,
            views=number * 3,
        )
        # bulk_create skips save(): fill the folded search columns the way save() does.
        article.search_title = search_document(title)
        article.search_text = search_document(title, article.summary, html_text(article.body))
        rows.append(article)
    created = Article.objects.bulk_create(rows, batch_size=500)
    if tag is not None:
        Article.tags.through.objects.bulk_create(
            [Article.tags.through(article_id=a.pk, tag_id=tag.pk) for a in created],
            batch_size=500,
        )
    return created


# ---------------------------------------------------------------------------------------
# The admin's article form


def management_form(total: int = 0, initial: int = 0) -> dict:
    return {
        "photos-TOTAL_FORMS": str(total),
        "photos-INITIAL_FORMS": str(initial),
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }


def article_form(category, **changes) -> dict:
    """The fields of the admin's article form, filled in as a member of staff would."""
    data = {
        "title": "Công đoàn Khu công nghiệp Tân Phong trao 300 suất quà Tháng Công nhân",
        "slug": "",
        "summary": "Nhân Tháng Công nhân, công đoàn trao quà cho đoàn viên có hoàn cảnh khó khăn.",
        "body": "<p>Sáng 5/5, tại nhà văn hóa khu công nghiệp, công đoàn đã trao quà.</p>",
        "cover_alt": "",
        "cover_caption": "",
        "category": str(category.pk),
        "byline": "Bế Hòa – LĐLĐ tỉnh",
        "source": "",
        "allow_comments": "on",
        "published_at_0": "",
        "published_at_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        **management_form(),
    }
    data.update(changes)
    return data


# ---------------------------------------------------------------------------------------
# Bodies with markup

DANGEROUS_BODY = (
    "<h2>Kết quả Đại hội</h2>"
    "<p>Đại hội đã bầu <strong>Ban Chấp hành</strong> gồm <em>35 đồng chí</em>.</p>"
    "<script>alert('xss')</script>"
    '<p><img src="x" onerror="alert(1)"></p>'
    '<p><a href="javascript:alert(2)">Bấm vào đây</a> hoặc '
    '<a href="https://congdoan.vn/van-kien">xem văn kiện</a>.</p>'
    "<ul><li>Đổi mới</li><li>Dân chủ</li></ul>"
    "<ol><li>Đoàn kết</li></ol>"
    "<blockquote><p>Đổi mới – Dân chủ – Đoàn kết – Phát triển</p></blockquote>"
    "<table><tbody><tr><th>Chỉ tiêu</th><td>95%</td></tr></tbody></table>"
    '<figure><img src="/media/news/anh-dai-hoi.jpg" alt="Quang cảnh Đại hội">'
    "<figcaption>Quang cảnh Đại hội</figcaption></figure>"
    '<h3 style="color:red" onclick="steal()">Phương hướng nhiệm kỳ</h3>'
)


def assert_safe_and_kept(body: str) -> None:
    """No script in any form; every element the editor offers is still there."""
    lowered = body.lower()
    assert "<script" not in lowered
    assert "alert('xss')" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "javascript:" not in lowered
    assert "style=" not in lowered
    for kept in (
        "<h2>Kết quả Đại hội</h2>",
        "<strong>Ban Chấp hành</strong>",
        "<em>35 đồng chí</em>",
        '<a href="https://congdoan.vn/van-kien"',
        "<ul><li>Đổi mới</li><li>Dân chủ</li></ul>",
        "<ol><li>Đoàn kết</li></ol>",
        "<blockquote><p>Đổi mới – Dân chủ – Đoàn kết – Phát triển</p></blockquote>",
        "<th>Chỉ tiêu</th><td>95%</td>",
        "<figcaption>Quang cảnh Đại hội</figcaption>",
        'alt="Quang cảnh Đại hội"',
        "Phương hướng nhiệm kỳ</h3>",
    ):
        assert kept in body, kept
    assert "Bấm vào đây" in body  # the words of a script link stay, the link does not
