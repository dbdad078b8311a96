"""News in the site search: diacritic-free, whole words, best first (federation/search.py)."""

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from federation import search as site
from federation.search import Hit, SearchResult
from federation.text import (
    as_word,
    exact_words,
    folded_words,
    highlight,
    html_text,
    search_terms,
)
from news.models import Article
from news.rendering import PHOTO_TOKEN


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
    return site.holding_every_word(articles, terms)


def rank_articles(keys: list, query: str):
    """These articles ranked for the query (federation/search.py), newest first among equals."""
    rank = site.folded_rank(query, exact_fields=["title", "summary"])
    return (
        Article.objects.filter(pk__in=keys)
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "-pk")
    )


def snippet_source(summary: str, body: str, terms: list[str]) -> str:
    """The summary or the body, whichever shows the query best: its words together, or all
    of them, or any of them; the summary when they tie."""
    texts = [(text, folded_words(text)) for text in (summary, body)]
    phrase = as_word(" ".join(terms))
    for holds in (
        lambda words: phrase in words,
        lambda words: all(as_word(term) in words for term in terms),
        lambda words: any(as_word(term) in words for term in terms),
    ):
        for text, words in texts:
            if holds(words):
                return text
    return body


class NewsSearch:
    @property
    def kind(self) -> str:
        return _("News")

    def matches(self, query: str, limit: int) -> list:
        """Published articles holding every word, newest first: a word found in most of the
        archive ("công đoàn") must not make every search rank the whole archive."""
        terms = search_terms(query)
        if not terms:
            return []
        newest = holding_every_word(Article.objects.published(), terms).order_by("-published_at")
        return list(newest.values_list("pk", flat=True)[:limit])

    def ranked(self, query: str, keys: list, limit: int) -> list[Hit]:
        rows = rank_articles(keys, query).values_list("pk", "rank", "published_at")[:limit]
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
