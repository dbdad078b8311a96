"""News in the site search: diacritic-free, whole words, best first (federation/search.py)."""

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from federation import search as site
from federation.search import Hit, SearchResult, exact_form_in
from federation.text import (
    as_word,
    exact_words,
    highlight,
    holds_phrase,
    html_text,
    search_document,
    search_terms,
)
from news.models import Article
from news.rendering import PHOTO_TOKEN

# Relevance is ranked among the newest SEARCH_WINDOW matches: a word found in most of
# the archive ("công đoàn") must not make every search rank the whole archive.
SEARCH_WINDOW = site.RESULT_CAP


def holding_every_word(articles, terms):
    """Articles whose folded words include every term.

    PostgreSQL answers from the full-text index (migration 0004); elsewhere the folded
    column is scanned with LIKE '% word %'.
    """
    if connection.vendor == "postgresql":
        query = " & ".join(terms)  # folded words are [a-z0-9]+, nothing to escape
        return articles.filter(
            RawSQL(
                "search_vector @@ to_tsquery('simple', %s)", [query], output_field=BooleanField()
            )
        )
    for term in terms:
        articles = articles.filter(search_text__contains=as_word(term))
    return articles


def matching_articles(query: str):
    """Published articles holding every word of the query, ranked, newest first among equals."""
    terms = search_terms(query)
    if not terms:
        return Article.objects.none(), terms
    newest = holding_every_word(Article.objects.published(), terms).order_by("-published_at")
    ids = list(newest.values_list("pk", flat=True)[:SEARCH_WINDOW])
    rank = Value(0, output_field=IntegerField())
    for term in terms:
        rank = rank + Case(
            When(search_title__contains=as_word(term), then=Value(site.WORD_IN_HEADLINE)),
            default=Value(site.WORD_IN_TEXT),
            output_field=IntegerField(),
        )
    if len(terms) > 1:
        phrase = " " + " ".join(terms) + " "
        rank = rank + Case(
            When(search_text__contains=phrase, then=Value(site.PHRASE)),
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
    articles = (
        Article.objects.filter(pk__in=ids)
        .annotate(rank=Coalesce(rank, 0))
        .order_by("-rank", "-published_at", "-pk")
    )
    return articles, terms


def snippet_source(summary: str, body: str, terms: list[str]) -> str:
    """The summary or the body, whichever shows the query best: its words together, or all
    of them, or any of them; the summary when they tie."""
    for holds in (
        lambda text: holds_phrase(text, terms),
        lambda text: all(as_word(term) in search_document(text) for term in terms),
        lambda text: any(as_word(term) in search_document(text) for term in terms),
    ):
        for text in (summary, body):
            if holds(text):
                return text
    return body


class NewsSearch:
    @property
    def kind(self) -> str:
        return _("News")

    def count(self, query: str, cap: int) -> int:
        terms = search_terms(query)
        if not terms:
            return 0
        return holding_every_word(Article.objects.published(), terms).values("pk")[:cap].count()

    def ranked(self, query: str, limit: int) -> list[Hit]:
        articles, _terms = matching_articles(query)
        rows = articles.values_list("pk", "rank", "published_at")[:limit]
        return [Hit(key=pk, score=float(rank), date=published) for pk, rank, published in rows]

    def results(self, query: str, keys: list) -> list[SearchResult]:
        terms, exact = search_terms(query), exact_words(query)
        articles = Article.objects.filter(pk__in=keys).only(
            "title", "slug", "summary", "body", "published_at"
        )
        by_key = {article.pk: article for article in articles}
        results = []
        for key in keys:
            article = by_key[key]
            # The editor's "[ảnh 2]" markers are where photos go, not words to read.
            body = html_text(PHOTO_TOKEN.sub(" ", article.body))
            text = snippet_source(article.summary, body, terms)
            results.append(
                SearchResult(
                    kind=self.kind,
                    title=highlight(article.title, terms, length=400, exact=exact),
                    url=article.get_absolute_url(),
                    snippet=highlight(text, terms, exact=exact),
                    date=article.published_at,
                )
            )
        return results
