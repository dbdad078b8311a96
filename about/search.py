"""The about pages in the site search (federation/search.py): folded words, ranked.

There are a few dozen pages at most, so the folded column is scanned with
LIKE '% word %' on every database; the ranking is the news's scale.
"""

from django.utils.translation import gettext as _

from about.models import Page
from federation import search as site
from federation.search import Hit, SearchResult
from federation.text import exact_words, highlight, html_text, search_terms


class AboutSearch:
    @property
    def kind(self) -> str:
        return _("About us")

    def matches(self, query: str, limit: int) -> list:
        terms = search_terms(query)
        if not terms:
            return []
        pages = site.holding_every_word(Page.objects.published(), terms).order_by("-updated_at")
        return list(pages.values_list("pk", flat=True)[:limit])

    def ranked(self, query: str, keys: list, limit: int) -> list[Hit]:
        rank = site.folded_rank(query, exact_fields=["title", "summary"])
        pages = Page.objects.filter(pk__in=keys)
        return site.ranked_hits(
            pages, rank, newest=("-updated_at", "-pk"), date_field="updated_at", limit=limit
        )

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
