"""Members in and out of spreadsheets through the officer area and the admin.

An import is checked row by row and nothing is saved until the whole file is clean;
then one confirmation saves every row at once. Every export of personal data is logged.
"""

import html
import io
import re
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from members import services, spreadsheets
from members.models import Member, MembershipEvent, MemberStatus, PersonalDataExport
from tests.factories import browser
from tests.files import docx_bytes, pdf_bytes
from tests.helpers import files_under, logged_in, messages_of, text_of, vi
from tests.members.factories import (
    last_year,
    make_member,
    make_officer,
    make_organisation_officer,
    this_year_start,
)

pytestmark = pytest.mark.django_db

HEADINGS = [heading for _key, heading in spreadsheets.COLUMNS]


def url(name: str, *args) -> str:
    return reverse(f"members:{name}", args=args)


# ---------------------------------------------------------------------------------------
# Files


def xlsx_bytes(rows, headings=HEADINGS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Doan vien"
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows, name="Danh sách đoàn viên.xlsx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows, **kwargs), content_type=spreadsheets.XLSX)


def csv_upload(rows, name="danh-sach-doan-vien.csv", *, encoding="utf-8-sig", delimiter=";"):
    lines = [delimiter.join(HEADINGS)] + [
        delimiter.join("" if cell is None else str(cell) for cell in row) for row in rows
    ]
    content = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return SimpleUploadedFile(name, content, content_type="text/csv")


def dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def dmy_rows(rows) -> list[list]:
    return [[dmy(cell) if isinstance(cell, date) else cell for cell in row] for row in rows]


def clean_rows() -> list[list]:
    """Three members as an officer types them: text dates, a real date cell, "nam" in lower case."""
    return [
        [
            "Lò Văn Pánh",
            "Nam",
            "12/05/1990",
            "011090123401",
            "0912000001",
            "",
            "ĐB10000001",
            dmy(this_year_start()),
            "",
        ],
        [
            "Quàng  Thị   Dịu",  # spaces tidied on saving
            "Nữ",
            "03/11/1995",
            "011195123402",
            "",
            "diu.quang@example.vn",
            "ĐB10000002",
            dmy(last_year()),
            "Tổ trưởng công đoàn",
        ],
        [
            "Lường Văn Ngọc",
            "nam",
            date(1988, 7, 9),
            "011088123403",
            "0977000003",
            "",
            "",
            last_year(3, 2),
            "",
        ],
    ]


CLEAN_NAMES = {"Lò Văn Pánh", "Quàng Thị Dịu", "Lường Văn Ngọc"}


def error_rows() -> list[list]:
    """Rows 2–9 of a file with one mistake a row, and two clean rows (5 and 9)."""
    admitted = dmy(last_year())
    return [
        ["", "Nữ", "01/01/1990", "011190200002", "", "", "ĐB20000002", admitted, ""],
        ["Cầm Văn Tươi", "Nam", "01/01/1985", "011085200003", "", "", "", "31/02/2026", ""],
        ["Lò Thị Ngân", "X", "01/01/1992", "011192200004", "", "", "", admitted, ""],
        ["Điêu Thị Xuân", "Nữ", "01/01/1993", "011193200005", "", "", "ĐB20000005", admitted, ""],
        ["Lường Văn Sáng", "Nam", "01/01/1994", "011094200006", "", "", "ĐB20000005", admitted, ""],
        ["Lò Thị Hương", "Nữ", "03/08/1994", "011194007890", "", "", "", admitted, ""],
        ["Quàng Văn Mạnh", "Nam", "01/01/1991", "01109120007", "", "", "", admitted, ""],
        ["Tòng Thị Phương", "Nữ", "01/01/1996", "011196200009", "", "", "", admitted, ""],
    ]


def preview(response) -> dict[int, list[str]]:
    """The preview table: row number → its errors ([] for a clean row)."""
    page = text_of(response)
    table = re.search(r'<table class="data-table import-preview">(.*?)</table>', page, re.S)
    assert table, "the page has no preview"
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1).split("<tbody>")[1], re.S):
        number = int(re.search(r'<td class="num">(\d+)</td>', row).group(1))
        errors = re.findall(r"<li>(.*?)</li>", row, re.S)
        rows[number] = [html.unescape(error.strip()) for error in errors]
    return rows


