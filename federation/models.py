"""Portal-wide records: the federation's profile, visitor statistics, outgoing mail, demo
bookkeeping."""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.images import Picture, Rendition, render
from federation.storage import protected_storage
from federation.uploads import UploadTo
from federation.validators import ImageUploadValidator

LOGO_RENDITIONS = {
    "logo_small": Rendition("logo", 64, 64, pad=True),
    "logo_large": Rendition("logo-2x", 128, 128, pad=True),
}

SITE_PROFILE_CACHE_KEY = "federation:site-profile"


class SiteProfile(models.Model):
    """The federation's own details, one row, shown in the header, footer and page titles."""

    full_name = models.CharField(_("full name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="site/",
        blank=True,
        validators=[
            FileExtensionValidator(["png", "jpg", "jpeg", "webp"]),
            ImageUploadValidator(max_bytes=2 * 1024 * 1024),
        ],
        help_text=_("PNG, JPEG or WebP, at most 2 MB. Leave empty for the default emblem."),
    )
    # The logo as the header shows it (64 CSS px square), and twice that for sharp screens.
    logo_small = models.ImageField(upload_to="site/renditions", blank=True, editable=False)
    logo_large = models.ImageField(upload_to="site/renditions", blank=True, editable=False)
    map_url = models.URLField(_("map link"), blank=True)
    hotline = models.CharField(
        _("hotline"),
        max_length=60,
        blank=True,
        help_text=_("The number workers call for advice and to report violations."),
    )
    working_hours = models.CharField(
        _("working hours"),
        max_length=200,
        blank=True,
        help_text=_(
            "As the contact page shows them: “Thứ hai – Thứ sáu, 7:30–11:30, 13:30–17:00”."
        ),
    )
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profile")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="site_profile_single_row"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.pk = 1
        stored = SiteProfile.objects.filter(pk=1).values_list("logo", flat=True).first()
        if not self.logo:
            self.logo_small = self.logo_large = ""
        elif stored != self.logo.name or not self.logo_small:
            # Saved first: the renditions are drawn from the stored file, not the upload.
            super().save(*args, **kwargs)
            kwargs = {}
            for field, rendition in LOGO_RENDITIONS.items():
                if getattr(self, field):
                    getattr(self, field).delete(save=False)
                rendered = render(self.logo, rendition)
                getattr(self, field).save(rendered.file.name, rendered.file, save=False)
        super().save(*args, **kwargs)
        cache.delete(SITE_PROFILE_CACHE_KEY)

    @property
    def logo_picture(self) -> Picture | None:
        """The header's logo: the 64 px rendition, the 128 px one for sharp screens."""
        if not self.logo_small:
            return None
        return Picture.of((self.logo_small, 64, 64), (self.logo_large, 128, 128))

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(SITE_PROFILE_CACHE_KEY)
        return result

    @classmethod
    def current(cls) -> "SiteProfile":
        """The profile, from the cache once warm; an unsaved default before staff fill it in."""
        profile = cache.get(SITE_PROFILE_CACHE_KEY)
        if profile is None:
            # False remembers "no row yet"; the default is built per request in its language.
            profile = cls.objects.filter(pk=1).first() or False
            cache.set(SITE_PROFILE_CACHE_KEY, profile, 300)
        return profile or cls.default()

    @classmethod
    def default(cls) -> "SiteProfile":
        return cls(
            pk=1,
            full_name=str(_("Provincial Labour Federation")),
            short_name=str(_("Labour Federation")),
        )


class HomeRegion(models.TextChoices):
    MAIN = "main", _("main column")
    ASIDE = "aside", _("side column")


class HomeBlockPlacement(models.Model):
    """Where staff put one block of the home page: its column, its order, shown or not.

    The blocks themselves are code (each app registers its own, federation/home.py); a
    row exists once staff open the list in the admin, and a block without one keeps the
    place its app gave it.
    """

    name = models.CharField(_("block"), max_length=60, unique=True)
    region = models.CharField(
        _("column"), max_length=5, choices=HomeRegion.choices, default=HomeRegion.MAIN
    )
    order = models.PositiveSmallIntegerField(
        _("order"), help_text=_("Smaller numbers come first within the column.")
    )
    shown = models.BooleanField(
        _("shown"),
        default=True,
        help_text=_("A shown block still stays away while it has nothing to show."),
    )

    class Meta:
        verbose_name = _("home page block")
        verbose_name_plural = _("home page blocks")
        # The main column first, as the page shows it.
        ordering = ["-region", "order", "name"]

    def __str__(self):
        from federation.home import label_of

        return str(label_of(self.name))


class VisitorKind(models.TextChoices):
    """Who asked for a page: a person, a search engine that says so, or another robot."""

    VISITOR = "visitor", _("visitor")
    SEARCH_ENGINE = "search_engine", _("search engine")
    ROBOT = "robot", _("other robot")


class VisitorDay(models.Model):
    """One visitor on one day: the single row a page view touches.

    The visitor is a keyed hash of the day, address and browser, so no address is stored
    and the same person cannot be followed from one day to the next.
    """

    day = models.DateField(_("day"))
    visitor = models.CharField(_("visitor"), max_length=32)
    kind = models.CharField(
        _("visitor kind"), max_length=16, choices=VisitorKind.choices, default=VisitorKind.VISITOR
    )
    views = models.PositiveIntegerField(_("page views"), default=0)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("visitor of the day")
        verbose_name_plural = _("visitors of the day")
        constraints = [
            models.UniqueConstraint(fields=["day", "visitor"], name="visitor_day_unique"),
        ]
        indexes = [models.Index(fields=["last_seen"], name="visitor_day_last_seen")]

    def __str__(self):
        return f"{self.day} {self.visitor}"


class DailyVisits(models.Model):
    """The totals of one finished day, kept forever so the history survives month ends."""

    day = models.DateField(_("day"), primary_key=True)
    views = models.PositiveBigIntegerField(_("page views"), default=0)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)
    search_engine_views = models.PositiveBigIntegerField(_("search engine page views"), default=0)
    search_engines = models.PositiveIntegerField(_("search engines"), default=0)
    robot_views = models.PositiveBigIntegerField(_("other robots' page views"), default=0)
    robots = models.PositiveIntegerField(_("other robots"), default=0)

    class Meta:
        verbose_name = _("daily visits")
        verbose_name_plural = _("daily visits")
        ordering = ["-day"]

    def __str__(self):
        return str(self.day)


