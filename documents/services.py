"""Rules of the document library: filing files, counting views and downloads."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from documents.models import Document, DocumentFile
from federation.files import InspectedFile, inspect_upload
from federation.services import count_once_per_visit

logger = logging.getLogger(__name__)


class FileMissing(Exception):
    """The row exists but its bytes are gone from disk."""


def inspect_attachment(upload, *, replacing: DocumentFile | None = None) -> InspectedFile:
    """Check an uploaded file for a document; a file already in the library is refused."""
    inspected = inspect_upload(upload)
    same = DocumentFile.objects.filter(checksum=inspected.checksum).select_related("document")
    if replacing is not None and replacing.pk:
        same = same.exclude(pk=replacing.pk)
    existing = same.first()
    if existing is not None:
        raise ValidationError(
            _("This file is already in the library: “%(name)s”, attached to %(number)s.")
            % {"name": existing.original_name, "number": existing.document.number},
            code="duplicate",
        )
    return inspected


def describe_file(document_file: DocumentFile, inspected: InspectedFile) -> DocumentFile:
    """Copy what the inspection found onto the row, before it is saved."""
    document_file.original_name = inspected.original_name
    document_file.size = inspected.size
    document_file.kind = inspected.kind.extension
    document_file.content_type = inspected.kind.content_type
    document_file.checksum = inspected.checksum
    return document_file


@transaction.atomic
def attach_file(*, document: Document, upload, order: int = 0) -> DocumentFile:
    """File an uploaded file under a document: checked, named by us, described."""
    inspected = inspect_attachment(upload)
    document_file = describe_file(DocumentFile(document=document, order=order), inspected)
    document_file.file.save(inspected.original_name, upload, save=False)
    try:
        document_file.save()
    except Exception:
        document_file.file.delete(save=False)
        raise
    return document_file


def forget_stored_file(name: str) -> None:
    """Remove a stored file from disk once the transaction that dropped it has committed."""
    if name:
        transaction.on_commit(lambda: DocumentFile.file.field.storage.delete(name))


def save_document(*, document: Document, user) -> Document:
    """Save a document from a form: checked as a whole, the filing clerk remembered."""
    if document.pk is None and document.created_by_id is None and user is not None:
        document.created_by = user
    document.full_clean()
    document.save()
    return document


def record_document_view(request, document: Document) -> bool:
    """One view per visitor per document within a visit; bots and staff previews not counted."""
    if not document.is_public or not count_once_per_visit(request, f"document:{document.pk}"):
        return False
    Document.objects.filter(pk=document.pk).update(views=F("views") + 1)
    document.views += 1
    return True


def open_file(document_file: DocumentFile):
    """The file's bytes, opened; FileMissing (logged) if they are not on disk."""
    try:
        return document_file.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        logger.error(
            "Document file %s (%s) of document %s is missing from disk: %s",
            document_file.pk,
            document_file.file.name,
            document_file.document_id,
            error,
        )
        raise FileMissing(document_file.file.name) from error


def record_download(request, document_file: DocumentFile) -> bool:
    """Count a download of the file and of its document, once per visitor per file.

    Called after the file is known to be there and before its bytes are sent. HEAD
    requests and bots are not counted (count_once_per_visit counts GET only).
    """
    if not document_file.document.is_public:
        return False  # staff checking a file before it is published
    if not count_once_per_visit(request, f"document-file:{document_file.pk}"):
        return False
    with transaction.atomic():
        DocumentFile.objects.filter(pk=document_file.pk).update(downloads=F("downloads") + 1)
        Document.objects.filter(pk=document_file.document_id).update(downloads=F("downloads") + 1)
    return True
