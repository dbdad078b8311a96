"""Attached files: checked by content, named by us, refused with a Vietnamese message.

Every bad file is tried twice: through documents.services.attach_file (what the admin
and the seed loader rely on) and through the admin's add form with the file inline,
posted as a real multipart request, so that a crafted file name reaches Django's parser
exactly as a browser (or an attacker) would send it.
"""

import hashlib
import html
import os
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation

from documents import services
from documents.models import Document, DocumentFile
from tests.documents.factories import make_classifications, make_clerk, make_document
from tests.files import (
    docx_bytes,
    executable_bytes,
    html_bytes,
    jpeg_bytes,
    pdf_bytes,
    png_scan_bytes,
    upload,
    zip_bytes,
)
from tests.helpers import files_under, logged_in, text_of, vi

ADD_URL = reverse("admin:documents_document_add")
BOUNDARY = "----VanBanBoundary5440QDTLD"
ACCEPTED_TYPES = "DOC, DOCX, JPG, ODS, ODT, PDF, PNG, PPT, PPTX, XLS, XLSX, ZIP"


@pytest.fixture
def kinds(db):
    return make_classifications()


@pytest.fixture
def document(kinds):
    """A filed document without files, to attach to."""
    return make_document("92/CT-UBND", kinds)


@pytest.fixture
def clerk_client(db):
    return logged_in(make_clerk(), address="10.0.0.31")


# ---------------------------------------------------------------------------------------
# Helpers


def stored_files() -> list[str]:
    """Every file in the protected store, relative to it."""
    root = str(settings.PROTECTED_MEDIA_ROOT)
    return sorted(os.path.relpath(path, root) for path in files_under(root))


def in_vietnamese(message: str, **params) -> str:
    """vi() with parameters formatted the Vietnamese way (file sizes: "1,9 KB")."""
    with translation.override("vi"):
        return vi(message, **{k: v() if callable(v) else v for k, v in params.items()})


def refused_by_service(document, upload_file) -> str:
    """The messages attach_file refuses the file with, joined."""
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            services.attach_file(document=document, upload=upload_file)
        return " ".join(refused.value.messages)


def multipart(fields: dict, files: list[tuple[str, str, bytes]]) -> bytes:
    """A multipart body built by hand, so a file name goes out exactly as given."""
    parts = []
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            header = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
            parts.append(f"{header}{item}\r\n".encode())
    for key, filename, content in files:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


def document_form(kinds, files: int, **changes) -> dict:
    """The admin's add form filled in by a clerk, with `files` file rows."""
    now = timezone.localtime()
    data = {
        "number": "5440/QĐ-TLĐ",
        "type": kinds["decision"].pk,
        "issuer": kinds["national"].pk,
        "summary": "Quyết định khen thưởng tập thể có thành tích xuất sắc trong phong trào CNVCLĐ",
        "fields": [kinds["finance"].pk],
        "signer": "",
        "issued_on": "2025-12-08",
        "effective_on": "",
        "expires_on": "",
        "is_public": "on",
        "posted_at_0": f"{now:%Y-%m-%d}",
        "posted_at_1": f"{now:%H:%M:%S}",
        "full_text": "",
        "files-TOTAL_FORMS": files,
        "files-INITIAL_FORMS": 0,
        "files-MIN_NUM_FORMS": 0,
        "files-MAX_NUM_FORMS": 1000,
        "_save": "Lưu",
    }
    for row in range(files):
        data |= {f"files-{row}-order": row, f"files-{row}-id": "", f"files-{row}-document": ""}
    data.update(changes)
    return data


