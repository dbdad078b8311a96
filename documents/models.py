"""The document library: classifications, documents, their files and counters."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federation.models import KeepsCounters, StoredFile
from federation.storage import protected_storage
from federation.text import as_word, fold, search_document, search_terms
from federation.uploads import UploadTo


class Classification(models.Model):
    """Shared by the lists staff keep: a name and its place in drop-downs."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class DocumentType(Classification):
    """Chỉ thị, Quyết định, Hướng dẫn, …"""

    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, blank=True, help_text=_("As in numbers: QĐ, CT, HD.")
    )

    class Meta(Classification.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class Issuer(Classification):
    """UBND tỉnh, Tổng LĐLĐ Việt Nam, LĐLĐ tỉnh, Ban Thường vụ, …"""

    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)

    class Meta(Classification.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")


class Field(Classification):
    """Tài chính công đoàn, Tổ chức, Chính sách – Pháp luật, …"""

    class Meta(Classification.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class Signer(models.Model):
    name = models.CharField(_("name"), max_length=120)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("signer")
        verbose_name_plural = _("signers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "position"], name="signer_unique_name_position")
        ]

    def __str__(self):
        return f"{self.name} – {self.position}" if self.position else self.name


class Status(models.TextChoices):
    """Derived from the dates and the "replaces" links; never typed by hand."""

    IN_FORCE = "in-force", _("In force")
    PENDING = "pending", _("Not yet in force")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")


def number_key(number: str) -> str:
    """The number without case, diacritics or punctuation: "92/CT-UBND" → "92ctubnd"."""
    return re.sub(r"[^a-z0-9]", "", fold(number))


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public documents for everyone; staff who may change documents see the rest too."""
        if user.is_authenticated and user.has_perm("documents.change_document"):
            return self
        return self.filter(is_public=True)

    def public(self):
        return self.filter(is_public=True)

    def matching(self, text: str):
        """Documents whose number starts with `text` or whose words hold every word of it.

        Case, diacritics and punctuation do not matter: "92/ct" finds "92/CT-UBND" and
        "kinh phi" finds "kinh phí".
        """
        terms = search_terms(text)
        if not terms:
            return self
        by_words = Q()
        for term in terms:
            by_words &= Q(search_text__contains=as_word(term))
        key = number_key(text)
        if any(char.isdigit() for char in key):
            return self.filter(Q(number_key__startswith=key) | by_words)
        return self.filter(by_words)

    def with_status(self, today=None):
        return self.annotate(status=_status_expression(today or timezone.localdate()))

    def with_status_in(self, status: str, today=None):
        """Documents with this status, as plain conditions an index can serve."""
        return self.filter(_status_condition(status, today or timezone.localdate()))

    def for_lists(self):
        return self.select_related("type", "issuer").only(
            "number",
            "summary",
            "issued_on",
            "effective_on",
            "expires_on",
            "posted_at",
            "views",
            "downloads",
            "type__name",
            "type__abbreviation",
            "issuer__name",
            "issuer__abbreviation",
        )


def _replaced(today):
    """A public replacement has taken effect (its issue date when it gives no effective date)."""
    return Exists(
        Document.replaces.through.objects.filter(
            to_document=OuterRef("pk"), from_document__is_public=True
        ).filter(
            Q(from_document__effective_on__lte=today)
            | Q(from_document__effective_on__isnull=True, from_document__issued_on__lte=today)
        )
    )


def _status_condition(status: str, today) -> Q:
    replaced = _replaced(today)
    if status == Status.REPLACED:
        return Q(replaced)
    not_expired = Q(expires_on__isnull=True) | Q(expires_on__gt=today)
    if status == Status.EXPIRED:
        return ~Q(replaced) & Q(expires_on__lte=today)
    if status == Status.PENDING:
        return ~Q(replaced) & not_expired & Q(effective_on__gt=today)
    return ~Q(replaced) & not_expired & (Q(effective_on__isnull=True) | Q(effective_on__lte=today))


def _status_expression(today):
    return Case(
        When(_replaced(today), then=Value(Status.REPLACED)),
        When(expires_on__lte=today, then=Value(Status.EXPIRED)),
        When(effective_on__gt=today, then=Value(Status.PENDING)),
        default=Value(Status.IN_FORCE),
        output_field=models.CharField(),
    )


class Document(KeepsCounters, models.Model):
    number = models.CharField(
        _("number and symbol"), max_length=100, help_text=_("As written: 5440/QĐ-TLĐ.")
    )
    summary = models.TextField(_("summary"), help_text=_("The trích yếu: what it is about."))
    full_text = models.TextField(_("full text"), blank=True)
    type = models.ForeignKey(DocumentType, verbose_name=_("type"), on_delete=models.PROTECT)
    issuer = models.ForeignKey(Issuer, verbose_name=_("issuing body"), on_delete=models.PROTECT)
    fields = models.ManyToManyField(Field, verbose_name=_("fields"), blank=True)
    signer = models.ForeignKey(
        Signer, verbose_name=_("signer"), null=True, blank=True, on_delete=models.PROTECT
    )
    issued_on = models.DateField(_("issue date"))
    effective_on = models.DateField(_("effective date"), null=True, blank=True)
    expires_on = models.DateField(
        _("expiry date"),
        null=True,
        blank=True,
        help_text=_("The first day it is no longer in force."),
    )
    replaces = models.ManyToManyField(
        "self",
        verbose_name=_("replaces"),
        symmetrical=False,
        related_name="replaced_by",
        blank=True,
    )
    related = models.ManyToManyField("self", verbose_name=_("related documents"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    views = models.PositiveIntegerField(_("views"), default=0, editable=False)
    downloads = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    number_key = models.CharField(max_length=100, editable=False, db_index=True)
    # Numbers start again every year: "125/QĐ-LĐLĐ" of 2025 and of 2026 are two documents.
    issued_year = models.PositiveSmallIntegerField(editable=False, default=0)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["views", "downloads", "search_text"])
    objects = DocumentQuerySet.as_manager()

    COUNTERS = ("views", "downloads")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-posted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "issued_year", "number_key"],
                name="document_number_unique_per_issuer_year",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("issued_on")),
                name="document_expires_after_issue",
            ),
        ]
        indexes = [
            models.Index(fields=["-posted_at", "-id"], name="document_posted"),
            models.Index(fields=["-issued_on", "-id"], name="document_issued"),
            models.Index(fields=["type", "-issued_on"], name="document_type_issued"),
            models.Index(fields=["-views", "-id"], name="document_views"),
            models.Index(fields=["-downloads", "-id"], name="document_downloads"),
            # Counting the public documents for the list's pages: an index-only scan.
            models.Index(fields=["id"], condition=Q(is_public=True), name="document_public"),
            models.Index(
                fields=["expires_on"],
                condition=Q(expires_on__isnull=False),
                name="document_expiring",
            ),
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.number = " ".join(self.number.split())
        self.number_key = number_key(self.number)
        self.issued_year = self.issued_on.year if self.issued_on else 0
        self.search_text = search_document(self.number, self.summary)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.expires_on and self.issued_on and self.expires_on <= self.issued_on:
            errors["expires_on"] = _("The expiry date must come after the issue date.")
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("The effective date cannot come before the issue date.")
        if self.expires_on and self.effective_on and self.expires_on <= self.effective_on:
            errors["expires_on"] = _("The expiry date must come after the effective date.")
        if self.number and self.issuer_id and self.issued_on:
            duplicate = (
                Document.objects.filter(
                    issuer_id=self.issuer_id,
                    issued_year=self.issued_on.year,
                    number_key=number_key(self.number),
                )
                .exclude(pk=self.pk)
                .first()
            )
            if duplicate is not None:
                errors["number"] = _(
                    "%(issuer)s already has a document numbered %(number)s in %(year)s."
                ) % {"issuer": self.issuer, "number": duplicate.number, "year": self.issued_on.year}
        if errors:
            raise ValidationError(errors)

    def get_status_label(self) -> str:
        return Status(self.status).label if getattr(self, "status", None) else ""

    def status_on(self, today=None) -> Status:
        """The status for this one document (lists use DocumentQuerySet.with_status)."""
        if hasattr(self, "status") and today is None:
            return Status(self.status)
        today = today or timezone.localdate()
        for newer in self.replaced_by.all():
            if newer.is_public and (newer.effective_on or newer.issued_on) <= today:
                return Status.REPLACED
        if self.expires_on and self.expires_on <= today:
            return Status.EXPIRED
        if self.effective_on and self.effective_on > today:
            return Status.PENDING
        return Status.IN_FORCE


class DocumentFile(KeepsCounters, StoredFile):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(
        _("file"), storage=protected_storage, upload_to=UploadTo("van-ban"), max_length=200
    )
    # A file is filed once in the whole library.
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, unique=True, editable=False)
    downloads = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords(excluded_fields=["downloads"])

    COUNTERS = ("downloads",)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["order", "pk"]

    def get_absolute_url(self):
        return reverse("documents:download", args=[self.pk])
