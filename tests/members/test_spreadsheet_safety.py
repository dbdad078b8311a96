"""The security review's points on the member spreadsheets, through the officer area.

- Whatever a user typed reaches every export as text, never as a live formula; a name
  or a phone number that is not one is refused when typed.
- A small hostile .xlsx or .csv is refused before it is parsed: a Vietnamese message,
  nothing saved, little memory, little time.
- An ID or card number held by a member outside the officer's units is refused without
  saying so, and the attempt is recorded for federation staff.
- A checked import that is never confirmed expires, and its file is deleted.
- Exports have a Vietnamese sheet title and real date cells.
"""

import csv
import html
import io
import logging
import re
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from members.models import DuplicateAttempt, Member, MembershipEvent
from tests.files import ATTACK, million_cells_in_one_row, workbook_with_sheet
from tests.helpers import files_under, logged_in, messages_of, text_of, vi
from tests.members.factories import (
    make_organisation_officer,
    this_year_start,
)
from tests.members.test_import_export import (
    HEADINGS,
    clean_rows,
    csv_upload,
    file_error,
    preview,
    token_of,
    xlsx_upload,
)

pytestmark = pytest.mark.django_db

PHONE = "+84 912 345 678"
NEEDS_STAFF = "This cannot be completed here. Federation staff have been told and will contact you."


def csv_file(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([HEADINGS, *rows])
    return SimpleUploadedFile("danh-sach.csv", buffer.getvalue().encode("utf-8-sig"))


def url(name: str, *args) -> str:
    return reverse(f"members:{name}", args=args)


def new_member(**changes) -> dict:
    data = {
        "full_name": "Lường Thị Thu",
        "gender": "female",
        "date_of_birth": "1993-04-18",
        "national_id": "011193004567",
        "phone": "0912000111",
        "admitted_on": this_year_start().isoformat(),
        "position": "",
    }
    return data | changes


def field_errors(response, field: str) -> list[str]:
    return [
        html.unescape(error.strip())
        for error in re.findall(
            rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', text_of(response), re.S
        )
    ]


def cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for row in book.active.iter_rows() for cell in row]


def admin_export(client, members) -> bytes:
    response = client.post(
        reverse("admin:members_member_changelist"),
        {
            "action": "export_to_excel",
            "_selected_action": [str(pk) for pk in members.values_list("pk", flat=True)],
        },
    )
    assert response.status_code == 200
    return response.content


# ---------------------------------------------------------------------------------------
# 1. Formulas


def test_typed_formulas_reach_every_export_as_text(tree, register, school_client, ward_client):
    # Through the form: a position is free text, and a phone may begin with "+".
    added = school_client.post(
        url("member_add", tree.school.pk), new_member(phone=PHONE, position=ATTACK)
    )
    assert added.status_code == 302
    # Through a CSV import.
    rows = clean_rows()
    rows[0][8] = ATTACK
    rows[1][8] = "-Tổ phó"
    response = school_client.post(url("member_import", tree.school.pk), {"file": csv_file(rows)})
    assert preview(response) == {2: [], 3: [], 4: []}
    school_client.post(url("member_import", tree.school.pk), {"token": token_of(response)})
    # A name typed before names were checked.
    Member.objects.filter(pk=register.on.pk).update(full_name=ATTACK)
    # The member added above is transferred: the formula travels to the builder.
    thu = Member.objects.get(full_name="Lường Thị Thu")
    moved = school_client.post(
        url("member_transfer", thu.pk),
        {"to_unit": tree.builder.pk, "on": timezone.localdate().isoformat()},
    )
    assert moved.status_code == 302, text_of(moved)

    staff = logged_in(make_organisation_officer(), address="10.0.4.9")
    exports = {
        "school": school_client.post(url("member_export", tree.school.pk)).content,
        "builder": ward_client.post(url("member_export", tree.builder.pk)).content,
        "ward": ward_client.post(url("member_export", tree.ward.pk)).content,
        "admin": admin_export(staff, Member.objects.all()),
    }
    typed = {
        "school": {ATTACK, "-Tổ phó"},  # the import and the old name
        "builder": {ATTACK, PHONE},  # the transferred member
        "ward": {ATTACK, PHONE, "-Tổ phó"},
        "admin": {ATTACK, PHONE, "-Tổ phó"},
    }
    for where, content in exports.items():
        written = cells(content)
        assert [cell.coordinate for cell in written if cell.data_type == "f"] == [], where
        texts = {cell.value for cell in written if cell.data_type == "s"}
        assert typed[where] <= texts, where


