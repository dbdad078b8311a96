"""The demo documents that `seed_demo` loads: real files, every status, the same after a rerun."""

import zipfile
from collections import Counter
from datetime import timedelta
from io import BytesIO, StringIO
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from documents.models import Document, DocumentFile, DocumentType, Field, Issuer, Signer, Status
from documents.seed import seed_documents
from documents.views import PAGE_SIZE
from federation.files import inspect_upload
from federation.models import DemoRecord
from tests.documents.factories import make_document
from tests.factories import browser
from tests.files import pdf_bytes
from tests.helpers import only_demo_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def seed(*args: str) -> str:
    """The whole demo, as `manage.py seed_demo` loads it."""
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def seed_library() -> str:
    """Only the documents step: the other apps' demo content costs seconds per test."""
    out = StringIO()
    seed_documents(out)
    return out.getvalue()


def stored_bytes(document_file: DocumentFile) -> bytes:
    with document_file.file.open("rb") as handle:
        return handle.read()


def counts(protected_root) -> dict:
    return {
        "types": DocumentType.objects.count(),
        "issuers": Issuer.objects.count(),
        "fields": Field.objects.count(),
        "signers": Signer.objects.count(),
        "documents": Document.objects.count(),
        "files": DocumentFile.objects.count(),
        "versions": Document.history.count() + DocumentFile.history.count(),
        "replacements": Document.replaces.through.objects.count(),
        "related": Document.related.through.objects.count(),
        "demo records": DemoRecord.objects.count(),
        "counters": sorted(Document.objects.values_list("number", "views", "downloads")),
        "on disk": sorted(
            str(path.relative_to(protected_root))
            for path in protected_root.rglob("*")
            if path.is_file()
        ),
    }


def test_about_forty_documents_each_with_real_pdf_or_word_files():
    output = seed_library()

    documents = Document.objects.all()
    assert 36 <= documents.count() <= 45
    assert f"{documents.count()} documents ({documents.count()} new;" in output
    # Every kind of document a federation posts, from every level that issues them.
    assert set(Document.objects.values_list("type__abbreviation", flat=True)) >= {
        "CT", "QĐ", "HD", "CV", "NQ", "KH", "TB", "BC",
    }  # fmt: skip
    assert Issuer.objects.count() >= 5
    assert Field.objects.count() == 6
    issued = sorted(documents.values_list("issued_on", flat=True))
    assert issued[0].year == 2019
    assert issued[-1] > timezone.localdate() - timedelta(days=30)

    files = DocumentFile.objects.select_related("document")
    kinds = Counter()
    for document in documents.prefetch_related("files"):
        assert 1 <= document.files.count() <= 2, document.number
        assert document.signer_id, document.number
        assert document.fields.exists(), document.number
    for document_file in files:
        content = stored_bytes(document_file)
        # The files pass the same inspection as a clerk's upload, under their own names.
        inspected = inspect_upload(SimpleUploadedFile(document_file.original_name, content))
        assert inspected.kind.extension == document_file.kind
        assert inspected.checksum == document_file.checksum
        assert inspected.size == document_file.size == len(content)
        assert len(content) < 100_000, document_file.original_name
        kinds[document_file.kind] += 1
        name = document_file.original_name
        assert name.endswith(f".{document_file.kind}")
        assert "/" not in name
        assert not name.isascii(), name  # written in Vietnamese, as a clerk names it
        if document_file.kind == "docx":
            with zipfile.ZipFile(BytesIO(content)) as package:
                text = package.read("word/document.xml").decode()
            assert escape(document_file.document.number) in text
    assert set(kinds) == {"pdf", "docx"}
    assert kinds["pdf"] > kinds["docx"] > 5
    assert files.filter(order=0).count() == documents.count()

    directive = Document.objects.get(number="92/CT-UBND")
    assert directive.type.name == "Chỉ thị"
    assert directive.files.get().original_name == "Chỉ thị 92-CT-UBND về kinh phí công đoàn.pdf"