def token_of(response) -> str | None:
    match = re.search(r'name="token" value="([^"]+)"', text_of(response))
    return match.group(1) if match else None


def file_error(response) -> list[str]:
    return [
        html.unescape(error)
        for error in re.findall(
            r'<p class="field-error" id="id_file_error">(.*?)</p>', text_of(response), re.S
        )
    ]


def state() -> tuple:
    return (Member.objects.count(), MembershipEvent.objects.count())


# ---------------------------------------------------------------------------------------
# The template


def test_the_template_is_a_real_workbook_with_the_headings(tree, school_client):
    import_page = school_client.get(url("member_import", tree.school.pk))
    assert import_page.status_code == 200
    assert url("import_template") in text_of(import_page)
    response = school_client.get(url("import_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX
    assert "mau-nhap-doan-vien.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == [
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Số định danh cá nhân",
        "Điện thoại",
        "Thư điện tử",
        "Số thẻ đoàn viên",
        "Ngày kết nạp",
        "Chức vụ công đoàn",
    ]
    assert rows[1][0] == "Lò Thị Hương"  # one example row


def test_the_template_is_for_logged_in_users(tree):
    response = browser().get(url("import_template"))
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")


# ---------------------------------------------------------------------------------------
# A file with errors


def test_a_file_with_errors_shows_every_error_on_its_row_and_saves_nothing(
    tree, register, school_client, settings
):
    before = state()
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload(error_rows())}
    )
    assert response.status_code == 400
    rows = preview(response)
    assert sorted(rows) == [2, 3, 4, 5, 6, 7, 8, 9]
    assert rows[2] == [vi("The name is missing.")]
    assert rows[3] == [
        vi(
            "%(field)s “%(value)s” is not a date like 15/03/2026.",
            field=vi("Admission date"),
            value="31/02/2026",
        )
    ]
    assert rows[4] == [vi("Unknown gender “%(value)s”: write Nam or Nữ.", value="X")]
    assert rows[5] == []
    assert rows[6] == [
        vi(
            "%(what)s is already on row %(row)d of the file.",
            what=vi("Union card number %(value)s", value="ĐB20000005"),
            row=5,
        )
    ]
    assert rows[7] == [
        vi(
            "%(what)s is already in the register.",
            what=vi("National ID number %(value)s", value="011194007890"),
        )
    ]
    assert rows[8] == [
        vi("The national ID number “%(value)s” must have exactly 12 digits.", value="01109120007")
    ]
    assert rows[9] == []
    page = text_of(response)
    assert 'class="row-invalid"' in page
    assert vi(
        "%(counter)s row has errors. Nothing was saved: correct the file and upload it again.",
        "%(counter)s rows have errors. Nothing was saved: correct the file and upload it again.",
        6,
        counter=6,
    ) in html.unescape(page)
    # No way to confirm, nothing saved, and the file was not kept.
    assert token_of(response) is None
    assert state() == before
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []


def test_one_bad_row_keeps_every_clean_row_out_of_the_register(tree, register, school_client):
    """Three clean members and one row without a name: not one of the three is saved."""
    before = state()
    bad = ["", "Nữ", "01/01/1990", "011190900009", "", "", "", dmy(last_year()), ""]
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload([*clean_rows(), bad])}
    )
    assert response.status_code == 400
    assert state() == before
    assert not Member.objects.filter(full_name__in=CLEAN_NAMES).exists()


