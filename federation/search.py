"""Site search across apps: one list, ranked on one scale. Each app registers a provider.

Every provider scores its matches on the same scale, so that the list can be merged
(neither the news nor the documents always come first):

- each word of the query found in the headline (an article's title, a document's number
  and summary, its "trích yếu"): WORD_IN_HEADLINE; found only further in: WORD_IN_TEXT;
- all the words standing together as typed, diacritics aside: PHRASE;
- the query's own diacritics ("cổng", not "công"), in the headline or the summary: EXACT_FORM;
- a document number that starts with the query ("92/ct"): NUMBER.

Among equal scores the newest comes first. A provider counts its matches (up to
RESULT_CAP + 1 of the newest, so a common word costs no full count), ranks those (no row
is loaded for that), and builds the results of the keys on the page shown.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

from federation.text import as_word, exact_words, search_terms

MAX_QUERY_LENGTH = 200
MIN_QUERY_LENGTH = 2

# Past this many matches the count says "more than 1.000" and the pages stop.
RESULT_CAP = 1000

WORD_IN_HEADLINE = 3
WORD_IN_TEXT = 1
PHRASE = 5
EXACT_FORM = 4
NUMBER = 20


@dataclass(frozen=True)
class SearchResult:
    """One hit, saying what kind of thing it is ("Tin tức", "Văn bản")."""

    kind: str
    title: str
    url: str
    snippet: str = ""
    date: datetime | None = None
    score: float = 0.0


@dataclass(frozen=True)
class Hit:
    """A ranked match before its row is read: the provider's key, its score, its date."""

    key: object
    score: float
    date: datetime | None


class Provider(Protocol):
    kind: str  # what the results are called, e.g. "Tin tức"

    def matches(self, query: str, limit: int) -> list:
        """The keys of up to `limit` matches, newest first: the count, and the rows ranked."""

    def ranked(self, query: str, keys: list, limit: int) -> list[Hit]:
        """The best `limit` of these matches, best first, newest first among equals."""

    def results(self, query: str, keys: list) -> list[SearchResult]:
        """The results of these keys, in the same order."""


def typed_forms(query: str) -> list[str]:
    """The query's words as typed, with diacritics, in the forms a LIKE may find them.

    PostgreSQL compares without case; SQLite only without the case of ASCII letters, so
    there the capitalised forms ("Đoàn", "Đại Hội") are asked for too.
    """
    words = exact_words(query)
    if not words:
        return []
    phrase = unicodedata.normalize("NFC", " ".join(words))
    if connection.vendor == "postgresql":
        return [phrase]
    return list(dict.fromkeys([phrase, phrase[:1].upper() + phrase[1:], phrase.title()]))


def exact_form_in(fields: list[str], query: str):
    """A condition: one of `fields` holds the query's words with its diacritics, or None."""
    condition = Q()
    for form in typed_forms(query):
        for field in fields:
            condition |= Q(**{f"{field}__icontains": form})
    return condition or None


def holding_every_word(rows, terms: list[str], field: str = "search_text"):
    """Rows whose folded search column holds every term as a whole word (LIKE '% word %')."""
    for term in terms:
        rows = rows.filter(**{f"{field}__contains": as_word(term)})
    return rows


def folded_rank(query: str, *, exact_fields: list[str], headline: str | None = "search_title"):
    """The score of a row on the scale above, from its folded columns, as a database expression.

    `headline` is the folded column of the row's headline (its words score WORD_IN_HEADLINE,
    the others WORD_IN_TEXT); a model whose search column is all headline (a congress's
    title and motto) passes None, and every word found in `search_text` scores as a
    headline's. `exact_fields` are the columns where the query's own diacritics count.
    """
    terms = search_terms(query)
    rank = Value(0, output_field=IntegerField())
    column, elsewhere = (headline, WORD_IN_TEXT) if headline else ("search_text", 0)
    for term in terms:
        rank = rank + Case(
            When(**{f"{column}__contains": as_word(term)}, then=Value(WORD_IN_HEADLINE)),
            default=Value(elsewhere),
            output_field=IntegerField(),
        )
    if len(terms) > 1:
        rank = rank + Case(
            When(search_text__contains=as_word(" ".join(terms)), then=Value(PHRASE)),
            default=Value(0),
            output_field=IntegerField(),
        )
    exact = exact_form_in(exact_fields, query)
    if exact is not None:
        rank = rank + Case(
            When(exact, then=Value(EXACT_FORM)), default=Value(0), output_field=IntegerField()
        )
    return Coalesce(rank, 0)


def ranked_hits(rows, rank, *, newest: tuple[str, ...], date_field: str, limit: int) -> list:
    """`(pk, score, date)` of these rows, best first, the newest first among equals."""
    found = (
        rows.annotate(rank=rank)
        .order_by("-rank", *newest)
        .values_list("pk", "rank", date_field)[:limit]
    )
    return [Hit(key=pk, score=float(score), date=day) for pk, score, day in found]


_PROVIDERS: dict[str, Provider] = {}


def register_search_provider(name: str, provider: Provider) -> None:
    _PROVIDERS[name] = provider


def _newest_first(hit: Hit) -> float:
    return -(hit.date.timestamp() if hit.date else 0)


class SiteSearch(Sequence):
    """The merged results of every provider, for a Paginator: counted, sliced, built lazily.

    Each provider's matches are counted once, from the keys of its newest RESULT_CAP + 1;
    only the page asked for is built: to merge, each provider ranks those keys up to the
    end of that page.
    """

    def __init__(self, query: str):
        self.query = query
        self.providers = dict(_PROVIDERS)
        self.matches = {
            name: provider.matches(query, RESULT_CAP + 1)
            for name, provider in self.providers.items()
        }
        self.counts = {name: len(keys) for name, keys in self.matches.items()}
        self.total = sum(self.counts.values())

    @property
    def cap(self) -> int:
        return RESULT_CAP

    @property
    def capped(self) -> bool:
        """More matches than RESULT_CAP: the count says "more than", the pages stop there."""
        return self.total > RESULT_CAP

    def kinds(self) -> list[tuple[str, int]]:
        """Each kind of result that has matches, with its count, largest first."""
        counts = [
            (self.providers[name].kind, count) for name, count in self.counts.items() if count
        ]
        return sorted(counts, key=lambda item: -item[1])

    def count(self) -> int:
        return min(self.total, RESULT_CAP)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        if not isinstance(index, slice):  # a template looking up found.capped tries found["capped"]
            raise TypeError(index)
        start, stop, _step = index.indices(self.count())
        if start >= stop:
            return []
        merged = []
        for name, provider in self.providers.items():
            keys = self.matches[name][:RESULT_CAP]
            if keys:
                hits = provider.ranked(self.query, keys, min(stop, len(keys)))
                merged.extend((hit, name) for hit in hits)
        merged.sort(key=lambda item: (-item[0].score, _newest_first(item[0]), item[1]))
        shown = merged[start:stop]
        built = {}
        for name, provider in self.providers.items():
            keys = [hit.key for hit, owner in shown if owner == name]
            if keys:
                results = provider.results(self.query, keys)
                pairs = zip(keys, results, strict=True)
                built.update(((name, key), result) for key, result in pairs)
        return [built[(name, hit.key)] for hit, name in shown]
