"""The delegate pages of the officer area: the list with its composition, the import
(every row previewed, nothing saved until the whole file is clean and confirmed, the
spreadsheet guards of the member import), the export, and who may use them."""

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from congress.models import Congress, Delegate
from congress.services import delegates as service
from tests.congress.factories_delegates import (
    HEADINGS,
    delegate_rows,
    make_cap,
    make_congress,
    make_known_list,
    make_secretary,
    xlsx_upload,
)
from tests.factories import make_editor
from tests.files import ATTACK, million_cells_in_one_row, workbook_with_sheet
from tests.helpers import files_under, logged_in, messages_of, shows, text_of, vi
from tests.members.factories import make_officer, make_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def congress(tree):
    """The ward's third congress, held on 10/10/2023."""
    return make_congress(tree.ward, ordinal=3)


@pytest.fixture
def ward(tree):
    return logged_in(make_officer("lo.thi.huong", tree.ward), address="10.0.1.2")


def url(name: str, congress: Congress) -> str:
    return reverse(f"congress:{name}", args=[congress.pk])


def preview(response) -> dict[int, list[str]]:
    """Row number → its errors, as the preview table shows them."""
    rows = {}
    for number, cell in re.findall(
        r'<td class="num">(\d+)</td>\s*<th scope="row">.*?</th>.*?'
        r'<td>(✓|<ul class="row-errors">.*?</ul>)</td>\s*</tr>',
        text_of(response),
        re.S,
    ):
        rows[int(number)] = re.findall(r"<li>(.*?)</li>", cell)
    return rows


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', text_of(response)).group(1)


def pending_files(settings) -> list:
    return files_under(settings.PROTECTED_MEDIA_ROOT)


# ---------------------------------------------------------------------------------------
# The import


def test_a_file_with_errors_is_previewed_row_by_row_and_nothing_is_saved(ward, congress, settings):
    rows = delegate_rows(3)
    rows[0][4] = "Không rõ"  # gender
    rows[2][6] = "năm 85"  # year of birth
    rows[2][9] = "Khách mời"  # kind
    response = ward.post(url("delegate_import", congress), {"file": xlsx_upload(rows)})
    assert response.status_code == 400
    errors = preview(response)
    assert list(errors) == [2, 3, 4]  # every row is shown, the clean one too
    assert errors[2] == [vi("Unknown gender “%(value)s”: write Nam or Nữ.", value="Không rõ")]
    assert errors[3] == []
    assert len(errors[4]) == 2
    assert "năm 85" in errors[4][0]
    assert 'name="token"' not in text_of(response)  # nothing to confirm
    assert not Delegate.objects.exists()
    assert pending_files(settings) == []


def test_a_clean_file_is_saved_only_when_confirmed(ward, congress, tree):
    rows = delegate_rows(3)
    rows[1][2] = "CĐCS Trường THPT Phan Đình Giót"  # not the unit's name: kept as written
    rows[2][2] = "Công đoàn cơ sở Trường THPT Phan Đình Giót"
    response = ward.post(url("delegate_import", congress), {"file": xlsx_upload(rows)})
    assert response.status_code == 200
    assert preview(response) == {2: [], 3: [], 4: []}
    assert not Delegate.objects.exists()
    confirmed = ward.post(url("delegate_import", congress), {"token": token_of(response)})
    assert confirmed.status_code == 302
    saved = {d.number: d for d in Delegate.objects.filter(congress=congress)}
    assert len(saved) == 3
    assert saved[1].unit == tree.ward
    assert (saved[2].unit, saved[2].unit_name) == (None, "CĐCS Trường THPT Phan Đình Giót")
    assert (saved[3].unit, saved[3].sector) == (tree.school, "public")
    assert {d.credentials for d in saved.values()} == {Delegate.Credentials.PENDING}
    # The same file again: every row is already on the list.
    again = ward.post(url("delegate_import", congress), {"file": xlsx_upload(rows)})
    assert again.status_code == 400
    assert all(errors for errors in preview(again).values())


