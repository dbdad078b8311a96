"""The document blocks of the home page."""

from django.utils.translation import gettext_lazy as _

from documents.models import Document
from federation.home import HomeBlock

BLOCK_SIZE = 6
CACHE_SECONDS = 30


def latest(request):
    documents = list(
        Document.objects.public().for_lists().order_by("-posted_at", "-id")[:BLOCK_SIZE]
    )
    return {"documents": documents} if documents else None


def most_downloaded(request):
    documents = list(
        Document.objects.public()
        .filter(downloads__gt=0)
        .for_lists()
        .order_by("-downloads", "-id")[:BLOCK_SIZE]
    )
    return {"documents": documents} if documents else None


HOME_BLOCKS = [
    HomeBlock(
        "documents-latest",
        "documents/blocks/latest.html",
        latest,
        order=50,
        cache_seconds=CACHE_SECONDS,
        label=_("Latest documents"),
    ),
    HomeBlock(
        "documents-most-downloaded",
        "documents/blocks/most_downloaded.html",
        most_downloaded,
        order=50,
        region="aside",
        cache_seconds=CACHE_SECONDS,
        label=_("Most downloaded documents"),
    ),
]
