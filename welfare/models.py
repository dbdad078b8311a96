"""Welfare programmes: gifts, hardship support, housing aid, scholarships, employment-fund
loans and partner discounts, with the quotas and budgets that bound what is approved.

A programme (`Programme`) is run by one unit of the tree for a year; its kind is data
(`ProgrammeKind`, whose `behaviour` says whether its grants are houses, scholarships or
loans), its budget is the sum of its funding sources, and its standard amounts ("Quà Tết
1.000.000 đồng", "Xây mới 50.000.000 đồng") are rows of its own. The running unit hands
quotas (suất and/or đồng) to the units below, which may pass them further down
(`Quota.parent`). Units propose grants (`Grant`) for their members or for a named person
(a member's child); the unit above approves, returns or rejects them; approved grants are
handed over with a signed receipt list (`Receipt`). Every rule is in `welfare.services`.

Money is whole đồng (`PositiveBigIntegerField`). Loan statuses are derived from the
schedule and the repayments as of a day (`Loan.objects.with_position(day)`); only a
write-off and the day a loan was repaid are stored.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from federation.images import Picture
from federation.models import StoredFile
from federation.storage import protected_storage
from federation.text import search_document
from federation.uploads import UploadTo
from federation.validators import ImageUploadValidator
from members.models import in_subtree, national_id_validator, person_name_validator

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
IMAGE_MAX_BYTES = 10 * 1024 * 1024


def image_validators():
    return [
        FileExtensionValidator(IMAGE_EXTENSIONS),
        ImageUploadValidator(max_bytes=IMAGE_MAX_BYTES),
    ]


def _url(name: str, *args) -> str:
    """The page's address once the public pages exist (a later slice adds them)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# ---------------------------------------------------------------------------------------
# Programmes


class Behaviour(models.TextChoices):
    """What a kind of programme gives, which decides the steps and fields of its grants."""

    GIFT = "gift", _("Gifts and allowances")
    HOUSING = "housing", _("Housing aid")
    SCHOLARSHIP = "scholarship", _("Scholarships")
    LOAN = "loan", _("Employment-fund loans")
    PARTNERS = "partners", _("Partner discounts")


class ProgrammeKind(models.Model):
    """Tết gifts, Tháng Công nhân, hardship allowance, housing aid, … (data, not code)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    behaviour = models.CharField(
        _("behaviour"), max_length=12, choices=Behaviour.choices, default=Behaviour.GIFT
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kind of programme")
        verbose_name_plural = _("kinds of programme")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("programme status", "Planned")
    OPEN = "open", pgettext_lazy("programme status", "Open for proposals")
    CLOSED = "closed", pgettext_lazy("programme status", "Closed for proposals")
    SETTLED = "settled", pgettext_lazy("programme status", "Settled")


# Proposals are made while a programme is open; reviews and handovers go on after it
# closes, until it is settled.
REVIEWABLE = (ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED)


class ProgrammeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True).exclude(status=ProgrammeStatus.PLANNED)

    def open(self):
        return self.filter(status=ProgrammeStatus.OPEN)

    def for_unit(self, unit):
        """Programmes a unit may propose to: run by the unit itself or a unit above it."""
        return self.filter(unit_id__in=[*unit.ancestor_ids, unit.pk])


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=200, unique=True)
    kind = models.ForeignKey(
        ProgrammeKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="programmes"
    )
    unit = models.ForeignKey(
        "members.Unit",
        verbose_name=_("running unit"),
        on_delete=models.PROTECT,
        related_name="welfare_programmes",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProgrammeStatus.choices,
        default=ProgrammeStatus.PLANNED,
        db_index=True,
    )
    is_public = models.BooleanField(_("shown to the public"), default=True)
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    housing_repeat_years = models.PositiveSmallIntegerField(
        _("years before housing aid may be repeated"),
        default=5,
        help_text=_(
            "Housing aid to a member who had housing aid within this many years needs a "
            "recorded reason (0: no check)."
        ),
    )
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents"),
        blank=True,
        related_name="welfare_programmes",
        help_text=_("The plan, the decisions and guidance; only public documents are shown."),
    )
    articles = models.ManyToManyField(
        "news.Article",
        verbose_name=_("news"),
        blank=True,
        related_name="welfare_programmes",
        help_text=_("News about the programme; only published articles are shown."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The folded words of the name, kind, description and eligibility, for the site search.
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("welfare programme")
        verbose_name_plural = _("welfare programmes")
        ordering = ["-year", "kind__order", "name"]
        indexes = [models.Index(fields=["year", "status"], name="programme_year_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="programme_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = self.search_document()
        fields = kwargs.get("update_fields")
        if fields is not None and "search_text" not in fields:
            kwargs["update_fields"] = [*fields, "search_text"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return _url("welfare:programme", self.slug)

    def search_document(self) -> str:
        kind = self.kind.name if self.kind_id else ""
        return search_document(self.name, kind, self.description, self.eligibility)

    @property
    def behaviour(self) -> str:
        return self.kind.behaviour


class StandardAmount(models.Model):
    """A standard amount of a programme: "Quà Tết" 1.000.000 đồng, "Xây mới" 50.000.000."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="standard_amounts",
    )
    label = models.CharField(_("label"), max_length=120)
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standard amount")
        verbose_name_plural = _("standard amounts")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "label"], name="standard_label_once"),
        ]

    def __str__(self):
        return self.label


