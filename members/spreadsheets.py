"""Members in and out of spreadsheets: the import template, reading and checking a file, export.

Used by the officer area and by the admin alike. Reading never saves: `check_rows`
returns every row with its errors, and members.services.import_members saves a clean
file in one transaction.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from federation import spreadsheets as sheets
from federation.text import fold
from members import scope, services
from members.models import (
    DuplicateAttempt,
    Gender,
    Member,
    national_id_validator,
    person_name_validator,
    phone_validator,
)

XLSX = sheets.XLSX
MAX_ROWS = 10_000
MAX_BYTES = 10 * 1024 * 1024
MAX_COLUMNS = 16  # the template has 9 columns, an export 11; further columns are ignored

# (key, heading in the template). The headings are what officers see and type.
COLUMNS = (
    ("full_name", "Họ và tên"),
    ("gender", "Giới tính"),
    ("date_of_birth", "Ngày sinh"),
    ("national_id", "Số định danh cá nhân"),
    ("phone", "Điện thoại"),
    ("email", "Thư điện tử"),
    ("card_number", "Số thẻ đoàn viên"),
    ("admitted_on", "Ngày kết nạp"),
    ("position", "Chức vụ công đoàn"),
)
REQUIRED = ("full_name", "gender", "national_id", "admitted_on")
GENDERS = {"nu": Gender.FEMALE, "female": Gender.FEMALE, "nam": Gender.MALE, "male": Gender.MALE}


@dataclass
class Row:
    number: int  # as the spreadsheet numbers it (the heading is row 1)
    values: dict
    cleaned: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def template_workbook() -> bytes:
    """The file officers fill in: the headings, one example row, dates as dd/mm/yyyy."""
    book = sheets.WorkbookWriter()
    sheet = book.sheet(_("Members"), widths=(28, 10, 12, 20, 14, 26, 18, 13, 22))
    sheet.append([heading for _key, heading in COLUMNS], bold=True)
    sheet.append(
        [
            "Lò Thị Hương",
            "Nữ",
            date(1990, 5, 12),
            "011190001234",
            "0912345678",
            "huong@example.vn",
            "DB-2026-000123",
            date(2026, 3, 1),
            "",
        ]
    )
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
        no_rows_message=_("The file has no member rows under the headings."),
    )
    return [Row(number=number, values=values) for number, values in rows]


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = sheets.read_text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def check_rows(rows: list[Row], *, today: date, user, unit) -> list[Row]:
    """Clean every row and note every error, against the file itself and the register.

    `user` imports into `unit`: a number held by a member outside the user's units is
    refused without saying so (members.services.held_elsewhere).
    """
    for row in rows:
        _check_row(row, today)
    _check_unique(rows, "national_id", _("National ID number %(value)s"), user, unit)
    _check_unique(rows, "card_number", _("Union card number %(value)s"), user, unit)
    return rows


def _check_row(row: Row, today: date) -> None:
    values, cleaned, errors = row.values, row.cleaned, row.errors
    cleaned["full_name"] = sheets.read_text(values.get("full_name"))[:120]
    if not cleaned["full_name"]:
        errors.append(_("The name is missing."))
    elif not _valid(person_name_validator, cleaned["full_name"]):
        errors.append(
            _("The name “%(value)s” does not begin with a letter.")
            % {"value": cleaned["full_name"]}
        )
    gender = fold(sheets.read_text(values.get("gender")))
    cleaned["gender"] = GENDERS.get(gender)
    if cleaned["gender"] is None:
        errors.append(
            _("Unknown gender “%(value)s”: write Nam or Nữ.")
            % {"value": sheets.read_text(values.get("gender"))}
        )
    for key, label in (("date_of_birth", _("Date of birth")), ("admitted_on", _("Admission date"))):
        try:
            cleaned[key] = _date(values.get(key))
        except ValueError:
            cleaned[key] = None
            errors.append(
                _("%(field)s “%(value)s” is not a date like 15/03/2026.")
                % {"field": label, "value": sheets.read_text(values.get(key))}
            )
        else:
            if key == "admitted_on" and cleaned[key] is None:
                errors.append(_("The admission date is missing."))
    if cleaned.get("admitted_on") and cleaned["admitted_on"] > today:
        errors.append(_("The admission date is in the future."))
    born, admitted = cleaned.get("date_of_birth"), cleaned.get("admitted_on")
    if born and admitted and admitted <= born:
        errors.append(_("The admission date must come after birth."))
    raw_id = values.get("national_id")
    national_id = sheets.read_text(raw_id).replace(" ", "")
    if isinstance(raw_id, int | float) and len(national_id) == 11:
        national_id = "0" + national_id  # a number cell drops the leading 0 of the province code
    cleaned["national_id"] = national_id
    try:
        national_id_validator(national_id)
    except ValidationError:
        errors.append(
            _("The national ID number “%(value)s” must have exactly 12 digits.")
            % {"value": national_id}
        )
    cleaned["phone"] = sheets.read_text(values.get("phone"))[:20]
    if cleaned["phone"] and not _valid(phone_validator, cleaned["phone"]):
        errors.append(
            _("The phone number “%(value)s” may hold only digits, spaces and + ( ) . - /.")
            % {"value": cleaned["phone"]}
        )
    cleaned["email"] = sheets.read_text(values.get("email"))[:254]
    if cleaned["email"] and "@" not in cleaned["email"]:
        errors.append(
            _("The email address “%(value)s” is not valid.") % {"value": cleaned["email"]}
        )
    cleaned["card_number"] = sheets.read_text(values.get("card_number")).upper()[:20] or None
    cleaned["position"] = sheets.read_text(values.get("position"))[:120]


def _valid(validator, value) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def _check_unique(rows: list[Row], key: str, label, user, unit) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        value = row.cleaned.get(key)
        if not value:
            continue
        if value in seen:
            row.errors.append(
                _("%(what)s is already on row %(row)d of the file.")
                % {"what": label % {"value": value}, "row": seen[value]}
            )
        else:
            seen[value] = row.number
    if not seen:
        return
    holders = {
        getattr(member, key): member
        for member in Member.objects.filter(**{f"{key}__in": list(seen)}).select_related("unit")
    }
    for row in rows:
        other = holders.get(row.cleaned.get(key))
        if other is None:
            continue
        what = label % {"value": row.cleaned[key]}
        if scope.may_act_on(user, other.unit):
            row.errors.append(_("%(what)s is already in the register.") % {"what": what})
        else:
            told = services.held_elsewhere(
                other=other,
                field=key,
                user=user,
                unit=unit,
                action=DuplicateAttempt.Action.IMPORT,
            )
            row.errors.append(f"{what}: {told}")


def export_workbook(members) -> tuple[bytes, int]:
    """The members as the template lays them out (so an export can be imported elsewhere)."""
    book = sheets.WorkbookWriter()
    sheet = book.sheet(_("Members"), widths=(28, 10, 12, 20, 14, 26, 18, 13, 22, 36, 16))
    sheet.append(
        [heading for _key, heading in COLUMNS] + ["Công đoàn cơ sở", "Tình trạng"], bold=True
    )
    count = 0
    for member in members.select_related("unit").order_by("unit__name", "sort_name", "pk"):
        sheet.append(
            [
                member.full_name,
                member.get_gender_display(),
                member.date_of_birth,
                member.national_id,
                member.phone,
                member.email,
                member.card_number or "",
                member.admitted_on,
                member.position,
                member.unit.name,
                member.get_status_display(),
            ]
        )
        count += 1
    return book.to_bytes(), count