def test_a_checked_clean_file_is_saved_only_when_confirmed(tree, register, school_client):
    before = state()
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload(clean_rows())}
    )
    assert response.status_code == 200
    assert state() == before
    assert not Member.objects.filter(full_name__in=CLEAN_NAMES).exists()
    school_client.post(url("member_import", tree.school.pk), {"token": token_of(response)})
    assert Member.objects.filter(full_name__in=CLEAN_NAMES).count() == 3


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({0: "   "}, "The name is missing."),
        ({7: ""}, "The admission date is missing."),
        ({7: "01/01/2099"}, "The admission date is in the future."),
        ({2: "01/01/2000", 7: "01/01/1999"}, "The admission date must come after birth."),
        ({5: "sen.lo"}, "The email address “%(value)s” is not valid."),
        ({3: ""}, "The national ID number “%(value)s” must have exactly 12 digits."),
        ({2: "1990"}, "%(field)s “%(value)s” is not a date like 15/03/2026."),
    ],
)
def test_each_rule_of_a_row(tree, register, school_client, cells, message):
    row = ["Lò Thị Sen", "Nữ", "01/01/1990", "011190200002", "", "", "", dmy(last_year()), ""]
    for index, value in cells.items():
        row[index] = value
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload([row])}
    )
    assert response.status_code == 400
    (error,) = preview(response)[2]
    if "%(" in message:
        pattern = (
            re.escape(vi(message))
            .replace(re.escape("%(value)s"), ".*")
            .replace(re.escape("%(field)s"), ".*")
        )
        assert re.fullmatch(pattern, error), error
    else:
        assert error == vi(message)
    assert not Member.objects.filter(full_name="Lò Thị Sen").exists()


@pytest.mark.parametrize(
    "cells",
    [{3: "0111 9020 0002"}, {1: "Female"}, {1: " NỮ "}, {2: "", 7: "2025-06-15"}],
    ids=["id-with-spaces", "english-gender", "upper-case-gender", "iso-date"],
)
def test_forgiving_spellings_make_a_clean_row(tree, register, school_client, cells):
    row = ["Lò Thị Sen", "Nữ", "01/01/1990", "011190200002", "", "", "", dmy(last_year()), ""]
    for index, value in cells.items():
        row[index] = value
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload([row])}
    )
    assert response.status_code == 200
    assert preview(response) == {2: []}
    assert token_of(response)


def test_a_duplicate_id_in_the_file_is_shown_on_the_later_row(tree, school_client):
    rows = clean_rows()
    rows[2][3] = rows[0][3]
    response = school_client.post(url("member_import", tree.school.pk), {"file": xlsx_upload(rows)})
    assert response.status_code == 400
    assert preview(response) == {
        2: [],
        3: [],
        4: [
            vi(
                "%(what)s is already on row %(row)d of the file.",
                what=vi("National ID number %(value)s", value=rows[0][3]),
                row=2,
            )
        ],
    }
    assert not Member.objects.exists()


def test_an_id_typed_as_a_number_gets_back_its_leading_zero(tree, school_client):
    rows = clean_rows()[:1]
    rows[0][3] = 11090123401  # Excel dropped the 0 of the province code
    response = school_client.post(url("member_import", tree.school.pk), {"file": xlsx_upload(rows)})
    assert response.status_code == 200
    assert "011090123401" in text_of(response)


# ---------------------------------------------------------------------------------------
# A clean file: preview, then confirm