class FundingSource(models.Model):
    """Part of a programme's budget: union finances, the social fund, or a named sponsor."""

    class Kind(models.TextChoices):
        UNION_FINANCES = "union", _("Union finances")
        SOCIAL_FUND = "social-fund", _("Social fund")
        SPONSOR = "sponsor", _("Sponsor")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="funding_sources",
    )
    kind = models.CharField(_("source"), max_length=12, choices=Kind.choices)
    sponsor = models.CharField(_("sponsor"), max_length=200, blank=True)
    pledged = models.PositiveBigIntegerField(
        _("budgeted or pledged (đồng)"),
        help_text=_("What this source puts into the budget; for a sponsor, what they pledged."),
    )
    given = models.PositiveBigIntegerField(
        _("given so far (đồng)"), null=True, blank=True, help_text=_("For a sponsor.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        # As a budget is read out: the union's own money, the social fund, then sponsors.
        ordering = [
            Case(
                When(kind="union", then=Value(0)),
                When(kind="social-fund", then=Value(1)),
                default=Value(2),
            ),
            "pk",
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="sponsor") | ~Q(sponsor=""), name="funding_sponsor_named"
            ),
        ]

    def __str__(self):
        return self.sponsor or self.get_kind_display()


class Quota(models.Model):
    """What a unit may approve in a programme: suất and/or đồng, for its whole subtree.

    A quota is handed down by the running unit (no `parent`) or passed on by the unit
    directly above from its own quota (`parent`). An empty limit means "not limited here".
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="quotas"
    )
    unit = models.ForeignKey(
        "members.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="welfare_quotas",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("passed down from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    places = models.PositiveIntegerField(_("suất"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (đồng)"), null=True, blank=True)
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["programme", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "unit"], name="quota_once_per_unit"),
            models.CheckConstraint(
                condition=Q(places__isnull=False) | Q(amount__isnull=False),
                name="quota_limits_something",
            ),
        ]

    def __str__(self):
        return f"{self.programme} – {self.unit}"


# ---------------------------------------------------------------------------------------
# Grants


class GrantStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("grant status", "Proposed")
    APPROVED = "approved", pgettext_lazy("grant status", "Approved")
    HANDED_OVER = "handed-over", pgettext_lazy("grant status", "Handed over")
    RETURNED = "returned", pgettext_lazy("grant status", "Returned")
    REJECTED = "rejected", pgettext_lazy("grant status", "Rejected")


# What counts against quotas and budgets, and in every total.
COUNTED = (GrantStatus.APPROVED, GrantStatus.HANDED_OVER)
# What the unit may still correct.
UNIT_EDITABLE = (GrantStatus.PROPOSED, GrantStatus.RETURNED)
# What keeps a member from being proposed again in the same programme.
ALIVE = (GrantStatus.PROPOSED, GrantStatus.APPROVED, GrantStatus.HANDED_OVER, GrantStatus.RETURNED)


class Relation(models.TextChoices):
    CHILD = "child", _("Child")
    SPOUSE = "spouse", _("Spouse")
    PARENT = "parent", _("Parent")
    OTHER = "other", _("Other relative")
    WORKER = "worker", _("Worker, not yet a member")


class GrantQuerySet(models.QuerySet):
    def counted(self):
        """Approved or handed over: what quotas, budgets and totals count."""
        return self.filter(status__in=COUNTED)

    def in_subtree(self, unit):
        return self.filter(in_subtree(unit, "unit"))


def grant_value():
    """A grant's worth in đồng (cash and value in kind), as a database expression."""
    return F("cash_amount") + F("in_kind_value")


