"""The news blocks of the home page."""

from datetime import timedelta

from django.utils import timezone

from federation.home import HomeBlock
from news.models import Article, Category

MOST_READ_DAYS = 30


def featured(request):
    articles = list(
        Article.objects.published()
        .filter(featured=True)
        .select_related("category")
        .only(
            "title",
            "slug",
            "summary",
            "published_at",
            "cover_small",
            "cover_small_width",
            "cover_small_height",
            "cover_large",
            "cover_large_width",
            "cover_large_height",
            "cover_alt",
            "category__name",
            "category__slug",
        )[:5]
    )
    return {"lead": articles[0], "others": articles[1:]} if articles else None


def latest_by_category(request):
    sections = []
    for category in Category.objects.filter(show_on_home=True).prefetch_related("children"):
        articles = list(Article.objects.published().in_category(category).for_lists()[:4])
        if articles:
            sections.append({"category": category, "articles": articles})
    return {"sections": sections} if sections else None


def most_read(request):
    since = timezone.now() - timedelta(days=MOST_READ_DAYS)
    articles = list(
        Article.objects.published()
        .filter(published_at__gte=since)
        .order_by("-views", "-published_at")
        .only("title", "slug", "views", "published_at")[:6]
    )
    return {"articles": articles} if articles else None


# Published or scheduled articles reach the home page within CACHE_SECONDS.
CACHE_SECONDS = 30

HOME_BLOCKS = [
    HomeBlock(
        "news-featured",
        "news/blocks/featured.html",
        featured,
        order=20,
        cache_seconds=CACHE_SECONDS,
    ),
    HomeBlock(
        "news-latest",
        "news/blocks/latest_by_category.html",
        latest_by_category,
        order=30,
        cache_seconds=CACHE_SECONDS,
    ),
    HomeBlock(
        "news-most-read",
        "news/blocks/most_read.html",
        most_read,
        order=40,
        region="aside",
        cache_seconds=CACHE_SECONDS,
    ),
]
