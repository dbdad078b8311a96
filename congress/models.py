"""Congresses at every level of the union tree, and the grassroots congress season.

A congress belongs to the unit that holds it (any level) and is numbered per unit
(`ordinal`, shown in Roman numerals) for a term of years. Around it: the programme
(sessions), the subcommittees that prepare it and their tasks, its documents (documents
of the library) and news, its delegates and guests, the ballots it holds and their
candidates, the positions chosen at the new committee's first meeting, the targets of the
term and their yearly progress, and the minutes and resolution as files.

A season (`Season`) is the round of congresses a term cycle asks of every grassroots
union below the organising unit; a grassroots union records its own congress in the
officer area and submits it, and the unit above recognises the results or returns them.

Status is derived, never stored by hand: `Congress.stage` reads the dates, the review
state and the day (`congress.services.stage_of`). Rules live in `congress/services/`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from federation.images import Picture
from federation.models import StoredFile
from federation.storage import protected_storage
from federation.text import roman, search_document
from federation.uploads import UploadTo
from federation.validators import ImageUploadValidator
from members.models import Gender, Sector, in_subtree, person_name_validator

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
TERM_YEARS = 5  # a term of the Vietnam Trade Union is five years (Charter)
# A grassroots union may hold two congresses in five years: its term may be shorter.
GRASSROOTS_SHORTEST_TERM = 2


class Format(models.TextChoices):
    DELEGATES = "delegates", _("Delegates' congress")
    ALL_MEMBERS = "all-members", _("All-members congress")


class Stage(models.TextChoices):
    """Derived from the dates and the results (never stored)."""

    PLANNED = "planned", pgettext_lazy("congress stage", "Planned")
    PREPARING = "preparing", pgettext_lazy("congress stage", "Preparing")
    IN_SESSION = "in-session", pgettext_lazy("congress stage", "In session")
    HELD = "held", pgettext_lazy("congress stage", "Held")
    RECOGNISED = "recognised", pgettext_lazy("congress stage", "Results recognised")


class Review(models.TextChoices):
    """Where the record of a congress stands with the unit above (as with reports)."""

    DRAFT = "draft", pgettext_lazy("congress review", "Being recorded")
    SUBMITTED = "submitted", pgettext_lazy("congress review", "Submitted")
    RETURNED = "returned", pgettext_lazy("congress review", "Returned")
    RECOGNISED = "recognised", pgettext_lazy("congress review", "Recognised")


# The unit records its congress while it is being recorded or came back to it.
UNIT_EDITABLE = (Review.DRAFT, Review.RETURNED)


class Season(models.Model):
    """The grassroots congresses of one term cycle, tracked by the organising unit."""

    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        "members.Unit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="congress_seasons",
    )
    term_start = models.PositiveSmallIntegerField(_("term starts (year)"))
    term_end = models.PositiveSmallIntegerField(_("term ends (year)"))
    starts_on = models.DateField(_("season starts"))
    deadline = models.DateField(_("grassroots congresses held by"))
    pilots = models.ManyToManyField(
        "members.Unit",
        verbose_name=_("pilot congresses"),
        blank=True,
        related_name="pilot_in_seasons",
        help_text=_("Grassroots unions that hold their congress first, as a model."),
    )
    is_public = models.BooleanField(_("progress shown to the public"), default=True)

    history = HistoricalRecords(m2m_fields=[pilots])

    class Meta:
        verbose_name = _("congress season")
        verbose_name_plural = _("congress seasons")
        ordering = ["-term_start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "term_start"], name="season_once_per_term"),
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")), name="season_term_in_order"
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("starts_on")), name="season_deadline_in_order"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("congress:season", args=[self.term_slug])

    @property
    def term(self) -> str:
        return f"{self.term_start}–{self.term_end}"

    @property
    def term_slug(self) -> str:
        return f"{self.term_start}-{self.term_end}"

    def clean(self):
        errors = {}
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            errors["term_end"] = _("The term must end after it starts.")
        if self.starts_on and self.deadline and self.deadline < self.starts_on:
            errors["deadline"] = _("The deadline cannot come before the season starts.")
        if errors:
            raise ValidationError(errors)


class CongressQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def in_subtree(self, unit):
        """Congresses of `unit` and of every unit below it."""
        return self.filter(in_subtree(unit, "unit"))

    def of_season(self, season):
        return self.filter(season=season)


class Congress(models.Model):
    unit = models.ForeignKey(
        "members.Unit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="congresses",
    )
    season = models.ForeignKey(
        Season,
        verbose_name=_("season"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="congresses",
        help_text=_("The grassroots congress season this congress belongs to, if any."),
    )
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"),
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("1 for the first congress; shown in Roman numerals (lần thứ XII)."),
    )
    term_start = models.PositiveSmallIntegerField(
        _("term starts (year)"), validators=[MinValueValidator(1929), MaxValueValidator(2200)]
    )
    term_end = models.PositiveSmallIntegerField(
        _("term ends (year)"), validators=[MinValueValidator(1929), MaxValueValidator(2200)]
    )
    custom_title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to build it from the unit, the ordinal and the term."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    motto = models.CharField(_("motto"), max_length=255, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    format = models.CharField(
        _("format"), max_length=12, choices=Format.choices, default=Format.DELEGATES
    )
    format_reason = models.CharField(
        _("reason for the format"),
        max_length=300,
        blank=True,
        help_text=_(
            "A union of 150 members or more holds a delegates' congress; say why if it "
            "chooses an all-members congress."
        ),
    )
    official_delegates = models.PositiveIntegerField(_("official delegates"), null=True, blank=True)
    members_represented = models.PositiveIntegerField(
        _("members represented"), null=True, blank=True
    )
    delegate_cap_reason = models.TextField(_("reason for more delegates than the cap"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    results = models.TextField(
        _("results"), blank=True, help_text=_("What the congress decided, in a few lines.")
    )
    cover = models.ImageField(
        _("cover picture"),
        upload_to=UploadTo("dai-hoi/anh-bia", IMAGE_EXTENSIONS),
        blank=True,
        validators=[ImageUploadValidator(max_bytes=settings.NEWS_IMAGE_MAX_BYTES)],
    )
    cover_alt = models.CharField(_("cover description (alt text)"), max_length=250, blank=True)
    cover_small = models.ImageField(upload_to="dai-hoi/renditions", blank=True, editable=False)
    cover_large = models.ImageField(upload_to="dai-hoi/renditions", blank=True, editable=False)
    cover_small_width = models.PositiveSmallIntegerField(null=True, editable=False)
    cover_small_height = models.PositiveSmallIntegerField(null=True, editable=False)
    cover_large_width = models.PositiveSmallIntegerField(null=True, editable=False)
    cover_large_height = models.PositiveSmallIntegerField(null=True, editable=False)
    is_public = models.BooleanField(
        _("shown to the public"),
        default=True,
        help_text=_("Grassroots congresses recorded by their officers stay off the public site."),
    )

    review = models.CharField(
        _("record"), max_length=12, choices=Review.choices, default=Review.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recognised_on = models.DateField(
        _("results recognised on"),
        null=True,
        blank=True,
        help_text=_("The day the unit above recognised the results; the new officers start then."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The folded words of the title, motto, venue and summary, for the site search.
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(
        excluded_fields=[
            "search_text",
            "cover_small",
            "cover_large",
            "cover_small_width",
            "cover_small_height",
            "cover_large_width",
            "cover_large_height",
            "updated_at",
        ]
    )
    objects = CongressQuerySet.as_manager()

    class Meta:
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")
        ordering = ["-term_start", "unit__path"]
        indexes = [models.Index(fields=["season", "unit"], name="congress_season_unit")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "ordinal"], name="congress_ordinal_per_unit"),
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")), name="congress_term_in_order"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="congress_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = self.search_document()
        fields = kwargs.get("update_fields")
        if fields is not None and "search_text" not in fields:
            kwargs["update_fields"] = [*fields, "search_text"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("congress:detail", args=[self.slug])

    def search_document(self) -> str:
        """What the site search reads: the title in the site's language (the built one
        too when staff wrote their own), the unit's short name, motto, venue, summary."""
        with translation.override(settings.LANGUAGE_CODE):
            built = self.built_title if self.unit_id else ""
        short_name = self.unit.short_name if self.unit_id else ""
        return search_document(
            self.custom_title, built, short_name, self.motto, self.venue, self.summary
        )

    @property
    def ordinal_roman(self) -> str:
        return roman(self.ordinal)

    @property
    def term(self) -> str:
        return f"{self.term_start}–{self.term_end}"

    @property
    def built_title(self) -> str:
        # Translators: "Đại hội Công đoàn tỉnh Điện Biên lần thứ XII, nhiệm kỳ 2023–2028"
        return _("Congress of %(unit)s, %(ordinal)s, term %(term)s") % {
            "unit": self.unit.name if self.unit_id else "",
            "ordinal": _("no. %(roman)s") % {"roman": self.ordinal_roman} if self.ordinal else "",
            "term": self.term,
        }

    @property
    def title(self) -> str:
        return self.custom_title or self.built_title

    @property
    def cover_picture(self) -> Picture | None:
        return Picture.of(
            (self.cover_small, self.cover_small_width, self.cover_small_height),
            (self.cover_large, self.cover_large_width, self.cover_large_height),
        )

    @property
    def is_editable_by_unit(self) -> bool:
        return self.review in UNIT_EDITABLE

    def clean(self):
        # The rules that read other rows (ordinal order, overlapping terms, the format
        # and the caps) are congress.services.check_congress; these read this row only.
        errors = {}
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            errors["term_end"] = _("The term must end after it starts.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The congress cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class Session(models.Model):
    """An item of the programme: the preparatory session and the official sessions."""

    class Kind(models.TextChoices):
        PREPARATORY = "preparatory", _("Preparatory session")
        OFFICIAL = "official", _("Official session")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("session"), max_length=12, choices=Kind.choices)
    day = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=255)
    presenter = models.CharField(_("presented by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["day", "starts_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("congress:detail", args=[self.congress.slug])

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An item ends after it starts.")})


class Subcommittee(models.Model):
    class Kind(models.TextChoices):
        DOCUMENTS = "documents", _("Documents subcommittee")
        PERSONNEL = "personnel", _("Personnel subcommittee")
        ORGANISATION = "organisation", _("Organisation and services subcommittee")
        PROPAGANDA = "propaganda", _("Communication subcommittee")
        OTHER = "other", _("Other subcommittee")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="subcommittees")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    head = models.CharField(_("head"), max_length=200)
    members = models.TextField(_("members"), blank=True, help_text=_("One person per line."))
    public_description = models.TextField(
        _("public description"), blank=True, help_text=_("What the public page says it does.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("subcommittee")
        verbose_name_plural = _("subcommittees")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    @property
    def member_names(self) -> list[str]:
        return [line.strip() for line in self.members.splitlines() if line.strip()]


class SubcommitteeTask(models.Model):
    subcommittee = models.ForeignKey(Subcommittee, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=255)
    deadline = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("subcommittee task")
        verbose_name_plural = _("subcommittee tasks")
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def is_late(self, today) -> bool:
        return self.done_on is None and self.deadline < today


class CongressDocument(models.Model):
    """A document of the library presented to the congress (its files are the document's)."""

    class Role(models.TextChoices):
        POLITICAL_REPORT = "political-report", _("Political report")
        REVIEW = "review", _("Review of the executive committee")
        DRAFT_RESOLUTION = "draft-resolution", _("Draft resolution")
        RESOLUTION = "resolution", _("Resolution")
        ACTION_PROGRAMME = "action-programme", _("Action programme")
        OTHER = "other", _("Other document")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="congress_links",
    )
    role = models.CharField(_("role"), max_length=18, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("congress document")
        verbose_name_plural = _("congress documents")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "document"], name="congress_document_once"),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.document}"