def test_a_clean_file_is_previewed_then_saved_in_one_go(
    tree, register, school_officer, school_client, settings
):
    before = state()
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload(clean_rows())}
    )
    assert response.status_code == 200
    assert preview(response) == {2: [], 3: [], 4: []}
    assert vi(
        "The file is clean: %(counter)s member is ready to be saved.",
        "The file is clean: %(counter)s members are ready to be saved.",
        3,
        counter=3,
    ) in html.unescape(text_of(response))
    assert vi("Save %(counter)s member", "Save %(counter)s members", 3, counter=3) in text_of(
        response
    )
    token = token_of(response)
    assert token
    # Nothing saved yet; the checked file waits, out of public media.
    assert state() == before
    assert len(files_under(settings.PROTECTED_MEDIA_ROOT)) == 1
    assert files_under(settings.MEDIA_ROOT) == []

    response = school_client.post(url("member_import", tree.school.pk), {"token": token})
    assert response.status_code == 302
    assert response["Location"] == url("members", tree.school.pk)
    imported = Member.objects.filter(full_name__in=CLEAN_NAMES)
    assert {member.full_name for member in imported} == CLEAN_NAMES
    assert {member.unit for member in imported} == {tree.school}
    assert {member.status for member in imported} == {MemberStatus.ACTIVE}
    ngoc = imported.get(full_name="Lường Văn Ngọc")
    assert (ngoc.date_of_birth, ngoc.admitted_on, ngoc.gender, ngoc.card_number) == (
        date(1988, 7, 9),
        last_year(3, 2),
        "male",
        None,
    )
    assert imported.get(full_name="Quàng Thị Dịu").search_name == "quang thi diu"
    admitted = MembershipEvent.objects.filter(
        member__in=imported, kind=MembershipEvent.Kind.ADMITTED
    )
    assert admitted.count() == 3
    assert {event.recorded_by for event in admitted} == {school_officer}
    assert {event.note for event in admitted} == {vi("Imported from a spreadsheet")}
    assert {(event.member.admitted_on, event.unit) for event in admitted} == {
        (member.admitted_on, tree.school) for member in imported
    }
    cards = MembershipEvent.objects.filter(
        member__in=imported, kind=MembershipEvent.Kind.CARD_ISSUED
    )
    assert sorted(cards.values_list("note", flat=True)) == ["ĐB10000001", "ĐB10000002"]
    assert state() == (before[0] + 3, before[1] + 5)
    # The file is gone, and the list says how many were registered.
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []
    listing = school_client.get(response["Location"])
    assert vi("%(count)d members are registered.") % {"count": 3} in messages_of(listing)


def test_confirming_twice_saves_once(tree, register, school_client):
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload(clean_rows())}
    )
    token = token_of(response)
    school_client.post(url("member_import", tree.school.pk), {"token": token})
    after_first = state()
    again = school_client.post(url("member_import", tree.school.pk), {"token": token})
    assert again.status_code == 302
    assert again["Location"] == url("member_import", tree.school.pk)
    assert state() == after_first
    assert Member.objects.filter(full_name__in=CLEAN_NAMES).count() == 3
    page = school_client.get(again["Location"])
    assert vi("The checked file has expired; upload it again.") in messages_of(page)


def test_a_token_for_another_union_is_refused(tree, register, ward_client, settings):
    """An officer of two unions cannot check a file for one and save it into the other."""
    response = ward_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload(clean_rows())}
    )
    token = token_of(response)
    before = state()
    response = ward_client.post(url("member_import", tree.builder.pk), {"token": token})
    assert response.status_code == 302
    assert response["Location"] == url("member_import", tree.builder.pk)
    assert vi("The checked file has expired; upload it again.") in messages_of(
        ward_client.get(response["Location"])
    )
    assert state() == before
    # The file checked for the school can still be saved there.
    assert len(files_under(settings.PROTECTED_MEDIA_ROOT)) == 1


@pytest.mark.parametrize(
    ("token", "status"),
    [("", 400), ("khong-phai-ma", 302), ("eyJuYW1lIjoiLi4vLi4vZXRjL3Bhc3N3ZCJ9:x:y", 302)],
)
def test_a_forged_or_empty_token_is_refused(tree, register, school_client, token, status):
    """No token at all is a broken form (400); a forged one sends the officer back (302)."""
    before = state()
    response = school_client.post(url("member_import", tree.school.pk), {"token": token})
    assert response.status_code == status
    assert state() == before


