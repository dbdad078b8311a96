"""Congresses in the site search: title, motto, venue and summary, without diacritics.

A congress's title is its headline: every word found in its folded words scores as a word
of an article's title (federation/search.py has the shared scale). Newest term first
among equals.
"""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Congress
from federation import search as site
from federation.search import Hit, SearchResult
from federation.text import exact_words, highlight, search_terms


def _dated(congress_starts_on, term_start) -> datetime:
    day = congress_starts_on
    if day is None:
        return timezone.make_aware(datetime(term_start, 1, 1))
    return timezone.make_aware(datetime.combine(day, time()))


class CongressSearch:
    @property
    def kind(self) -> str:
        return _("Congress")

    def matches(self, query: str, limit: int) -> list:
        terms = search_terms(query)
        if not terms:
            return []
        newest = site.holding_every_word(Congress.objects.public(), terms).order_by(
            "-term_start", "-pk"
        )
        return list(newest.values_list("pk", flat=True)[:limit])

    def ranked(self, query: str, keys: list, limit: int) -> list[Hit]:
        rank = site.folded_rank(
            query, exact_fields=["custom_title", "motto", "unit__name"], headline=None
        )
        rows = (
            Congress.objects.filter(pk__in=keys)
            .annotate(rank=rank)
            .order_by("-rank", "-term_start", "-pk")
            .values_list("pk", "rank", "starts_on", "term_start")[:limit]
        )
        return [
            Hit(key=pk, score=float(score), date=_dated(starts_on, term_start))
            for pk, score, starts_on, term_start in rows
        ]

    def results(self, query: str, keys: list) -> list[SearchResult]:
        terms, exact = search_terms(query), exact_words(query)
        congresses = Congress.objects.filter(pk__in=keys).select_related("unit")
        by_key = {congress.pk: congress for congress in congresses}
        results = []
        for key in keys:
            congress = by_key[key]
            text = " · ".join(
                part for part in (congress.motto, congress.venue, congress.summary) if part
            )
            results.append(
                SearchResult(
                    kind=self.kind,
                    title=highlight(congress.title, terms, length=400, exact=exact),
                    url=congress.get_absolute_url(),
                    snippet=highlight(text, terms, exact=exact) if text else "",
                    date=congress.starts_on,  # a day: shown without a time
                )
            )
        return results
