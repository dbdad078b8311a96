"""News test data: categories, staff in their roles, articles in every state, real images.

Articles are written through news.services, as the admin does, so their slugs, search
columns, sanitised bodies and image renditions are the real ones.
"""

import functools
import io
import os
import re
import struct
import zlib
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext
from PIL import Image

from federation import roles
from federation.text import html_text, search_document, slugify_vi
from news import services
from news.models import Article, Category, Tag
from tests.factories import browser, make_user

# ---------------------------------------------------------------------------------------
# Images


def jpeg_bytes(size=(1600, 900), colour=(11, 61, 145)) -> bytes:
    """A real JPEG, like a phone photo but small on disk (one colour compresses well)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png_bytes(size=(64, 64), colour=(200, 30, 30, 255)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_upload(name: str = "IMG_20260115_083012.jpg", **kwargs) -> SimpleUploadedFile:
    return upload(name, jpeg_bytes(**kwargs))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


@functools.cache
def bomb_png_bytes(side: int = 20_000) -> bytes:
    """A real, complete PNG of side × side black pixels: ~50 KB on disk, 400 Mpx decoded.

    Written row by row, so building it never holds the decoded image in memory.
    """
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + bytes((side + 7) // 8)  # filter byte + packed pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def executable_bytes() -> bytes:
    """The start of a Windows program: "MZ" and bytes no image reader accepts."""
    return b"MZ\x90\x00\x03\x00\x00\x00" + os.urandom(4096)


def files_under(root) -> list:
    """Every file stored under MEDIA_ROOT (an empty or missing folder gives [])."""
    if not os.path.isdir(root):
        return []
    return [os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names]


# ---------------------------------------------------------------------------------------
# People and clients


def make_staff(username: str, role: str | None, **fields):
    user = make_user(username, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_editor(username: str = "tran.van.binh"):
    return make_staff(username, roles.NEWS_EDITOR, first_name="Trần Văn", last_name="Bình")


def make_approver(username: str = "le.thi.hoa"):
    return make_staff(username, roles.NEWS_APPROVER, first_name="Lê Thị", last_name="Hoa")


def logged_in(user, **kwargs) -> Client:
    """A browser with `user` signed in (force_login: django-axes refuses client.login)."""
    client = browser(**kwargs)
    client.force_login(user)
    return client


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


# ---------------------------------------------------------------------------------------
# Reading pages


def vi(message: str, plural: str | None = None, count: int | None = None, **params) -> str:
    """The Vietnamese text of a source message, checked to be really translated."""
    with translation.override("vi"):
        translated = ngettext(message, plural, count) if plural else gettext(message)
    assert translated != message, f"no Vietnamese translation for {message!r}"
    if count is not None and "%d" in translated:
        translated = translated % count
    return translated % params if params else translated


def text_of(response) -> str:
    return response.content.decode()


def shows(response, message: str) -> bool:
    """Whether the page shows `message` (as the template escapes it)."""
    return escape(message) in text_of(response)


def section(response, pattern: str) -> str:
    """The part of the page matched by a regular expression (dot matches newlines)."""
    match = re.search(pattern, text_of(response), re.S)
    assert match, f"the page has nothing matching {pattern!r}"
    return match.group(0)


def messages_of(response) -> list[str]:
    """The flash messages shown on a page."""
    return [
        re.sub(r"\s+", " ", item).strip()
        for item in re.findall(r'<li class="message[^"]*">(.*?)</li>', text_of(response), re.S)
    ]
