"""A congress's delegates: the composition table, the caps on their number, import and export.

- `composition(congress)`: what the credentials committee reads out, computed over the
  delegates whose credentials were accepted (guests are another model and never count),
  from one query.
- `applicable_cap`, `check_delegate_cap`, `require_within_cap`: the Charter's guidance on
  how many delegates a congress of a level may have, as data (DelegateCap) with validity
  dates; a list larger than the cap is refused unless the congress records why.
- `read_rows`, `check_rows`, `import_delegates`: a spreadsheet of delegates, every row
  checked and shown before anything is saved (the member import's rule), saved all or none.
- `template_workbook`, `export_workbook`: the file to fill in, and the list with its
  composition as a workbook (federation.spreadsheets: typed values are text, never formulas).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from congress.models import Congress, Delegate, DelegateCap, Education
from congress.services.shares import bar_width, share, share_text
from federation import spreadsheets as sheets
from federation.text import fold, plain_text
from members import services as member_services
from members.models import Gender, Sector, Unit, person_name_validator

Kind = Delegate.Kind
Credentials = Delegate.Credentials

# The majority people of Viet Nam: every other ethnicity counts as an ethnic minority.
MAJORITY_ETHNICITY = "Kinh"

# (key, label, lowest age, highest age), both ends included; None: open. Age is the year of
# the congress (or of the term's start) minus the year of birth.
AGE_BANDS = (
    ("under-30", gettext_lazy("Under 30"), None, 29),
    ("30-40", gettext_lazy("30 to 40"), 30, 40),
    ("41-50", gettext_lazy("41 to 50"), 41, 50),
    ("over-50", gettext_lazy("Over 50"), 51, None),
)

NOT_STATED = gettext_lazy("Not stated")


# ---------------------------------------------------------------------------------------
# The composition table


@dataclass(frozen=True)
class Line:
    """One line of the table: how many delegates, and their share of the accepted ones."""

    key: str
    label: str
    count: int
    share: Decimal

    @property
    def share_text(self) -> str:
        return share_text(self.share)

    @property
    def width(self) -> str:
        return bar_width(self.share)


@dataclass(frozen=True)
class Person:
    name: str
    age: int


@dataclass(frozen=True)
class Composition:
    year: int  # the ages are counted at this year
    total: int  # delegates with accepted credentials: everything below is of them
    pending: int  # credentials not yet examined (not counted)
    refused: int  # credentials not accepted (not counted)
    by_kind: tuple[Line, ...]
    female: Line
    minority: Line
    party: Line
    by_sector: tuple[Line, ...]
    by_age: tuple[Line, ...]
    by_education: tuple[Line, ...]
    youngest: Person | None
    oldest: Person | None

    @property
    def groups(self) -> tuple[tuple[str, tuple[Line, ...]], ...]:
        """The table's parts in the order they are read out (for templates and exports)."""
        return (
            (_("By kind of delegate"), self.by_kind),
            (
                _("Women, ethnic minorities, party members"),
                (self.female, self.minority, self.party),
            ),
            (_("By sector"), self.by_sector),
            (_("By age"), self.by_age),
            (_("By education"), self.by_education),
        )


def reference_year(congress: Congress) -> int:
    return congress.starts_on.year if congress.starts_on else congress.term_start


def age_band(age: int) -> str:
    """The label of the band an age falls in."""
    for _key, label, low, high in AGE_BANDS:
        if (low is None or age >= low) and (high is None or age <= high):
            return str(label)
    return ""


def _band_index(age: int) -> int | None:
    for index, (_key, _label, low, high) in enumerate(AGE_BANDS):
        if (low is None or age >= low) and (high is None or age <= high):
            return index
    return None