def test_a_file_that_clashes_before_it_is_confirmed_is_shown_again(tree, register, school_client):
    """Someone registers one of the ID numbers between the check and the confirmation."""
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload(clean_rows())}
    )
    token = token_of(response)
    make_member(tree.builder, "Lò Văn Pánh", national_id="011090123401", gender="male")
    before = state()
    response = school_client.post(url("member_import", tree.school.pk), {"token": token})
    assert response.status_code == 400
    # Registered in the builder's union, outside the school officer's units: not named.
    assert preview(response)[2] == [
        vi("National ID number %(value)s", value="011090123401")
        + ": "
        + vi("This cannot be completed here. Federation staff have been told and will contact you.")
    ]
    assert state() == before


def test_a_csv_file_with_a_bom_and_semicolons_is_imported(tree, school_client):
    rows = dmy_rows(clean_rows())
    response = school_client.post(url("member_import", tree.school.pk), {"file": csv_upload(rows)})
    assert response.status_code == 200
    assert preview(response) == {2: [], 3: [], 4: []}
    response = school_client.post(
        url("member_import", tree.school.pk), {"token": token_of(response)}
    )
    assert response.status_code == 302
    assert set(Member.objects.values_list("full_name", flat=True)) == CLEAN_NAMES
    assert Member.objects.get(full_name="Lường Văn Ngọc").date_of_birth == date(1988, 7, 9)


def test_a_csv_file_with_commas_is_imported_too(tree, school_client):
    rows = dmy_rows(clean_rows())
    response = school_client.post(
        url("member_import", tree.school.pk),
        {"file": csv_upload(rows, encoding="utf-8", delimiter=",")},
    )
    assert response.status_code == 200
    assert preview(response) == {2: [], 3: [], 4: []}


def test_a_csv_file_not_in_utf8_gets_a_message(tree, school_client):
    rows = [
        ["Nguyen Van An", "Nam", "01/01/1990", "011090300001", "", "", "", dmy(last_year()), ""]
    ]
    upload = SimpleUploadedFile(
        "danh-sach.csv",
        (";".join(HEADINGS) + "\r\n" + ";".join(rows[0])).encode("utf-16"),
        content_type="text/csv",
    )
    response = school_client.post(url("member_import", tree.school.pk), {"file": upload})
    assert response.status_code == 400
    assert file_error(response) == [
        vi("Save the CSV file as UTF-8 so that Vietnamese letters survive.")
    ]
    assert not Member.objects.exists()


def test_a_pdf_renamed_xlsx_gets_a_clear_message(tree, school_client, settings):
    upload = SimpleUploadedFile("danh-sach.xlsx", pdf_bytes(), content_type=spreadsheets.XLSX)
    school_client.raise_request_exception = False
    response = school_client.post(url("member_import", tree.school.pk), {"file": upload})
    assert response.status_code == 400
    assert file_error(response) == [vi("The file is not an Excel workbook (.xlsx).")]
    assert not Member.objects.exists()
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []


def test_a_word_file_renamed_xlsx_gets_a_clear_message(tree, school_client, settings):
    upload = SimpleUploadedFile("danh-sach.xlsx", docx_bytes(), content_type=spreadsheets.XLSX)
    response = school_client.post(url("member_import", tree.school.pk), {"file": upload})
    assert response.status_code == 400
    assert file_error(response) == [vi("The file is not an Excel workbook (.xlsx).")]
    assert files_under(settings.PROTECTED_MEDIA_ROOT) == []


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("danh-sach.pdf", pdf_bytes(), content_type="application/pdf"),
            "Upload the filled-in template as .xlsx or .csv.",
        ),
        (
            SimpleUploadedFile("danh-sach.csv", b"", content_type="text/csv"),
            "The submitted file is empty.",
        ),
        (
            SimpleUploadedFile("danh-sach.csv", "Họ và tên;Giới tính\r\n".encode(), "text/csv"),
            None,  # the columns the template has are missing
        ),
        (
            SimpleUploadedFile(
                "danh-sach.csv", (";".join(HEADINGS) + "\r\n").encode(), content_type="text/csv"
            ),
            "The file has no member rows under the headings.",
        ),
    ],
    ids=["pdf", "empty", "columns", "no-rows"],
)
def test_a_file_that_is_not_a_member_list_gets_a_message(tree, school_client, upload, message):
    response = school_client.post(url("member_import", tree.school.pk), {"file": upload})
    assert response.status_code == 400
    errors = file_error(response)
    assert errors
    if message:
        assert errors == [vi(message)]
    else:
        assert "Ngày kết nạp" in errors[0]
    assert not Member.objects.exists()