def test_a_csv_file_is_read_too(ward, congress):
    response = ward.post(url("delegate_import", congress), {"file": csv_upload(delegate_rows(2))})
    assert preview(response) == {2: [], 3: []}
    ward.post(url("delegate_import", congress), {"token": token_of(response)})
    assert Delegate.objects.filter(congress=congress).count() == 2


def test_a_confirmation_that_waited_too_long_saves_nothing(ward, congress, settings):
    response = ward.post(url("delegate_import", congress), {"file": xlsx_upload(delegate_rows(2))})
    token = token_of(response)
    assert len(pending_files(settings)) == 1
    later = timezone.now() + timedelta(seconds=settings.MEMBER_IMPORT_MAX_AGE + 60)
    with time_machine.travel(later):
        expired = ward.post(url("delegate_import", congress), {"token": token}, follow=True)
    assert vi("The checked file waited too long for its confirmation; upload it again.") in (
        messages_of(expired)
    )
    assert not Delegate.objects.exists()
    assert pending_files(settings) == []


def test_a_token_for_another_congress_is_refused(ward, congress, tree):
    other = make_congress(tree.ward, ordinal=4, term_start=2028)
    response = ward.post(url("delegate_import", congress), {"file": xlsx_upload(delegate_rows(2))})
    refused = ward.post(url("delegate_import", other), {"token": token_of(response)}, follow=True)
    assert vi("The checked file has expired; upload it again.") in messages_of(refused)
    assert not Delegate.objects.exists()


def test_a_hostile_workbook_is_refused_before_it_is_parsed(ward, congress, settings):
    bomb = SimpleUploadedFile("danh-sach.xlsx", workbook_with_sheet(million_cells_in_one_row))
    response = ward.post(url("delegate_import", congress), {"file": bomb})
    assert response.status_code == 400
    assert shows(
        response,
        vi(
            "The workbook is packed in an unusual way and is not read; open it in Excel, "
            "copy the members into the template and upload that."
        ),
    )
    assert not Delegate.objects.exists()
    assert pending_files(settings) == []


def three_hundred_cells(stream):
    stream.write(b'<row r="1">')
    for column in range(300):
        stream.write(f'<c t="inlineStr"><is><t>cột {column}</t></is></c>'.encode())
    stream.write(b"</row>")


def test_a_row_wider_than_the_guard_is_refused(ward, congress):
    wide = SimpleUploadedFile("danh-sach.xlsx", workbook_with_sheet(three_hundred_cells))
    response = ward.post(url("delegate_import", congress), {"file": wide})
    assert response.status_code == 400
    message = vi(
        "Row %(row)d has more than %(limit)d cells; keep only the template's columns.",
        row=1,
        limit=256,
    )
    assert shows(response, message)
    assert not Delegate.objects.exists()


def test_an_oversized_file_is_refused(ward, congress):
    big = SimpleUploadedFile("danh-sach.csv", b"STT;H\n" + b"x" * (service.MAX_BYTES + 1))
    response = ward.post(url("delegate_import", congress), {"file": big})
    assert response.status_code == 400
    assert vi("The file is too large; split it into several files.") in text_of(response)


def test_a_file_that_is_not_a_workbook_is_refused(ward, congress):
    fake = SimpleUploadedFile("danh-sach.xlsx", b"PK\x03\x04 not really a workbook")
    response = ward.post(url("delegate_import", congress), {"file": fake})
    assert response.status_code == 400
    assert vi("The file is not an Excel workbook (.xlsx).") in text_of(response)


