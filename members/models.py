"""The union register: the tree of units, members and their history, and the officers.

The tree is a materialized path: every unit stores the chain of its ancestors' ids
("0000001.0000004.0000031."). A unit's whole subtree is then one indexed prefix
query (`path LIKE '0000001.0000004.%'`) on SQLite and PostgreSQL alike, with no
recursion and no walk, and sums over a subtree are one GROUP BY. Moving a unit (a
reform) rewrites the paths of its subtree in one UPDATE; figures already reported
keep the path the unit had when they were reported (see Report.unit_path).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from federation.images import Picture, Rendition, render
from federation.models import StoredFile
from federation.storage import protected_storage
from federation.text import fold, name_sort_key, plain_text, search_document
from federation.uploads import UploadTo
from federation.validators import ImageUploadValidator

PATH_STEP = 8  # "0000031." : seven digits and a dot per level


def path_segment(pk: int) -> str:
    return f"{pk:07d}."


class UnitKind(models.Model):
    """Kinds of unit are data: the middle level changed in 2025 and will change again."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_grassroots = models.BooleanField(
        _("grassroots union"),
        default=False,
        help_text=_("Grassroots unions (CĐCS, nghiệp đoàn) have members and send reports."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of unit")
        verbose_name_plural = _("kinds of unit")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Sector(models.TextChoices):
    """The four sectors every figure is broken down by."""

    PUBLIC = "public", _("Administrative and public service")
    STATE = "state", _("State-owned enterprise")
    NON_STATE = "non-state", _("Non-state enterprise")
    FOREIGN = "foreign", _("Foreign-invested enterprise")


def in_subtree(units, field: str = "") -> Q:
    """The condition "in the subtree of any of `units`" (a unit or several), for rows of
    any model: `field` is the way from the row to its unit ("" on units themselves,
    "unit" for a model with a unit foreign key, "report__unit", ...). The one place the
    path prefix is spelled; an empty list of units matches nothing.
    """
    if isinstance(units, Unit):
        units = [units]
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(**{lookup: unit.path})
    return condition


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit, *, include_self: bool = True):
        """The unit and every unit below it, whatever the depth: one prefix query."""
        units = self.filter(in_subtree(unit))
        return units if include_self else units.exclude(pk=unit.pk)

    def under_any(self, units):
        """Every unit in the subtree of any of `units`."""
        return self.filter(in_subtree(units))

    def grassroots(self):
        return self.filter(kind__is_grassroots=True)

    def existing_on(self, day):
        return self.filter(
            Q(founded_on__isnull=True) | Q(founded_on__lte=day),
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day),
        )


