"""Spreadsheets in and out of the portal: the one place that writes and reads them.

Writing (`WorkbookWriter`, `csv_bytes`): every string is written as text, never as a
formula, whoever typed it. In a workbook the cell type is forced to a string (openpyxl
would otherwise store "=HYPERLINK(…)" as a live formula, and "#N/A" as an error) and
a value that Excel would read as a formula when edited gets the quote prefix. In a CSV
file, which Excel evaluates on opening, a value that begins with = + - @, a tab or a
carriage return is prefixed with an apostrophe (the OWASP rule) and every field is
quoted. Dates are real date cells shown dd/mm/yyyy; sheet titles keep their diacritics
within Excel's rules.

Reading (`xlsx_table`, `csv_table`): a small .xlsx can unpack to gigabytes, and a
single row can hold millions of cells. Before openpyxl parses anything, the archive's
parts are measured (unpacked size, compression ratio) and streamed through expat to
bound the cells of every row and the shared strings; a CSV file is read row by row with
the length and width of each row bounded. A refused file gets a Vietnamese message.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from federation.text import fold, plain_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"

# What Excel (and LibreOffice) take as the start of a formula (OWASP "CSV injection"),
# with the full-width forms an East Asian input method types.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
SHEET_TITLE_CHARS = 31  # Excel's limit for a sheet title
_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))

# Reading limits. A member list of 10,000 rows unpacks to about 5 MB.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # all XML parts of a workbook together
MAX_PARTS = 500
MAX_RATIO = 100  # unpacked / packed, as Apache POI allows …
RATIO_GRACE_BYTES = 100 * 1024  # … for parts larger than this
MAX_CELLS_PER_ROW = 256  # cells a row may hold at all (only `max_columns` are read)
MAX_ROW_CHARS = 16_384  # characters one CSV row may take
_CHUNK = 64 * 1024


# ---------------------------------------------------------------------------------------
# Writing


def sheet_title(text: str, taken=()) -> str:
    """A title Excel accepts, diacritics kept: no []:*?/\\, 31 characters, not "History"."""
    title = str(text).translate(_TITLE_FORBIDDEN)
    title = ILLEGAL_CHARACTERS_RE.sub("", " ".join(title.split())).strip("'")
    title = title[:SHEET_TITLE_CHARS].strip() or _("Sheet")
    if title.casefold() == "history":  # reserved by Excel
        title = f"{title} 1"
    used = {name.casefold() for name in taken}
    base, number = title, 2
    while title.casefold() in used:
        suffix = f" ({number})"
        title = base[: SHEET_TITLE_CHARS - len(suffix)].rstrip() + suffix
        number += 1
    return title


def cell_text(value) -> str:
    """Any value as the text a cell may hold: illegal characters dropped, Excel's length."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_CHARS]


def _local(moment: datetime) -> datetime:
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None)


class Sheet:
    """One sheet of a `WorkbookWriter`: rows are appended, each value typed by its kind."""

    def __init__(self, worksheet):
        self._sheet = worksheet
        self.rows = 0

    def widths(self, widths) -> None:
        """Column widths in characters; call before the first row."""
        for column, width in enumerate(widths, start=1):
            self._sheet.column_dimensions[get_column_letter(column)].width = width

    def append(self, values=(), *, bold: bool = False, size: int | None = None) -> None:
        font = Font(bold=bold, size=size) if (bold or size) else None
        self._sheet.append([self._cell(value, font) for value in values])
        self.rows += 1

    def _cell(self, value, font):
        if value is None or value == "":
            cell = WriteOnlyCell(self._sheet, value=None)
        elif isinstance(value, int | float | Decimal):
            cell = WriteOnlyCell(self._sheet, value=value)
        elif isinstance(value, datetime):
            cell = WriteOnlyCell(self._sheet, value=_local(value))
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, date):
            cell = WriteOnlyCell(self._sheet, value=value)
            cell.number_format = DATE_FORMAT
        else:
            text = cell_text(value)
            cell = WriteOnlyCell(self._sheet, value=text)
            # openpyxl makes "=…" a formula and "#N/A" an error: a typed value is text.
            cell.data_type = "s"
            if text.startswith(FORMULA_TRIGGERS):
                cell.quotePrefix = True  # Excel keeps it text when the cell is edited
        if font is not None:
            cell.font = font
        return cell