class Receipt(StoredFile):
    """The signed receipt list of a handover: one list for the grants a unit handed over."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="receipts"
    )
    unit = models.ForeignKey(
        "members.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    handed_over_on = models.DateField(_("handed over on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(
        _("file"), storage=protected_storage, upload_to=UploadTo("phuc-loi/ky-nhan"), max_length=200
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signed receipt list")
        verbose_name_plural = _("signed receipt lists")
        ordering = ["-handed_over_on", "-pk"]


class Grant(models.Model):
    """One beneficiary of a programme: a member, or a named person (a member's child, …)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="grants"
    )
    unit = models.ForeignKey(
        "members.Unit",
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        related_name="welfare_grants",
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="welfare_grants",
    )
    person_name = models.CharField(
        pgettext_lazy("of a person", "full name"),
        max_length=120,
        blank=True,
        validators=[person_name_validator],
        help_text=_("For a beneficiary who is not a member (a member's child, …)."),
    )
    relation = models.CharField(_("relation"), max_length=8, choices=Relation.choices, blank=True)
    for_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("related member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="welfare_grants_for_family",
    )
    national_id = models.CharField(
        _("national ID number"),
        max_length=12,
        blank=True,
        db_index=True,
        validators=[national_id_validator],
        help_text=_("The beneficiary's; copied from the register for a member."),
    )
    circumstances = models.TextField(_("circumstances"))
    standard = models.ForeignKey(
        StandardAmount,
        verbose_name=_("standard amount"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cash_amount = models.PositiveBigIntegerField(_("cash (đồng)"), default=0)
    in_kind_value = models.PositiveBigIntegerField(_("value in kind (đồng)"), default=0)
    in_kind = models.CharField(_("in kind"), max_length=255, blank=True)
    places = models.PositiveSmallIntegerField(
        _("suất"), default=1, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=GrantStatus.choices, default=GrantStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reason = models.TextField(
        _("reason for returning or rejecting"), blank=True, help_text=_("Told to the unit.")
    )
    repeat_reason = models.TextField(
        _("reason for repeated housing aid"),
        blank=True,
        help_text=_("Needed when the member had housing aid within the programme's years."),
    )
    flagged_duplicate = models.BooleanField(
        _("same ID number proposed elsewhere"),
        default=False,
        help_text=_("Another unit proposed the same national ID number in this programme."),
    )
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True)
    receipt = models.ForeignKey(
        Receipt,
        verbose_name=_("signed receipt list"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grants",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["programme", "unit__path", "pk"]
        indexes = [
            # Every total (welfare.services.programmes) is read from this index alone:
            # the grants of some programmes, approved or handed over, summed by programme
            # or by the unit's branch, without reading the rows (PostgreSQL's index-only
            # scan, SQLite's covering index).
            models.Index(
                fields=["programme", "status", "unit", "places", "cash_amount", "in_kind_value"],
                name="grant_counted",
            ),
            # A unit's proposals in a programme, latest first (the officer area's page):
            # read in order, the first page found without sorting the programme's grants.
            models.Index(fields=["programme", "-proposed_at", "-id"], name="grant_latest"),
            models.Index(fields=["unit", "status"], name="grant_unit_status"),
        ]
        constraints = [
            # The same member once per programme, whichever unit proposed them.
            models.UniqueConstraint(
                fields=["programme", "member"],
                condition=Q(member__isnull=False) & ~Q(status="rejected"),
                name="grant_member_once_per_programme",
            ),
            # A member, or a named person: never both, never neither.
            models.CheckConstraint(
                condition=(Q(member__isnull=False) & Q(person_name=""))
                | (Q(member__isnull=True) & ~Q(person_name="")),
                name="grant_member_or_named_person",
            ),
            models.CheckConstraint(
                condition=Q(cash_amount__gt=0) | Q(in_kind_value__gt=0),
                name="grant_has_a_value",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["returned", "rejected"]) | ~Q(reason=""),
                name="grant_return_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="handed-over") | Q(handed_over_on__isnull=False),
                name="grant_handover_dated",
            ),
        ]

    def __str__(self):
        return f"{self.beneficiary_name} – {self.programme}"

    @property
    def beneficiary_name(self) -> str:
        return self.member.full_name if self.member_id else self.person_name

    @property
    def value(self) -> int:
        return (self.cash_amount or 0) + (self.in_kind_value or 0)

    @property
    def is_editable_by_unit(self) -> bool:
        return self.status in UNIT_EDITABLE


class GrantFile(StoredFile):
    """A file sent with a proposal: the application, a confirmation of hardship, …"""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("Application")
        HARDSHIP = "hardship", _("Confirmation of hardship")
        OTHER = "other", _("Other")

    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="files"
    )
    purpose = models.CharField(
        _("what it is"), max_length=12, choices=Kind.choices, default=Kind.APPLICATION
    )
    file = models.FileField(
        _("file"), storage=protected_storage, upload_to=UploadTo("phuc-loi/ho-so"), max_length=200
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal file")
        verbose_name_plural = _("proposal files")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "checksum"], name="grant_file_once"),
        ]