def composition(congress: Congress, today: date | None = None) -> Composition:
    """The composition of the delegates with accepted credentials: one query reading the
    list's few columns, counted here (a list is at most a few thousand rows; the same
    counts as 25 filtered aggregates cost more to build than to read the rows). `today`
    is unused beyond the congress's own year, kept for callers that pass a day."""
    year = reference_year(congress)
    rows = Delegate.objects.filter(congress=congress).values_list(
        "credentials",
        "kind",
        "gender",
        "ethnicity",
        "party_member",
        "sector",
        "education",
        "birth_year",
        "full_name",
        "number",
        "pk",
    )
    pending = refused = 0
    kinds, sectors, educations, ages = Counter(), Counter(), Counter(), Counter()
    female = minority = party = 0
    people = []
    majority = MAJORITY_ETHNICITY.upper()
    for credentials, kind, gender, ethnicity, member, sector, education, born, *person in rows:
        if credentials != Credentials.ACCEPTED:
            pending += credentials == Credentials.PENDING
            refused += credentials == Credentials.REFUSED
            continue
        kinds[kind] += 1
        sectors[sector] += 1
        educations[education] += 1
        ages[_band_index(year - born)] += 1
        female += gender == Gender.FEMALE
        minority += ethnicity.upper() != majority
        party += bool(member)
        people.append((born, *person))
    total = len(people)

    def line(key, label, count) -> Line:
        return Line(key=key, label=str(label), count=count, share=share(count, total))

    by_sector = [line(s.value, s.label, sectors[s.value]) for s in Sector]
    if sectors[""]:
        by_sector.append(line("", NOT_STATED, sectors[""]))
    by_education = [line(e.value, e.label, educations[e.value]) for e in Education]
    if educations[""]:
        by_education.append(line("", NOT_STATED, educations[""]))

    # Of the same age, the first on the list (by number, the unnumbered last, then entry).
    def listed(person):
        _born, _name, number, pk = person
        return (number is None, number or 0, pk)

    youngest = min(people, key=lambda person: (-person[0], listed(person)), default=None)
    oldest = min(people, key=lambda person: (person[0], listed(person)), default=None)
    return Composition(
        year=year,
        total=total,
        pending=pending,
        refused=refused,
        by_kind=tuple(line(k.value, k.label, kinds[k.value]) for k in Kind),
        female=line("female", _("Women"), female),
        minority=line("minority", _("Ethnic minorities"), minority),
        party=line("party", _("Party members"), party),
        by_sector=tuple(by_sector),
        by_age=tuple(
            line(key, label, ages[index])
            for index, (key, label, _low, _high) in enumerate(AGE_BANDS)
        ),
        by_education=tuple(by_education),
        youngest=Person(youngest[1], year - youngest[0]) if youngest else None,
        oldest=Person(oldest[1], year - oldest[0]) if oldest else None,
    )


# ---------------------------------------------------------------------------------------
# Caps on the number of delegates


def reference_day(congress: Congress) -> date:
    """The day a cap must be valid on: the congress's first day, or 1 January of its term."""
    return congress.starts_on or date(congress.term_start, 1, 1)


def represented(congress: Congress) -> int:
    """Members the congress represents: as recorded, or the register's active members of
    the unit's whole subtree."""
    if congress.members_represented is not None:
        return congress.members_represented
    return member_services.subtree_figures(congress.unit)["members"]


def applicable_cap(congress: Congress) -> DelegateCap | None:
    """The rule for a congress of this unit's kind and size, valid on its reference day."""
    day = reference_day(congress)
    members = represented(congress)
    return (
        DelegateCap.objects.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            Q(members_to__isnull=True) | Q(members_to__gte=members),
            kind_id=congress.unit.kind_id,
            valid_from__lte=day,
            members_from__lte=members,
        )
        .order_by("-valid_from", "-members_from", "pk")
        .first()
    )


def counted_delegates(congress: Congress) -> int:
    """The delegates on the list: every one whose credentials were not refused."""
    return congress.delegates.exclude(credentials=Credentials.REFUSED).count()


def cap_text(cap: DelegateCap) -> str:
    """ "Hướng dẫn 65/HD-TLĐ, mục 2.3: tối đa 250 đại biểu" """
    return _("%(rule)s: at most %(count)s delegates") % {
        "rule": cap.rule,
        "count": cap.max_delegates,
    }


def check_delegate_cap(
    congress: Congress, count: int | None = None, cap: DelegateCap | None = None
) -> str | None:
    """A warning naming the rule when the list (or `count` delegates) exceeds the cap."""
    cap = cap or applicable_cap(congress)
    if cap is None:
        return None
    count = counted_delegates(congress) if count is None else count
    if count <= cap.max_delegates:
        return None
    return ngettext(
        "The list has %(count)d delegate, more than the cap. %(cap)s.",
        "The list has %(count)d delegates, more than the cap. %(cap)s.",
        count,
    ) % {"count": count, "cap": cap_text(cap)}


