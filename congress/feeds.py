"""RSS 2.0 feed of the news about congresses (articles that name their congress)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from federation.models import SiteProfile
from news.feeds import FEED_SIZE, LatestArticlesFeed
from news.models import Article


class CongressNewsFeed(LatestArticlesFeed):
    description = _("News of the congresses of the federation and its unions.")

    def title(self):
        return f"{_('Congress news')} – {SiteProfile.current().full_name}"

    def link(self):
        return reverse("congress:index")

    def items(self):
        return (
            Article.objects.published()
            .filter(congress__is_public=True)
            .select_related("category")[:FEED_SIZE]
        )
