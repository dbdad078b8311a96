"""News in the site search: diacritic-free, whole words, best first."""

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from federation.search import SearchResult
from federation.text import as_word, highlight, search_document, search_terms
from news.models import Article

# Relevance is ranked among the newest SEARCH_WINDOW matches: a word found in most of
# the archive ("công đoàn") must not make every search rank the whole archive.
SEARCH_WINDOW = 1000


def holding_every_word(articles, terms):
    """Articles whose folded words include every term.

    PostgreSQL answers from the full-text index (migration 0004); elsewhere the folded
    column is scanned with LIKE '% word %', newest first, until enough are found.
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
            When(search_title__contains=as_word(term), then=Value(3)),
            default=Value(1),
            output_field=IntegerField(),
        )
    if len(terms) > 1:
        phrase = " " + " ".join(terms) + " "
        rank = rank + Case(
            When(search_text__contains=phrase, then=Value(5)),
            default=Value(0),
            output_field=IntegerField(),
        )
    articles = (
        Article.objects.filter(pk__in=ids)
        .annotate(rank=Coalesce(rank, 0))
        .order_by("-rank", "-published_at", "-pk")
    )
    return articles, terms


def search_articles(query: str, limit: int) -> list[SearchResult]:
    articles, terms = matching_articles(query)
    results = []
    for article in articles.only("title", "slug", "summary", "body", "published_at")[:limit]:
        summary_words = search_document(article.summary)
        in_summary = any(as_word(term) in summary_words for term in terms)
        text = article.summary if in_summary else strip_tags(article.body)
        results.append(
            SearchResult(
                kind=_("News"),
                title=highlight(article.title, terms, length=400),
                url=article.get_absolute_url(),
                snippet=highlight(text, terms),
                date=article.published_at,
                score=float(article.rank),
            )
        )
    return results
