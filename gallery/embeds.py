"""An album placed in an article: a paragraph holding only "[album <slug>]" in the body.

The news renders its body through news.rendering.place_photos, which hands the sanitised
HTML to the embeds other apps register; this one turns each marker into a small grid of
the album's first photos linking to the album. An unknown or unpublished album's marker
is left out, as a missing "[ảnh N]" is.
"""

import re

from django.template.loader import render_to_string

ALBUM_TOKEN = re.compile(r"<p>\s*\[\s*album\s+([a-z0-9][a-z0-9-]*)\s*\]\s*</p>", re.IGNORECASE)
SHOWN_PHOTOS = 4


def embed_albums(html: str) -> str:
    slugs = {slug.lower() for slug in ALBUM_TOKEN.findall(html)}
    if not slugs:
        return html
    from gallery import services
    from gallery.models import Album, AlbumPhoto

    albums = {
        album.slug: album
        for album in services.albums_for_lists(Album.objects.published().filter(slug__in=slugs))
    }
    photos = AlbumPhoto.objects.filter(album__in=albums.values()).only(*services.PHOTO_FIELDS)
    shown = {}
    for photo in photos:
        shown.setdefault(photo.album_id, [])
        if len(shown[photo.album_id]) < SHOWN_PHOTOS:
            shown[photo.album_id].append(photo)

    def grid(match):
        album = albums.get(match.group(1).lower())
        if album is None or not shown.get(album.pk):
            return ""
        context = {"album": album, "photos": shown[album.pk]}
        return render_to_string("gallery/includes/album_embed.html", context)

    return ALBUM_TOKEN.sub(grid, html)
