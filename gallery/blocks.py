"""The home page's block of this app: the latest photo album."""

from django.utils.translation import gettext_lazy as _

from federation.home import HomeBlock


def latest_album(request):
    from gallery.services import latest_album

    return latest_album()


HOME_BLOCKS = [
    # Kept until a change in the library (or anywhere) starts a new page-cache generation.
    HomeBlock(
        "gallery-latest-album",
        "gallery/blocks/latest_album.html",
        latest_album,
        order=60,
        cache_seconds=600,
        label=_("Latest photo album"),
    ),
]
