"""Document-library test data: classifications, documents and real files of each kind.

Files are built in memory with their real structure (a PDF header and trailer, an
Office Open XML package, a compound-file .doc), so that the content checks see what
they would see from a clerk's computer.
"""

import io
import zipfile
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from documents import services
from documents.models import Document, DocumentType, Field, Issuer, Signer
from federation import roles
from tests.factories import make_user


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


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_classifications() -> dict:
    return {
        "directive": DocumentType.objects.create(name="Chỉ thị", abbreviation="CT", order=1),
        "decision": DocumentType.objects.create(name="Quyết định", abbreviation="QĐ", order=2),
        "guidance": DocumentType.objects.create(name="Hướng dẫn", abbreviation="HD", order=3),
        "province": Issuer.objects.create(name="UBND tỉnh", abbreviation="UBND", order=1),
        "national": Issuer.objects.create(
            name="Tổng Liên đoàn Lao động Việt Nam", abbreviation="TLĐ", order=2
        ),
        "federation": Issuer.objects.create(name="LĐLĐ tỉnh", abbreviation="LĐLĐ", order=3),
        "finance": Field.objects.create(name="Tài chính công đoàn", order=1),
        "organisation": Field.objects.create(name="Tổ chức", order=2),
        "chair": Signer.objects.create(name="Lò Văn Mừng", position="Chủ tịch LĐLĐ tỉnh"),
    }


def make_document(
    number: str,
    kinds: dict,
    *,
    summary: str = "Về việc tăng cường công tác thu kinh phí công đoàn",
    type: str = "directive",
    issuer: str = "province",
    fields: tuple[str, ...] = ("finance",),
    issued_on: date | None = None,
    files: tuple = (),
    **extra,
) -> Document:
    """A document saved through the service, as the admin saves it, with its files."""
    document = Document(
        number=number,
        summary=summary,
        type=kinds[type],
        issuer=kinds[issuer],
        issued_on=issued_on or timezone.localdate() - timedelta(days=30),
        **extra,
    )
    services.save_document(document=document, user=None)
    document.fields.set([kinds[name] for name in fields])
    for order, (name, content) in enumerate(files):
        services.attach_file(document=document, upload=upload(name, content), order=order)
    return document


def make_clerk(username: str = "vu.thi.lan"):
    """A documents clerk ("Văn thư văn bản"), with exactly the permissions of the role."""
    user = make_user(username)
    user.groups.add(Group.objects.get(name=roles.DOCUMENTS_CLERK))
    return user
