"""The one place that writes and reads spreadsheets (federation/spreadsheets.py).

Written files: whatever a user typed comes out as text, never as a formula, in a workbook
and in a CSV file alike; dates are date cells shown dd/mm/yyyy; sheet titles keep their
Vietnamese letters. Read files: a small file that unpacks to a huge one, or a row with a
million cells, is refused before it is parsed, quickly and in little memory.
"""

import csv
import io
import random
import time
import tracemalloc
import zipfile
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from openpyxl import Workbook, load_workbook

from federation import spreadsheets as sheets
from tests.files import ATTACK, million_cells_in_one_row, workbook_with_sheet
from tests.helpers import vi

TYPED = [
    ATTACK,
    "+84 912 345 678",
    "-1+2",
    "@SUM(1+1)",
    "\tTab",
    "＝1+1",
    "#N/A",
    "Tổ trưởng; =1+1",
    'Nguyễn "Bé" Ba',
]


def written(rows, **kwargs):
    book = sheets.WorkbookWriter()
    sheet = book.sheet("Đoàn viên", **kwargs)
    for row in rows:
        sheet.append(row)
    return load_workbook(io.BytesIO(book.to_bytes()))


# ---------------------------------------------------------------------------------------
# Writing


def test_typed_text_is_written_as_text_never_as_a_formula():
    book = written([[value] for value in TYPED])
    cells = [row[0] for row in book.active.iter_rows()]
    assert [cell.value for cell in cells] == TYPED
    assert [cell.data_type for cell in cells] == ["s"] * len(TYPED)
    # Excel keeps the ones it would otherwise take for a formula as text when edited.
    prefixed = {cell.value for cell in cells if cell.quotePrefix}
    assert prefixed == {ATTACK, "+84 912 345 678", "-1+2", "@SUM(1+1)", "\tTab", "＝1+1"}


def test_dates_are_date_cells_shown_day_first_and_numbers_stay_numbers():
    moment = datetime(2026, 3, 15, 8, 30)
    book = written([[date(1994, 8, 3), moment, 42, None, "", "x"]])
    day, when, number, nothing, empty, _text = next(book.active.iter_rows())
    assert (day.value, day.is_date, day.number_format) == (
        datetime(1994, 8, 3),
        True,
        "dd/mm/yyyy",
    )
    assert (when.value, when.number_format) == (moment, "dd/mm/yyyy hh:mm")
    assert (number.value, number.data_type) == (42, "n")
    assert nothing.value is None
    assert empty.value is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Đoàn viên", "Đoàn viên"),
        ("Thống kê đăng bài", "Thống kê đăng bài"),
        ("Đoàn viên: 01/2026 [nháp]?*", "Đoàn viên- 01-2026 -nháp---"),
        ("Công đoàn cơ sở Trường THPT Phan Đình Giót", "Công đoàn cơ sở Trường THPT Pha"),
        ("'Báo cáo'", "Báo cáo"),
        ("History", "History 1"),
        ("", "Sheet"),
    ],
)
def test_sheet_titles_keep_diacritics_within_excels_rules(title, expected):
    expected = vi(expected) if expected == "Sheet" else expected
    assert sheets.sheet_title(title) == expected
    assert len(expected) <= 31
    book = sheets.WorkbookWriter()
    book.sheet(title).append(["x"])
    assert load_workbook(io.BytesIO(book.to_bytes())).sheetnames == [expected]


def test_two_sheets_with_one_title_get_distinct_titles():
    book = sheets.WorkbookWriter()
    book.sheet("Công đoàn cơ sở Trường THPT Phan Đình Giót")
    book.sheet("Công đoàn cơ sở Trường THPT Phan Đình Giót")
    assert load_workbook(io.BytesIO(book.to_bytes())).sheetnames == [
        "Công đoàn cơ sở Trường THPT Pha",
        "Công đoàn cơ sở Trường THPT (2)",
    ]


