from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from welfare.models import Programme


class ProgrammeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Programme.objects.public().only("slug", "updated_at").order_by("-year", "pk")

    def lastmod(self, item):
        return item.updated_at


class WelfarePagesSitemap(Sitemap):
    """The programmes' list and the partners' offers."""

    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["welfare:index", "welfare:partners"]

    def location(self, item):
        return reverse(item)
