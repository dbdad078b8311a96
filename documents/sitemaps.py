from django.contrib.sitemaps import Sitemap

from documents.models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return Document.objects.public().only("pk", "updated_at").order_by("-posted_at", "-id")

    def lastmod(self, item):
        return item.updated_at
