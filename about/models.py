"""Who we are, and how to reach us: the about pages, the office's departments, the
messages visitors send, the leadership's weekly schedule, links and campaign banners."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from federation.images import Picture, Rendition, render
from federation.richtext import TEXT_EXTENSIONS
from federation.text import html_text, search_document
from federation.uploads import UploadTo
from federation.validators import ImageUploadValidator

# A page's body is text (federation/richtext.py); pictures belong to the news and the albums.
BODY_EXTENSIONS = TEXT_EXTENSIONS

# Addresses under /gioi-thieu/ that are pages of their own, never a page's slug.
RESERVED_SLUGS = ("to-chuc", "lanh-dao")

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Page.Status.PUBLISHED)

    def in_menu(self):
        return self.published().filter(menu_order__isnull=False).order_by("menu_order", "pk")


class Page(models.Model):
    """A page of "Giới thiệu" that staff write: the history, functions and tasks, …"""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("The page's address under /gioi-thieu/; made from the title when left empty."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    menu_order = models.PositiveSmallIntegerField(
        _("position in the menu"),
        null=True,
        blank=True,
        help_text=_("Shown under “About us” in the main menu at this position; empty: not shown."),
    )
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    body = ProseEditorField(_("body"), extensions=BODY_EXTENSIONS, sanitize=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_title", "search_text"])
    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("about page")
        verbose_name_plural = _("about pages")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_title = search_document(self.title)
        self.search_text = search_document(self.title, self.summary, html_text(self.body))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("about:page", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address belongs to another page; choose another slug.")}
            )
        parent = self.parent
        seen = set()
        while parent is not None and self.pk:
            if parent.pk == self.pk or parent.pk in seen:
                raise ValidationError({"parent": _("A page cannot be placed under itself.")})
            seen.add(parent.pk)
            parent = parent.parent


class Department(models.Model):
    """A department of the federation's office ("Ban Tổ chức", "Văn phòng", …)."""

    name = models.CharField(_("name"), max_length=200)
    head = models.CharField(_("head"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    duties = models.TextField(_("duties"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("department of the office")
        verbose_name_plural = _("departments of the office")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ContactMessage(models.Model):
    """A message a visitor sent through /lien-he/, in the staff's inbox until closed."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in-progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("sender"), max_length=120)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("staff notes"), blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "received_at"], name="contact_status")]

    def __str__(self):
        return self.subject


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class ScheduleWeekQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class ScheduleWeek(models.Model):
    """The leadership's work schedule of one week, public once published."""

    monday = models.DateField(_("week starting on (Monday)"), unique=True)
    published = models.BooleanField(_("published"), default=False)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()
    objects = ScheduleWeekQuerySet.as_manager()

    class Meta:
        verbose_name = _("week's schedule")
        verbose_name_plural = _("weekly schedules")
        ordering = ["-monday"]

    def __str__(self):
        year, week, _day = self.monday.isocalendar()
        return _("Week %(week)s/%(year)s (from %(monday)s)") % {
            "week": week,
            "year": year,
            "monday": self.monday.strftime("%d/%m/%Y"),
        }

    def get_absolute_url(self):
        year, week, _day = self.monday.isocalendar()
        return reverse("about:schedule") + f"?tuan={year}-W{week:02d}"

    def clean(self):
        if self.monday and self.monday.weekday() != 0:
            raise ValidationError({"monday": _("Choose the Monday the week starts on.")})

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


class ScheduleItem(models.Model):
    week = models.ForeignKey(
        ScheduleWeek, verbose_name=_("week"), on_delete=models.CASCADE, related_name="items"
    )
    day = models.DateField(_("day"))
    time = models.TimeField(_("time"), null=True, blank=True)
    what = models.CharField(_("what"), max_length=500)
    attendees = models.CharField(_("who attends"), max_length=300, blank=True)
    place = models.CharField(_("where"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule items")
        ordering = ["day", "time", "order", "pk"]

    def __str__(self):
        return self.what

    def clean(self):
        week = self.week if self.week_id else None
        if week and self.day and not (week.monday <= self.day <= week.sunday):
            raise ValidationError(
                {
                    "day": _("Choose a day between %(start)s and %(end)s.")
                    % {
                        "start": week.monday.strftime("%d/%m/%Y"),
                        "end": week.sunday.strftime("%d/%m/%Y"),
                    }
                }
            )


class ShownBetweenQuerySet(models.QuerySet):
    def shown_on(self, day: date | None = None):
        """Rows whose dates include `day` (today): not expired, not waiting to start."""
        day = day or timezone.localdate()
        return self.filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=day),
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
        )


class ShownBetween(models.Model):
    starts_on = models.DateField(_("shown from"), null=True, blank=True)
    ends_on = models.DateField(_("shown until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ShownBetweenQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot come before the first.")})


class Link(ShownBetween):
    """A link of the links block: the confederation, the province's portal, …"""

    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


def validate_link(value: str) -> None:
    """A web address (https://…) or a path of this portal (/lien-he/)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as error:
        raise ValidationError(
            _("Enter a web address (https://…) or a path of this portal (/lien-he/)."),
            code="invalid",
        ) from error


BANNER_RENDITIONS = {
    "image_small": Rendition("small", 640),
    "image_large": Rendition("large", 1280),
}


class Banner(ShownBetween):
    """A campaign banner on the home page: an image, its words in the alt text, a link."""

    title = models.CharField(_("title"), max_length=200)
    image = models.ImageField(
        _("image"),
        upload_to=UploadTo("banners", IMAGE_EXTENSIONS),
        validators=[
            FileExtensionValidator(IMAGE_EXTENSIONS),
            ImageUploadValidator(max_bytes=5 * 1024 * 1024),
        ],
        help_text=_("JPEG, PNG or WebP, at most 5 MB; a wide picture (about 3:1) suits best."),
    )
    alt = models.CharField(
        _("description (alt text)"),
        max_length=300,
        help_text=_(
            "Every word the image shows, and what it shows, for readers who cannot see it."
        ),
    )
    url = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("Where a click on the banner leads: https://… or a page of the portal, /…"),
    )
    image_small = models.ImageField(upload_to="banners/renditions", blank=True, editable=False)
    image_large = models.ImageField(upload_to="banners/renditions", blank=True, editable=False)
    small_width = models.PositiveSmallIntegerField(null=True, editable=False)
    small_height = models.PositiveSmallIntegerField(null=True, editable=False)
    large_width = models.PositiveSmallIntegerField(null=True, editable=False)
    large_height = models.PositiveSmallIntegerField(null=True, editable=False)

    class Meta:
        verbose_name = _("banner")
        verbose_name_plural = _("banners")
        ordering = ["order", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Saved, then its renditions drawn from the stored file when the image changed."""
        stored = Banner.objects.filter(pk=self.pk).values_list("image", flat=True).first()
        if self.image and (stored != self.image.name or not self.image_small):
            super().save(*args, **kwargs)
            kwargs = {}
            for field, rendition in BANNER_RENDITIONS.items():
                if getattr(self, field):
                    getattr(self, field).delete(save=False)
                rendered = render(self.image, rendition)
                getattr(self, field).save(rendered.file.name, rendered.file, save=False)
                size = field.removeprefix("image_")
                setattr(self, f"{size}_width", rendered.width)
                setattr(self, f"{size}_height", rendered.height)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not (self.alt or "").strip():
            raise ValidationError(
                {"alt": _("Describe the banner: the words it shows and what it shows.")}
            )

    @property
    def picture(self) -> Picture | None:
        return Picture.of(
            (self.image_small, self.small_width, self.small_height),
            (self.image_large, self.large_width, self.large_height),
        )
