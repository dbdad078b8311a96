from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from about.models import Page


class AboutSitemap(Sitemap):
    """The pages of "Giới thiệu" that are not typed by staff, the contact page, the schedule."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return [
            "about:index",
            "about:organisation",
            "about:leadership",
            "about:contact",
            "about:schedule",
        ]

    def location(self, item):
        return reverse(item)


class AboutPagesSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Page.objects.published().only("slug", "updated_at").order_by("order", "pk")

    def lastmod(self, item):
        return item.updated_at