def test_a_name_or_phone_that_is_a_formula_is_refused_when_typed(tree, school_client):
    response = school_client.post(
        url("member_add", tree.school.pk), new_member(full_name=ATTACK, phone="=1+1")
    )
    assert response.status_code == 400
    assert field_errors(response, "full_name") == [vi("A name begins with a letter.")]
    assert field_errors(response, "phone") == [
        vi("A phone number holds digits, spaces and + ( ) . - / only, like 0912 345 678.")
    ]
    rows = clean_rows()
    rows[0][0] = "@Lò Văn Pánh"
    rows[1][4] = "=HYPERLINK(D2)"
    response = school_client.post(url("member_import", tree.school.pk), {"file": csv_file(rows)})
    assert preview(response) == {
        2: [vi("The name “%(value)s” does not begin with a letter.", value="@Lò Văn Pánh")],
        3: [
            vi(
                "The phone number “%(value)s” may hold only digits, spaces and + ( ) . - /.",
                value="=HYPERLINK(D2)",
            )
        ],
        4: [],
    }
    assert not Member.objects.exists()


# ---------------------------------------------------------------------------------------
# 2. Hostile files


def posted(client, unit, upload):
    """The response to an upload, with its time and peak memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        response = client.post(url("member_import", unit.pk), {"file": upload})
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, seconds, peak


def test_a_tiny_workbook_with_a_million_cells_is_refused_quickly(tree, school_client, settings):
    content = workbook_with_sheet(million_cells_in_one_row)
    upload = SimpleUploadedFile("danh-sach.xlsx", content)
    response, seconds, peak = posted(school_client, tree.school, upload)
    assert response.status_code == 400
    assert file_error(response) == [
        vi(
            "The workbook is packed in an unusual way and is not read; open it in Excel, "
            "copy the members into the template and upload that."
        )
    ]
    assert seconds < 3
    assert peak < 20 * 1024 * 1024
    assert not Member.objects.exists()
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []


def test_a_csv_row_of_a_million_fields_is_refused_quickly(tree, school_client, settings):
    content = (";".join(HEADINGS) + "\r\n" + ";" * 1_000_000 + "\r\n").encode()
    upload = SimpleUploadedFile("danh-sach.csv", content, content_type="text/csv")
    response, seconds, peak = posted(school_client, tree.school, upload)
    assert response.status_code == 400
    assert file_error(response) == [
        vi(
            "Row %(row)d is longer than %(limit)d characters; save the file again from "
            "the template.",
            row=2,
            limit=16_384,
        )
    ]
    assert seconds < 3
    assert peak < 20 * 1024 * 1024
    assert not Member.objects.exists()
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []


# ---------------------------------------------------------------------------------------
# 3. Who is registered where


def test_an_id_held_outside_the_officers_units_gets_the_staff_message_and_is_recorded(
    tree, register, school_client, school_officer, caplog
):
    caplog.set_level(logging.WARNING, logger="members.services")
    trang = register.trang  # a member of the clinic, in another commune
    response = school_client.post(
        url("member_add", tree.school.pk), new_member(national_id=trang.national_id)
    )
    assert response.status_code == 400
    assert field_errors(response, "national_id") == [vi(NEEDS_STAFF)]
    page = text_of(response)
    assert trang.full_name not in page
    assert tree.clinic.name not in page
    assert vi("A member with this national ID number is already registered.") not in page
    assert not Member.objects.filter(full_name="Lường Thị Thu").exists()

    attempt = DuplicateAttempt.objects.get()
    assert (attempt.user, attempt.unit, attempt.action, attempt.field) == (
        school_officer,
        tree.school,
        DuplicateAttempt.Action.ADD,
        DuplicateAttempt.Field.NATIONAL_ID,
    )
    assert (attempt.member, attempt.member_unit) == (trang, tree.clinic)
    (record,) = [r for r in caplog.records if r.name == "members.services"]
    assert record.levelno == logging.WARNING
    assert f"member {trang.pk} in unit {tree.clinic.pk}" in record.getMessage()
    assert f"user {school_officer.pk}" in record.getMessage()


def test_a_card_number_held_elsewhere_and_an_edit_get_the_same_message(
    tree, register, school_client, school_officer
):
    Member.objects.filter(pk=register.trang.pk).update(card_number="ĐB-THANHNUA-7")
    response = school_client.post(
        url("member_add", tree.school.pk), new_member(card_number="đb-thanhnua-7")
    )
    assert field_errors(response, "card_number") == [vi(NEEDS_STAFF)]
    on = register.on
    edit = {
        "full_name": on.full_name,
        "gender": on.gender,
        "date_of_birth": on.date_of_birth.isoformat(),
        "national_id": register.trang.national_id,
        "phone": on.phone,
        "admitted_on": on.admitted_on.isoformat(),
    }
    response = school_client.post(url("member_edit", on.pk), edit)
    assert response.status_code == 400
    assert field_errors(response, "national_id") == [vi(NEEDS_STAFF)]
    on.refresh_from_db()
    assert on.national_id != register.trang.national_id
    assert list(DuplicateAttempt.objects.order_by("pk").values_list("action", "field")) == [
        (DuplicateAttempt.Action.ADD, DuplicateAttempt.Field.CARD_NUMBER),
        (DuplicateAttempt.Action.EDIT, DuplicateAttempt.Field.NATIONAL_ID),
    ]


def test_within_the_officers_units_the_holder_is_named_and_nothing_is_recorded(
    tree, register, ward_client
):
    huong = register.huong  # of the school, under the ward
    response = ward_client.post(
        url("member_add", tree.builder.pk), new_member(national_id=huong.national_id)
    )
    assert field_errors(response, "national_id") == [
        vi(
            "This national ID number belongs to %(name)s, a member of %(unit)s.",
            name=huong.full_name,
            unit=tree.school.name,
        )
    ]
    assert not DuplicateAttempt.objects.exists()


def test_in_the_officers_own_union_the_holder_of_an_id_or_card_is_named(
    tree, register, school_client
):
    members, events = Member.objects.count(), MembershipEvent.objects.count()
    huong = register.huong
    response = school_client.post(
        url("member_add", tree.school.pk),
        new_member(national_id=huong.national_id, card_number=huong.card_number),
    )
    assert response.status_code == 400
    named = {"name": huong.full_name, "unit": tree.school.name}
    assert field_errors(response, "national_id") == [
        vi("This national ID number belongs to %(name)s, a member of %(unit)s.", **named)
    ]
    assert field_errors(response, "card_number") == [
        vi("This union card number belongs to %(name)s, a member of %(unit)s.", **named)
    ]
    assert (Member.objects.count(), MembershipEvent.objects.count()) == (members, events)
    assert not DuplicateAttempt.objects.exists()


def test_an_import_row_with_a_number_held_elsewhere_gets_the_staff_message(
    tree, register, school_client, school_officer
):
    rows = clean_rows()
    rows[0][3] = register.trang.national_id  # elsewhere
    rows[1][3] = register.huong.national_id  # in the officer's own union
    response = school_client.post(url("member_import", tree.school.pk), {"file": xlsx_upload(rows)})
    shown = preview(response)
    assert shown[2] == [
        vi("National ID number %(value)s", value=register.trang.national_id)
        + ": "
        + vi(NEEDS_STAFF)
    ]
    assert shown[3] == [
        vi(
            "%(what)s is already in the register.",
            what=vi("National ID number %(value)s", value=register.huong.national_id),
        )
    ]
    assert register.trang.full_name not in text_of(response)
    attempt = DuplicateAttempt.objects.get()
    assert (attempt.user, attempt.unit, attempt.action, attempt.member) == (
        school_officer,
        tree.school,
        DuplicateAttempt.Action.IMPORT,
        register.trang,
    )


def test_staff_read_the_attempts_in_the_admin_and_cannot_change_them(tree, register, school_client):
    school_client.post(
        url("member_add", tree.school.pk), new_member(national_id=register.trang.national_id)
    )
    staff = logged_in(make_organisation_officer(), address="10.0.4.10")
    listing = staff.get(reverse("admin:members_duplicateattempt_changelist"))
    assert listing.status_code == 200
    page = text_of(listing)
    assert "lo.van.thang" in page
    assert tree.school.name in page
    assert register.trang.full_name in page
    assert tree.clinic.name in page
    assert vi("national ID number") in page
    attempt = DuplicateAttempt.objects.get()
    assert staff.get(reverse("admin:members_duplicateattempt_add")).status_code == 403
    change = reverse("admin:members_duplicateattempt_change", args=[attempt.pk])
    assert 'name="_save"' not in text_of(staff.get(change))
    assert (
        staff.post(reverse("admin:members_duplicateattempt_delete", args=[attempt.pk])).status_code
        == 403
    )
    assert DuplicateAttempt.objects.count() == 1


# ---------------------------------------------------------------------------------------
# 4. Imports never confirmed


def test_an_import_not_confirmed_in_time_is_refused_and_its_file_deleted(
    tree, school_client, settings
):
    settings.MEMBER_IMPORT_MAX_AGE = 600
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        response = school_client.post(
            url("member_import", tree.school.pk), {"file": xlsx_upload(clean_rows())}
        )
        token = token_of(response)
    assert len(files_under(settings.PROTECTED_MEDIA_ROOT)) == 1
    before = (Member.objects.count(), MembershipEvent.objects.count())
    with time_machine.travel(start + timedelta(seconds=601), tick=False):
        response = school_client.post(url("member_import", tree.school.pk), {"token": token})
        assert response.status_code == 302
        assert response["Location"] == url("member_import", tree.school.pk)
        shown = messages_of(school_client.get(response["Location"]))
    assert (
        vi(
            "The checked file waited more than %(minutes)d minute for its confirmation and has "
            "been deleted; upload it again.",
            "The checked file waited more than %(minutes)d minutes for its confirmation and has "
            "been deleted; upload it again.",
            10,
            minutes=10,
        )
        in shown
    )
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []
    assert (Member.objects.count(), MembershipEvent.objects.count()) == before


def test_an_import_confirmed_in_time_is_saved(tree, school_client, settings):
    settings.MEMBER_IMPORT_MAX_AGE = 600
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        response = school_client.post(
            url("member_import", tree.school.pk), {"file": xlsx_upload(clean_rows())}
        )
    with time_machine.travel(start + timedelta(seconds=590), tick=False):
        school_client.post(url("member_import", tree.school.pk), {"token": token_of(response)})
    assert Member.objects.filter(unit=tree.school).count() == 3
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []


def test_the_cleanup_command_deletes_only_files_past_their_time(tree, school_client, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        old = school_client.post(
            url("member_import", tree.school.pk), {"file": xlsx_upload(clean_rows())}
        )
    with time_machine.travel(start + timedelta(minutes=40), tick=False):
        school_client.post(url("member_import", tree.school.pk), {"file": csv_upload(clean_rows())})
    assert sorted(Path(path).suffix for path in files_under(settings.PROTECTED_MEDIA_ROOT)) == [
        ".csv",
        ".xlsx",
    ]
    output = io.StringIO()
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        call_command("purge_pending_imports", stdout=output)
    assert "Deleted 1 " in output.getvalue()
    # The file of the first upload (its ID numbers and phones) is gone; the recent one stays.
    assert [Path(path).suffix for path in files_under(settings.PROTECTED_MEDIA_ROOT)] == [".csv"]
    with time_machine.travel(start + timedelta(minutes=62), tick=False):
        school_client.post(url("member_import", tree.school.pk), {"token": token_of(old)})
    assert not Member.objects.exists()


# ---------------------------------------------------------------------------------------
# 5. Format


def test_exports_have_a_vietnamese_sheet_and_date_cells(tree, register, ward_client):
    response = ward_client.post(url("member_export", tree.ward.pk))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Đoàn viên"]
    sheet = book.active
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    born, admitted = rows["Lò Thị Hương"][2], rows["Lò Thị Hương"][7]
    assert born.is_date
    assert born.value == datetime(1994, 8, 3)
    assert born.number_format == "dd/mm/yyyy"
    assert admitted.is_date
    assert admitted.value.date() == register.huong.admitted_on
    assert admitted.number_format == "dd/mm/yyyy"
    template = load_workbook(io.BytesIO(ward_client.get(url("import_template")).content))
    assert template.sheetnames == ["Đoàn viên"]
    assert template.active["C2"].is_date
    assert template.active["C2"].number_format == "dd/mm/yyyy"
