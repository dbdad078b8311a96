"""The sitemap at /sitemap.xml. Apps add their sections with register_sitemap()."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap]] = {"pages": StaticPagesSitemap}


def register_sitemap(section: str, sitemap: type[Sitemap]) -> None:
    SITEMAPS[section] = sitemap
