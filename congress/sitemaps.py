from django.contrib.sitemaps import Sitemap

from congress.models import Congress


class CongressSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Congress.objects.public().only("slug", "updated_at").order_by("-term_start", "pk")

    def lastmod(self, item):
        return item.updated_at
