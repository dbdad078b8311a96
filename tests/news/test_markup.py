"""The news pages as an HTML validator reads them: heading outline and <time> values."""

import datetime as dt

import pytest
from django.urls import reverse

from news.models import Article, Comment
from tests.factories import browser
from tests.helpers import text_of
from tests.markup import invalid_datetimes, read, skipped_levels

# A moment with microseconds, as timezone.now() gives them.
PRECISE = dt.datetime(2026, 12, 1, 18, 14, 11, 55364, tzinfo=dt.UTC)


@pytest.fixture
def precise_articles(articles):
    """Every visible article published at a moment with microseconds, one with a comment."""
    for number, article in enumerate(articles["visible"]):
        Article.objects.filter(pk=article.pk).update(
            published_at=PRECISE - dt.timedelta(days=number), featured=True
        )
    Comment.objects.create(
        article=articles["published"],
        name="Lò Thị Hạnh",
        email="hanh@example.vn",
        text="Bài viết rất thiết thực cho đoàn viên.",
        status=Comment.Status.APPROVED,
        created_at=PRECISE,
    )
    return articles


def public_pages(articles):
    article = articles["published"]
    return [
        reverse("home"),
        reverse("news:index"),
        article.category.get_absolute_url(),
        articles["tag"].get_absolute_url(),
        article.get_absolute_url(),
    ]


@pytest.mark.django_db
def test_headings_never_skip_a_level_on_the_news_pages(precise_articles):
    client = browser()
    for url in public_pages(precise_articles):
        page = read(text_of(client.get(url)))
        assert page.headings, url
        assert page.headings[0][0] == 1, url
        assert skipped_levels(page.headings) == [], url


@pytest.mark.django_db
def test_every_time_element_carries_a_valid_html_datetime(precise_articles):
    client = browser()
    for url in public_pages(precise_articles):
        page = read(text_of(client.get(url)))
        assert page.datetimes, url
        assert invalid_datetimes(page.datetimes) == [], url
    article_page = read(text_of(client.get(precise_articles["published"].get_absolute_url())))
    # The publication moment and the comment, to the second, in the portal's time zone.
    assert article_page.datetimes.count("2026-12-02T01:14:11+07:00") == 2
