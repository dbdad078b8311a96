"""RSS 2.0 feed of the newest published answers."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from federation.models import SiteProfile
from qa.models import Question

FEED_SIZE = 30


class LatestAnswersFeed(Feed):
    description = _("The newest answers of the federation's legal advisers.")

    def title(self):
        return f"{_('Legal Q&A')} – {SiteProfile.current().full_name}"

    def link(self):
        return reverse("qa:index")

    def items(self):
        return (
            Question.objects.published()
            .select_related("topic")
            .only("title", "slug", "public_text", "published_at", "topic__name")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return Truncator(item.public_text).chars(400)

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.topic.name]