class OutgoingMail(models.Model):
    """One message the portal sends, kept from the request that wrote it to its delivery.

    Written in the caller's transaction (so a change that rolls back sends nothing) and
    delivered by a task after the commit (federation/mail.py). A refusing or silent mail
    server is tried again after a delay a bounded number of times; what still fails stays
    here, marked failed, for staff to see and send again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("delivered")
        FAILED = "failed", _("failed")

    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    recipients = models.JSONField(_("recipients"), default=list)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at", "-pk"]
        permissions = [("retry_outgoingmail", _("Can send failed mail again"))]
        indexes = [models.Index(fields=["status", "created_at"], name="outgoing_mail_status")]

    def __str__(self):
        return self.subject


class DemoRecord(models.Model):
    """A row that `seed_demo` created, so real content is never mistaken for demo content."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("demo record")
        verbose_name_plural = _("demo records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="demo_record_unique"
            ),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"


class KeepsCounters:
    """For models with counters that visitors raise (views, downloads) while staff edit.

    Saving an existing row writes every field except COUNTERS, so a form opened before
    visitors raised a count never puts the old count back. Only the counting services,
    with F() updates, change them.
    """

    COUNTERS: tuple[str, ...] = ()

    def save(self, *args, **kwargs):
        if self.COUNTERS and not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.COUNTERS
            ]
        super().save(*args, **kwargs)


class StoredFile(models.Model):
    """A checked file kept in PROTECTED_MEDIA_ROOT and served only by a view that checks.

    Subclasses (document files, report attachments, …) redeclare `file` to choose the
    folder (`UploadTo("<folder>")`) and add their own link and rules. Files are attached
    with `federation.files.store_upload` and answered with `federation.files.serve_file`;
    the bytes on disk are removed when the row is deleted and the transaction commits.
    """

    file = models.FileField(
        _("file"), storage=protected_storage, upload_to=UploadTo("tep"), max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    kind = models.CharField(_("kind"), max_length=10, editable=False)
    content_type = models.CharField(_("content type"), max_length=120, editable=False)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @property
    def label(self) -> str:
        """ "PDF", "Word", … as visitors know the kinds."""
        from federation.files import KINDS

        kind = KINDS.get(self.kind)
        return kind.label if kind else self.kind.upper()