class CongressFile(StoredFile):
    """The minutes and the resolution a grassroots union sends with its congress record.

    `paper` says which paper it is; `kind` (of StoredFile) stays the file's type (PDF, …).
    """

    class Paper(models.TextChoices):
        MINUTES = "minutes", _("Minutes")
        RESOLUTION = "resolution", _("Resolution")
        OTHER = "other", _("Other file")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="files")
    paper = models.CharField(_("paper"), max_length=12, choices=Paper.choices)
    file = models.FileField(
        _("file"), storage=protected_storage, upload_to=UploadTo("dai-hoi"), max_length=200
    )

    class Meta:
        verbose_name = _("congress file")
        verbose_name_plural = _("congress files")
        ordering = ["paper", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "checksum"], name="congress_file_once"),
        ]

    def get_absolute_url(self):
        return reverse("congress:file", args=[self.pk])


class DelegateCap(models.Model):
    """How many official delegates a congress of a level may have: the Charter's guidance
    for a term, as data with validity dates (it changes every term)."""

    rule = models.CharField(
        _("rule"), max_length=255, help_text=_("As cited: “Hướng dẫn 65/HD-TLĐ, mục 2.3”.")
    )
    kind = models.ForeignKey(
        "members.UnitKind",
        verbose_name=_("kind of unit"),
        on_delete=models.PROTECT,
        related_name="delegate_caps",
    )
    members_from = models.PositiveIntegerField(_("from members"), default=0)
    members_to = models.PositiveIntegerField(
        _("to members"), null=True, blank=True, help_text=_("Empty: no upper bound.")
    )
    max_delegates = models.PositiveIntegerField(_("at most delegates"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegate cap")
        verbose_name_plural = _("delegate caps")
        ordering = ["kind", "-valid_from", "members_from"]

    def __str__(self):
        return self.rule

    def clean(self):
        errors = {}
        if self.members_to is not None and self.members_to < self.members_from:
            errors["members_to"] = _("The upper bound cannot be below the lower bound.")
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = _("A rule cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class Education(models.TextChoices):
    LOWER_SECONDARY = "lower-secondary", _("Lower secondary")
    UPPER_SECONDARY = "upper-secondary", _("Upper secondary")
    VOCATIONAL = "vocational", _("Vocational or intermediate")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    POSTGRADUATE = "postgraduate", _("Postgraduate")


class Delegate(models.Model):
    class Kind(models.TextChoices):
        EX_OFFICIO = "ex-officio", _("Ex officio (outgoing executive committee)")
        ELECTED = "elected", _("Elected by a lower congress")
        APPOINTED = "appointed", _("Appointed")

    class Credentials(models.TextChoices):
        PENDING = "pending", _("Not yet examined")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Not accepted")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="delegates")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    full_name = models.CharField(
        pgettext_lazy("of a person", "full name"),
        max_length=120,
        validators=[person_name_validator],
    )
    unit = models.ForeignKey(
        "members.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit_name = models.CharField(_("unit as written"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=40, default="Kinh")
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1930), MaxValueValidator(2015)]
    )
    education = models.CharField(
        _("education"), max_length=16, choices=Education.choices, blank=True
    )
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices, blank=True)
    party_member = models.BooleanField(_("party member"), default=False)
    kind = models.CharField(_("kind of delegate"), max_length=10, choices=Kind.choices)
    credentials = models.CharField(
        _("credentials"), max_length=8, choices=Credentials.choices, default=Credentials.PENDING
    )
    credentials_reason = models.CharField(
        _("reason"), max_length=300, blank=True, help_text=_("Why credentials were not accepted.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["number", "full_name", "pk"]
        indexes = [models.Index(fields=["congress", "credentials"], name="delegate_credentials")]

    def __str__(self):
        return self.full_name

    def clean(self):
        if self.credentials == self.Credentials.REFUSED and not self.credentials_reason.strip():
            raise ValidationError(
                {"credentials_reason": _("Say why the credentials were not accepted.")}
            )


class Guest(models.Model):
    """Invited to the congress, never counted as a delegate."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="guests")
    full_name = models.CharField(pgettext_lazy("of a person", "full name"), max_length=120)
    position = models.CharField(_("position and organisation"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.full_name


class Ballot(models.Model):
    """One election held by the congress: what it elects, the seats and the ballots counted."""

    class Body(models.TextChoices):
        EXECUTIVE = "executive", _("Executive committee")
        INSPECTION = "inspection", _("Inspection committee")
        UPPER_DELEGATES = "upper-delegates", _("Delegates to the congress above")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="ballots")
    body = models.CharField(_("elects"), max_length=16, choices=Body.choices)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    seats = models.PositiveSmallIntegerField(
        _("seats"),
        validators=[MinValueValidator(1)],
        help_text=_("As many as the congress decided to elect."),
    )
    ballots_issued = models.PositiveIntegerField(_("ballots issued"))
    ballots_valid = models.PositiveIntegerField(_("valid ballots"))
    held_on = models.DateField(_("held on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["congress", "body", "round"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "body", "round"], name="ballot_once"),
            models.CheckConstraint(
                condition=Q(ballots_valid__lte=models.F("ballots_issued")),
                name="ballot_valid_within_issued",
            ),
        ]

    def __str__(self):
        return f"{self.get_body_display()} – {self.round}"

    def clean(self):
        if (
            self.ballots_valid is not None
            and self.ballots_issued is not None
            and self.ballots_valid > self.ballots_issued
        ):
            raise ValidationError(
                {"ballots_valid": _("There cannot be more valid ballots than ballots issued.")}
            )


class Candidate(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="candidates")
    full_name = models.CharField(
        pgettext_lazy("of a person", "full name"),
        max_length=120,
        validators=[person_name_validator],
    )
    delegate = models.ForeignKey(
        Delegate, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidacies"
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.CharField(_("position and unit"), max_length=255, blank=True)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    chosen_in_tie = models.BooleanField(
        _("chosen by the congress after a tie"),
        default=False,
        help_text=_("Only where the count left a tie at the last seat."),
    )
    order = models.PositiveSmallIntegerField(_("order on the ballot"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.full_name


class Position(models.Model):
    """Chosen at the new executive committee's first meeting (or by the inspection
    committee): these people become the unit's leaders from the recognition date."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice-chair", _("Vice-chair")
        STANDING = "standing", _("Member of the standing committee")
        INSPECTION_CHAIR = "inspection-chair", _("Chair of the inspection committee")

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="positions")
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("elected candidate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    full_name = models.CharField(
        pgettext_lazy("of a person", "full name"),
        max_length=120,
        validators=[person_name_validator],
    )
    role = models.CharField(_("position"), max_length=16, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position chosen at the first meeting")
        verbose_name_plural = _("positions chosen at the first meeting")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.get_role_display()}: {self.full_name}"


