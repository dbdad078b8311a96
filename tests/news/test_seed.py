"""The demo news that `seed_demo` loads: believable, complete, the same after a second run."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from federation import demo
from federation.models import DemoRecord
from news.models import Article, Category, Comment, Photo, Rating, Tag
from tests.factories import browser

pytestmark = pytest.mark.django_db

PAGE_SIZE = 12


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.fixture(autouse=True)
def news_steps_only(monkeypatch):
    """The profile and the news; the documents and register steps have their own tests."""
    steps = {name: demo._STEPS[name] for name in ("federation", "news")}
    monkeypatch.setattr(demo, "_STEPS", steps)


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts(media_root) -> dict:
    return {
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "articles": Article.objects.count(),
        "published": Article.objects.published().count(),
        "photos": Photo.objects.count(),
        "ratings": Rating.objects.count(),
        "comments": Comment.objects.count(),
        "demo records": DemoRecord.objects.count(),
        "article versions": Article.history.count(),
        "files": sorted(
            str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
        ),
    }


def listed_on_the_news_pages(count: int) -> str:
    visitor = browser()
    pages = []
    for number in range(1, (count + PAGE_SIZE - 1) // PAGE_SIZE + 1):
        response = visitor.get("/tin-tuc/", {"page": number})
        assert response.status_code == 200
        pages.append(response.content.decode())
    return "".join(pages)


def test_seeding_twice_gives_the_same_news_across_every_category(debug, media_root):
    output = seed()
    first = counts(media_root)
    seed()

    assert counts(media_root) == first
    assert "News: 7 categories" in output
    assert 28 <= first["articles"] <= 35
    assert first["published"] >= 20
    # Every section a visitor can open has articles of its own.
    leaves = set(Category.objects.filter(children__isnull=True).values_list("slug", flat=True))
    assert set(Article.objects.values_list("category__slug", flat=True)) == leaves
    # Staff see the workflow: drafts, one waiting for review, one scheduled.
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2
    assert Article.objects.filter(status=Article.Status.SUBMITTED).count() == 1
    scheduled = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    )
    assert scheduled.count() == 1
    assert Article.objects.published().filter(featured=True).count() == 5
    recent = Article.objects.published().filter(
        published_at__gte=timezone.now() - timedelta(days=7)
    )
    assert recent.filter(views__gt=0).exists()

    listing = listed_on_the_news_pages(first["published"])
    for article in Article.objects.published():
        assert f'href="{article.get_absolute_url()}"' in listing, article.title
    for article in Article.objects.exclude(pk__in=Article.objects.published()):
        assert f'href="{article.get_absolute_url()}"' not in listing, article.title


def test_every_published_cover_has_its_renditions_and_a_description(debug):
    seed()

    covered = Article.objects.published().exclude(cover="")
    assert covered.count() >= 20
    for article in covered:
        assert article.cover_alt.strip(), article.title
        assert article.cover_caption.strip(), article.title
        for name in ("cover", "cover_small", "cover_large", "cover_social"):
            image = getattr(article, name)
            assert image, (article.title, name)
            assert default_storage.exists(image.name), (article.title, name)
        with Image.open(article.cover_social.path) as social:
            assert social.size == (1200, 630)
        with Image.open(article.cover_small.path) as small:
            assert small.width == 480
            assert small.format == "WEBP"
            assert small.size == (article.cover_small_width, article.cover_small_height)
        with Image.open(article.cover_large.path) as large:
            assert large.format == "WEBP"
            assert large.size == (article.cover_large_width, article.cover_large_height)
    photos = Photo.objects.select_related("article")
    assert photos.count() >= 12
    for photo in photos:
        assert photo.alt.strip()
        assert photo.caption.strip()
        assert default_storage.exists(photo.small.name)
        assert default_storage.exists(photo.large.name)
        with Image.open(photo.large.path) as large:
            assert large.format == "WEBP"
            assert large.size == (photo.large_width, photo.large_height)

    # A photo placed with [ảnh 2] appears in the body; the others go to the gallery.
    article = Article.objects.published().filter(body__contains="[ảnh 2]").first()
    page = browser().get(article.get_absolute_url()).content.decode()
    assert "[ảnh 2]" not in page
    for photo in article.photos.all():
        assert escape(photo.alt) in page


def test_pending_comments_wait_while_approved_ones_show(debug):
    seed()

    assert Comment.objects.approved().count() >= 10
    assert Comment.objects.pending().count() >= 3
    articles = Article.objects.filter(comments__status=Comment.Status.PENDING).distinct()
    assert articles.exists()
    for article in articles:
        page = browser().get(article.get_absolute_url()).content.decode()
        for comment in article.comments.approved():
            assert escape(comment.text) in page
            assert escape(comment.name) in page
        for comment in article.comments.pending():
            assert escape(comment.text) not in page
