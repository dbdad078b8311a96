"""Public pages of the document library and the counted download."""

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from documents import services
from documents.filters import DocumentFilter
from documents.models import Document, DocumentFile
from federation import paging
from federation.files import serve_file
from federation.forms import filtered
from federation.net import visitor_of
from federation.pagecache import cached_page

PAGE_SIZE = 20
RELATED_LIMIT = 8


@cached_page()
def document_list(request):
    documents = Document.objects.visible_to(request.user).for_lists().with_status()
    filters = DocumentFilter(request.GET or None, queryset=documents)
    queryset, status = filtered(filters)
    page = paging.paginate(request, queryset, PAGE_SIZE)
    return render(
        request,
        "documents/document_list.html",
        {"filters": filters, "page": page, "filtered": bool(request.GET.keys() - {"page"})},
        status=status,
    )


# Not kept in the page cache: a visitor who downloads a file and comes back sees the
# counts rise at once.
def document_detail(request, pk):
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("type", "issuer", "signer"),
        pk=pk,
    )
    services.record_document_view(visitor_of(request), document)
    files = list(document.files.all())
    visible = Document.objects.visible_to(request.user).for_lists().with_status()
    links = {
        "replaces": list(visible.filter(replaced_by=document)),
        "replaced_by": list(visible.filter(replaces=document)),
        "related": list(visible.filter(related=document)),
    }
    linked = [other.pk for group in links.values() for other in group]
    fields = list(document.fields.all())
    # EXISTS, not a join with DISTINCT: the newest-first index is walked until enough match.
    in_same_field = Document.fields.through.objects.filter(
        document_id=OuterRef("pk"), field__in=fields
    )
    same_field = (
        visible.filter(Exists(in_same_field)).exclude(pk__in=[document.pk, *linked])[:RELATED_LIMIT]
        if fields
        else []
    )
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "status": document.status_on(),
            "files": files,
            "preview": next((f for f in files if f.kind == "pdf"), None),
            "fields": fields,
            **links,
            "same_field": same_field,
        },
    )


def _visible_file(request, pk) -> DocumentFile:
    """The file, if its document may be seen by this user, checked on every request."""
    document_file = get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk)
    if not Document.objects.visible_to(request.user).filter(pk=document_file.document_id).exists():
        raise Http404(_("There is no such file."))
    return document_file


def _send(request, document_file, disposition: str):
    counted = disposition == "attachment"
    return serve_file(
        request,
        document_file,
        public=document_file.document.is_public,
        disposition=disposition,
        on_send=(
            (lambda: services.record_download(visitor_of(request), document_file))
            if counted
            else None
        ),
        missing_template="documents/file_missing.html",
        missing_context={"document": document_file.document},
    )


@require_safe
def download(request, pk):
    """Stream the file as an attachment, counted once per visitor per visit."""
    document_file = _visible_file(request, pk)
    return _send(request, document_file, "attachment")


@require_safe
@xframe_options_sameorigin
def preview(request, pk):
    """The PDF shown inside the document page; not a download, so not counted."""
    document_file = _visible_file(request, pk)
    if document_file.kind != "pdf":
        raise Http404(_("Only PDF files can be previewed."))
    response = _send(request, document_file, "inline")
    if response.status_code != 200:
        return response
    # The page of this site may frame it; nothing else may.
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    return response