class HousingAid(models.Model):
    """The house of a housing grant ("Mái ấm Công đoàn"), from survey to handover."""

    class Work(models.TextChoices):
        BUILD = "build", _("Build a new house")
        REPAIR = "repair", _("Repair the house")

    grant = models.OneToOneField(
        Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="housing"
    )
    work = models.CharField(_("work"), max_length=8, choices=Work.choices)
    address = models.CharField(_("address of the house"), max_length=255)
    own_contribution = models.PositiveBigIntegerField(
        _("member's own contribution (đồng)"), default=0
    )
    other_support = models.PositiveBigIntegerField(_("other support (đồng)"), default=0)
    other_support_from = models.CharField(_("other support from"), max_length=255, blank=True)
    total_cost = models.PositiveBigIntegerField(_("total cost (đồng)"), null=True, blank=True)
    surveyed_on = models.DateField(_("survey done on"), null=True, blank=True)
    work_started_on = models.DateField(_("work started on"), null=True, blank=True)
    handed_over_on = models.DateField(_("house handed over on"), null=True, blank=True)
    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("news of the handover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="welfare_houses",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("housing aid")
        verbose_name_plural = _("housing aid")
        constraints = [
            models.CheckConstraint(
                condition=Q(work_started_on__isnull=True)
                | Q(surveyed_on__isnull=True)
                | Q(work_started_on__gte=F("surveyed_on")),
                name="housing_work_after_survey",
            ),
            models.CheckConstraint(
                condition=Q(handed_over_on__isnull=True)
                | Q(work_started_on__isnull=True)
                | Q(handed_over_on__gte=F("work_started_on")),
                name="housing_handover_after_work",
            ),
        ]

    def __str__(self):
        return f"{self.get_work_display()}: {self.address}"

    @property
    def step(self) -> str:
        """Where the house stands: the last step reached."""
        if self.handed_over_on:
            return str(_("Handed over"))
        if self.work_started_on:
            return str(_("Under construction"))
        if self.surveyed_on:
            return str(_("Surveyed"))
        return str(_("Proposed"))


class HousingPhoto(models.Model):
    """A photo of a house before or after the work, with its renditions."""

    class Stage(models.TextChoices):
        BEFORE = "before", _("Before")
        AFTER = "after", _("After")

    housing = models.ForeignKey(
        HousingAid, verbose_name=_("house"), on_delete=models.CASCADE, related_name="photos"
    )
    stage = models.CharField(_("stage"), max_length=6, choices=Stage.choices)
    image = models.ImageField(
        _("image"),
        upload_to=UploadTo("phuc-loi/nha", IMAGE_EXTENSIONS),
        validators=image_validators(),
    )
    alt = models.CharField(_("description (alt text)"), max_length=250)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    small = models.ImageField(upload_to="phuc-loi/renditions", blank=True, editable=False)
    large = models.ImageField(upload_to="phuc-loi/renditions", blank=True, editable=False)
    small_width = models.PositiveSmallIntegerField(null=True, editable=False)
    small_height = models.PositiveSmallIntegerField(null=True, editable=False)
    large_width = models.PositiveSmallIntegerField(null=True, editable=False)
    large_height = models.PositiveSmallIntegerField(null=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("photo of the house")
        verbose_name_plural = _("photos of the house")
        ordering = ["stage", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt=""), name="housing_photo_has_alt"),
        ]

    def __str__(self):
        return self.caption or self.alt

    @property
    def picture(self) -> Picture | None:
        return Picture.of(
            (self.small, self.small_width, self.small_height),
            (self.large, self.large_width, self.large_height),
        )