def test_an_empty_workbook_gets_a_message(tree, school_client):
    book = Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("trong.xlsx", buffer.getvalue(), content_type=spreadsheets.XLSX)
    response = school_client.post(url("member_import", tree.school.pk), {"file": upload})
    assert response.status_code == 400
    assert file_error(response) == [vi("The file is empty.")]


def test_a_file_too_large_gets_a_message(tree, school_client, monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_BYTES", 1000)
    rows = clean_rows() * 10
    for number, row in enumerate(rows):
        row[3] = f"0110901{number:05d}"
        row[6] = ""
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": csv_upload(dmy_rows(rows))}
    )
    assert response.status_code == 400
    assert file_error(response) == [vi("The file is too large; split it into several files.")]


def test_blank_rows_between_members_are_skipped(tree, school_client):
    rows = clean_rows()
    rows.insert(1, [None] * len(HEADINGS))
    rows.insert(2, [""] * len(HEADINGS))
    response = school_client.post(url("member_import", tree.school.pk), {"file": xlsx_upload(rows)})
    assert response.status_code == 200
    # Spreadsheet row numbers are kept: the officer finds row 5 where Excel shows row 5.
    assert preview(response) == {2: [], 5: [], 6: []}


def test_headings_in_other_case_and_without_accents_are_recognised(tree, school_client):
    headings = [
        "HỌ VÀ TÊN",
        "gioi tinh",
        "Ngày sinh",
        "So dinh danh ca nhan",
        "",
        "",
        "",
        "ngay ket nap",
    ]
    rows = [[row[0], row[1], row[2], row[3], "", "", "", row[7]] for row in clean_rows()]
    response = school_client.post(
        url("member_import", tree.school.pk), {"file": xlsx_upload(rows, headings=headings)}
    )
    assert response.status_code == 200
    assert preview(response) == {2: [], 3: [], 4: []}


def test_a_file_with_too_many_rows_gets_a_message(tree, school_client):
    row = ";".join(["Nguyễn Văn An", "Nam", "", "011090300001", "", "", "", "01/01/2020", ""])
    content = "\r\n".join([";".join(HEADINGS)] + [row] * (spreadsheets.MAX_ROWS + 1)).encode()
    upload = SimpleUploadedFile("danh-sach.csv", content, content_type="text/csv")
    response = school_client.post(url("member_import", tree.school.pk), {"file": upload})
    assert response.status_code == 400
    assert file_error(response) == [
        vi("The file has %(count)d rows; at most %(limit)d can be imported at once.")
        % {"count": spreadsheets.MAX_ROWS + 1, "limit": spreadsheets.MAX_ROWS}
    ]


def test_an_upload_without_a_file_gets_a_message(tree, school_client):
    response = school_client.post(url("member_import", tree.school.pk), {})
    assert response.status_code == 400
    assert file_error(response) == [vi("This field is required.")]


def test_an_upper_level_unit_has_no_import(tree, ward_client):
    assert ward_client.get(url("member_import", tree.ward.pk)).status_code == 404
    response = ward_client.post(
        url("member_import", tree.ward.pk), {"file": xlsx_upload(clean_rows())}
    )
    assert response.status_code == 404
    assert not Member.objects.exists()
    # Nor a link to it on the upper unit's member list.
    listing = ward_client.get(url("members", tree.ward.pk))
    assert url("member_import", tree.ward.pk) not in text_of(listing)