class Target(models.Model):
    """A target of the term (chỉ tiêu): measured from the records where it can be."""

    class Group(models.TextChoices):
        TERM = "term", _("Basic target for the whole term")
        YEARLY = "yearly", _("Yearly target")

    class Measure(models.TextChoices):
        MANUAL = "", _("Filled in by staff each year")
        MEMBERS_ADMITTED = "members-admitted", _("Members admitted during the term")
        MEMBERS_TOTAL = "members-total", _("Members in the register")
        NEW_GRASSROOTS = "new-grassroots", _("Grassroots unions founded during the term")
        AGREEMENT_SHARE = (
            "agreement-share",
            _("Share of enterprises with a collective agreement (accepted reports)"),
        )
        DIALOGUE_SHARE = (
            "dialogue-share",
            _("Share of grassroots unions holding worker dialogues (accepted reports)"),
        )

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="targets")
    group = models.CharField(_("group"), max_length=8, choices=Group.choices)
    text = models.CharField(_("target"), max_length=400)
    value = models.DecimalField(_("number"), max_digits=12, decimal_places=2)
    unit_of_measure = models.CharField(
        _("unit of measure"), max_length=40, help_text=_("“%”, “đoàn viên”, “CĐCS”…")
    )
    measure = models.CharField(
        _("measured by"), max_length=20, choices=Measure.choices, blank=True, default=""
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["group", "order", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_measured(self) -> bool:
        return bool(self.measure)


class TargetProgress(models.Model):
    """What staff record for a target the records cannot measure, year by year."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="progress")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("reached"), max_digits=12, decimal_places=2)
    note = models.CharField(_("source or note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress of a target")
        verbose_name_plural = _("progress of targets")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["target", "year"], name="target_progress_once"),
        ]

    def __str__(self):
        return f"{self.target} – {self.year}"


class SeasonReminder(models.Model):
    """A reminder sent to the units behind in a season (kept, and limited per day)."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(
        "members.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("sent from")
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipients = models.PositiveIntegerField(_("units reminded"))

    class Meta:
        verbose_name = _("season reminder")
        verbose_name_plural = _("season reminders")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.season} – {self.sent_at:%d/%m/%Y}"