class Scholarship(models.Model):
    """A scholarship grant: the child is the grant's named person, the member `for_member`."""

    class Level(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        LOWER_SECONDARY = "lower-secondary", _("Lower secondary school")
        UPPER_SECONDARY = "upper-secondary", _("Upper secondary school")
        VOCATIONAL = "vocational", _("Vocational school")
        UNIVERSITY = "university", _("University or college")

    grant = models.OneToOneField(
        Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="scholarship"
    )
    school = models.CharField(_("school"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    school_year = models.CharField(_("school year"), max_length=9, blank=True)
    results = models.CharField(_("results"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scholarship")
        verbose_name_plural = _("scholarships")

    def __str__(self):
        return f"{self.grant.person_name} – {self.school}"


# ---------------------------------------------------------------------------------------
# Employment-fund loans


class LoanTermsQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(
            Q(valid_from__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        ).order_by("-valid_from")


class LoanTerms(models.Model):
    """The fund's rules for a span of time: ceiling per borrower, rate, longest term."""

    valid_from = models.DateField(_("valid from"), unique=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    ceiling = models.PositiveBigIntegerField(_("ceiling per borrower (đồng)"))
    monthly_rate = models.DecimalField(
        _("interest rate (% a month)"),
        max_digits=5,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
    )
    max_term_months = models.PositiveSmallIntegerField(
        _("longest term (months)"), validators=[MinValueValidator(1)]
    )
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("The decision that sets these terms.")
    )

    history = HistoricalRecords()
    objects = LoanTermsQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan terms")
        verbose_name_plural = _("loan terms")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="loan_terms_in_order",
            ),
            models.CheckConstraint(
                condition=Q(monthly_rate__gte=0), name="loan_terms_rate_not_negative"
            ),
        ]

    def __str__(self):
        return str(_("Terms from %(day)s") % {"day": f"{self.valid_from:%d/%m/%Y}"})

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Terms cannot end before they start.")})


class LoanStatus(models.TextChoices):
    CURRENT = "current", pgettext_lazy("loan status", "Current")
    OVERDUE = "overdue", pgettext_lazy("loan status", "Overdue")
    REPAID = "repaid", pgettext_lazy("loan status", "Repaid")
    WRITTEN_OFF = "written-off", pgettext_lazy("loan status", "Written off")


# On loans `with_position`: something due is not paid (`overdue_since` is then set). The
# schedule's cumulative figures only grow, so the last instalment due tells: one look-up
# per loan, where asking for `overdue_since` scans the schedule up to the first unpaid.
IN_ARREARS = Q(due_principal__gt=F("paid_principal")) | Q(due_interest__gt=F("paid_interest"))


def _money(expression):
    return Coalesce(expression, Value(0), output_field=models.BigIntegerField())


class LoanQuerySet(models.QuerySet):
    def in_subtree(self, unit):
        return self.filter(in_subtree(unit, "unit"))

    def open(self):
        """Neither repaid nor written off."""
        return self.filter(repaid_on__isnull=True, written_off_on__isnull=True)

    def with_position(self, day: date | None = None):
        """Each loan with its position on `day`, computed by the database:

        - `paid_principal`, `paid_interest`: repaid up to that day;
        - `balance`: principal still outstanding;
        - `due_principal`, `due_interest`: what the schedule asked for by that day;
        - `overdue_amount`: what was due and is not paid (principal and interest);
        - `overdue_since`: the due day of the oldest instalment not fully paid.
        """
        day = day or timezone.localdate()
        # order_by(): the sums group by loan alone, without the join Repayment's ordering
        # (by loan, then the loan's own ordering) would add to every subquery.
        repayments = Repayment.objects.filter(loan=OuterRef("pk"), paid_on__lte=day).order_by()
        schedule = ScheduledPayment.objects.filter(loan=OuterRef("pk"), due_on__lte=day)
        paid_principal = _money(
            Subquery(repayments.values("loan").annotate(total=Sum("principal")).values("total")[:1])
        )
        paid_interest = _money(
            Subquery(repayments.values("loan").annotate(total=Sum("interest")).values("total")[:1])
        )
        # Cumulative figures are stored on each instalment: the last one due is the sum.
        last_due = schedule.order_by("-due_on")
        due_principal = _money(Subquery(last_due.values("principal_cumulative")[:1]))
        due_interest = _money(Subquery(last_due.values("interest_cumulative")[:1]))
        queryset = self.annotate(
            paid_principal=paid_principal,
            paid_interest=paid_interest,
            due_principal=due_principal,
            due_interest=due_interest,
        )
        unpaid = schedule.filter(
            Q(principal_cumulative__gt=OuterRef("paid_principal"))
            | Q(interest_cumulative__gt=OuterRef("paid_interest"))
        ).order_by("due_on")
        late_principal = Case(
            When(
                due_principal__gt=F("paid_principal"), then=F("due_principal") - F("paid_principal")
            ),
            default=Value(0),
            output_field=models.BigIntegerField(),
        )
        late_interest = Case(
            When(due_interest__gt=F("paid_interest"), then=F("due_interest") - F("paid_interest")),
            default=Value(0),
            output_field=models.BigIntegerField(),
        )
        return queryset.annotate(
            balance=F("principal") - F("paid_principal"),
            overdue_principal=late_principal,
            overdue_interest=late_interest,
            overdue_amount=late_principal + late_interest,
            overdue_since=Subquery(unpaid.values("due_on")[:1]),
        )

    def overdue(self, day: date | None = None):
        """Open loans with something due by `day` and not paid, oldest arrears first."""
        return self.open().with_position(day).filter(IN_ARREARS).order_by("overdue_since", "pk")


class Loan(models.Model):
    """A loan from the national employment fund to a member, through their union."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="loans"
    )
    borrower = models.ForeignKey(
        "members.Member",
        verbose_name=_("borrower"),
        on_delete=models.PROTECT,
        related_name="welfare_loans",
    )
    unit = models.ForeignKey(
        "members.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="welfare_loans",
    )
    purpose = models.CharField(_("project purpose"), max_length=255)
    jobs_created = models.PositiveSmallIntegerField(_("jobs created"), default=0)
    principal = models.PositiveBigIntegerField(_("principal (đồng)"))
    monthly_rate = models.DecimalField(
        _("interest rate (% a month)"), max_digits=5, decimal_places=3, editable=False
    )
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"), validators=[MinValueValidator(1)]
    )
    disbursed_on = models.DateField(_("disbursed on"))
    matures_on = models.DateField(_("matures on"), editable=False)
    repaid_on = models.DateField(_("repaid on"), null=True, blank=True, editable=False)
    written_off_on = models.DateField(_("written off on"), null=True, blank=True, editable=False)
    written_off_reason = models.TextField(_("reason for writing off"), blank=True, editable=False)
    reminded_on = models.DateField(_("last reminded on"), null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = LoanQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["-disbursed_on", "-pk"]
        indexes = [
            models.Index(fields=["repaid_on", "written_off_on"], name="loan_open"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(principal__gt=0), name="loan_principal_positive"),
            models.CheckConstraint(
                condition=Q(matures_on__gt=F("disbursed_on")), name="loan_matures_after_disbursal"
            ),
            models.CheckConstraint(
                condition=Q(written_off_on__isnull=True) | ~Q(written_off_reason=""),
                name="loan_write_off_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.borrower} – {self.disbursed_on:%d/%m/%Y}"

    def status_on(self, day: date | None = None) -> str:
        """The loan's status on `day`; needs `with_position(day)` for current/overdue."""
        if self.written_off_on:
            return LoanStatus.WRITTEN_OFF
        if self.repaid_on:
            return LoanStatus.REPAID
        return LoanStatus.OVERDUE if getattr(self, "overdue_since", None) else LoanStatus.CURRENT

    def overdue_days(self, day: date | None = None) -> int:
        since = getattr(self, "overdue_since", None)
        if not since or self.repaid_on or self.written_off_on:
            return 0
        return ((day or timezone.localdate()) - since).days


class ScheduledPayment(models.Model):
    """One instalment of a loan's schedule (written by `welfare.services.create_loan`).

    The cumulative columns (what the schedule asks for up to and including this
    instalment) let the database find arrears with one lookup per loan.
    """

    loan = models.ForeignKey(
        Loan, verbose_name=_("loan"), on_delete=models.CASCADE, related_name="schedule"
    )
    number = models.PositiveSmallIntegerField(_("instalment"))
    due_on = models.DateField(_("due on"))
    principal_due = models.PositiveBigIntegerField(_("principal due (đồng)"))
    interest_due = models.PositiveBigIntegerField(_("interest due (đồng)"))
    principal_cumulative = models.PositiveBigIntegerField(editable=False)
    interest_cumulative = models.PositiveBigIntegerField(editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scheduled payment")
        verbose_name_plural = _("repayment schedule")
        ordering = ["loan", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="schedule_number_once"),
            models.UniqueConstraint(fields=["loan", "due_on"], name="schedule_day_once"),
        ]

    def __str__(self):
        return f"{self.number}: {self.due_on:%d/%m/%Y}"

    @property
    def amount_due(self) -> int:
        return self.principal_due + self.interest_due


class Repayment(models.Model):
    loan = models.ForeignKey(
        Loan, verbose_name=_("loan"), on_delete=models.PROTECT, related_name="repayments"
    )
    paid_on = models.DateField(_("paid on"))
    principal = models.PositiveBigIntegerField(_("principal (đồng)"), default=0)
    interest = models.PositiveBigIntegerField(_("interest (đồng)"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")
        ordering = ["loan", "paid_on", "pk"]
        indexes = [
            # What a loan had repaid by a day (LoanQuerySet.with_position), summed from the
            # index alone, loan after loan (PostgreSQL's index-only scan, SQLite's
            # covering index).
            models.Index(fields=["loan", "paid_on", "principal", "interest"], name="repayment_sums")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(principal__gt=0) | Q(interest__gt=0), name="repayment_not_empty"
            ),
        ]

    def __str__(self):
        return f"{self.loan} – {self.paid_on:%d/%m/%Y}"


# ---------------------------------------------------------------------------------------
# Partners


class PartnerQuerySet(models.QuerySet):
    def current(self, day: date | None = None):
        """Offers valid on `day`: started, and not expired."""
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )

    def public(self, day: date | None = None):
        return self.current(day).filter(is_public=True)


class Partner(models.Model):
    """A business that offers members a discount on showing their union card."""

    class Field(models.TextChoices):
        HEALTH = "health", _("Health")
        SHOPPING = "shopping", _("Shopping")
        TRAVEL = "travel", _("Travel and leisure")
        EDUCATION = "education", _("Education")
        FOOD = "food", _("Food and drink")
        SERVICES = "services", _("Services")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=200, unique=True)
    field = models.CharField(_("field"), max_length=10, choices=Field.choices)
    offer = models.CharField(_("discount or offer"), max_length=255)
    conditions = models.TextField(_("conditions"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    province = models.CharField(_("province"), max_length=120, blank=True)
    commune = models.CharField(_("commune or ward"), max_length=120, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to=UploadTo("phuc-loi/doi-tac", IMAGE_EXTENSIONS),
        blank=True,
        validators=image_validators(),
    )
    logo_small = models.ImageField(upload_to="phuc-loi/renditions", blank=True, editable=False)
    logo_large = models.ImageField(upload_to="phuc-loi/renditions", blank=True, editable=False)
    is_public = models.BooleanField(_("shown to the public"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The folded words of the name, offer, conditions and address, for the site search.
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="partner_valid_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = self.search_document()
        fields = kwargs.get("update_fields")
        if fields is not None and "search_text" not in fields:
            kwargs["update_fields"] = [*fields, "search_text"]
        super().save(*args, **kwargs)

    def search_document(self) -> str:
        return search_document(
            self.name, self.offer, self.conditions, self.address, self.commune, self.province
        )

    @property
    def logo_picture(self) -> Picture | None:
        return Picture.of((self.logo_small, 96, 96), (self.logo_large, 192, 192))
