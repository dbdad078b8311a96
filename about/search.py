"""The about pages in the site search (federation/search.py): folded words, ranked.

There are a few dozen pages at most, so the folded column is scanned with
LIKE '% word %' on every database; the ranking is the news's scale.
"""

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from about.models import Page
from federation import search as site
from federation.search import Hit, SearchResult, exact_form_in
from federation.text import as_word, exact_words, highlight, html_text, search_terms


def _holding_every_word(pages, terms):
    for term in terms:
        pages = pages.filter(search_text__contains=as_word(term))
    return pages


class AboutSearch:
    @property
    def kind(self) -> str:
        return _("About us")

    def matches(self, query: str, limit: int) -> list:
        terms = search_terms(query)
        if not terms:
            return []
        pages = _holding_every_word(Page.objects.published(), terms).order_by("-updated_at")
        return list(pages.values_list("pk", flat=True)[:limit])

    def ranked(self, query: str, keys: list, limit: int) -> list[Hit]:
        terms = search_terms(query)
        rank = Value(0, output_field=IntegerField())
        for term in terms:
            rank = rank + Case(
                When(search_title__contains=as_word(term), then=Value(site.WORD_IN_HEADLINE)),
                default=Value(site.WORD_IN_TEXT),
                output_field=IntegerField(),
            )
        if len(terms) > 1:
            rank = rank + Case(
                When(search_text__contains=as_word(" ".join(terms)), then=Value(site.PHRASE)),
                default=Value(0),
                output_field=IntegerField(),
            )
        exact = exact_form_in(["title", "summary"], query)
        if exact is not None:
            rank = rank + Case(
                When(exact, then=Value(site.EXACT_FORM)),
                default=Value(0),
                output_field=IntegerField(),
            )
        rows = (
            Page.objects.filter(pk__in=keys)
            .annotate(rank=Coalesce(rank, 0))
            .order_by("-rank", "-updated_at", "-pk")
            .values_list("pk", "rank", "updated_at")[:limit]
        )
        return [Hit(key=pk, score=float(score), date=updated) for pk, score, updated in rows]

    def results(self, query: str, keys: list) -> list[SearchResult]:
        terms, exact = search_terms(query), exact_words(query)
        pages = Page.objects.filter(pk__in=keys).only("title", "slug", "summary", "body")
        by_key = {page.pk: page for page in pages}
        return [
            SearchResult(
                kind=self.kind,
                title=highlight(by_key[key].title, terms, length=400, exact=exact),
                url=by_key[key].get_absolute_url(),
                snippet=highlight(
                    by_key[key].summary or html_text(by_key[key].body), terms, exact=exact
                ),
            )
            for key in keys
            if key in by_key
        ]