def post_with_files(client, kinds, *files: tuple[str, bytes]):
    """The add form posted with one file row per (name, content)."""
    body = multipart(
        document_form(kinds, len(files)),
        [(f"files-{row}-file", name, content) for row, (name, content) in enumerate(files)],
    )
    return client.post(ADD_URL, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


def page_text(response) -> str:
    return html.unescape(text_of(response))


def assert_refused_in_admin(response, message: str, *, documents=0, files=(), rows=0) -> None:
    """The form comes back with the message; nothing new in the database or on disk."""
    assert response.status_code == 200
    assert message in page_text(response)
    assert Document.objects.count() == documents
    assert DocumentFile.objects.count() == rows
    assert stored_files() == list(files)


def assert_nothing_kept(document) -> None:
    assert not document.files.exists()
    assert not DocumentFile.objects.exists()
    assert stored_files() == []


# ---------------------------------------------------------------------------------------
# Bad files, each with the message it is refused with


def too_large() -> bytes:
    return pdf_bytes("Bao cao tong ket " * 120)


BAD_FILES = {
    "executable renamed .pdf": (
        "Quyết định khen thưởng.pdf",
        executable_bytes,
        lambda: in_vietnamese(
            "The file is named “.%(extension)s” but its content is not a %(label)s file.",
            extension="pdf",
            label="PDF",
        ),
    ),
    "HTML renamed .docx": (
        "Hướng dẫn Đại hội.docx",
        html_bytes,
        lambda: in_vietnamese(
            "The file is named “.%(extension)s” but its content is not a %(label)s file.",
            extension="docx",
            label="Word",
        ),
    ),
    "ZIP renamed .docx": (
        "Biên bản Đại hội.docx",
        zip_bytes,
        lambda: in_vietnamese(
            "The file is named “.%(extension)s” but its content is not a %(label)s file.",
            extension="docx",
            label="Word",
        ),
    ),
    "program (.exe)": (
        "cai-dat-phan-mem.exe",
        executable_bytes,
        lambda: in_vietnamese(
            "Files of type “.%(extension)s” are not accepted. Accepted types: %(allowed)s.",
            extension="exe",
            allowed=ACCEPTED_TYPES,
        ),
    ),
    "over the limit": (
        "Báo cáo tổng kết.pdf",
        too_large,
        lambda: in_vietnamese(
            "The file is %(size)s; the limit is %(limit)s.",
            size=lambda: filesizeformat(len(too_large())),
            limit=lambda: filesizeformat(1000),
        ),
    ),
}


@pytest.fixture(autouse=True)
def small_limit(settings):
    """A 1,000-byte limit: every good test file fits, too_large() does not."""
    settings.ATTACHMENT_MAX_BYTES = 1000
    assert len(too_large()) > 1000
    for content in (pdf_bytes(), docx_bytes(), zip_bytes(), png_scan_bytes()):
        assert len(content) <= 1000


class TestBadFilesThroughTheService:
    @pytest.mark.parametrize("case", list(BAD_FILES))
    def test_refused_with_its_message(self, document, case):
        name, content, message = BAD_FILES[case]
        assert message() in refused_by_service(document, upload(name, content()))
        assert_nothing_kept(document)

    def test_an_empty_file(self, document):
        messages = refused_by_service(document, upload("Công văn 1076.pdf", b""))
        assert in_vietnamese("The file “%(name)s” is empty.", name="Công văn 1076.pdf") in messages
        assert_nothing_kept(document)

    def test_a_nul_byte_in_the_name(self, document):
        messages = refused_by_service(document, upload("Quyết định\x00.pdf.exe.pdf", pdf_bytes()))
        assert vi("The file name contains control characters. Rename the file and try again.") in (
            messages
        )
        assert_nothing_kept(document)

    def test_a_name_of_only_dots(self, document):
        messages = refused_by_service(document, ContentFile(pdf_bytes(), name="folder/.."))
        assert vi("The file has no usable name.") in messages
        assert_nothing_kept(document)

    def test_a_300_character_name_not_from_a_browser_is_refused(self, document):
        """Browser uploads are cut to 255 by Django; a file from elsewhere is not."""
        name = "Đ" * 296 + ".pdf"
        messages = refused_by_service(document, ContentFile(pdf_bytes(), name=name))
        assert (
            in_vietnamese(
                "The file name is %(length)d characters long; shorten it to %(limit)d or fewer.",
                length=300,
                limit=255,
            )
            in messages
        )
        assert_nothing_kept(document)

    def test_the_same_file_twice_names_the_document_it_is_in(self, kinds, document):
        services.attach_file(document=document, upload=upload("Chỉ thị 92.pdf", pdf_bytes()))
        other = make_document("1076/LĐLĐ", kinds, issuer="federation")
        messages = refused_by_service(other, upload("ban-sao.pdf", pdf_bytes()))
        assert (
            in_vietnamese(
                "This file is already in the library: “%(name)s”, attached to %(number)s.",
                name="Chỉ thị 92.pdf",
                number="92/CT-UBND",
            )
            in messages
        )
        assert not other.files.exists()
        assert DocumentFile.objects.count() == 1
        assert len(stored_files()) == 1


class TestBadFilesThroughTheAdmin:
    @pytest.mark.parametrize("case", list(BAD_FILES))
    def test_refused_with_its_message(self, clerk_client, kinds, case):
        name, content, message = BAD_FILES[case]
        response = post_with_files(clerk_client, kinds, (name, content()))
        assert_refused_in_admin(response, message())

    def test_an_empty_file(self, clerk_client, kinds):
        response = post_with_files(clerk_client, kinds, ("Công văn 1076.pdf", b""))
        # Django's file field refuses it before the portal's own check sees it.
        assert_refused_in_admin(response, vi("The submitted file is empty."))

    def test_the_same_file_already_in_the_library(self, clerk_client, kinds, document):
        services.attach_file(document=document, upload=upload("Chỉ thị 92.pdf", pdf_bytes()))
        kept = stored_files()
        response = post_with_files(clerk_client, kinds, ("ban-sao.pdf", pdf_bytes()))
        message = in_vietnamese(
            "This file is already in the library: “%(name)s”, attached to %(number)s.",
            name="Chỉ thị 92.pdf",
            number="92/CT-UBND",
        )
        assert_refused_in_admin(response, message, documents=1, rows=1, files=kept)

    def test_two_identical_files_in_one_form(self, clerk_client, kinds):
        response = post_with_files(
            clerk_client,
            kinds,
            ("Quyết định 5440.pdf", pdf_bytes()),
            ("Quyết định 5440 (bản sao).pdf", pdf_bytes()),
        )
        message = in_vietnamese(
            "“%(first)s” and “%(second)s” are the same file; attach it once.",
            first="Quyết định 5440.pdf",
            second="Quyết định 5440 (bản sao).pdf",
        )
        assert_refused_in_admin(response, message)

    def test_one_bad_file_among_good_ones_keeps_nothing(self, clerk_client, kinds):
        response = post_with_files(
            clerk_client,
            kinds,
            ("Quyết định 5440.pdf", pdf_bytes()),
            ("Phụ lục.docx", html_bytes()),
        )
        message = in_vietnamese(
            "The file is named “.%(extension)s” but its content is not a %(label)s file.",
            extension="docx",
            label="Word",
        )
        assert_refused_in_admin(response, message)


# ---------------------------------------------------------------------------------------
# Names that try to choose a place on disk, or are unusable


def assert_only_in_the_library(tmp_path, document_file) -> None:
    """One file, under van-ban/<year>/<month>/ with a generated name, nothing elsewhere."""
    assert [Path(path) for path in files_under(tmp_path)] == [Path(document_file.file.path)]
    root = Path(settings.PROTECTED_MEDIA_ROOT)
    for depth in range(5):
        assert not (root.joinpath(*[".."] * depth) / "thoat-ra.pdf").exists()
    assert not Path("/etc/cron.d/thoat-ra.pdf").exists()
    relative = Path(document_file.file.path).relative_to(settings.PROTECTED_MEDIA_ROOT)
    assert relative.parts[0] == "van-ban"
    assert len(relative.name) == len("0123456789abcdef0123456789abcdef.pdf")
    assert relative.suffix == ".pdf"


class TestNamesThatTryAPath:
    @pytest.mark.parametrize(
        "name", ["../../../thoat-ra.pdf", "..\\..\\..\\thoat-ra.pdf", "/etc/cron.d/thoat-ra.pdf"]
    )
    def test_through_the_service_only_the_last_part_is_kept(self, document, tmp_path, name):
        # ContentFile keeps the name as given: the portal's own check must strip the path.
        document_file = services.attach_file(
            document=document, upload=ContentFile(pdf_bytes(), name=name)
        )
        assert document_file.original_name == "thoat-ra.pdf"
        assert_only_in_the_library(tmp_path, document_file)

    @pytest.mark.parametrize("name", ["../../../thoat-ra.pdf", "..\\..\\..\\thoat-ra.pdf"])
    def test_through_the_admin_only_the_last_part_is_kept(
        self, clerk_client, kinds, tmp_path, name
    ):
        response = post_with_files(clerk_client, kinds, (name, pdf_bytes()))
        assert response.status_code == 302
        document_file = DocumentFile.objects.get()
        assert document_file.original_name == "thoat-ra.pdf"
        assert "/" not in document_file.original_name
        assert_only_in_the_library(tmp_path, document_file)

    def test_a_nul_byte_is_dropped_by_the_admin_and_the_rest_kept(
        self, clerk_client, kinds, tmp_path
    ):
        """Django's parser removes unprintable characters before the portal sees the name."""
        response = post_with_files(clerk_client, kinds, ("Quyết định\x00 5440.pdf", pdf_bytes()))
        assert response.status_code == 302
        document_file = DocumentFile.objects.get()
        assert document_file.original_name == "Quyết định 5440.pdf"
        assert_only_in_the_library(tmp_path, document_file)

    def test_a_300_character_name_is_cut_to_255_keeping_the_extension(
        self, clerk_client, kinds, tmp_path
    ):
        name = "Quyết định khen thưởng " + "Đ" * 273 + ".pdf"
        assert len(name) == 300
        response = post_with_files(clerk_client, kinds, (name, pdf_bytes()))
        assert response.status_code == 302
        kept = DocumentFile.objects.get().original_name
        assert len(kept) == 255
        assert kept.endswith("Đ.pdf")
        assert kept.startswith("Quyết định khen thưởng ĐĐĐ")
        assert_only_in_the_library(tmp_path, DocumentFile.objects.get())


# ---------------------------------------------------------------------------------------
# Files that are accepted, and what is kept about them

GOOD_FILES = {
    "pdf": ("Quyết định số 5440 về khen thưởng.pdf", pdf_bytes, "application/pdf"),
    "docx": (
        "Hướng dẫn thu kinh phí công đoàn.docx",
        docx_bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "zip": ("Phụ lục kèm theo Công văn 1076.zip", zip_bytes, "application/zip"),
    "png": ("Bản scan Chỉ thị 92 – trang 1.png", png_scan_bytes, "image/png"),
}


def assert_described(document_file, kind: str, expected: bytes) -> None:
    name, _content, content_type = GOOD_FILES[kind]
    assert document_file.original_name == name
    assert document_file.kind == kind
    assert document_file.content_type == content_type
    assert document_file.size == len(expected)
    assert document_file.checksum == hashlib.sha256(expected).hexdigest()
    with document_file.file.open("rb") as stored:
        assert stored.read() == expected
    assert document_file.file.name.startswith("van-ban/")
    assert document_file.file.name.endswith(f".{kind}")
    assert name not in document_file.file.name


class TestAcceptedFiles:
    @pytest.mark.parametrize("kind", list(GOOD_FILES))
    def test_through_the_service(self, document, kind):
        name, content, _content_type = GOOD_FILES[kind]
        sent = content()  # built once: a ZIP holds the time it was written
        services.attach_file(document=document, upload=upload(name, sent))
        assert_described(DocumentFile.objects.get(document=document), kind, sent)

    @pytest.mark.parametrize("kind", list(GOOD_FILES))
    def test_through_the_admin(self, clerk_client, kinds, kind):
        name, content, _content_type = GOOD_FILES[kind]
        sent = content()
        response = post_with_files(clerk_client, kinds, (name, sent))
        assert response.status_code == 302
        document = Document.objects.get()
        assert document.number == "5440/QĐ-TLĐ"
        assert_described(document.files.get(), kind, sent)

    def test_all_four_in_one_form_keep_their_order(self, clerk_client, kinds):
        response = post_with_files(
            clerk_client, kinds, *[(name, content()) for name, content, _ in GOOD_FILES.values()]
        )
        assert response.status_code == 302
        files = list(Document.objects.get().files.all())
        assert [f.kind for f in files] == ["pdf", "docx", "zip", "png"]
        assert len(stored_files()) == 4

    def test_a_name_in_decomposed_unicode_is_kept_composed(self, document):
        """macOS sends "ế" as "e" + two accents; it is stored as the one letter."""
        composed = "Quyết định số 5440 về khen thưởng.pdf"
        decomposed = unicodedata.normalize("NFD", composed)
        assert decomposed != composed
        document_file = services.attach_file(
            document=document, upload=upload(decomposed, pdf_bytes())
        )
        assert document_file.original_name == composed

    def test_a_jpeg_named_jpeg_is_a_jpg(self, document):
        document_file = services.attach_file(
            document=document, upload=upload("Ảnh chụp Chỉ thị.JPEG", jpeg_bytes(size=(40, 60)))
        )
        assert (document_file.kind, document_file.content_type) == ("jpg", "image/jpeg")
        assert document_file.original_name == "Ảnh chụp Chỉ thị.JPEG"


def test_removing_a_document_removes_its_files_from_disk(kinds, django_capture_on_commit_callbacks):
    document = make_document(
        "92/CT-UBND", kinds, files=[("Chỉ thị 92.pdf", pdf_bytes()), ("Phụ lục.zip", zip_bytes())]
    )
    assert len(stored_files()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert not DocumentFile.objects.exists()
    assert stored_files() == []
