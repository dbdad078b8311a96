"""Public pages of the document library and the counted download."""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from documents import services
from documents.filters import DocumentFilter
from documents.models import Document, DocumentFile
from federation import paging
from federation.pagecache import cached_page
from federation.text import slugify_vi

PAGE_SIZE = 20
RELATED_LIMIT = 8


@cached_page()
def document_list(request):
    documents = Document.objects.visible_to(request.user).for_lists().with_status()
    filters = DocumentFilter(request.GET or None, queryset=documents)
    status = 200
    if filters.is_bound and not filters.is_valid():
        # A malformed query gets its message beside the field, and no guessed results.
        queryset, status = documents.none(), 400
    else:
        queryset = filters.qs
    page = paging.paginate(request, queryset, PAGE_SIZE)
    return render(
        request,
        "documents/document_list.html",
        {"filters": filters, "page": page, "filtered": bool(request.GET.keys() - {"page"})},
        status=status,
    )


def _count_kept_view(request, document_id):
    services.count_document_view(request, document_id)


@cached_page(on_hit=_count_kept_view)
def document_detail(request, pk):
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("type", "issuer", "signer"),
        pk=pk,
    )
    services.record_document_view(request, document)
    files = list(document.files.all())
    visible = Document.objects.visible_to(request.user).for_lists().with_status()
    fields = list(document.fields.all())
    same_field = (
        visible.filter(fields__in=fields).exclude(pk=document.pk).distinct()[:RELATED_LIMIT]
        if fields
        else []
    )
    response = render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "status": document.status_on(),
            "files": files,
            "preview": next((f for f in files if f.kind == "pdf"), None),
            "fields": fields,
            "replaces": visible.filter(replaced_by=document),
            "replaced_by": visible.filter(replaces=document),
            "related": visible.filter(related=document),
            "same_field": same_field,
        },
    )
    response.page_cache_note = document.pk
    return response


def _visible_file(request, pk) -> DocumentFile:
    """The file, if its document may be seen by this user, checked on every request."""
    document_file = get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk)
    if not Document.objects.visible_to(request.user).filter(pk=document_file.document_id).exists():
        raise Http404(_("There is no such file."))
    return document_file


def content_disposition(disposition: str, name: str) -> str:
    """RFC 6266 with an ASCII fallback and the exact Vietnamese name in filename* (RFC 5987)."""
    stem, dot, extension = name.rpartition(".")
    fallback = (slugify_vi(stem) or "tep") + (dot + slugify_vi(extension) if dot else "")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _file_missing(request, document_file):
    return render(
        request,
        "documents/file_missing.html",
        {"document": document_file.document, "file": document_file},
        status=404,
    )


def _send(request, document_file, disposition: str):
    try:
        handle = services.open_file(document_file)
    except services.FileMissing:
        return None
    if disposition == "attachment" and request.method == "GET":
        services.record_download(request, document_file)
    handoff = settings.DOWNLOAD_HANDOFF
    if handoff:
        handle.close()
        response = HttpResponse(content_type=document_file.content_type)
        if handoff == "x-accel-redirect":
            response["X-Accel-Redirect"] = settings.PROTECTED_MEDIA_URL + quote(
                document_file.file.name
            )
        else:
            response["X-Sendfile"] = document_file.file.path
    else:
        response = FileResponse(handle, content_type=document_file.content_type)
        response["Content-Length"] = str(document_file.size)
    response["Content-Disposition"] = content_disposition(disposition, document_file.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def download(request, pk):
    """Stream the file as an attachment, counted once per visitor per visit."""
    document_file = _visible_file(request, pk)
    return _send(request, document_file, "attachment") or _file_missing(request, document_file)


@require_safe
@xframe_options_sameorigin
def preview(request, pk):
    """The PDF shown inside the document page; not a download, so not counted."""
    document_file = _visible_file(request, pk)
    if document_file.kind != "pdf":
        raise Http404(_("Only PDF files can be previewed."))
    response = _send(request, document_file, "inline")
    if response is None:
        return _file_missing(request, document_file)
    # The page of this site may frame it; nothing else may.
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    return response
