"""Rules of the document library: filing files, counting views and downloads."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from documents.models import Document, DocumentFile
from federation.files import InspectedFile, inspect_upload, store_upload
from federation.services import Visitor, count_once_per_visit


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


@transaction.atomic
def attach_file(*, document: Document, upload, order: int = 0) -> DocumentFile:
    """File an uploaded file under a document: checked, named by us, described."""
    inspected = inspect_attachment(upload)
    return store_upload(DocumentFile(document=document, order=order), upload, inspected=inspected)


def save_document(*, document: Document, user) -> Document:
    """Save a document from a form: checked as a whole, the filing clerk remembered."""
    if document.pk is None and document.created_by_id is None and user is not None:
        document.created_by = user
    document.full_clean()
    document.save()
    return document


def record_document_view(visitor: Visitor, document: Document) -> bool:
    """One view per visitor per document within a visit; bots and staff previews not counted."""
    if not document.is_public or not count_once_per_visit(visitor, f"document:{document.pk}"):
        return False
    Document.objects.filter(pk=document.pk).update(views=F("views") + 1)
    document.views += 1
    return True


def record_download(visitor: Visitor, document_file: DocumentFile) -> bool:
    """Count a download of the file and of its document, once per visitor per file.

    Called after the file is known to be there and before its bytes are sent. HEAD
    requests and bots are not counted (count_once_per_visit counts GET only).
    """
    if not document_file.document.is_public:
        return False  # staff checking a file before it is published
    if not count_once_per_visit(visitor, f"document-file:{document_file.pk}"):
        return False
    with transaction.atomic():
        DocumentFile.objects.filter(pk=document_file.pk).update(downloads=F("downloads") + 1)
        Document.objects.filter(pk=document_file.document_id).update(downloads=F("downloads") + 1)
    return True