def test_nobody_is_imported_into_a_dissolved_union(tree):
    client = logged_in(make_officer("ca.van.on", tree.commune), address="10.0.3.3")
    response = client.post(
        url("member_import", tree.cooperative.pk), {"file": xlsx_upload(clean_rows())}
    )
    token = token_of(response)
    if token:
        client.post(url("member_import", tree.cooperative.pk), {"token": token})
    assert not Member.objects.filter(unit=tree.cooperative).exists()


# ---------------------------------------------------------------------------------------
# Export


def exported(response) -> list[tuple]:
    book = load_workbook(io.BytesIO(response.content))
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def test_the_export_holds_the_members_of_the_unit_and_below_and_is_logged(
    tree, register, ward_officer, ward_client
):
    response = ward_client.post(url("member_export", tree.ward.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX
    assert response["Cache-Control"] == "private, no-store"
    assert re.match(
        r'attachment; filename="doan-vien-cong-doan-phuong-muong-thanh-\d{8}\.xlsx"',
        response["Content-Disposition"],
    )
    rows = exported(response)
    assert list(rows[0]) == [*HEADINGS, "Công đoàn cơ sở", "Tình trạng"]
    by_name = {row[0]: row for row in rows[1:]}
    # Everyone of the ward's two unions, the one who left too; nobody from elsewhere.
    assert set(by_name) == {
        "Lò Thị Hương",
        "Quàng Văn Ơn",
        "Cà Thị Én",
        "Nguyễn Văn Dũng",
        "Trần Thị Mai",
    }
    huong = by_name["Lò Thị Hương"]
    assert huong[1] == "Nữ"
    assert huong[2] == datetime(1994, 8, 3)  # a date cell, shown dd/mm/yyyy
    assert huong[3] == "011194007890"  # in full
    assert huong[4] == "0915246810"
    assert huong[6] == "ĐB00000001"
    assert huong[9] == tree.school.name
    assert huong[10] == vi("Active")
    assert by_name["Cà Thị Én"][10] == vi("Left the union")
    assert by_name["Trần Thị Mai"][3] == register.mai.national_id

    (log,) = PersonalDataExport.objects.all()
    assert (log.user, log.unit, log.rows) == (ward_officer, tree.ward, 5)
    assert tree.ward.name in log.description


def test_an_export_can_be_imported_elsewhere(tree, register, ward_officer, ward_client):
    """The export is laid out as the template: another federation can read it back."""
    response = ward_client.post(url("member_export", tree.ward.pk))
    rows = spreadsheets.read_rows(SimpleUploadedFile("xuat.xlsx", response.content))
    assert [row.values["full_name"] for row in rows] == [row[0] for row in exported(response)[1:]]
    checked = spreadsheets.check_rows(
        rows, today=date.today(), user=ward_officer, unit=tree.builder
    )
    # Every row is refused only because these people are already in the register.
    assert all(
        vi(
            "%(what)s is already in the register.",
            what=vi("National ID number %(value)s", value=row.cleaned["national_id"]),
        )
        in row.errors
        for row in checked
    )


def test_a_grassroots_export_holds_only_its_members(tree, register, school_client, school_officer):
    rows = exported(school_client.post(url("member_export", tree.school.pk)))
    assert {row[0] for row in rows[1:]} == {"Lò Thị Hương", "Quàng Văn Ơn", "Cà Thị Én"}
    log = PersonalDataExport.objects.get()
    assert (log.user, log.unit, log.rows) == (school_officer, tree.school, 3)


def test_the_admin_export_action_uses_the_same_code_and_is_logged(tree, register, ward_client):
    staff = make_organisation_officer()
    client = logged_in(staff, address="10.0.3.9")
    chosen = Member.objects.filter(unit__in=[tree.school, tree.builder])
    response = client.post(
        reverse("admin:members_member_changelist"),
        {
            "action": "export_to_excel",
            "_selected_action": [str(pk) for pk in chosen.values_list("pk", flat=True)],
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX
    assert "no-store" in response["Cache-Control"]
    admin_rows = exported(response)
    log = PersonalDataExport.objects.get()
    assert (log.user, log.unit, log.rows) == (staff, None, 5)
    assert log.description
    # The same rows as the officer area's export of the ward (which holds the same people).
    officer_rows = exported(ward_client.post(url("member_export", tree.ward.pk)))
    assert admin_rows == officer_rows
    assert PersonalDataExport.objects.count() == 2


def test_the_admin_export_action_and_its_log_are_in_vietnamese(tree, register):
    client = logged_in(make_organisation_officer(), address="10.0.3.10")
    changelist = client.get(reverse("admin:members_member_changelist"))
    assert vi("Export the selected members to Excel") in text_of(changelist)
    client.post(
        reverse("admin:members_member_changelist"),
        {"action": "export_to_excel", "_selected_action": [str(register.huong.pk)]},
    )
    assert PersonalDataExport.objects.get().description == vi(
        "Members selected in the admin (Excel)"
    )


# ---------------------------------------------------------------------------------------
# Odd characters and odd files


def test_a_csv_with_an_overlong_field_gets_a_message(tree, school_client):
    content = (
        ";".join(HEADINGS) + "\r\n" + "A" * 200_000 + ";Nam;;011090300001;;;;01/01/2020;\r\n"
    ).encode()
    school_client.raise_request_exception = False
    response = school_client.post(
        url("member_import", tree.school.pk),
        {"file": SimpleUploadedFile("danh-sach.csv", content, content_type="text/csv")},
    )
    assert response.status_code == 400
    assert file_error(response)
    assert not Member.objects.exists()


def test_a_control_character_in_an_imported_name_is_refused_or_removed(
    tree, register, school_client
):
    content = ";".join(HEADINGS) + "\r\nNguy\x00ễn Văn An;Nam;;011090300001;;;;01/01/2020;\r\n"
    response = school_client.post(
        url("member_import", tree.school.pk),
        {"file": SimpleUploadedFile("danh-sach.csv", content.encode(), content_type="text/csv")},
    )
    token = token_of(response)
    if token:
        school_client.post(url("member_import", tree.school.pk), {"token": token})
    # Checked in Python: SQLite's LIKE stops a pattern at a NUL character.
    assert not any("\x00" in name for name in Member.objects.values_list("full_name", flat=True))
    school_client.raise_request_exception = False
    assert school_client.post(url("member_export", tree.school.pk)).status_code == 200


def test_a_control_character_in_a_typed_name_does_not_break_the_export(
    tree, register, school_client, ward_client
):
    response = school_client.post(
        url("member_add", tree.school.pk),
        {
            "full_name": "Lường Thị\x08 Thu",
            "gender": "female",
            "date_of_birth": "1993-04-18",
            "national_id": "011193004567",
            "admitted_on": this_year_start().isoformat(),
            "position": "Tổ\x07trưởng",
        },
    )
    assert response.status_code == 302  # saved, the control characters left out
    school_client.raise_request_exception = False
    ward_client.raise_request_exception = False
    assert school_client.post(url("member_export", tree.school.pk)).status_code == 200
    assert ward_client.post(url("member_export", tree.ward.pk)).status_code == 200


def test_the_service_refuses_rows_with_errors_and_saves_nothing(tree, register):
    """The view checks first; the service that saves refuses a file with errors all the same."""
    good = spreadsheets.Row(number=2, values={}, cleaned={"full_name": "Lò Văn Tú"})
    bad = spreadsheets.Row(number=3, values={}, errors=[vi("The name is missing.")])
    before = Member.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.import_members(unit=tree.school, rows=[good, bad])
    assert refused.value.messages == [
        vi("Correct the rows with errors, then upload the file again.")
    ]
    assert Member.objects.count() == before


def test_an_export_starts_only_from_the_page_s_form_not_from_a_link(tree, register, ward_client):
    """A link another site plants cannot make an officer's browser export personal data."""
    assert ward_client.get(url("member_export", tree.ward.pk)).status_code == 405
    assert not PersonalDataExport.objects.exists()
