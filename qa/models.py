"""Legal questions and answers: topics, the questions visitors ask with the answers legal
advisers write, and the readers' "useful / not useful" votes.

What a visitor typed (the question as asked, their name, their email and phone) is kept
for staff only; the public sees the question as staff edited it (`title`, `public_text`),
the answer, and the asker's name only when they allowed it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from federation.models import KeepsCounters

# The answer holds what an about page holds (text, headings, lists, links, tables) and is
# cleaned by the same nh3 sanitiser, through ProseEditorField(sanitize=True).
from federation.richtext import TEXT_EXTENSIONS
from federation.text import html_text, search_document

# Addresses under /hoi-dap/ that are pages of their own, never a question's slug.
RESERVED_SLUGS = ("gui-cau-hoi", "chu-de", "rss")


class Topic(models.Model):
    """What a question is about: wages, working hours, social insurance, …"""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("qa:topic", args=[self.slug])


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)

    def visible_to(self, user):
        """Published questions for everyone; staff who may read the inbox see the rest."""
        if user.is_authenticated and user.is_staff and user.has_perm("qa.view_question"):
            return self
        return self.published()

    def for_lists(self):
        """What a list row shows, with its topic, and nothing private."""
        return self.select_related("topic").only(
            "title",
            "slug",
            "public_text",
            "published_at",
            "views",
            "status",
            "topic__name",
            "topic__slug",
        )


class Question(KeepsCounters, models.Model):
    """A visitor's question, its edited public form and the answer, through a workflow:
    new → assigned → answered → published, or rejected."""

    COUNTERS = ("views",)

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned")
        ANSWERED = "answered", _("Answered")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="questions"
    )
    # What the visitor sent: for staff only, shown as plain text, never as HTML.
    asked_text = models.TextField(_("question as asked"))
    asker_name = models.CharField(_("asker's name"), max_length=120, blank=True)
    publish_name = models.BooleanField(
        _("name may be published"),
        default=False,
        help_text=_("The asker allowed their name to be shown with the question."),
    )
    email = models.CharField(_("email for the answer"), max_length=254, blank=True)
    phone = models.CharField(_("phone for the answer"), max_length=30, blank=True)
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    # What the public reads, written by staff.
    title = models.CharField(
        _("public question"),
        max_length=250,
        blank=True,
        help_text=_("The question in one line, as readers will see it in lists."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The address under /hoi-dap/; made from the public question when empty."),
    )
    public_text = models.TextField(
        _("public question text"),
        blank=True,
        help_text=_(
            "The question as it will be published: remove names, addresses, employers and "
            "anything else that tells who asked."
        ),
    )
    answer = ProseEditorField(_("answer"), extensions=TEXT_EXTENSIONS, sanitize=True, blank=True)
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents cited"),
        blank=True,
        related_name="questions",
    )
    laws = models.TextField(
        _("laws cited"),
        blank=True,
        help_text=_("One per line, e.g. “Bộ luật Lao động 2019, Điều 98”."),
    )

    # The workflow and who did what.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    staff_notes = models.TextField(
        _("notes for staff"),
        blank=True,
        help_text=_("Never shown to the public; a rejected question's reason goes here."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    views = models.PositiveIntegerField(_("views"), default=0, editable=False)

    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["views", "search_title", "search_text"])
    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal question")
        verbose_name_plural = _("legal questions")
        ordering = ["-asked_at", "-pk"]
        permissions = [("publish_question", _("Can publish answers to legal questions"))]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="qa_question_published"),
            models.Index(fields=["status", "-views"], name="qa_question_most_read"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | (Q(slug__isnull=False) & ~Q(title="")),
                name="qa_published_has_title_and_slug",
            )
        ]

    def __str__(self):
        return self.title or self.asked_text[:80]

    def save(self, *args, **kwargs):
        # Only what the public reads is searchable: never the question as asked.
        self.search_title = search_document(self.title)
        self.search_text = search_document(self.title, self.public_text, html_text(self.answer))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_title", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("qa:detail", args=[self.slug]) if self.slug else ""

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def shown_name(self) -> str:
        """The asker's name where they allowed it; else nothing."""
        return self.asker_name if self.publish_name else ""

    @property
    def law_lines(self) -> list[str]:
        return [line.strip() for line in self.laws.splitlines() if line.strip()]


class Rating(models.Model):
    """One reader's "useful" or "not useful" for one answer; voting again replaces it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="ratings")
    voter = models.CharField(_("voter"), max_length=32)
    useful = models.BooleanField(_("useful"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("rating of an answer")
        verbose_name_plural = _("ratings of answers")
        constraints = [
            models.UniqueConstraint(fields=["question", "voter"], name="qa_rating_one_per_voter")
        ]

    def __str__(self):
        return f"{self.question_id}: {'+' if self.useful else '-'}"
