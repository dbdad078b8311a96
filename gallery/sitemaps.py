from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gallery.models import Album, Video


class LibrarySitemap(Sitemap):
    """The lists of the library."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["gallery:albums", "gallery:videos"]

    def location(self, item):
        return reverse(item)


class AlbumSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Album.objects.published().only("slug", "updated_at").order_by("-date", "-pk")

    def lastmod(self, item):
        return item.updated_at


class VideoSitemap(AlbumSitemap):
    def items(self):
        return Video.objects.published().only("slug", "updated_at").order_by("-date", "-pk")