class Unit(models.Model):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.ForeignKey(UnitKind, verbose_name=_("kind"), on_delete=models.PROTECT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("upper-level unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices, blank=True)
    employer = models.CharField(
        _("employer or agency"), max_length=255, blank=True, help_text=_("Where the union sits.")
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    province = models.CharField(_("province"), max_length=120, blank=True)
    commune = models.CharField(_("commune or ward"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    chairperson = models.CharField(_("chairperson"), max_length=120, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved or merged on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_units",
    )

    history = HistoricalRecords(excluded_fields=["path"])
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("union unit")
        verbose_name_plural = _("union units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(dissolved_on__gt=models.F("founded_on")),
                name="unit_dissolved_after_founded",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def depth(self) -> int:
        """1 for the top of the tree (the provincial federation)."""
        return len(self.path) // PATH_STEP

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.split(".") if part][:-1]

    def is_within(self, other: "Unit") -> bool:
        """This unit is `other` or lies anywhere below it (in memory, no query)."""
        return self.path.startswith(other.path)

    @property
    def branch_length(self) -> int:
        """How long the path of a unit directly below this one is: the first that many
        characters of any path below name the branch it lies in."""
        return len(self.path) + PATH_STEP

    def clean(self):
        if self.kind_id and self.kind.is_grassroots and not self.sector:
            raise ValidationError({"sector": _("Choose the sector of a grassroots union.")})
        if self.parent_id and self.pk and self.parent.is_within(self):
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
        if self.founded_on and self.dissolved_on and self.dissolved_on <= self.founded_on:
            raise ValidationError(
                {"dissolved_on": _("A unit cannot be dissolved before it was founded.")}
            )


class UnitMove(models.Model):
    """A unit given a new upper-level unit (an administrative reform), kept for history."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="moves")
    old_parent = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+")
    new_parent = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+")
    old_path = models.CharField(max_length=255)
    moved_on = models.DateField(_("moved on"), default=timezone.localdate)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("move of a unit")
        verbose_name_plural = _("moves of units")
        ordering = ["-moved_on", "-pk"]

    def __str__(self):
        return f"{self.unit} → {self.new_parent or '—'} ({self.moved_on:%d/%m/%Y})"


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    TRANSFERRED = "transferred", _("Transferred away")
    LEFT = "left", _("Left the union")


national_id_validator = RegexValidator(
    r"^[0-9]{12}$", _("A national ID number has exactly 12 digits."), code="national_id"
)


# A person's name begins with a letter, and a phone number is digits with the usual marks:
# neither may then begin with "=", which a spreadsheet would take for a formula.
person_name_validator = RegexValidator(
    r"^[^\W\d_]", _("A name begins with a letter."), code="person_name"
)
phone_validator = RegexValidator(
    r"^\+?[0-9(][0-9 ().\-/]*$",
    _("A phone number holds digits, spaces and + ( ) . - / only, like 0912 345 678."),
    code="phone",
)


def mask(value: str, shown: int = 4) -> str:
    """ "••••••••1234": personal numbers in lists show only their last digits."""
    value = value or ""
    if not value:
        return ""
    return "•" * max(len(value) - shown, 4) + value[-shown:]


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)

    def in_units(self, units):
        return self.filter(unit__in=units)

    def in_subtree(self, unit):
        """Members of `unit` and of every unit below it."""
        return self.filter(in_subtree(unit, "unit"))

    def matching(self, text: str, *, id_digits: bool = False):
        """Members whose name holds `text` (accents optional) or whose card it is.

        Card numbers are stored upper-cased (Member.normalise). With `id_digits`, digits
        also match the end of the ID number (for staff, who see whole IDs).
        """
        text = text.strip()
        if not text:
            return self
        condition = Q(search_name__contains=fold(text)) | Q(card_number=text.upper())
        if id_digits and text.isdigit():
            condition |= Q(national_id__endswith=text)
        return self.filter(condition)


class Member(models.Model):
    """One person in the register. Their one row means one unit at a time (unique ID number)."""

    full_name = models.CharField(
        pgettext_lazy("of a person", "full name"),
        max_length=120,
        validators=[person_name_validator],
    )
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    national_id = models.CharField(
        _("national ID number"),
        max_length=12,
        unique=True,
        validators=[national_id_validator],
        error_messages={
            "unique": _("A member with this national ID number is already registered.")
        },
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("email"), blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("grassroots union"), on_delete=models.PROTECT, related_name="members"
    )
    card_number = models.CharField(
        _("union card number"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("This union card number belongs to another member.")},
    )
    admitted_on = models.DateField(_("admitted on"))
    position = models.CharField(_("position in the union"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    left_on = models.DateField(_("left on"), null=True, blank=True, editable=False)
    search_name = models.CharField(max_length=255, editable=False, default="", db_index=True)
    # Lists order people the Vietnamese way, given name first (federation.text.name_sort_key);
    # kept on save so a paged list is ordered by the database.
    sort_name = models.CharField(max_length=255, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_name", "sort_name"])
    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["sort_name", "pk"]
        # Exporting personal data is a right of its own (every export is logged).
        permissions = [("export_member", _("Can export members' personal data"))]
        indexes = [
            models.Index(fields=["unit", "status"], name="member_unit_status"),
            models.Index(fields=["status", "admitted_on"], name="member_status_admitted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=MemberStatus.ACTIVE, left_on__isnull=True)
                | ~Q(status=MemberStatus.ACTIVE),
                name="member_active_has_not_left",
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("members:member", args=[self.pk])

    def normalise(self) -> None:
        """Tidy the name and card number and fill the search and sort columns (bulk imports
        call it too)."""
        self.full_name = plain_text(self.full_name)
        self.position = plain_text(self.position)
        self.phone = plain_text(self.phone)
        self.search_name = search_document(self.full_name).strip()
        self.sort_name = name_sort_key(self.full_name)
        if self.card_number is not None:
            # One spelling per card: "db-2019-000771" and "DB-2019-000771" are one card.
            self.card_number = plain_text(self.card_number).upper() or None

    @property
    def masked_national_id(self) -> str:
        return mask(self.national_id)

    @property
    def masked_phone(self) -> str:
        return mask(self.phone, 3)

    @property
    def masked_date_of_birth(self) -> str:
        return f"••/••/{self.date_of_birth:%Y}" if self.date_of_birth else ""

    def clean(self):
        # Before the unique checks, so " DB-001 " is compared as "DB-001".
        self.normalise()
        if self.unit_id and not self.unit.kind.is_grassroots:
            raise ValidationError({"unit": _("Members belong to a grassroots union.")})
        if (
            self._state.adding
            and self.unit_id
            and self.unit.dissolved_on
            and self.unit.dissolved_on <= timezone.localdate()
        ):
            raise ValidationError({"unit": _("This union no longer exists.")})
        if self.date_of_birth and self.admitted_on and self.admitted_on <= self.date_of_birth:
            raise ValidationError({"admitted_on": _("The admission date must come after birth.")})
        if self.admitted_on and self.admitted_on > timezone.localdate():
            raise ValidationError({"admitted_on": _("The admission date cannot be in the future.")})


class MembershipEvent(models.Model):
    class Kind(models.TextChoices):
        ADMITTED = "admitted", _("Admitted")
        TRANSFERRED_OUT = "transferred-out", _("Transferred out")
        TRANSFERRED_IN = "transferred-in", _("Transferred in")
        LEFT = "left", _("Left")
        CARD_ISSUED = "card-issued", _("Union card issued")
        CARD_REISSUED = "card-reissued", _("Union card reissued")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    other_unit = models.ForeignKey(
        Unit,
        verbose_name=_("other unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        ordering = ["happened_on", "pk"]
        indexes = [models.Index(fields=["unit", "kind", "happened_on"], name="event_unit_kind_day")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.happened_on:%d/%m/%Y}"


class Officer(models.Model):
    """A user who acts for a unit (and everything below it) in the officer area."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice-chair", _("Vice-chair")
        OFFICER = "officer", _("Officer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="officer_roles",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="officers"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.OFFICER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="officer_once_per_unit")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class PersonalDataExport(models.Model):
    """Every export of personal data: who, when, what (Decree 13/2023/NĐ-CP)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    exported_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    unit = models.ForeignKey(Unit, null=True, on_delete=models.SET_NULL, related_name="+")
    description = models.CharField(_("what"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"))

    class Meta:
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-exported_at"]

    def __str__(self):
        return f"{self.exported_at:%d/%m/%Y %H:%M} – {self.description}"


class PreparedExport(StoredFile):
    """A member export too large for the request, prepared by a task for the one who asked.

    The row is written when the officer clicks; `members.tasks.prepare_export` writes the
    file (the same workbook as the immediate export) and marks it ready or failed. Only the
    user who asked downloads it, while they still hold the export right on the unit, until
    `expires_at`; then `purge_prepared_exports` deletes the file and the page says so.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("export status", "Being prepared")
        READY = "ready", pgettext_lazy("export status", "Ready")
        FAILED = "failed", pgettext_lazy("export status", "Failed")
        EXPIRED = "expired", pgettext_lazy("export status", "Expired")

    file = models.FileField(
        _("file"),
        storage=protected_storage,
        upload_to=UploadTo("xuat-doan-vien"),
        max_length=200,
        blank=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("prepared export")
        verbose_name_plural = _("prepared exports")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return f"{self.requested_at:%d/%m/%Y %H:%M} – {self.unit}"

    def is_expired(self, now=None) -> bool:
        return self.status == self.Status.EXPIRED or self.expires_at <= (now or timezone.now())

    def get_absolute_url(self):
        return reverse("members:prepared_export", args=[self.unit_id, self.pk])


class DuplicateAttempt(models.Model):
    """An officer typed an ID or card number that a member outside their units holds.

    The officer is told only that federation staff will look into it (whether a person is
    a member elsewhere is not theirs to learn); staff see here who tried, where and whom.
    """

    class Action(models.TextChoices):
        ADD = "add", _("Adding a member")
        EDIT = "edit", _("Editing a member")
        IMPORT = "import", _("Importing a spreadsheet")

    class Field(models.TextChoices):
        NATIONAL_ID = "national_id", _("national ID number")
        CARD_NUMBER = "card_number", _("union card number")

    happened_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("in the unit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the officer was adding, editing or importing."),
    )
    action = models.CharField(_("while"), max_length=8, choices=Action.choices)
    field = models.CharField(_("field"), max_length=12, choices=Field.choices)
    member = models.ForeignKey(
        "Member",
        verbose_name=_("member who holds the number"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    member_unit = models.ForeignKey(
        Unit,
        verbose_name=_("that member's union"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the member was at that moment."),
    )

    class Meta:
        verbose_name = _("number held elsewhere")
        verbose_name_plural = _("numbers held elsewhere")
        ordering = ["-happened_at", "-pk"]

    def __str__(self):
        return f"{self.happened_at:%d/%m/%Y %H:%M} – {self.get_field_display()}"


class ReportPeriod(models.Model):
    """A reporting round staff open: every grassroots union then owes one report for it."""

    class Kind(models.TextChoices):
        HALF_YEAR = "half-year", _("Six-monthly")
        YEAR = "year", _("Yearly")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    deadline = models.DateField(_("deadline"))
    is_open = models.BooleanField(_("open for reports"), default=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-ends_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="period_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period cannot end before it starts.")})
        if self.ends_on and self.deadline and self.deadline < self.ends_on:
            raise ValidationError(
                {"deadline": _("The deadline cannot come before the period ends.")}
            )


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


# The unit writes its report while it is a draft or came back to it; then it waits.
UNIT_EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)

# The figures of a report, in the order of the form; the register prefills the first four.
FIGURES = (
    "total_members",
    "female_members",
    "admitted",
    "left",
    "employees",
    "dialogues_held",
    "welfare_members",
    "welfare_amount",
)


class ReportQuerySet(models.QuerySet):
    def in_subtree(self, unit):
        """Reports of `unit` and of the units below it, by the place each unit had when
        it reported (`unit_path`): a later reform does not move figures already reported."""
        return self.filter(unit_path__startswith=unit.path)

    def waiting(self):
        """Reports neither submitted nor accepted: drafts and returned ones."""
        return self.filter(status__in=UNIT_EDITABLE)


class Report(models.Model):
    period = models.ForeignKey(
        ReportPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports"
    )
    # Where the unit stood in the tree when the report was made: sums by upper-level unit
    # use this, so a later reform does not move figures already reported.
    unit_path = models.CharField(max_length=255, editable=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    total_members = models.PositiveIntegerField(_("total members"), default=0)
    female_members = models.PositiveIntegerField(_("female members"), default=0)
    admitted = models.PositiveIntegerField(_("admitted in the period"), default=0)
    left = models.PositiveIntegerField(_("left in the period"), default=0)
    employees = models.PositiveIntegerField(_("employees in the unit"), null=True, blank=True)
    collective_agreement = models.BooleanField(
        _("collective labour agreement in force"), default=False
    )
    emulation_registered = models.BooleanField(_("registered for emulation"), default=False)
    dialogues_held = models.PositiveIntegerField(_("worker dialogues held"), default=0)
    welfare_members = models.PositiveIntegerField(_("members given welfare"), default=0)
    welfare_amount = models.PositiveBigIntegerField(_("welfare amount (đồng)"), default=0)
    prefilled = models.JSONField(default=dict, editable=False)
    change_note = models.TextField(
        _("note on changed figures"),
        blank=True,
        help_text=_("Say why a figure differs from the register."),
    )
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["period", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="report_once_per_period"),
            models.CheckConstraint(
                condition=Q(female_members__lte=models.F("total_members"))
                & Q(admitted__lte=models.F("total_members"))
                & Q(left__lte=models.F("total_members")),
                name="report_figures_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.period}"

    def get_absolute_url(self):
        return reverse("members:report", args=[self.pk])

    def clean(self):
        errors = {}
        total = self.total_members or 0
        if (self.female_members or 0) > total:
            errors["female_members"] = _("Female members cannot outnumber all members.")
        if (self.admitted or 0) > total:
            errors["admitted"] = _("Members admitted cannot outnumber all members.")
        if (self.left or 0) > total:
            errors["left"] = _("Members who left cannot outnumber all members.")
        if self.employees is not None and self.employees < total:
            errors["employees"] = _("A unit cannot have fewer employees than members.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_editable_by_unit(self) -> bool:
        return self.status in UNIT_EDITABLE


class ReportAttachment(StoredFile):
    """A file sent with a report: the shared file rules, kept out of public media."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"), storage=protected_storage, upload_to=UploadTo("bao-cao"), max_length=200
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "checksum"], name="attachment_once_per_report"
            )
        ]

    def get_absolute_url(self):
        return reverse("members:report_attachment", args=[self.pk])


PORTRAIT_RENDITIONS = {
    "photo_small": Rendition("portrait", 180, 240),
    "photo_large": Rendition("portrait-2x", 360, 480),
}


class LeaderQuerySet(models.QuerySet):
    def current(self, day=None):
        """Who holds their position on `day` (today by default)."""
        day = day or timezone.localdate()
        return self.filter(Q(started_on__lte=day), Q(ended_on__isnull=True) | Q(ended_on__gt=day))


class Leader(models.Model):
    """A person in a leading position of a unit for a span of time: the chair, the
    vice-chairs, the standing committee, the chair of the inspection committee.

    A congress's first meeting installs the new leadership when the unit above recognises
    its results (`members.services.install_leadership`): the previous holders' spans end
    the day before and the unit's `chairperson` follows, so nobody retypes it.
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice-chair", _("Vice-chair")
        STANDING = "standing", _("Member of the standing committee")
        EXECUTIVE = "executive", _("Member of the executive committee")
        INSPECTION_CHAIR = "inspection-chair", _("Chair of the inspection committee")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="leaders"
    )
    full_name = models.CharField(
        pgettext_lazy("of a person", "full name"),
        max_length=120,
        validators=[person_name_validator],
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leading_positions",
    )
    role = models.CharField(_("position"), max_length=16, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("The congress that elected them.")
    )
    # The public leadership page (about app): a portrait and what the person is in charge of.
    photo = models.ImageField(
        _("portrait"),
        upload_to=UploadTo("lanh-dao", ("jpg", "jpeg", "png", "webp")),
        blank=True,
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
            ImageUploadValidator(max_bytes=5 * 1024 * 1024),
        ],
        help_text=_("JPEG, PNG or WebP, at most 5 MB; cropped to a 3:4 portrait."),
    )
    photo_small = models.ImageField(upload_to="lanh-dao/renditions", blank=True, editable=False)
    photo_large = models.ImageField(upload_to="lanh-dao/renditions", blank=True, editable=False)
    responsibilities = models.TextField(
        _("responsibilities"),
        blank=True,
        help_text=_("What this person is in charge of, as the leadership page shows it."),
    )

    history = HistoricalRecords(excluded_fields=["photo_small", "photo_large"])
    objects = LeaderQuerySet.as_manager()

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["unit__path", "order", "pk"]
        indexes = [models.Index(fields=["unit", "ended_on"], name="leader_unit_current")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="leader_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.full_name}"

    def save(self, *args, **kwargs):
        """Saved, then the portrait's renditions drawn from the stored file when it changed."""
        stored = Leader.objects.filter(pk=self.pk).values_list("photo", flat=True).first()
        if not self.photo:
            self.photo_small = self.photo_large = ""
        elif stored != self.photo.name or not self.photo_small:
            super().save(*args, **kwargs)
            kwargs = {}
            for field, rendition in PORTRAIT_RENDITIONS.items():
                if getattr(self, field):
                    getattr(self, field).delete(save=False)
                rendered = render(self.photo, rendition)
                getattr(self, field).save(rendered.file.name, rendered.file, save=False)
        super().save(*args, **kwargs)

    @property
    def portrait(self) -> Picture | None:
        """The portrait at 180 × 240 CSS px, and twice that for sharp screens."""
        small, large = PORTRAIT_RENDITIONS.values()
        return Picture.of(
            (self.photo_small, small.width, small.height),
            (self.photo_large, large.width, large.height),
        )
