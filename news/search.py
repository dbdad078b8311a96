"""News in the site search: diacritic-free, whole words, best first."""

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce, StrIndex
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from federation.search import SearchResult
from federation.text import as_word, highlight, search_document, search_terms
from news.models import Article

# Relevance is ranked among the newest SEARCH_WINDOW matches. Common words ("công
# đoàn") match most of the archive, so they are first looked for among the newest
# RECENT_POOL articles; only a search that finds fewer than ENOUGH there goes through
# the whole archive (with the trigram index on PostgreSQL).
SEARCH_WINDOW = 1000
RECENT_POOL = 5000
ENOUGH = 200


def _holding(articles, terms):
    """Articles whose search document holds every term (LIKE: the trigram index can help)."""
    for term in terms:
        articles = articles.filter(search_text__contains=as_word(term))
    return articles


def _holding_unindexed(articles, terms):
    """The same test written so no index is tempting: for a short list of known rows.

    PostgreSQL cannot estimate how many rows a trigram LIKE matches; for a common word
    it guesses one and plans a nested loop over the whole archive.
    """
    for number, term in enumerate(terms):
        articles = articles.alias(
            **{f"at_{number}": StrIndex("search_text", Value(as_word(term)))}
        ).filter(**{f"at_{number}__gt": 0})
    return articles


def matching_articles(query: str):
    """Published articles holding every word of the query, ranked, newest first among equals."""
    terms = search_terms(query)
    if not terms:
        return Article.objects.none(), terms
    published = Article.objects.published()
    recent = list(published.order_by("-published_at").values_list("pk", flat=True)[:RECENT_POOL])
    newest = _holding_unindexed(Article.objects.filter(pk__in=recent), terms)
    ids = list(newest.order_by("-published_at").values_list("pk", flat=True)[:SEARCH_WINDOW])
    if len(ids) < ENOUGH and len(recent) == RECENT_POOL:
        everywhere = _holding(published, terms).order_by("-published_at")
        ids = list(everywhere.values_list("pk", flat=True)[:SEARCH_WINDOW])
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