def test_a_csv_file_cannot_start_a_formula_in_any_cell():
    content = sheets.csv_bytes(
        [["Họ và tên", "Ngày sinh", "Số"]] + [[v, date(1994, 8, 3), 7] for v in TYPED]
    )
    assert content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Họ và tên", "Ngày sinh", "Số"]
    names = [row[0] for row in rows[1:]]
    # The OWASP rule: a leading = + - @ tab or CR gets an apostrophe, and every field is
    # quoted, so a separator inside a value cannot start a new cell.
    assert names == [
        "'" + ATTACK,
        "'+84 912 345 678",
        "'-1+2",
        "'@SUM(1+1)",
        "'\tTab",
        "'＝1+1",
        "#N/A",
        "Tổ trưởng; =1+1",
        'Nguyễn "Bé" Ba',
    ]
    assert all(row[1:] == ["03/08/1994", "7"] for row in rows[1:])
    assert all(line.startswith('"') for line in text.split("\r\n") if line)


# ---------------------------------------------------------------------------------------
# Reading: hostile files are refused before they are parsed

LIMITS = sheets.Limits(max_rows=10_002, max_columns=32)


def measured(read):
    """(error, seconds, peak bytes) of reading a hostile file."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ValidationError) as refused:
            read()
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return refused.value, seconds, peak


def test_a_tiny_workbook_with_a_million_cell_row_is_refused_at_once():
    content = workbook_with_sheet(million_cells_in_one_row)
    assert len(content) < 100_000  # tens of kilobytes on the wire
    upload = SimpleUploadedFile("danh-sach.xlsx", content)
    error, seconds, peak = measured(lambda: sheets.xlsx_table(upload, LIMITS))
    assert error.messages == [
        vi(
            "The workbook is packed in an unusual way and is not read; open it in Excel, "
            "copy the members into the template and upload that."
        )
    ]
    assert seconds < 2
    assert peak < 5 * 1024 * 1024


def test_a_wide_row_that_is_not_packed_tightly_is_refused_at_its_257th_cell():
    numbers = random.Random(7)

    def wide_row(stream):
        stream.write(b'<row r="2">')
        for _cell in range(60_000):
            stream.write(b"<c><v>%d</v></c>" % numbers.randrange(10**9))
        stream.write(b"</row>")

    content = workbook_with_sheet(wide_row)
    upload = SimpleUploadedFile("danh-sach.xlsx", content)
    error, seconds, peak = measured(lambda: sheets.xlsx_table(upload, LIMITS))
    assert error.messages == [
        vi(
            "Row %(row)d has more than %(limit)d cells; keep only the template's columns.",
            row=2,
            limit=256,
        )
    ]
    assert seconds < 2
    assert peak < 5 * 1024 * 1024


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused():
    def many_rows(stream):
        for number in range(1, 3001):
            stream.write(
                b'<row r="%d"><c t="inlineStr"><is><t>%d</t></is></c></row>'
                % (number, number * 7919)
            )

    upload = SimpleUploadedFile("danh-sach.xlsx", workbook_with_sheet(many_rows))
    small = sheets.Limits(max_rows=10_002, max_columns=32, max_unpacked_bytes=100_000)
    with pytest.raises(ValidationError) as refused:
        sheets.xlsx_table(upload, small)
    assert refused.value.messages == [
        vi(
            "The workbook unpacks to more than %(limit)s; split it into several files "
            "or save it again from the template.",
            limit=filesizeformat(100_000),
        )
    ]
    # Within the limit, the same file is read, and only as many rows as asked for.
    table = sheets.xlsx_table(upload, sheets.Limits(max_rows=50, max_columns=32))
    assert len(table) == 50
    assert table[0][0] == "7919"
    assert table[49][0] == str(50 * 7919)


def test_a_workbook_with_a_dtd_is_refused():
    def with_entity(stream):
        stream.write(b'<row r="2"><c t="inlineStr"><is><t>x</t></is></c></row>')

    content = workbook_with_sheet(with_entity)
    # Put a DOCTYPE in front of the shared part every workbook has.
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(
                    b"<workbook", b'<!DOCTYPE workbook [<!ENTITY a "aaaa">]><workbook', 1
                )
            target.writestr(info, data)
    with pytest.raises(ValidationError) as refused:
        sheets.xlsx_table(SimpleUploadedFile("x.xlsx", out.getvalue()), LIMITS)
    assert refused.value.messages == [vi("The file is not an Excel workbook (.xlsx).")]


def test_a_csv_row_of_a_million_fields_is_refused_at_once():
    content = ("Họ và tên;Giới tính\r\n" + ";" * 1_000_000 + "\r\n").encode()
    upload = SimpleUploadedFile("danh-sach.csv", content)
    error, seconds, peak = measured(lambda: sheets.csv_table(upload, LIMITS))
    assert error.messages == [
        vi(
            "Row %(row)d is longer than %(limit)d characters; save the file again from "
            "the template.",
            row=2,
            limit=sheets.MAX_ROW_CHARS,
        )
    ]
    assert seconds < 2
    assert peak < 15 * 1024 * 1024  # the file itself is in memory, nothing grows from it


def test_a_csv_file_of_millions_of_empty_lines_is_read_only_as_far_as_needed():
    upload = SimpleUploadedFile("danh-sach.csv", b"\r\n" * 4_000_000)
    tracemalloc.start()
    try:
        table = sheets.csv_table(upload, LIMITS)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(table) == LIMITS.max_rows
    assert peak < 30 * 1024 * 1024


def test_a_wide_but_short_csv_row_is_refused():
    content = ("Họ và tên\r\n" + ",".join(["x"] * 300) + "\r\n").encode()
    with pytest.raises(ValidationError) as refused:
        sheets.csv_table(SimpleUploadedFile("danh-sach.csv", content), LIMITS)
    assert refused.value.messages == [
        vi(
            "Row %(row)d has more than %(limit)d cells; keep only the template's columns.",
            row=2,
            limit=256,
        )
    ]


def test_a_workbook_with_more_shared_strings_than_cells_to_read_is_refused():
    book = Workbook()
    book.active.append(["Họ và tên"])
    buffer = io.BytesIO()
    book.save(buffer)
    numbers = random.Random(3)
    strings = "".join(f"<si><t>{numbers.randrange(10**12):x}</t></si>" for _n in range(1200))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in zipfile.ZipFile(buffer).infolist():
            target.writestr(info, zipfile.ZipFile(buffer).read(info))
        target.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{strings}</sst>",
        )
    content = out.getvalue()
    small = sheets.Limits(max_rows=10, max_columns=2)  # room for 1,040 strings
    with pytest.raises(ValidationError) as refused:
        sheets.xlsx_table(SimpleUploadedFile("x.xlsx", content), small)
    assert refused.value.messages == [
        vi(
            "The workbook is packed in an unusual way and is not read; open it in Excel, "
            "copy the members into the template and upload that."
        )
    ]
    (heading,) = sheets.xlsx_table(SimpleUploadedFile("x.xlsx", content), LIMITS)
    assert heading[0] == "Họ và tên"


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_a_csv_file_is_read_whatever_its_line_endings(newline):
    two_lines = f"Cà Thị{newline}Én"  # a name on two lines, quoted
    text = newline.join(["Họ và tên;Giới tính", "Lò Văn Pánh;Nam", f'"{two_lines}";Nữ', ""])
    table = sheets.csv_table(SimpleUploadedFile("x.csv", text.encode("utf-8-sig")), LIMITS)
    assert table == [["Họ và tên", "Giới tính"], ["Lò Văn Pánh", "Nam"], [two_lines, "Nữ"]]
