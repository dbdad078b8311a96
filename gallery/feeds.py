"""RSS 2.0 feed of the photo albums."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from federation.models import SiteProfile
from federation.text import format_date
from gallery import services
from gallery.models import Album

FEED_SIZE = 30


class LatestAlbumsFeed(Feed):
    description = _("The latest photo albums of the federation.")

    def title(self):
        return f"{_('Photo library')} – {SiteProfile.current().full_name}"

    def link(self):
        return reverse("gallery:albums")

    def items(self):
        albums = services.albums_for_lists(Album.objects.published()).filter(photo_count__gt=0)
        return albums.only("title", "slug", "date", "description", "created_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        count = _("%(count)s photos") % {"count": item.photo_count}
        parts = [format_date(item.date), count, item.description]
        return " · ".join(part for part in parts if part)

    def item_pubdate(self, item):
        return item.created_at
