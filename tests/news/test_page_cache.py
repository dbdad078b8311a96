"""Kept pages: quick for the crowd, never stale for the visitor who just acted or for staff."""

import re
import time

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news import services
from news.models import Article, Comment
from tests.factories import browser
from tests.helpers import logged_in, shows
from tests.news.factories import make_article

PHONE_UA = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/130.0 Mobile"


def queries_of(client, path) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return response, [query["sql"] for query in queries.captured_queries]


def touching(sql: list[str], table: str) -> list[str]:
    return [statement for statement in sql if table in statement]


def test_a_second_visitor_gets_the_kept_article_without_reading_it_again(article, site_profile):
    path = article.get_absolute_url()
    first, first_sql = queries_of(browser(address="203.113.1.1"), path)
    second, second_sql = queries_of(browser(address="203.113.1.2", user_agent=PHONE_UA), path)

    assert touching(first_sql, "news_comment"), "the first visitor's page is rendered"
    assert not touching(second_sql, "news_comment")
    assert second.content.count(article.title.encode()) == first.content.count(
        article.title.encode()
    )
    # The second visitor is still a new view of the article.
    assert Article.objects.get(pk=article.pk).views == 2


def test_a_kept_page_carries_each_visitors_own_csrf_token(article, site_profile):
    path = article.get_absolute_url()
    browser(address="203.113.1.1").get(path)
    reader = browser(address="203.113.1.2", user_agent=PHONE_UA, enforce_csrf_checks=True)
    page = reader.get(path)
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text))
    assert len(tokens) == 1

    response = reader.post(
        article.get_absolute_url() + "y-kien/",
        {
            "name": "Lò Thị Hương",
            "email": "huong@example.vn",
            "text": "Bài viết rất bổ ích cho đoàn viên.",
            "csrfmiddlewaretoken": tokens.pop(),
        },
    )
    assert response.status_code == 302
    assert Comment.objects.filter(article=article, name="Lò Thị Hương").exists()


def csrf_tokens(response) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text))


def test_the_kept_page_swaps_in_the_next_visitors_own_csrf_token(article, site_profile):
    """The kept copy is the first visitor's page: the second gets their own token in it."""
    path = article.get_absolute_url()
    first = browser(address="203.113.1.1").get(path)
    reader = browser(address="203.113.1.2", user_agent=PHONE_UA)
    second, sql = queries_of(reader, path)
    assert not touching(sql, "news_comment"), "the second page comes from the kept copy"
    assert len(csrf_tokens(first)) == 1
    assert len(csrf_tokens(second)) == 1
    assert csrf_tokens(second) != csrf_tokens(first)
    assert reader.cookies[settings.CSRF_COOKIE_NAME].value  # the token belongs to this browser


def test_a_published_article_shows_at_once_on_kept_lists(article, categories, approver):
    visitor = browser()
    assert visitor.get("/").status_code == 200
    assert visitor.get("/tin-tuc/").status_code == 200

    make_article("Khánh thành nhà Mái ấm Công đoàn thứ 120", categories["union"], by=approver)

    assert shows(visitor.get("/tin-tuc/"), "Khánh thành nhà Mái ấm Công đoàn thứ 120")
    assert shows(visitor.get("/"), "Khánh thành nhà Mái ấm Công đoàn thứ 120")


def test_an_unfeatured_article_leaves_the_kept_home_page_at_once(article, approver):
    services.set_featured(articles=[article], user=approver, featured=True)
    visitor = browser()
    assert 'class="featured' in visitor.get("/").text

    services.set_featured(articles=[article], user=approver, featured=False)
    assert 'class="featured' not in visitor.get("/").text


def test_the_rater_sees_their_own_vote_while_others_get_the_kept_page(article, site_profile):
    path = article.get_absolute_url()
    others = browser(address="203.113.1.9")
    assert shows(others.get(path), "Chưa có đánh giá")

    rater = browser()
    rater.get(path)
    rater.post(path + "danh-gia/", {"score": 4})
    assert shows(rater.get(path), "Trung bình 4,0/5 sao từ 1 lượt đánh giá.")
    assert shows(others.get(path), "Chưa có đánh giá.")


def test_a_reader_with_a_comment_waiting_sees_it_on_the_article(article, site_profile):
    path = article.get_absolute_url()
    reader = browser()
    reader.get(path)
    reader.post(
        path + "y-kien/",
        {"name": "Hà Văn Dũng", "email": "dung@example.vn", "text": "Đề nghị tăng mức quà Tết."},
    )
    page = reader.get(path)
    assert shows(page, "Đề nghị tăng mức quà Tết.")
    assert not shows(browser(address="203.113.1.9").get(path), "Đề nghị tăng mức quà Tết.")


def test_staff_never_get_a_page_kept_for_visitors(article, approver):
    path = article.get_absolute_url()
    visitor = browser()
    visitor.get(path)
    # A change no signal reports: the kept page still has the old title for visitors.
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề vừa sửa trong cơ sở dữ liệu")

    assert not shows(visitor.get(path), "Tiêu đề vừa sửa trong cơ sở dữ liệu")
    assert shows(logged_in(approver).get(path), "Tiêu đề vừa sửa trong cơ sở dữ liệu")


def test_a_kept_page_is_rendered_afresh_after_its_lifetime(article, settings):
    settings.PAGE_CACHE_SECONDS = 1
    visitor = browser()
    visitor.get(article.get_absolute_url())
    # A change no signal reports shows once the kept page expires.
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề đã sửa sau khi lưu trang")
    assert not shows(visitor.get(article.get_absolute_url()), "Tiêu đề đã sửa sau khi lưu trang")
    time.sleep(1.1)
    assert shows(visitor.get(article.get_absolute_url()), "Tiêu đề đã sửa sau khi lưu trang")
