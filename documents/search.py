"""Documents in the site search, beside the news: number and summary, without diacritics.

A document's number and summary ("trích yếu") are its headline: every word found scores
as a word of an article's title (federation/search.py has the shared scale).
"""

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from documents.models import Document, number_key
from federation import search as site
from federation.search import Hit, SearchResult
from federation.text import exact_words, highlight, search_terms


def _number_key(query: str) -> str:
    """The query as the start of a document number, when it holds a digit."""
    key = number_key(query)
    return key if any(char.isdigit() for char in key) else ""


class DocumentSearch:
    @property
    def kind(self) -> str:
        return _("Document")

    def matches(self, query: str, limit: int) -> list:
        """The newest matches, and those whose number starts with the query however old."""
        if not search_terms(query):
            return []
        matching = Document.objects.public().matching(query)
        newest = matching.order_by("-posted_at", "-id").values_list("pk", flat=True)
        keys = []
        key = _number_key(query)
        if key:  # first, so that they stay among the matches ranked
            by_number = matching.filter(number_key__startswith=key).order_by("-posted_at", "-id")
            keys += list(by_number.values_list("pk", flat=True)[:limit])
        keys += list(newest[:limit])
        return list(dict.fromkeys(keys))

    def ranked(self, query: str, keys: list, limit: int) -> list[Hit]:
        rank = site.folded_rank(query, exact_fields=["summary"], headline=None)
        key = _number_key(query)
        if key:
            rank = rank + Case(
                When(number_key__startswith=key, then=Value(site.NUMBER)),
                default=Value(0),
                output_field=IntegerField(),
            )
        documents = Document.objects.filter(pk__in=keys)
        return site.ranked_hits(
            documents, rank, newest=("-posted_at", "-id"), date_field="posted_at", limit=limit
        )

    def results(self, query: str, keys: list) -> list[SearchResult]:
        terms, exact = search_terms(query), exact_words(query)
        documents = (
            Document.objects.filter(pk__in=keys)
            .select_related("type")
            .only("number", "summary", "posted_at", "type__name")
        )
        by_key = {document.pk: document for document in documents}
        results = []
        for key in keys:
            document = by_key[key]
            results.append(
                SearchResult(
                    kind=self.kind,
                    title=highlight(
                        f"{document.type.name} {document.number}", terms, length=200, exact=exact
                    ),
                    url=document.get_absolute_url(),
                    snippet=highlight(document.summary, terms, exact=exact),
                    date=document.posted_at,
                )
            )
        return results
