"""Document-library test data: classifications, documents with their files, the clerk.

The files themselves (PDF, Word, images, programs) are built in tests/files.py.
"""

from datetime import date, timedelta

from django.utils import timezone

from documents import services
from documents.models import Document, DocumentType, Field, Issuer, Signer
from federation import roles
from tests.factories import make_staff
from tests.files import upload


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
    return make_staff(username, roles.DOCUMENTS_CLERK)