def test_statuses_links_dates_and_counters_are_believable():
    seed_library()
    today = timezone.localdate()

    statuses = Counter(Document.objects.with_status(today).values_list("status", flat=True))
    assert statuses[Status.IN_FORCE] >= 20
    assert statuses[Status.EXPIRED] >= 3
    assert statuses[Status.REPLACED] >= 3
    assert 1 <= statuses[Status.PENDING] <= 2
    assert Document.objects.filter(is_public=False).count() == 1

    for document in Document.objects.filter(expires_on__isnull=False):
        assert document.expires_on > document.issued_on
    for newer in Document.objects.filter(replaces__isnull=False).distinct():
        for older in newer.replaces.all():
            assert older.issued_on < newer.issued_on, (older.number, newer.number)
            assert older.status_on(today) == Status.REPLACED
    assert Document.related.through.objects.count() >= 10
    linked = Document.objects.get(number="92/CT-UBND")
    assert set(linked.related.values_list("number", flat=True)) >= {"125/HD-LĐLĐ", "86/HD-LĐLĐ"}

    now = timezone.now()
    for document in Document.objects.prefetch_related("files"):
        assert timezone.localtime(document.posted_at).date() > document.issued_on
        assert document.posted_at < now
        if document.effective_on:
            assert document.effective_on >= document.issued_on
        # The document's downloads are those of its files, and fewer than its views.
        assert document.downloads == sum(f.downloads for f in document.files.all())
        if document.is_public:
            assert 0 < document.downloads < document.views, document.number
        else:
            assert document.views == document.downloads == 0


def test_a_second_run_adds_nothing(debug, settings, monkeypatch):
    only_demo_steps(monkeypatch, "federation", "documents")
    seed()
    first = counts(settings.PROTECTED_MEDIA_ROOT)

    output = seed()

    assert counts(settings.PROTECTED_MEDIA_ROOT) == first
    assert f"{first['documents']} documents (0 new;" in output
    assert f"{first['files']} files" in output


def test_the_list_shows_every_public_document_and_its_files_download():
    seed_library()
    visitor = browser()
    pages = []
    total = Document.objects.public().count()
    for number in range(1, (total + PAGE_SIZE - 1) // PAGE_SIZE + 1):
        response = visitor.get("/van-ban/", {"page": number})
        assert response.status_code == 200
        pages.append(response.content.decode())
    listing = "".join(pages)

    for document in Document.objects.all():
        link = f'href="{document.get_absolute_url()}"'
        assert (link in listing) == document.is_public, document.number
    assert listing.count("document-row") == total
    private = Document.objects.get(is_public=False)
    assert visitor.get(private.get_absolute_url()).status_code == 404

    document = Document.objects.get(number="92/CT-UBND")
    page = visitor.get(document.get_absolute_url()).content.decode()
    assert "Đỗ Minh Khoa" in page
    document_file = document.files.get()
    assert f'href="{document_file.get_absolute_url()}"' in page
    response = visitor.get(document_file.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored_bytes(document_file)
    assert quote(document_file.original_name) in response["Content-Disposition"]


def test_a_document_staff_filed_under_the_same_number_is_left_alone(debug):
    province = Issuer.objects.create(name="UBND tỉnh Điện Biên", abbreviation="UBND")
    directive = DocumentType.objects.create(name="Chỉ thị", abbreviation="CT")
    kinds = {"directive": directive, "province": province}
    real = make_document(
        "92/CT-UBND",
        kinds,
        summary="Về việc thực hiện chế độ báo cáo thống kê",
        fields=(),
        files=(("Chỉ thị 92.pdf", pdf_bytes("Chi thi 92 that")),),
    )

    output = seed("--force")

    real.refresh_from_db()
    assert real.summary == "Về việc thực hiện chế độ báo cáo thống kê"
    assert real.files.count() == 1
    assert Document.objects.filter(number="92/CT-UBND").count() == 1
    assert "Skipped the demo document 92/CT-UBND" in output
    # The rest of the demo is there, linked around the document it could not load.
    assert Document.objects.count() > 30
    assert not Document.objects.get(number="125/HD-LĐLĐ").related.filter(pk=real.pk).exists()
    # The classifications staff made are used as they are, not claimed as demo rows.
    assert Issuer.objects.filter(name="UBND tỉnh Điện Biên").count() == 1
    assert not DemoRecord.objects.filter(
        object_id=str(province.pk), content_type__model="issuer"
    ).exists()