def require_within_cap(congress: Congress, count: int, reason: str = "") -> None:
    """Refuse a list of `count` delegates above the cap unless a reason is recorded."""
    if (reason or congress.delegate_cap_reason).strip():
        return
    warning = check_delegate_cap(congress, count)
    if warning:
        raise ValidationError(
            _("%(warning)s Record the reason for more delegates than the cap first.")
            % {"warning": warning},
            code="over_cap",
        )


def check_cap_for(delegate: Delegate) -> None:
    """Refuse a delegate who would take the list above the cap without a recorded reason."""
    if delegate.credentials == Credentials.REFUSED:
        return
    others = delegate.congress.delegates.exclude(credentials=Credentials.REFUSED)
    if delegate.pk:
        others = others.exclude(pk=delegate.pk)
    require_within_cap(delegate.congress, others.count() + 1)


@transaction.atomic
def save_delegate(delegate: Delegate) -> Delegate:
    """Check a delegate (a refused credential needs its reason) and the cap, then save."""
    delegate.full_clean()
    check_cap_for(delegate)
    delegate.save()
    return delegate


# ---------------------------------------------------------------------------------------
# Import

MAX_ROWS = 2_000
MAX_BYTES = 5 * 1024 * 1024
MAX_COLUMNS = 16  # the template has 10 columns; further columns are ignored

# (key, heading in the template): what officers see and type.
COLUMNS = (
    ("number", "STT"),
    ("full_name", "Họ và tên"),
    ("unit", "Đơn vị"),
    ("position", "Chức vụ"),
    ("gender", "Giới tính"),
    ("ethnicity", "Dân tộc"),
    ("birth_year", "Năm sinh"),
    ("education", "Trình độ"),
    ("party_member", "Đảng viên"),
    ("kind", "Loại đại biểu"),
)
REQUIRED = ("full_name", "gender", "birth_year", "kind")

GENDERS = {"nu": Gender.FEMALE, "female": Gender.FEMALE, "nam": Gender.MALE, "male": Gender.MALE}
KINDS = {
    "duong nhien": Kind.EX_OFFICIO,
    "dai bieu duong nhien": Kind.EX_OFFICIO,
    "bau": Kind.ELECTED,
    "duoc bau": Kind.ELECTED,
    "dai bieu duoc bau": Kind.ELECTED,
    "chi dinh": Kind.APPOINTED,
    "dai bieu chi dinh": Kind.APPOINTED,
    "ex-officio": Kind.EX_OFFICIO,
    "elected": Kind.ELECTED,
    "appointed": Kind.APPOINTED,
}
EDUCATIONS = {
    "thcs": Education.LOWER_SECONDARY,
    "trung hoc co so": Education.LOWER_SECONDARY,
    "thpt": Education.UPPER_SECONDARY,
    "trung hoc pho thong": Education.UPPER_SECONDARY,
    "so cap": Education.VOCATIONAL,
    "trung cap": Education.VOCATIONAL,
    "cao dang": Education.COLLEGE,
    "dai hoc": Education.UNIVERSITY,
    "thac si": Education.POSTGRADUATE,
    "tien si": Education.POSTGRADUATE,
    "sau dai hoc": Education.POSTGRADUATE,
}
YES = {"x", "co", "1", "dang vien", "yes", "true"}
NO = {"", "khong", "0", "no", "false"}


TEMPLATE_EXAMPLES = (
    (
        1,
        "Lò Thị Hương",
        "Công đoàn phường Mường Thanh",
        "Chủ tịch",
        "Nữ",
        "Thái",
        1985,
        "Đại học",
        "x",
        "Đương nhiên",
    ),
    (
        2,
        "Nguyễn Văn Bình",
        "Công đoàn cơ sở Công ty Điện lực Điện Biên",
        "Tổ trưởng",
        "Nam",
        "Kinh",
        1992,
        "Cao đẳng",
        "",
        "Được bầu",
    ),
)


@dataclass
class Row:
    number: int  # as the spreadsheet numbers it (the heading is row 1)
    values: dict
    cleaned: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    unit: Unit | None = None


def template_workbook() -> bytes:
    """The file to fill in: the headings and two example rows."""
    book = sheets.WorkbookWriter()
    sheet = book.sheet(_("Delegates"), widths=(6, 26, 40, 26, 10, 10, 10, 14, 10, 16))
    sheet.append([heading for _key, heading in COLUMNS], bold=True)
    for example in TEMPLATE_EXAMPLES:
        sheet.append(example)
    return book.to_bytes()


