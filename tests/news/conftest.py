"""Fixtures of the news tests: the newsroom (staff in their roles), sections and articles."""

import pytest

from tests.factories import make_approver, make_editor
from tests.files import jpeg_bytes
from tests.helpers import logged_in
from tests.news.factories import (
    DRAFT,
    EXPIRED,
    SCHEDULED,
    SUBMITTED,
    make_article,
    make_categories,
    make_tag,
)


@pytest.fixture
def editor(db):
    """A news editor ("Biên tập viên tin tức"): writes and submits, never publishes."""
    return make_editor()


@pytest.fixture
def approver(db):
    """An approver ("Người duyệt tin"): publishes, returns, moderates."""
    return make_approver()


@pytest.fixture
def editor_client(editor):
    return logged_in(editor, address="10.0.0.21")


@pytest.fixture
def approver_client(approver):
    return logged_in(approver, address="10.0.0.22")


@pytest.fixture
def categories(db):
    return make_categories()


@pytest.fixture
def articles(categories, approver, editor):
    """One article in each state a visitor may or may not see."""
    union = categories["union"]
    tag = make_tag("Tết Sum vầy")
    published = make_article(
        "Công đoàn tỉnh trao 1.250 suất quà Tết Sum vầy cho đoàn viên",
        union,
        by=approver,
        summary="Liên đoàn Lao động tỉnh trao quà cho đoàn viên có hoàn cảnh khó khăn dịp Tết.",
        body=(
            "<p>Sáng nay, Ban Thường vụ Liên đoàn Lao động tỉnh tổ chức chương trình "
            "Tết Sum vầy tại nhà văn hóa phường Tân Phong.</p>"
            "<h2>Quà tận tay đoàn viên</h2><p>Mỗi suất quà trị giá 500.000 đồng.</p>"
        ),
        byline="Bế Hòa – LĐLĐ tỉnh",
        source="Báo Lao Động",
        cover=jpeg_bytes(size=(1100, 620)),  # wider than the large rendition, still quick
        cover_caption="Lãnh đạo LĐLĐ tỉnh trao quà cho đoàn viên.",
        tags=[tag],
        days_ago=1,
    )
    older = make_article(
        "Hội nghị tập huấn cán bộ công đoàn cơ sở năm 2026",
        union,
        by=approver,
        summary="Hơn 200 cán bộ công đoàn cơ sở được bồi dưỡng nghiệp vụ.",
        days_ago=3,
    )
    policy = make_article(
        "Những điểm mới của Luật Công đoàn năm 2024",
        categories["policy"],
        by=approver,
        summary="Luật Công đoàn sửa đổi có hiệu lực từ ngày 1/7/2025.",
        days_ago=2,
    )
    draft = make_article(
        "Bản nháp về Tháng Công nhân chưa được duyệt", union, by=editor, state=DRAFT
    )
    submitted = make_article("Bài gửi duyệt về Mái ấm Công đoàn", union, by=editor, state=SUBMITTED)
    scheduled = make_article(
        "Thông báo lịch tiếp đoàn viên tháng sau", union, by=approver, state=SCHEDULED
    )
    expired = make_article(
        "Thông báo tuyển dụng đã hết hạn", categories["events"], by=approver, state=EXPIRED
    )
    return {
        "published": published,
        "older": older,
        "policy": policy,
        "draft": draft,
        "submitted": submitted,
        "scheduled": scheduled,
        "expired": expired,
        "tag": tag,
        "visible": [published, policy, older],  # newest first
        "hidden": [draft, submitted, scheduled, expired],
    }


@pytest.fixture
def article(articles):
    """The published article with a cover, a byline, a source and a tag."""
    return articles["published"]
