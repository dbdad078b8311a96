"""RSS 2.0 feed of the newest public documents."""

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from federation.models import SiteProfile

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    description = _("The latest documents posted by the federation.")

    def title(self):
        return f"{_('Documents')} – {SiteProfile.current().full_name}"

    def link(self):
        return "/van-ban/"

    def items(self):
        return Document.objects.public().for_lists().order_by("-posted_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.number} – {item.summary}"

    def item_description(self, item):
        return f"{item.type.name} · {item.issuer.name} · {item.issued_on:%d/%m/%Y}"

    def item_pubdate(self, item):
        return item.posted_at

    def item_categories(self, item):
        return [item.type.name]
