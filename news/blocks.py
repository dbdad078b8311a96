"""The news blocks of the home page."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.home import HomeBlock
from news.models import Article, Category

MOST_READ_DAYS = 30


def _home_news(request) -> dict:
    """The stories of the three news blocks, each story in one block only.

    The featured stories come first, then the most read of the last 30 days that are not
    featured; each category then shows its latest stories not shown above (a featured
    story is often also the latest of its category, and a sub-category's story is also
    its parent's). The most read come before the categories: a category has older stories
    to show, the most read list of a small site would otherwise be left empty.
    Worked out once per request for the three blocks.
    """
    news = getattr(request, "_home_news", None)
    if news is not None:
        return news
    featured = list(
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
    shown = {article.pk for article in featured}
    since = timezone.now() - timedelta(days=MOST_READ_DAYS)
    most_read = list(
        Article.objects.published()
        .filter(published_at__gte=since)
        .exclude(pk__in=shown)
        .order_by("-views", "-published_at")
        .only("title", "slug", "views", "published_at")[:6]
    )
    shown.update(article.pk for article in most_read)
    sections = []
    for category in Category.objects.filter(show_on_home=True).prefetch_related("children"):
        articles = list(
            Article.objects.published().in_category(category).exclude(pk__in=shown).for_lists()[:4]
        )
        if articles:
            sections.append({"category": category, "articles": articles})
            shown.update(article.pk for article in articles)
    news = {"featured": featured, "sections": sections, "most_read": most_read}
    request._home_news = news
    return news


def featured(request):
    articles = _home_news(request)["featured"]
    return {"lead": articles[0], "others": articles[1:]} if articles else None


def latest_by_category(request):
    sections = _home_news(request)["sections"]
    return {"sections": sections} if sections else None


def most_read(request):
    articles = _home_news(request)["most_read"]
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
        label=_("Featured news"),
    ),
    HomeBlock(
        "news-latest",
        "news/blocks/latest_by_category.html",
        latest_by_category,
        order=30,
        cache_seconds=CACHE_SECONDS,
        label=_("Latest news by category"),
    ),
    HomeBlock(
        "news-most-read",
        "news/blocks/most_read.html",
        most_read,
        order=40,
        region="aside",
        cache_seconds=CACHE_SECONDS,
        label=_("Most read news"),
    ),
]