class WorkbookWriter:
    """An .xlsx file built row by row (openpyxl's write-only mode: memory stays small)."""

    def __init__(self):
        self._book = Workbook(write_only=True)
        self._titles: list[str] = []

    def sheet(self, title: str, *, widths=()) -> Sheet:
        title = sheet_title(title, self._titles)
        self._titles.append(title)
        sheet = Sheet(self._book.create_sheet(title))
        sheet.widths(widths)
        return sheet

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self._book.save(buffer)
        return buffer.getvalue()


def csv_value(value) -> str:
    """One CSV field: dates dd/mm/yyyy, and text Excel cannot take for a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return f"{_local(value):%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    text = cell_text(value)
    if text.startswith(FORMULA_TRIGGERS):
        text = "'" + text
    return text


def csv_bytes(rows, *, delimiter: str = ",") -> bytes:
    """A CSV file Excel opens with the Vietnamese letters intact (UTF-8 with a BOM).

    Every field is quoted, so a separator or quote inside a value cannot start a new cell.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# ---------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class Limits:
    max_rows: int  # rows read (the rest of the sheet is not parsed)
    max_columns: int  # columns read (cells further right are ignored)
    max_cells_per_row: int = MAX_CELLS_PER_ROW
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES
    max_row_chars: int = MAX_ROW_CHARS

    @property
    def max_strings(self) -> int:
        return 2 * self.max_rows * self.max_columns + 1000


class _Refused(Exception):
    def __init__(self, error: ValidationError):
        self.error = error


def _not_a_workbook() -> ValidationError:
    return ValidationError(_("The file is not an Excel workbook (.xlsx)."))


def xlsx_table(upload, limits: Limits) -> list[list]:
    """The first sheet's rows, as values, once the archive has been found safe to parse."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_archive(archive, limits)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as error:
        raise _not_a_workbook() from error
    upload.seek(0)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [
                list(row)
                for row in sheet.iter_rows(
                    values_only=True, max_row=limits.max_rows, max_col=limits.max_columns
                )
            ]
        finally:
            book.close()
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        OSError,
        EOFError,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        SyntaxError,  # xml.etree's ParseError
    ) as error:
        raise _not_a_workbook() from error


def _check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise _packed_oddly()
    xml_parts = [part for part in parts if part.filename.lower().endswith((".xml", ".rels"))]
    unpacked = sum(part.file_size for part in xml_parts)
    if unpacked > limits.max_unpacked_bytes:
        raise ValidationError(
            _(
                "The workbook unpacks to more than %(limit)s; split it into several files "
                "or save it again from the template."
            )
            % {"limit": filesizeformat(limits.max_unpacked_bytes)}
        )
    for part in parts:
        if part.file_size > RATIO_GRACE_BYTES and part.file_size > MAX_RATIO * max(
            part.compress_size, 1
        ):
            raise _packed_oddly()
    try:
        for part in xml_parts:
            _scan_part(archive, part, limits)
    except _Refused as refused:
        raise refused.error from None
    except expat.ExpatError as error:
        raise _not_a_workbook() from error


def _packed_oddly() -> ValidationError:
    return ValidationError(
        _(
            "The workbook is packed in an unusual way and is not read; open it in Excel, "
            "copy the members into the template and upload that."
        )
    )


class _Done(Exception):
    """Enough of a part has been seen."""


def _scan_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo, limits: Limits) -> None:
    """Stream one XML part through expat: no DTD, bounded cells per row and shared strings.

    Rows past `max_rows` are not looked at, as openpyxl will not parse them either.
    """
    state = {"rows": 0, "number": 0, "cells": 0, "strings": 0}

    def refuse_dtd(*args):
        raise _Refused(_not_a_workbook())

    def start(name, attributes):
        local = name.rpartition(":")[2]
        if local == "c":
            state["cells"] += 1
            if state["cells"] > limits.max_cells_per_row:
                raise _Refused(
                    ValidationError(
                        _(
                            "Row %(row)d has more than %(limit)d cells; keep only the "
                            "template's columns."
                        )
                        % {"row": state["number"], "limit": limits.max_cells_per_row}
                    )
                )
        elif local == "row":
            state["rows"] += 1
            state["cells"] = 0
            state["number"] = int(attributes.get("r", 0) or 0) or state["rows"]
            if state["rows"] > limits.max_rows:
                raise _Done
        elif local == "si":
            state["strings"] += 1
            if state["strings"] > limits.max_strings:
                raise _Refused(_packed_oddly())

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.StartElementHandler = start
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Done:
        return


def _lines(text: str):
    """The lines of `text` with their endings, one at a time (no copy of the whole text)."""
    end = "\n" if "\n" in text or "\r" not in text else "\r"  # "\r" alone: old Mac files
    start = 0
    while start < len(text):
        stop = text.find(end, start)
        stop = len(text) if stop == -1 else stop + 1
        yield text[start:stop]
        start = stop


def csv_table(upload, limits: Limits) -> list[list]:
    """The rows of a UTF-8 CSV file (comma, semicolon or tab), each row's size bounded."""
    upload.seek(0)
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("Save the CSV file as UTF-8 so that Vietnamese letters survive.")
        ) from error
    del raw
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column, or nothing to tell by: plain commas
    consumed = [0]

    def lines():
        for line in _lines(text):
            consumed[0] += len(line)
            if consumed[0] > limits.max_row_chars:
                raise _Refused(
                    ValidationError(
                        _(
                            "Row %(row)d is longer than %(limit)d characters; save the file "
                            "again from the template."
                        )
                        % {"row": len(table) + 1, "limit": limits.max_row_chars}
                    )
                )
            yield line

    table: list[list] = []
    try:
        for row in csv.reader(lines(), dialect):
            consumed[0] = 0
            if len(row) > limits.max_cells_per_row:
                raise _Refused(
                    ValidationError(
                        _(
                            "Row %(row)d has more than %(limit)d cells; keep only the "
                            "template's columns."
                        )
                        % {"row": len(table) + 1, "limit": limits.max_cells_per_row}
                    )
                )
            table.append(row[: limits.max_columns])
            if len(table) >= limits.max_rows:
                break
    except _Refused as refused:
        raise refused.error from None
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file cannot be read (%(problem)s); save it again from the template.")
            % {"problem": error}
        ) from error
    return table


