"""The photo and video library: albums of photos, and videos (a file of ours or a link).

Photos and posters are served as WebP renditions at a phone's and a desktop's width
(federation/images.py); video files are public media in MEDIA_ROOT, like news photos,
played by the browser's own player.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federation.images import Picture
from federation.uploads import UploadTo
from federation.validators import ImageUploadValidator
from gallery.validators import MP4Validator, WebVTTValidator

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
# Addresses under /thu-vien-anh/ that are pages of their own, never an album's slug.
RESERVED_SLUGS = ("rss",)


def image_validators():
    return [
        FileExtensionValidator(IMAGE_EXTENSIONS),
        ImageUploadValidator(max_bytes=settings.GALLERY_IMAGE_MAX_BYTES),
    ]


class VisibleQuerySet(models.QuerySet):
    permission = ""

    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Staff who may view the library preview drafts; everybody else sees published rows."""
        if user.is_authenticated and user.is_staff and user.has_perm(self.permission):
            return self
        return self.published()


class AlbumQuerySet(VisibleQuerySet):
    permission = "gallery.view_album"


class Album(models.Model):
    """An album of photos ("Lễ kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam")."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("The album's address under /thu-vien-anh/; made from the title when empty."),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    description = models.TextField(_("description"), blank=True)
    cover = models.ForeignKey(
        "AlbumPhoto",
        verbose_name=_("cover photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("One of the album's photos; empty: the first photo."),
    )
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(
        excluded_fields=["search_title", "search_text", "updated_at"],
        verbose_name=_("historical album"),
    )
    objects = AlbumQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo album")
        verbose_name_plural = _("photo albums")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["published", "date"], name="album_published_date")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("gallery:album", args=[self.slug])

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address belongs to another page; choose another slug.")}
            )
        if self.cover_id and self.pk and self.cover.album_id != self.pk:
            raise ValidationError({"cover": _("Choose one of this album's own photos.")})


class AlbumPhoto(models.Model):
    """A photo of an album, with what it shows (alt text), its caption and its author."""

    album = models.ForeignKey(
        Album, verbose_name=_("album"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("image"),
        upload_to=UploadTo("albums/photos", IMAGE_EXTENSIONS),
        validators=image_validators(),
    )
    alt = models.CharField(
        _("description (alt text)"),
        max_length=250,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("photo credit"),
        max_length=150,
        blank=True,
        help_text=_("Who took it: “Ảnh: Lò Văn Pọm”."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    small = models.ImageField(upload_to="albums/renditions", blank=True, editable=False)
    large = models.ImageField(upload_to="albums/renditions", blank=True, editable=False)
    small_width = models.PositiveSmallIntegerField(null=True, editable=False)
    small_height = models.PositiveSmallIntegerField(null=True, editable=False)
    large_width = models.PositiveSmallIntegerField(null=True, editable=False)
    large_height = models.PositiveSmallIntegerField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=[
            "small",
            "large",
            "small_width",
            "small_height",
            "large_width",
            "large_height",
        ],
        verbose_name=_("historical album photo"),
    )

    class Meta:
        verbose_name = _("album photo")
        verbose_name_plural = _("album photos")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["album", "order"], name="album_photo_order")]
        constraints = [
            models.CheckConstraint(condition=~Q(alt=""), name="album_photo_has_alt_text"),
        ]

    def __str__(self):
        return self.caption or self.alt

    def clean(self):
        if not (self.alt or "").strip():
            raise ValidationError({"alt": _("Describe the photo for readers who cannot see it.")})

    @property
    def picture(self) -> Picture | None:
        return Picture.of(
            (self.small, self.small_width, self.small_height),
            (self.large, self.large_width, self.large_height),
        )

    @property
    def thumbnail(self) -> Picture | None:
        return Picture.of((self.small, self.small_width, self.small_height))


class VideoQuerySet(VisibleQuerySet):
    permission = "gallery.view_video"


class Video(models.Model):
    """A video: an MP4 file of ours played by the browser, or a link to one hosted elsewhere."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("The video's address under /video/; made from the title when empty."),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("video file (MP4)"),
        upload_to=UploadTo("videos", ("mp4",)),
        blank=True,
        validators=[FileExtensionValidator(["mp4"]), MP4Validator()],
        help_text=_("An MP4 file (H.264), played by the visitor's browser."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to=UploadTo("videos/captions", ("vtt",)),
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), WebVTTValidator()],
        help_text=_("Vietnamese captions as a .vtt file, for viewers who cannot hear the sound."),
    )
    external_url = models.URLField(
        _("link to a video hosted elsewhere"),
        max_length=500,
        blank=True,
        help_text=_("Instead of a file: the https:// address of the video's page elsewhere."),
    )
    poster = models.ImageField(
        _("poster image"),
        upload_to=UploadTo("videos/posters", IMAGE_EXTENSIONS),
        blank=True,
        validators=image_validators(),
        help_text=_("Shown before the video plays, and as the link's picture."),
    )
    poster_small = models.ImageField(upload_to="videos/renditions", blank=True, editable=False)
    poster_large = models.ImageField(upload_to="videos/renditions", blank=True, editable=False)
    poster_small_width = models.PositiveSmallIntegerField(null=True, editable=False)
    poster_small_height = models.PositiveSmallIntegerField(null=True, editable=False)
    poster_large_width = models.PositiveSmallIntegerField(null=True, editable=False)
    poster_large_height = models.PositiveSmallIntegerField(null=True, editable=False)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(
        excluded_fields=[
            "search_title",
            "search_text",
            "updated_at",
            "poster_small",
            "poster_large",
            "poster_small_width",
            "poster_small_height",
            "poster_large_width",
            "poster_large_height",
        ],
        verbose_name=_("historical video"),
    )
    objects = VideoQuerySet.as_manager()

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["published", "date"], name="video_published_date")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(external_url="")) | (~Q(file="") & Q(external_url="")),
                name="video_file_or_link",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("gallery:video", args=[self.slug])

    @property
    def is_external(self) -> bool:
        return not self.file and bool(self.external_url)

    @property
    def external_host(self) -> str:
        return urlsplit(self.external_url).hostname or ""

    def clean(self):
        errors = {}
        if self.file and self.external_url:
            errors["external_url"] = _("Give a video file or a link, not both.")
        elif not self.file and not self.external_url:
            errors["file"] = _("Upload an MP4 file or give a link to the video.")
        if self.external_url and urlsplit(self.external_url).scheme != "https":
            errors["external_url"] = _("The link must start with https://.")
        if self.external_url and not self.poster:
            errors["poster"] = _("A linked video needs a poster image: it is the link's picture.")
        if self.captions and not self.file:
            errors["captions"] = _("Captions go with a video file of ours.")
        if errors:
            raise ValidationError(errors)

    @property
    def poster_picture(self) -> Picture | None:
        return Picture.of(
            (self.poster_small, self.poster_small_width, self.poster_small_height),
            (self.poster_large, self.poster_large_width, self.poster_large_height),
        )

    @property
    def poster_thumbnail(self) -> Picture | None:
        return Picture.of((self.poster_small, self.poster_small_width, self.poster_small_height))
