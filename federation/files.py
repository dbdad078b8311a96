"""Attached files (documents, report attachments, …): checked, stored, served.

Checking: files are recognised by content, never by name.

`inspect_upload` reads an uploaded file and tells what it really is: a PDF, a Word,
Excel or PowerPoint file (old binary or new XML format), an OpenDocument text or
spreadsheet, a JPEG or PNG scan, or a ZIP archive. A file whose content is none of
these, whose content disagrees with its name, that is empty or too large, or whose
name is unusable is refused with a message that says why; nothing is stored.

Storing and serving: a model that keeps files subclasses `federation.models.StoredFile`
(original name, size, kind, checksum, generated stored name in PROTECTED_MEDIA_ROOT),
attaches with `store_upload` after checking its own rules, and its download view calls
`serve_file` once it has checked that this user may see the file.
"""

import hashlib
import logging
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from federation.text import slugify_vi
from federation.validators import ImageUploadValidator

logger = logging.getLogger(__name__)

MAX_NAME_LENGTH = 255


@dataclass(frozen=True)
class FileKind:
    extension: str
    label: str  # what a visitor reads in the file list: "PDF", "Word", …
    content_type: str


KINDS = {
    kind.extension: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf"),
        FileKind("doc", "Word", "application/msword"),
        FileKind(
            "docx",
            "Word",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileKind("xls", "Excel", "application/vnd.ms-excel"),
        FileKind(
            "xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
        FileKind("ppt", "PowerPoint", "application/vnd.ms-powerpoint"),
        FileKind(
            "pptx",
            "PowerPoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        FileKind("odt", "OpenDocument", "application/vnd.oasis.opendocument.text"),
        FileKind("ods", "OpenDocument", "application/vnd.oasis.opendocument.spreadsheet"),
        FileKind("jpg", "JPEG", "image/jpeg"),
        FileKind("png", "PNG", "image/png"),
        FileKind("zip", "ZIP", "application/zip"),
    )
}
# Names people give these files; each maps to the kind its content must be.
EXTENSION_ALIASES = {"jpeg": "jpg"}
ALLOWED_EXTENSIONS = tuple(KINDS) + tuple(EXTENSION_ALIASES)

# Streams that an old binary Office file of each kind must hold.
_OLE_STREAMS = {
    "doc": (("worddocument",),),
    "xls": (("workbook",), ("book",)),
    "ppt": (("powerpoint document",),),
}
# A part that a new Office file of each kind must hold.
_OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass(frozen=True)
class InspectedFile:
    kind: FileKind
    original_name: str
    size: int
    checksum: str  # SHA-256 of the content, hex


def max_upload_bytes() -> int:
    return settings.ATTACHMENT_MAX_BYTES


def clean_original_name(name: str) -> str:
    """The name as the visitor's computer called it, or a ValidationError.

    Path parts are dropped (a browser never sends them; a crafted request might), and the
    name is normalised to composed Unicode so that "Quyết định" is always spelt one way.
    """
    name = unicodedata.normalize("NFC", name or "")
    if any(unicodedata.category(char) == "Cc" for char in name):
        raise ValidationError(
            _("The file name contains control characters. Rename the file and try again."),
            code="bad_name",
        )
    name = PurePosixPath(name.replace("\\", "/")).name.strip()
    if name in {"", ".", ".."}:
        raise ValidationError(_("The file has no usable name."), code="bad_name")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("The file name is %(length)d characters long; shorten it to %(limit)d or fewer."),
            code="name_too_long",
            params={"length": len(name), "limit": MAX_NAME_LENGTH},
        )
    return name


def _refuse_kind(extension: str):
    allowed = ", ".join(sorted({kind.extension.upper() for kind in KINDS.values()}))
    if extension not in ALLOWED_EXTENSIONS:
        return ValidationError(
            _("Files of type “.%(extension)s” are not accepted. Accepted types: %(allowed)s."),
            code="bad_type",
            params={"extension": extension or "?", "allowed": allowed},
        )
    return ValidationError(
        _("The file is named “.%(extension)s” but its content is not a %(label)s file."),
        code="content_mismatch",
        params={
            "extension": extension,
            "label": KINDS[EXTENSION_ALIASES.get(extension, extension)].label,
        },
    )


def _content_is(kind: str, upload, head: bytes) -> bool:
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if kind in _OLE_STREAMS:
        return head.startswith(olefile.MAGIC) and _ole_has_streams(upload, _OLE_STREAMS[kind])
    if kind in ("docx", "xlsx", "pptx", "odt", "ods", "zip"):
        return head.startswith(b"PK\x03\x04") and _zip_is(kind, upload)
    if kind in ("jpg", "png"):
        return _is_image(upload, "JPEG" if kind == "jpg" else "PNG")
    return False


def _ole_has_streams(upload, choices) -> bool:
    upload.seek(0)
    try:
        with olefile.OleFileIO(upload) as ole:
            return any(all(ole.exists(stream) for stream in streams) for streams in choices)
    except (OSError, ValueError, IndexError, TypeError, AttributeError):
        return False


def _zip_is(kind: str, upload) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if kind in _OOXML_PARTS:
                return "[Content_Types].xml" in names and _OOXML_PARTS[kind] in names
            if kind in _ODF_MIMETYPES:
                info = archive.getinfo("mimetype") if "mimetype" in names else None
                return (
                    info is not None
                    and info.file_size < 200
                    and archive.read(info).strip() == _ODF_MIMETYPES[kind]
                )
            # A plain archive: any readable ZIP will do.
            return True
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError):
        return False