def read_text(value) -> str:
    """A cell read from an import as plain text: empty for nothing, "12" for 12.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return plain_text(str(value))


def filled_template_rows(
    upload,
    *,
    columns,
    required,
    max_rows: int,
    max_columns: int,
    max_bytes: int,
    no_rows_message: str,
) -> list[tuple[int, dict]]:
    """The filled rows of an uploaded .xlsx or .csv template, or a ValidationError why not.

    `columns` are the template's (key, heading) pairs; a heading is recognised without
    diacritics or case, or by its key. Each row comes as (its number as the spreadsheet
    shows it, the heading row being 1; {key: cell}); blank rows are skipped. Rows past
    `max_rows` are not read: one more than allowed is enough to say so.
    """
    name = (getattr(upload, "name", "") or "").lower()
    if upload.size > max_bytes:
        raise ValidationError(_("The file is too large; split it into several files."))
    limits = Limits(max_rows=max_rows + 2, max_columns=max_columns)
    if name.endswith(".xlsx"):
        table = xlsx_table(upload, limits)
    elif name.endswith(".csv"):
        table = csv_table(upload, limits)
    else:
        raise ValidationError(_("Upload the filled-in template as .xlsx or .csv."))
    if not table:
        raise ValidationError(_("The file is empty."))
    known = {fold(heading): key for key, heading in columns} | {key: key for key, _h in columns}
    keys = [known.get(fold(str(cell or ""))) for cell in table[0]]
    missing = [heading for key, heading in columns if key in required and key not in keys]
    if missing:
        raise ValidationError(
            _("The file lacks the columns %(columns)s: start from the template.")
            % {"columns": ", ".join(f"“{heading}”" for heading in missing)}
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {key: cell for key, cell in zip(keys, cells, strict=False) if key}
        if any(value not in (None, "") for value in values.values()):
            rows.append((number, values))
    if len(rows) > max_rows:
        raise ValidationError(
            _("The file has %(count)d rows; at most %(limit)d can be imported at once.")
            % {"count": len(rows), "limit": max_rows}
        )
    if not rows:
        raise ValidationError(no_rows_message)
    return rows
