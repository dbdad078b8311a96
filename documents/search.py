"""Documents in the site search, beside the news: number and summary, without diacritics."""

from django.utils.translation import gettext as _

from documents.models import Document, number_key
from federation.search import SearchResult
from federation.text import highlight, search_terms

# A document whose number starts with the query ranks above any match in a summary.
NUMBER_SCORE = 10.0


def search_documents(query: str, limit: int) -> list[SearchResult]:
    terms = search_terms(query)
    if not terms:
        return []
    key = number_key(query)
    documents = (
        Document.objects.public()
        .matching(query)
        .select_related("type")
        .only("number", "summary", "posted_at", "number_key", "type__name")
        .order_by("-posted_at", "-id")[:limit]
    )
    results = []
    for document in documents:
        exact = bool(key) and document.number_key.startswith(key)
        results.append(
            SearchResult(
                kind=_("Document"),
                title=highlight(f"{document.type.name} {document.number}", terms, length=200),
                url=document.get_absolute_url(),
                snippet=highlight(document.summary, terms),
                date=document.posted_at,
                score=NUMBER_SCORE if exact else float(len(terms)),
            )
        )
    return results