def _is_image(upload, pillow_format: str) -> bool:
    """A real image of this format: the portal's image check (pixels, decompression bombs)."""
    try:
        ImageUploadValidator(max_bytes=max_upload_bytes())(upload)
    except ValidationError as error:
        if error.code == "not_an_image":
            return False
        raise
    upload.seek(0)
    with Image.open(upload) as image:
        return image.format == pillow_format


def inspect_upload(upload) -> InspectedFile:
    """What the uploaded file really is, or a ValidationError saying why it is refused."""
    name = clean_original_name(getattr(upload, "name", ""))
    size = upload.size
    if not size:
        raise ValidationError(
            _("The file “%(name)s” is empty."), code="empty", params={"name": name}
        )
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    kind = EXTENSION_ALIASES.get(extension, extension)
    if kind not in KINDS:
        raise _refuse_kind(extension)
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(8)
        if not _content_is(kind, upload, head):
            raise _refuse_kind(extension)
        upload.seek(0)
        digest = hashlib.sha256()
        for chunk in (
            upload.chunks()
            if hasattr(upload, "chunks")
            else iter(lambda: upload.read(1 << 20), b"")
        ):
            digest.update(chunk)
    finally:
        upload.seek(position)
    return InspectedFile(
        kind=KINDS[kind], original_name=name, size=size, checksum=digest.hexdigest()
    )


def content_disposition(disposition: str, name: str) -> str:
    """RFC 6266 with an ASCII fallback and the exact Vietnamese name in filename* (RFC 5987)."""
    stem, dot, extension = name.rpartition(".")
    fallback = (slugify_vi(stem) or "tep") + (dot + slugify_vi(extension) if dot else "")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


# Stored files: one way to attach, remove and answer a download for every app.


class FileMissing(Exception):
    """The row exists but its bytes are gone from disk."""


def describe(stored, inspected: InspectedFile):
    """Copy what the inspection found onto a StoredFile row, before it is saved."""
    stored.original_name = inspected.original_name
    stored.size = inspected.size
    stored.kind = inspected.kind.extension
    stored.content_type = inspected.kind.content_type
    stored.checksum = inspected.checksum
    return stored


def store_upload(stored, upload, *, inspected: InspectedFile | None = None):
    """Check `upload`, describe it on the unsaved row `stored`, keep its bytes, save the row.

    The caller sets the row's own links (document, report, …) and checks its own rules
    (duplicates, how many files) first, usually inside its transaction; a ValidationError
    says in Vietnamese why a file is refused, and then nothing is kept.
    """
    inspected = inspected or inspect_upload(upload)
    describe(stored, inspected)
    stored.file.save(inspected.original_name, upload, save=False)
    try:
        stored.save()
    except Exception:
        stored.file.delete(save=False)
        raise
    return stored


def forget_stored_file(storage, name: str) -> None:
    """Remove a stored file's bytes once the transaction that dropped its row has committed."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def forget_file_of_deleted_row(sender, instance, **kwargs):
    """post_delete receiver of each StoredFile model (connected in FederationConfig)."""
    forget_stored_file(instance.file.storage, instance.file.name)


def open_stored(stored):
    """The file's bytes, opened; FileMissing (logged) if they are not on disk."""
    try:
        return stored.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        logger.error(
            "Stored file %s %s (%s) is missing from disk: %s",
            type(stored).__name__,
            stored.pk,
            stored.file.name,
            error,
        )
        raise FileMissing(stored.file.name) from error


def serve_file(
    request,
    stored,
    *,
    public: bool,
    disposition: str = "attachment",
    on_send=None,
    missing_template: str = "federation/file_missing.html",
    missing_context: dict | None = None,
):
    """Answer a request for a stored file the caller has already allowed this user to see.

    - The bytes missing from disk: a Vietnamese 404 page (`missing_template`), logged.
    - Otherwise `on_send()` runs (count the download there: the file is known to be
      there and no byte has gone yet), then the file goes as `disposition` with its exact
      Vietnamese name, `nosniff`, and `private, no-store` unless `public` (public files
      are `private, no-cache`: every download reaches the server and is counted).
    - With DOWNLOAD_HANDOFF set, the proxy sends the bytes (X-Accel-Redirect for nginx,
      X-Sendfile for Apache) after the checks and the count.
    """
    try:
        handle = open_stored(stored)
    except FileMissing:
        context = {"file": stored, **(missing_context or {})}
        return render(request, missing_template, context, status=404)
    if on_send is not None:
        on_send()
    handoff = settings.DOWNLOAD_HANDOFF
    if handoff:
        handle.close()
        response = HttpResponse(content_type=stored.content_type)
        if handoff == "x-accel-redirect":
            response["X-Accel-Redirect"] = settings.PROTECTED_MEDIA_URL + quote(stored.file.name)
        else:
            response["X-Sendfile"] = stored.file.path
    else:
        response = FileResponse(handle, content_type=stored.content_type)
        response["Content-Length"] = str(stored.size)
    response["Content-Disposition"] = content_disposition(disposition, stored.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache" if public else "private, no-store"
    return response
