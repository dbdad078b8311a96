"""News: categories, articles with their photos, and what readers send back."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from federation.images import Picture
from federation.models import KeepsCounters
from federation.richtext import TEXT_EXTENSIONS
from federation.text import html_text, search_document
from federation.uploads import UploadTo
from federation.validators import ImageUploadValidator

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")

# What the body may hold: the shared text (federation/richtext.py) and pictures with captions.
BODY_EXTENSIONS = {**TEXT_EXTENSIONS, "Figure": True, "Caption": True, "Image": True}


def news_image_validators():
    return [
        FileExtensionValidator(IMAGE_EXTENSIONS),
        ImageUploadValidator(max_bytes=settings.NEWS_IMAGE_MAX_BYTES),
    ]


class Category(models.Model):
    """A section of the news ("Tin tức – Sự kiện" › "Hoạt động công đoàn"), two levels at most."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    show_in_menu = models.BooleanField(_("show in the menu"), default=True)
    show_on_home = models.BooleanField(_("show on the home page"), default=False)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse("news:category", args=[self.slug])

    def clean(self):
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("A category cannot be its own parent.")})
            if self.parent.parent_id:
                raise ValidationError(
                    {"parent": _("Categories have two levels: choose a top-level parent.")}
                )
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": _("This category has sub-categories, so it must stay on top.")}
                )


