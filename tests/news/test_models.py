"""What an article is: its address, its rules, its states over time, its history, the roles."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation

from federation import roles
from news import services
from news.models import Article, Category
from tests.factories import make_editor
from tests.files import jpeg_bytes
from tests.helpers import vi
from tests.news.factories import DRAFT, make_article, make_category

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def messages_in(error: ValidationError) -> list[str]:
    with translation.override("vi"):
        return [str(message) for message in error.messages]


class TestSlug:
    def test_made_from_the_vietnamese_title(self, categories, approver):
        article = make_article(
            "Đại hội Công đoàn tỉnh lần thứ XII, nhiệm kỳ 2023–2028",
            categories["union"],
            by=approver,
        )
        assert article.slug == "dai-hoi-cong-doan-tinh-lan-thu-xii-nhiem-ky-2023-2028"
        assert article.get_absolute_url() == f"/tin-tuc/{article.slug}/"

    def test_the_same_title_twice_gets_a_second_address(self, categories, approver):
        title = "Trao 50 suất học bổng cho con đoàn viên"
        first = make_article(title, categories["union"], by=approver)
        second = make_article(title, categories["union"], by=approver)
        assert first.slug == "trao-50-suat-hoc-bong-cho-con-doan-vien"
        assert second.slug == "trao-50-suat-hoc-bong-cho-con-doan-vien-2"

    def test_a_title_without_letters_still_gets_an_address(self, categories, approver):
        article = make_article("“…” – !!!", categories["union"], by=approver)
        assert article.slug == "bai-viet"

    def test_a_draft_may_change_its_address(self, categories, editor):
        draft = make_article(
            "Tin nháp về Tháng Công nhân", categories["union"], by=editor, state=DRAFT
        )
        draft.slug = "thang-cong-nhan-2026"
        services.save_article(article=draft, user=editor)
        draft.refresh_from_db()
        assert draft.slug == "thang-cong-nhan-2026"

    def test_a_published_article_keeps_its_address(self, article, approver):
        original = article.slug
        article.title = "Công đoàn tỉnh trao 1.300 suất quà Tết Sum vầy (cập nhật)"
        services.save_article(article=article, user=approver)
        article.refresh_from_db()
        assert article.slug == original

        article.slug = "dia-chi-moi"
        with pytest.raises(ValidationError) as refused:
            services.save_article(article=article, user=approver)
        assert messages_in(refused.value) == [
            vi("The address of a published article cannot change.")
        ]
        assert Article.objects.get(pk=article.pk).slug == original


class TestRules:
    def test_a_cover_needs_a_description(self, categories, approver):
        article = Article(
            title="Ảnh bìa không có mô tả",
            summary="Thử quy tắc mô tả ảnh.",
            body="<p>Nội dung.</p>",
            category=categories["union"],
        )
        article.cover = ContentFile(jpeg_bytes(size=(32, 32)), name="bia.jpg")
        with pytest.raises(ValidationError) as refused:
            services.save_article(article=article, user=approver)
        with translation.override("vi"):
            errors = {k: [str(m) for m in v] for k, v in refused.value.message_dict.items()}
        assert errors["cover_alt"] == [
            vi("Describe the cover image for readers who cannot see it.")
        ]
        assert not Article.objects.exists()

    def test_expiry_must_come_after_publication(self, categories, approver):
        moment = dt.datetime(2026, 5, 1, 8, 0, tzinfo=HANOI)
        with pytest.raises(ValidationError) as refused:
            make_article(
                "Thông báo có hạn sai",
                categories["union"],
                by=approver,
                published_at=moment,
                expires_at=moment - dt.timedelta(hours=1),
            )
        with translation.override("vi"):
            assert str(refused.value.message_dict["expires_at"][0]) == vi(
                "The expiry time must come after the publication time."
            )
        assert not Article.objects.exists()

    def test_categories_have_two_levels(self, categories):
        grandchild = Category(
            name="Công đoàn khu công nghiệp", slug="cong-doan-kcn", parent=categories["union"]
        )
        with pytest.raises(ValidationError) as refused:
            grandchild.full_clean()
        assert messages_in(refused.value) == [
            vi("Categories have two levels: choose a top-level parent.")
        ]

        top = categories["events"]
        top.parent = categories["policy"]
        with pytest.raises(ValidationError) as refused:
            top.full_clean()
        assert messages_in(refused.value) == [
            vi("This category has sub-categories, so it must stay on top.")
        ]

    def test_a_category_is_shown_with_its_parent(self, categories):
        assert str(categories["union"]) == "Tin tức – Sự kiện › Hoạt động công đoàn"
        assert str(categories["women"]) == "Nữ công"
        assert make_category("Văn hóa – Thể thao").slug == "van-hoa-the-thao"


class TestVisibilityOverTime:
    def test_scheduled_article_turns_public_by_itself(self, categories, approver, time_machine):
        time_machine.move_to(dt.datetime(2026, 4, 28, 9, 0, tzinfo=HANOI), tick=False)
        article = make_article(
            "Lễ phát động Tháng Công nhân năm 2026",
            categories["union"],
            by=approver,
            published_at=dt.datetime(2026, 5, 1, 7, 0, tzinfo=HANOI),
        )
        assert not article.is_public
        assert not Article.objects.published().filter(pk=article.pk).exists()

        time_machine.move_to(dt.datetime(2026, 5, 1, 7, 0, 1, tzinfo=HANOI), tick=False)
        assert article.is_public
        assert Article.objects.published().filter(pk=article.pk).exists()

    def test_expired_article_goes_away_by_itself(self, categories, approver, time_machine):
        time_machine.move_to(dt.datetime(2026, 3, 1, 9, 0, tzinfo=HANOI), tick=False)
        article = make_article(
            "Thông báo tuyển sinh lớp tin học cho đoàn viên",
            categories["union"],
            by=approver,
            published_at=dt.datetime(2026, 3, 1, 8, 0, tzinfo=HANOI),
            expires_at=dt.datetime(2026, 3, 15, 17, 0, tzinfo=HANOI),
        )
        assert Article.objects.published().filter(pk=article.pk).exists()
        time_machine.move_to(dt.datetime(2026, 3, 15, 17, 0, tzinfo=HANOI), tick=False)
        assert not article.is_public
        assert not Article.objects.published().filter(pk=article.pk).exists()


class TestHistory:
    def test_every_change_is_kept_in_order(self, categories, editor, approver):
        article = make_article(
            "Bản tin công đoàn tháng 3", categories["union"], by=editor, state=DRAFT
        )
        article.title = "Bản tin công đoàn tháng 3/2026"
        services.save_article(article=article, user=editor)
        services.submit_article(article=article, user=editor)
        services.publish_article(article=article, user=approver)

        states = list(article.history.order_by("history_date").values_list("title", "status"))
        assert states == [
            ("Bản tin công đoàn tháng 3", "draft"),
            ("Bản tin công đoàn tháng 3/2026", "draft"),
            ("Bản tin công đoàn tháng 3/2026", "submitted"),
            ("Bản tin công đoàn tháng 3/2026", "published"),
        ]

    def test_views_do_not_fill_the_history(self, article, visitor):
        before = article.history.count()
        visitor.get(article.get_absolute_url())
        assert Article.objects.get(pk=article.pk).views == 1
        assert article.history.count() == before


class TestRoles:
    def permissions(self, role):
        group = Group.objects.get(name=role)
        return {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }

    def test_editors_write_but_do_not_publish(self, db):
        held = self.permissions(roles.NEWS_EDITOR)
        assert {"news.add_article", "news.change_article", "news.view_article"} <= held
        assert "news.publish_article" not in held
        assert "news.delete_article" not in held
        assert "news.change_comment" not in held

    def test_approvers_publish_and_moderate(self, db):
        held = self.permissions(roles.NEWS_APPROVER)
        assert {"news.add_article", "news.change_article", "news.publish_article"} <= held
        assert "news.change_comment" in held

    def test_an_editors_account_follows_the_group(self, db):
        editor = make_editor("vu.thi.lan")
        assert editor.has_perm("news.add_article")
        assert editor.has_perm("news.change_article")
        assert not editor.has_perm("news.publish_article")
        assert not services.can_publish(editor)