def read_rows(upload) -> list[Row]:
    """The rows of an uploaded .xlsx or .csv file, or a ValidationError saying why not."""
    rows = sheets.filled_template_rows(
        upload,
        columns=COLUMNS,
        required=REQUIRED,
        max_rows=MAX_ROWS,
        max_columns=MAX_COLUMNS,
        max_bytes=MAX_BYTES,
        no_rows_message=_("The file has no delegate rows under the headings."),
    )
    return [Row(number=number, values=values) for number, values in rows]


def _whole_number(value) -> int | None:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = sheets.read_text(value)
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def _unit_names(congress: Congress) -> dict[str, Unit]:
    """The units of the congress's subtree by folded name and short name (one query)."""
    names: dict[str, Unit] = {}
    for unit in Unit.objects.subtree(congress.unit).only("name", "short_name", "sector", "path"):
        for text in (unit.short_name, unit.name):
            if text:
                names.setdefault(fold(text), unit)
    return names


def check_rows(rows: list[Row], *, congress: Congress) -> list[Row]:
    """Clean every row and note every error, against the file itself and the congress's
    list: two queries whatever the number of rows."""
    units = _unit_names(congress)
    on_list = {
        (fold(name), year)
        for name, year in congress.delegates.values_list("full_name", "birth_year")
    }
    seen: dict[tuple, int] = {}
    for row in rows:
        _check_row(row, units)
        key = (fold(row.cleaned.get("full_name", "")), row.cleaned.get("birth_year"))
        if not key[0] or key[1] is None:
            continue
        person = _("%(name)s (born %(year)d)") % {"name": row.cleaned["full_name"], "year": key[1]}
        if key in seen:
            row.errors.append(
                _("%(person)s is already on row %(row)d of the file.")
                % {"person": person, "row": seen[key]}
            )
        else:
            seen[key] = row.number
        if key in on_list:
            row.errors.append(
                _("%(person)s is already on the congress's list.") % {"person": person}
            )
    return rows


def _check_row(row: Row, units: dict[str, Unit]) -> None:
    values, cleaned, errors = row.values, row.cleaned, row.errors
    try:
        cleaned["number"] = _whole_number(values.get("number"))
    except ValueError:
        cleaned["number"] = None
        errors.append(
            _("The number “%(value)s” is not a whole number.")
            % {"value": sheets.read_text(values.get("number"))}
        )
    cleaned["full_name"] = sheets.read_text(values.get("full_name"))[:120]
    if not cleaned["full_name"]:
        errors.append(_("The name is missing."))
    else:
        try:
            person_name_validator(cleaned["full_name"])
        except ValidationError:
            errors.append(
                _("The name “%(value)s” does not begin with a letter.")
                % {"value": cleaned["full_name"]}
            )
    unit_text = sheets.read_text(values.get("unit"))[:255]
    row.unit = units.get(fold(unit_text)) if unit_text else None
    cleaned["unit"] = row.unit
    cleaned["unit_name"] = "" if row.unit else unit_text
    cleaned["sector"] = row.unit.sector if row.unit else ""
    cleaned["position"] = sheets.read_text(values.get("position"))[:200]
    gender = sheets.read_text(values.get("gender"))
    cleaned["gender"] = GENDERS.get(fold(gender))
    if cleaned["gender"] is None:
        errors.append(_("Unknown gender “%(value)s”: write Nam or Nữ.") % {"value": gender})
    cleaned["ethnicity"] = sheets.read_text(values.get("ethnicity"))[:40] or MAJORITY_ETHNICITY
    year_text = sheets.read_text(values.get("birth_year"))
    try:
        year = _whole_number(values.get("birth_year"))
    except ValueError:
        year = None
    if year is None or not _valid(Delegate._meta.get_field("birth_year"), year):
        errors.append(
            _("The year of birth “%(value)s” is not a year between 1930 and 2015.")
            % {"value": year_text}
        )
        year = None
    cleaned["birth_year"] = year
    education = sheets.read_text(values.get("education"))
    cleaned["education"] = _choice(education, EDUCATIONS, Education)
    if cleaned["education"] is None:
        errors.append(
            _(
                "Unknown education “%(value)s”: write THCS, THPT, Trung cấp, Cao đẳng, "
                "Đại học or Sau đại học."
            )
            % {"value": education}
        )
        cleaned["education"] = ""
    party = fold(sheets.read_text(values.get("party_member")))
    if party in YES:
        cleaned["party_member"] = True
    elif party in NO:
        cleaned["party_member"] = False
    else:
        cleaned["party_member"] = False
        errors.append(
            _("“%(value)s” in the party column: write x for a party member, or leave it empty.")
            % {"value": sheets.read_text(values.get("party_member"))}
        )
    kind = sheets.read_text(values.get("kind"))
    cleaned["kind"] = _choice(kind, KINDS, Kind)
    if not cleaned["kind"]:
        errors.append(
            _("Unknown kind of delegate “%(value)s”: write Đương nhiên, Được bầu or Chỉ định.")
            % {"value": kind}
        )


