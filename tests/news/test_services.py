"""The rules of the news desk, whichever door a change comes in by (admin, demo loader)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from PIL import Image

from news import services
from news.models import Article, Comment, Photo
from tests.factories import browser
from tests.files import jpeg_bytes, png_bytes
from tests.helpers import files_under, vi
from tests.news.factories import (
    DANGEROUS_BODY,
    DRAFT,
    SUBMITTED,
    assert_safe_and_kept,
    make_article,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def refused_message(error) -> str:
    with translation.override("vi"):
        return " ".join(str(message) for message in error.messages)


class TestWorkflow:
    def test_editor_writes_and_submits_an_approver_publishes(self, categories, editor, approver):
        article = make_article(
            "Công đoàn cơ sở Công ty May Lai Châu tổ chức Đại hội",
            categories["union"],
            by=editor,
            state=DRAFT,
        )
        assert article.author == editor
        services.submit_article(article=article, user=editor)
        assert Article.objects.get(pk=article.pk).status == Article.Status.SUBMITTED

        services.publish_article(article=article, user=approver)
        stored = Article.objects.get(pk=article.pk)
        assert stored.status == Article.Status.PUBLISHED
        assert stored.is_public
        assert stored in Article.objects.published()

    def test_an_editor_cannot_publish(self, categories, editor):
        article = make_article(
            "Bài của biên tập viên chờ duyệt", categories["union"], by=editor, state=SUBMITTED
        )
        with pytest.raises(PermissionDenied) as refused:
            services.publish_article(article=article, user=editor)
        with translation.override("vi"):
            assert str(refused.value) == vi("Only an approver may publish articles.")
        stored = Article.objects.get(pk=article.pk)
        assert stored.status == Article.Status.SUBMITTED
        assert stored.published_at is None
        assert not Article.objects.published().exists()

    def test_an_editor_cannot_feature_or_return(self, articles, editor):
        with pytest.raises(PermissionDenied):
            services.set_featured(articles=[articles["published"]], user=editor, featured=True)
        with pytest.raises(PermissionDenied):
            services.return_article(article=articles["submitted"], user=editor, reason="Sai số")
        assert not Article.objects.filter(featured=True).exists()
        assert Article.objects.get(pk=articles["submitted"].pk).status == "submitted"

    def test_return_needs_a_reason(self, articles, approver):
        submitted = articles["submitted"]
        for reason in ("", "   "):
            with pytest.raises(ValidationError) as refused:
                services.return_article(article=submitted, user=approver, reason=reason)
            assert refused_message(refused.value) == vi("Say why the article is returned.")
        assert Article.objects.get(pk=submitted.pk).status == Article.Status.SUBMITTED

    def test_returned_article_goes_back_to_its_author_and_can_be_resubmitted(
        self, articles, editor, approver
    ):
        submitted = articles["submitted"]
        services.return_article(
            article=submitted, user=approver, reason="Bổ sung số liệu nhà Mái ấm Công đoàn."
        )
        stored = Article.objects.get(pk=submitted.pk)
        assert stored.status == Article.Status.RETURNED
        assert stored.return_reason == "Bổ sung số liệu nhà Mái ấm Công đoàn."

        services.submit_article(article=stored, user=editor)
        stored.refresh_from_db()
        assert stored.status == Article.Status.SUBMITTED
        assert stored.return_reason == ""

    def test_returning_a_published_article_takes_it_down(self, article, approver, visitor):
        assert visitor.get(article.get_absolute_url()).status_code == 200
        services.return_article(article=article, user=approver, reason="Sai tên đơn vị.")
        assert visitor.get(article.get_absolute_url()).status_code == 404

    def test_a_draft_cannot_be_returned_and_a_published_one_not_resubmitted(
        self, articles, editor, approver
    ):
        with pytest.raises(ValidationError) as refused:
            services.return_article(article=articles["draft"], user=approver, reason="Lý do")
        assert refused_message(refused.value) == vi(
            "Only a submitted or published article can be returned."
        )
        with pytest.raises(ValidationError) as refused:
            services.submit_article(article=articles["published"], user=editor)
        assert refused_message(refused.value) == vi(
            "Only a draft or a returned article can be submitted."
        )

    def test_editor_cannot_change_a_published_article_approver_can(self, article, editor, approver):
        article.title = "Tiêu đề sửa trái phép"
        with pytest.raises(PermissionDenied) as refused:
            services.save_article(article=article, user=editor)
        with translation.override("vi"):
            assert str(refused.value) == vi("Only an approver may change a published article.")
        assert Article.objects.get(pk=article.pk).title != "Tiêu đề sửa trái phép"

        article.title = "Công đoàn tỉnh trao 1.300 suất quà Tết Sum vầy"
        services.save_article(article=article, user=approver)
        assert Article.objects.get(pk=article.pk).title == article.title


class TestScheduling:
    def test_scheduled_article_appears_by_itself_when_its_time_comes(
        self, categories, approver, visitor, time_machine
    ):
        time_machine.move_to(dt.datetime(2026, 4, 30, 16, 0, tzinfo=HANOI), tick=False)
        article = make_article(
            "Phát động Tháng Công nhân năm 2026",
            categories["union"],
            by=approver,
            state=SUBMITTED,
        )
        at = dt.datetime(2026, 5, 1, 7, 0, tzinfo=HANOI)
        services.publish_article(article=article, user=approver, at=at)

        assert visitor.get(article.get_absolute_url()).status_code == 404
        assert article.title not in visitor.get("/tin-tuc/").content.decode()
        assert article.title not in visitor.get("/tin-tuc/rss/").content.decode()

        # No scheduler runs: the clock alone makes it public.
        time_machine.move_to(dt.datetime(2026, 5, 1, 7, 1, tzinfo=HANOI), tick=False)
        assert visitor.get(article.get_absolute_url()).status_code == 200
        assert article.title in visitor.get("/tin-tuc/").content.decode()
        assert article.title in visitor.get("/tin-tuc/rss/").content.decode()
        assert article.slug in visitor.get("/sitemap.xml").content.decode()

    def test_expired_article_disappears(self, categories, approver, visitor, time_machine):
        time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=HANOI), tick=False)
        article = make_article(
            "Thông báo thi tuyển viên chức năm 2026",
            categories["events"],
            by=approver,
            published_at=dt.datetime(2026, 3, 1, 8, 0, tzinfo=HANOI),
            expires_at=dt.datetime(2026, 3, 31, 17, 0, tzinfo=HANOI),
        )
        assert visitor.get(article.get_absolute_url()).status_code == 200
        assert article.title in visitor.get("/tin-tuc/").content.decode()

        time_machine.move_to(dt.datetime(2026, 3, 31, 17, 0, 1, tzinfo=HANOI), tick=False)
        assert visitor.get(article.get_absolute_url()).status_code == 404
        assert article.title not in visitor.get("/tin-tuc/").content.decode()
        assert article.slug not in visitor.get("/sitemap.xml").content.decode()


class TestViewsSurviveEdits:
    def test_saving_an_older_copy_keeps_the_views_counted_meanwhile(self, article, approver):
        """Staff open the article, readers keep reading, staff save: no view is lost."""
        copy = Article.objects.get(pk=article.pk)
        for number in range(3):
            browser(address=f"14.160.0.{number + 1}").get(article.get_absolute_url())
        copy.summary = "Tóm tắt đã biên tập lại."
        services.save_article(article=copy, user=approver)
        stored = Article.objects.get(pk=article.pk)
        assert stored.summary == "Tóm tắt đã biên tập lại."
        assert stored.views == 3


class TestBodySanitising:
    def test_scripts_and_handlers_are_removed_on_save(self, categories, editor):
        article = make_article(
            "Đại hội Công đoàn tỉnh thành công tốt đẹp",
            categories["union"],
            by=editor,
            state=DRAFT,
            body=DANGEROUS_BODY,
        )
        assert_safe_and_kept(Article.objects.get(pk=article.pk).body)

    def test_a_row_written_by_another_path_is_cleaned_on_the_way_out(self, article, visitor):
        # Even if a script reached the database some other way, readers never get it.
        Article.objects.filter(pk=article.pk).update(body=DANGEROUS_BODY)
        page = visitor.get(article.get_absolute_url()).content.decode()
        body = page[page.index('<div class="article-body">') : page.index("</article>")]
        assert_safe_and_kept(body)


class TestRenditions:
    def test_cover_renditions_have_their_sizes_and_generated_names(
        self, categories, approver, media_root
    ):
        article = make_article(
            "Ảnh đẹp về đoàn viên",
            categories["union"],
            by=approver,
            cover=jpeg_bytes(size=(1600, 900)),
        )
        sizes = {}
        for field in ("cover", "cover_small", "cover_large", "cover_social"):
            file = getattr(article, field)
            assert "anh-bia-goc" not in file.name
            with Image.open(file.path) as image:
                sizes[field] = image.size
        assert sizes == {
            "cover": (1600, 900),
            "cover_small": (480, 270),
            "cover_large": (1024, 576),
            "cover_social": (1200, 630),
        }
        assert article.cover.name.startswith("news/covers/")
        assert article.cover.name.endswith(".jpg")
        assert article.cover_social.name.startswith("news/renditions/")
        assert article.cover_social.name.endswith("-social.jpg")

    def test_a_small_image_is_never_enlarged_except_the_social_crop(self, categories, approver):
        article = make_article(
            "Ảnh nhỏ", categories["union"], by=approver, cover=jpeg_bytes(size=(400, 300))
        )
        with Image.open(article.cover_small.path) as small:
            assert small.size == (400, 300)
        with Image.open(article.cover_social.path) as social:
            assert social.size == (1200, 630)

    def test_changing_the_cover_replaces_the_old_renditions(self, categories, approver, media_root):
        article = make_article("Đổi ảnh bìa", categories["union"], by=approver, cover=jpeg_bytes())
        old_small = article.cover_small.path
        article.cover = ContentFile(png_bytes(size=(800, 600)), name="moi.png")
        services.save_article(article=article, user=approver)
        article.refresh_from_db()
        assert article.cover.name.endswith(".png")
        with Image.open(article.cover_small.path) as small:
            assert small.size == (480, 360)
            assert small.format == "WEBP"  # a PNG with transparency is flattened too
        assert old_small not in files_under(media_root)

    def test_photo_renditions(self, article):
        photo = Photo(article=article, alt="Công nhân nhận quà", caption="Trao quà", order=1)
        photo.image = ContentFile(jpeg_bytes(size=(2000, 1000)), name="DSC_0001.JPG")
        services.save_photo(photo=photo)
        with Image.open(photo.small.path) as small, Image.open(photo.large.path) as large:
            assert small.size == (480, 240)
            assert large.size == (1024, 512)
        assert "DSC_0001" not in photo.image.name


class TestReaders:
    def test_a_second_vote_replaces_the_first(self, article):
        services.rate_article(article=article, voter="a" * 32, score=5)
        summary = services.rate_article(article=article, voter="b" * 32, score=2)
        assert summary == {"average": 3.5, "votes": 2}
        summary = services.rate_article(article=article, voter="a" * 32, score=4)
        assert summary == {"average": 3, "votes": 2}

    def test_drafts_cannot_be_rated_or_commented(self, articles):
        draft = articles["draft"]
        with pytest.raises(ValidationError):
            services.rate_article(article=draft, voter="c" * 32, score=5)
        with pytest.raises(ValidationError):
            services.post_comment(
                article=draft, name="An", email="an@example.vn", text="Hay", address="113.22.5.6"
            )
        assert not draft.ratings.exists()
        assert not Comment.objects.exists()

    def test_only_approvers_moderate(self, article, editor, approver):
        comment = Comment.objects.create(
            article=article, name="Lò Văn Hùng", email="hung@example.vn", text="Bài rất hay."
        )
        with pytest.raises(PermissionDenied):
            services.moderate_comments(comments=[comment], user=editor, status="approved")
        assert Comment.objects.get().status == Comment.Status.PENDING
        with pytest.raises(ValidationError):
            services.moderate_comments(comments=[comment], user=approver, status="pending")
        services.moderate_comments(comments=[comment], user=approver, status="approved")
        stored = Comment.objects.get()
        assert stored.status == Comment.Status.APPROVED
        assert stored.moderated_by == approver
        assert stored.moderated_at is not None