class Tag(models.Model):
    """A keyword that links articles across categories."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:tag", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What visitors see: published, its time has come, not yet expired."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def visible_to(self, user, now=None):
        """Staff who may view articles preview everything; everybody else sees published ones."""
        if user.is_authenticated and user.is_staff and user.has_perm("news.view_article"):
            return self
        return self.published(now)

    def in_category(self, category):
        """Articles of a category, of its sub-categories, or listing it as a further one."""
        ids = [category.pk, *category.children.values_list("pk", flat=True)]
        # Further categories are few: fetching their article ids first lets the database
        # use its indexes for both halves instead of scanning for an OR with a join.
        further = list(
            Article.extra_categories.through.objects.filter(category_id__in=ids).values_list(
                "article_id", flat=True
            )
        )
        if not further:
            return self.filter(category_id__in=ids)
        return self.filter(Q(category_id__in=ids) | Q(pk__in=further))

    def tagged(self, tag):
        return self.filter(tags=tag)

    def related_to(self, article, limit: int = 5):
        """Other published articles of the same category, newest first, for lists."""
        return (
            self.published()
            .filter(category_id=article.category_id)
            .exclude(pk=article.pk)
            .for_lists()[:limit]
        )

    def for_lists(self):
        return self.select_related("category").only(
            "title",
            "slug",
            "summary",
            "published_at",
            "cover_small",
            "cover_small_width",
            "cover_small_height",
            "cover_alt",
            "views",
            "category__name",
            "category__slug",
        )


class Article(KeepsCounters, models.Model):
    """A news article, from draft to published, with every change kept in its history."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned to the author")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left empty. It cannot change once published."),
    )
    summary = models.TextField(_("summary"), max_length=1000)
    body = ProseEditorField(_("body"), extensions=BODY_EXTENSIONS, sanitize=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    extra_categories = models.ManyToManyField(
        Category,
        verbose_name=_("further categories"),
        blank=True,
        related_name="extra_articles",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    congress = models.ForeignKey(
        "congress.Congress",
        verbose_name=_("congress"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_("The congress this article reports on; its page then lists the article."),
    )
    cover = models.ImageField(
        _("cover image"),
        upload_to=UploadTo("news/covers", IMAGE_EXTENSIONS),
        blank=True,
        validators=news_image_validators(),
    )
    cover_alt = models.CharField(
        _("cover description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with a cover."),
    )
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    cover_small = models.ImageField(upload_to="news/renditions", blank=True, editable=False)
    cover_large = models.ImageField(upload_to="news/renditions", blank=True, editable=False)
    cover_social = models.ImageField(upload_to="news/renditions", blank=True, editable=False)
    # Pixel sizes of the renditions, written into each <img> so the page keeps their room.
    cover_small_width = models.PositiveSmallIntegerField(null=True, editable=False)
    cover_small_height = models.PositiveSmallIntegerField(null=True, editable=False)
    cover_large_width = models.PositiveSmallIntegerField(null=True, editable=False)
    cover_large_height = models.PositiveSmallIntegerField(null=True, editable=False)
    byline = models.CharField(
        _("byline"), max_length=200, blank=True, help_text=_("As printed: “Bế Hòa – LĐLĐ tỉnh”.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    featured = models.BooleanField(_("featured"), default=False)
    allow_comments = models.BooleanField(_("comments open"), default=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article."),
    )
    expires_at = models.DateTimeField(
        _("expiry time"), null=True, blank=True, help_text=_("The article is taken down then.")
    )
    views = models.PositiveBigIntegerField(_("views"), default=0, editable=False)
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=[
            "views",
            "search_title",
            "search_text",
            "updated_at",
            "cover_small_width",
            "cover_small_height",
            "cover_large_width",
            "cover_large_height",
        ],
        verbose_name=_("historical article"),
    )
    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", _("Can publish, schedule and return articles"))]
        indexes = [
            # Covers the public listings' filter, so counting a category reads only the index.
            models.Index(
                fields=["status", "published_at", "category", "expires_at"],
                name="article_listing",
            ),
            models.Index(fields=["featured", "published_at"], name="article_featured_published"),
            models.Index(
                fields=["category", "status", "published_at"], name="article_category_listing"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cover="") | ~Q(cover_alt=""), name="article_cover_has_alt_text"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=models.F("published_at")),
                name="article_expires_after_publication",
            ),
        ]

    def __str__(self):
        return self.title

    COUNTERS = ("views",)

    def save(self, *args, **kwargs):
        self.search_title = search_document(self.title)
        # Paragraphs kept apart: the last word of one and the first of the next are two words.
        self.search_text = search_document(self.title, self.summary, html_text(self.body))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:article", args=[self.slug])

    def clean(self):
        errors = {}
        if self.cover and not self.cover_alt.strip():
            errors["cover_alt"] = _("Describe the cover image for readers who cannot see it.")
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            errors["expires_at"] = _("The expiry time must come after the publication time.")
        if errors:
            raise ValidationError(errors)

    @property
    def cover_picture(self) -> Picture | None:
        return Picture.of(
            (self.cover_small, self.cover_small_width, self.cover_small_height),
            (self.cover_large, self.cover_large_width, self.cover_large_height),
        )

    @property
    def cover_thumbnail(self) -> Picture | None:
        """The small rendition alone, for cards."""
        return Picture.of((self.cover_small, self.cover_small_width, self.cover_small_height))

    @property
    def is_public(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )


class Photo(models.Model):
    """A photo of an article, placed in the body with [ảnh N] or shown in the gallery after it."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("image"),
        upload_to=UploadTo("news/photos", IMAGE_EXTENSIONS),
        validators=news_image_validators(),
    )
    alt = models.CharField(_("description (alt text)"), max_length=250)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(
        _("number"), default=1, help_text=_("Write [ảnh 2] in the body to place photo 2 there.")
    )
    small = models.ImageField(upload_to="news/renditions", blank=True, editable=False)
    large = models.ImageField(upload_to="news/renditions", blank=True, editable=False)
    small_width = models.PositiveSmallIntegerField(null=True, editable=False)
    small_height = models.PositiveSmallIntegerField(null=True, editable=False)
    large_width = models.PositiveSmallIntegerField(null=True, editable=False)
    large_height = models.PositiveSmallIntegerField(null=True, editable=False)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="photo_number_per_article"),
        ]

    def __str__(self):
        return self.caption or self.alt

    @property
    def picture(self) -> Picture | None:
        return Picture.of(
            (self.small, self.small_width, self.small_height),
            (self.large, self.large_width, self.large_height),
        )


class Rating(models.Model):
    """One reader's stars for one article; voting again replaces the earlier vote."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="ratings")
    voter = models.CharField(_("voter"), max_length=32)
    score = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["article", "voter"], name="rating_one_per_voter"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="rating_score_one_to_five"
            ),
        ]

    def __str__(self):
        return f"{self.article_id}: {self.score}"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def shown_to(self, own_pending=()):
        """Approved comments, and this reader's own that still wait (ids from their session)."""
        return self.filter(
            Q(status=Comment.Status.APPROVED)
            | Q(pk__in=list(own_pending), status=Comment.Status.PENDING)
        ).order_by("created_at")


class Comment(models.Model):
    """A reader's opinion ("Ý kiến bạn đọc"): plain text, shown once staff approve it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), help_text=_("Never shown on the site."))
    text = models.TextField(_("comment"), max_length=settings.NEWS_COMMENT_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["article", "status"], name="comment_article_status")]

    def __str__(self):
        return f"{self.name}: {self.text[:40]}"


class ErrorReport(models.Model):
    """A reader's note that something in an article is wrong, for staff to check."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="error_reports"
    )
    description = models.TextField(_("what is wrong"), max_length=2000)
    contact = models.CharField(_("contact (optional)"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["resolved", "-created_at"]

    def __str__(self):
        return self.description[:60]


class NewsPreferences(models.Model):
    """Switches staff can turn in the admin (one row)."""

    moderate_comments = models.BooleanField(
        _("hold comments for moderation"),
        default=True,
        help_text=_("When off, comments appear as soon as readers send them."),
    )

    class Meta:
        verbose_name = _("news preferences")
        verbose_name_plural = _("news preferences")

    def __str__(self):
        return str(_("News preferences"))

    def save(self, *args, **kwargs):
        self.pk = 1  # one row, always the one current() reads
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "NewsPreferences":
        return cls.objects.filter(pk=1).first() or cls(pk=1)