def _choice(text: str, words: dict, choices) -> str | None:
    """The choice a typed word names ("" for nothing typed, None for an unknown word)."""
    folded = fold(text)
    if not folded:
        return ""
    if folded in words:
        return words[folded]
    for choice in choices:
        if folded in (fold(str(choice.label)), choice.value):
            return choice.value
    return None


def _valid(model_field, value) -> bool:
    try:
        model_field.run_validators(value)
    except ValidationError:
        return False
    return True


@transaction.atomic
def import_delegates(*, congress: Congress, rows: list[Row], cap_reason: str = "") -> int:
    """Save checked rows as the congress's delegates, all or none (credentials pending).

    A list larger than the cap needs a reason: the one given here is recorded on the
    congress."""
    if not rows or any(row.errors for row in rows):
        raise ValidationError(_("Correct the rows with errors, then upload the file again."))
    cap_reason = plain_text(cap_reason)
    require_within_cap(congress, counted_delegates(congress) + len(rows), cap_reason)
    if cap_reason and cap_reason != congress.delegate_cap_reason:
        congress.delegate_cap_reason = cap_reason
        congress.save(update_fields=["delegate_cap_reason", "updated_at"])
    delegates = [Delegate(congress=congress, **row.cleaned) for row in rows]
    Delegate.objects.bulk_create(delegates, batch_size=500)
    return len(delegates)


# ---------------------------------------------------------------------------------------
# Export


def export_workbook(congress: Congress) -> tuple[bytes, int]:
    """The delegate list as the template lays it out (plus credentials), and the
    composition table on a second sheet."""
    book = sheets.WorkbookWriter()
    sheet = book.sheet(_("Delegates"), widths=(6, 26, 40, 26, 10, 10, 10, 14, 10, 30, 16, 30))
    sheet.append([heading for _key, heading in COLUMNS] + ["Tư cách đại biểu", "Lý do"], bold=True)
    count = 0
    delegates = congress.delegates.select_related("unit").order_by("number", "full_name", "pk")
    for delegate in delegates:
        sheet.append(
            [
                delegate.number,
                delegate.full_name,
                delegate.unit.name if delegate.unit else delegate.unit_name,
                delegate.position,
                delegate.get_gender_display(),
                delegate.ethnicity,
                delegate.birth_year,
                delegate.get_education_display(),
                "x" if delegate.party_member else "",
                delegate.get_kind_display(),
                delegate.get_credentials_display(),
                delegate.credentials_reason,
            ]
        )
        count += 1
    table = composition(congress)
    sheet = book.sheet(_("Composition"), widths=(48, 12, 12))
    sheet.append([str(congress.title)], bold=True)
    sheet.append(
        [
            _("Delegates with accepted credentials: %(count)d (ages counted in %(year)d)")
            % {"count": table.total, "year": table.year}
        ]
    )
    sheet.append([_("Credentials not yet examined"), table.pending])
    sheet.append([_("Credentials not accepted"), table.refused])
    for title, lines in table.groups:
        sheet.append([])
        sheet.append([title, _("Delegates"), pgettext("of a total", "Share")], bold=True)
        for line in lines:
            sheet.append([line.label, line.count, line.share_text])
    sheet.append([])
    for label, person in ((_("Youngest"), table.youngest), (_("Oldest"), table.oldest)):
        if person:
            sheet.append([label, person.name, _("%(age)d years old") % {"age": person.age}])
    return book.to_bytes(), count
