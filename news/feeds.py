"""RSS 2.0 feeds of the news, all of it and per category."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from federation.models import SiteProfile
from news.models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    description = _("The latest news of the federation.")

    def title(self):
        return f"{_('News')} – {SiteProfile.current().full_name}"

    def link(self):
        return "/tin-tuc/"

    def items(self):
        return Article.objects.published().select_related("category")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{category.name} – {SiteProfile.current().full_name}"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or category.name

    def items(self, category):
        return (
            Article.objects.published().in_category(category).select_related("category")[:FEED_SIZE]
        )