def test_an_import_above_the_cap_needs_a_reason(ward, congress, tree):
    make_cap(tree.ward.kind, 3, rule="Hướng dẫn 65/HD-TLĐ, mục 2.4")
    response = ward.post(url("delegate_import", congress), {"file": xlsx_upload(delegate_rows(4))})
    assert response.status_code == 200
    assert "Hướng dẫn 65/HD-TLĐ, mục 2.4: tối đa 3 đại biểu" in text_of(response)
    token = token_of(response)
    refused = ward.post(url("delegate_import", congress), {"token": token, "cap_reason": ""})
    assert refused.status_code == 400
    assert "Hãy ghi lý do vượt số đại biểu tối đa trước khi lưu." in text_of(refused)
    assert not Delegate.objects.exists()
    reason = "Đại hội quyết định mời thêm đại biểu khối doanh nghiệp ngoài nhà nước."
    saved = ward.post(url("delegate_import", congress), {"token": token, "cap_reason": reason})
    assert saved.status_code == 302
    assert Delegate.objects.count() == 4
    congress.refresh_from_db()
    assert congress.delegate_cap_reason == reason


# ---------------------------------------------------------------------------------------
# The export and the list


def csv_upload(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([HEADINGS, *rows])
    return SimpleUploadedFile("dai-bieu.csv", buffer.getvalue().encode("utf-8-sig"))


def test_the_export_writes_what_was_typed_as_text(ward, congress):
    rows = delegate_rows(2)
    rows[0][3] = ATTACK  # the position is free text
    rows[1][2] = "=1+1"  # a unit not in the tree, kept as written
    response = ward.post(url("delegate_import", congress), {"file": csv_upload(rows)})
    ward.post(url("delegate_import", congress), {"token": token_of(response)})
    Delegate.objects.filter(number=2).update(full_name="@SUM(A1:A9)")  # typed before checks
    export = ward.get(url("delegate_export", congress))
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.content))
    assert book.sheetnames == ["Đại biểu", "Cơ cấu"]
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert {ATTACK, "=1+1", "@SUM(A1:A9)"} <= texts


def test_the_template_is_a_workbook_with_the_headings(ward):
    response = ward.get(reverse("congress:delegate_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in book.active[1]] == HEADINGS


def test_the_list_shows_the_composition(ward, congress):
    make_known_list(congress)
    response = ward.get(url("delegates", congress))
    assert response.status_code == 200
    page = text_of(response)
    assert vi("Composition of the delegates") in page
    assert '<td class="num">57,14 %</td>' in page
    assert "Vũ Văn Khánh" not in page  # the guest


def queries_of(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)


def test_the_list_answers_in_a_fixed_number_of_queries(ward, congress):
    make_known_list(congress)
    ward.get(url("delegates", congress))
    few = queries_of(ward, url("delegates", congress))
    response = ward.post(url("delegate_import", congress), {"file": xlsx_upload(delegate_rows(60))})
    ward.post(url("delegate_import", congress), {"token": token_of(response)})
    assert queries_of(ward, url("delegates", congress)) == few <= 14


# ---------------------------------------------------------------------------------------
# Who


def test_another_branch_gets_a_404(tree, congress):
    commune = logged_in(make_officer("ca.van.on", tree.commune), address="10.0.1.3")
    for name in ("delegates", "delegate_import", "delegate_export"):
        assert commune.get(url(name, congress)).status_code == 404, name
    response = commune.post(
        url("delegate_import", congress), {"file": xlsx_upload(delegate_rows(1))}
    )
    assert response.status_code == 404
    assert not Delegate.objects.exists()


def test_an_officer_below_the_congress_unit_gets_a_404(tree, congress):
    school = logged_in(make_officer("lo.van.thang", tree.school), address="10.0.1.4")
    assert school.get(url("delegates", congress)).status_code == 404


def test_the_province_and_the_congress_secretary_may_import(tree, congress):
    province = logged_in(make_officer("nguyen.duc.anh", tree.province), address="10.0.1.5")
    assert province.get(url("delegate_import", congress)).status_code == 200
    secretary = logged_in(make_secretary(), address="10.0.1.6")
    assert secretary.get(url("delegate_import", congress)).status_code == 200
    assert secretary.get(url("delegates", congress)).status_code == 200


def test_staff_without_the_right_may_not(congress):
    editor = logged_in(make_editor(), address="10.0.1.7")
    assert editor.get(url("delegates", congress)).status_code in (403, 404)
    assert editor.get(url("delegate_export", congress)).status_code in (403, 404)
