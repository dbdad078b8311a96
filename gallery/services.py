"""Rules of the photo and video library.

The admin, the demo loader and the tests all come through here, so a rule holds the same
whichever door a change comes in by. Refusals are `ValidationError`s with a Vietnamese
message; a bulk upload is all or nothing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext as _

from federation import pagecache
from federation.images import Rendition, delete_image_files, follow_source
from federation.text import search_document, slugify_vi
from federation.validators import ImageUploadValidator
from gallery.models import IMAGE_EXTENSIONS, RESERVED_SLUGS, Album, AlbumPhoto, Video

# A phone's width and a desktop's: the grid and the viewer pick one through srcset.
PHOTO_RENDITIONS = {
    "small": Rendition("small", 480),
    "large": Rendition("large", 1280),
}
POSTER_RENDITIONS = {
    "poster_small": Rendition("small", 480),
    "poster_large": Rendition("large", 1280),
}
# Each photo of a batch is drawn twice in the request (about a second for a camera
# original): thirty keep a batch well within the app server's timeout.
BATCH_MAX_FILES = 30
PHOTO_FIELDS = (
    "album_id",
    "order",
    "alt",
    "caption",
    "credit",
    "small",
    "large",
    "small_width",
    "small_height",
    "large_width",
    "large_height",
)


def unique_slug(model, title: str, *, exclude_pk=None, fallback: str) -> str:
    base = slugify_vi(title, max_length=100) or fallback
    if base in RESERVED_SLUGS:
        base = f"{base}-{fallback}"
    slug, number = base, 2
    taken = model.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


# ---------------------------------------------------------------------------------------
# Albums and their photos


@transaction.atomic
def save_album(album: Album) -> Album:
    """Save an album from the admin or the demo: its slug made from the title if empty."""
    if not album.slug:
        album.slug = unique_slug(Album, album.title, exclude_pk=album.pk, fallback="album")
    album.full_clean()
    album.save()
    refresh_album_search(album)
    return album


def refresh_album_search(album: Album) -> None:
    """The album's folded words: its title, description and its photos' captions and alt texts.

    An UPDATE of those columns only: it adds nothing to the album's history.
    """
    words = [
        part
        for caption, alt in album.photos.values_list("caption", "alt")
        for part in (caption, alt)
        if part
    ]
    Album.objects.filter(pk=album.pk).update(
        search_title=search_document(album.title),
        search_text=search_document(album.title, album.description, *words),
    )


def save_photo(photo: AlbumPhoto) -> AlbumPhoto:
    """Save one photo (staff's inline edits): checked, its renditions drawn if new, and its
    caption found by the site search."""
    photo.full_clean()
    stored = AlbumPhoto.objects.filter(pk=photo.pk).values_list("image", flat=True).first()
    photo.save()
    follow_source(photo, photo.image, PHOTO_RENDITIONS, changed=stored != photo.image.name)
    refresh_album_search(photo.album)
    return photo


def check_photo_uploads(uploads) -> None:
    """Every file of a batch is a real image within the size limit, or the batch is refused.

    One message per refused file, naming it, so staff know which to fix or leave out.
    """
    if not uploads:
        raise ValidationError(_("Choose at least one photo to upload."), code="empty")
    if len(uploads) > BATCH_MAX_FILES:
        raise ValidationError(
            _("Upload at most %(limit)s photos at a time; you chose %(count)s."),
            code="too_many",
            params={"limit": BATCH_MAX_FILES, "count": len(uploads)},
        )
    checks = [
        FileExtensionValidator(IMAGE_EXTENSIONS),
        ImageUploadValidator(max_bytes=settings.GALLERY_IMAGE_MAX_BYTES),
    ]
    problems = []
    for upload in uploads:
        for check in checks:
            try:
                check(upload)
            except ValidationError as error:
                problems.append(
                    _("“%(name)s”: %(problem)s")
                    % {"name": upload.name, "problem": " ".join(error.messages)}
                )
                break
    if problems:
        summary = _("No photo was added. Remove or replace these files and upload again:")
        raise ValidationError([summary, *problems], code="refused")


def default_alt(album: Album, number: int) -> str:
    suffix = f" – ảnh {number}"
    return album.title[: 250 - len(suffix)] + suffix


@transaction.atomic
def add_photos(album: Album, uploads) -> list[AlbumPhoto]:
    """Add a batch of photos after the album's last, in the order given: all or none.

    Each gets the alt text "<album title> – ảnh N" for staff to make precise. Should any
    fail while being stored, the rows are rolled back and the files written so far deleted.
    """
    check_photo_uploads(uploads)
    album = Album.objects.select_for_update().get(pk=album.pk)
    last = album.photos.order_by("-order").values_list("order", flat=True).first() or 0
    added = []
    try:
        for number, upload in enumerate(uploads, start=last + 1):
            photo = AlbumPhoto(
                album=album, image=upload, alt=default_alt(album, number), order=number
            )
            added.append(photo)
            photo.save()
            follow_source(photo, photo.image, PHOTO_RENDITIONS, changed=True)
    except BaseException:
        delete_image_files(added)
        raise
    refresh_album_search(album)
    pagecache.invalidate()
    return added


def delete_photo(photo: AlbumPhoto) -> None:
    album = photo.album
    photo.delete()
    refresh_album_search(album)


def _with_first_photo(albums):
    first = AlbumPhoto.objects.filter(album=OuterRef("pk")).order_by("order", "pk").values("pk")
    return albums.annotate(first_photo=Subquery(first[:1]), photo_count=Count("photos"))


def albums_for_lists(albums):
    """Albums with their photo count and the id of their first photo (one query), newest first.

    (A query that counts is grouped, and Django leaves Meta.ordering out of those.)
    """
    fields = ("title", "slug", "date", "description", "cover_id", "published")
    return _with_first_photo(albums).only(*fields).order_by("-date", "-pk")


def attach_covers(albums) -> list[Album]:
    """Each album's `cover_photo`: the one chosen, or the first (one query for all)."""
    albums = list(albums)
    wanted = {album.cover_id or album.first_photo for album in albums} - {None}
    photos = AlbumPhoto.objects.only(*PHOTO_FIELDS).in_bulk(wanted) if wanted else {}
    for album in albums:
        album.cover_photo = photos.get(album.cover_id or album.first_photo)
    return albums


def latest_album() -> dict | None:
    """The newest published album with photos, and its first photos, for the home page."""
    albums = albums_for_lists(Album.objects.published()).filter(photo_count__gt=0)
    album = albums.order_by("-date", "-pk").first()
    if album is None:
        return None
    attach_covers([album])
    photos = list(album.photos.only(*PHOTO_FIELDS)[:5])
    others = [photo for photo in photos if photo.pk != album.cover_photo.pk][:4]
    return {"album": album, "cover": album.cover_photo, "photos": others}


@dataclass
class PhotoPage:
    """One photo of an album in the viewer: its number, the count, its neighbours' numbers."""

    album: Album
    photo: AlbumPhoto
    number: int
    count: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


def photo_page(album: Album, number: int) -> PhotoPage | None:
    """Photo `number` (from 1, in the album's order), or None when there is none (one query).

    `album` comes from `albums_for_lists`, which counted its photos.
    """
    count = album.photo_count
    if not 1 <= number <= count:
        return None
    photo = album.photos.only(*PHOTO_FIELDS)[number - 1]
    return PhotoPage(album=album, photo=photo, number=number, count=count)


# ---------------------------------------------------------------------------------------
# Videos


@transaction.atomic
def save_video(video: Video) -> Video:
    """Save a video: checked (a file or an https link, never both), its poster drawn."""
    if not video.slug:
        video.slug = unique_slug(Video, video.title, exclude_pk=video.pk, fallback="video")
    video.full_clean()
    stored = Video.objects.filter(pk=video.pk).values_list("poster", flat=True).first()
    video.search_title = search_document(video.title)
    video.search_text = search_document(video.title, video.description)
    video.save()
    follow_source(video, video.poster, POSTER_RENDITIONS, changed=stored != video.poster.name)
    return video
