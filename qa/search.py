"""The published answers in the site search (federation/search.py): folded words, ranked.

Only what the public reads is searched (the public question and the answer, never the
question as asked). The folded column is scanned with LIKE '% word %' on every database,
as for the about pages; the ranking is the news's scale.
"""

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
from qa.models import Question


class QaSearch:
    @property
    def kind(self) -> str:
        return _("Legal Q&A")

    def matches(self, query: str, limit: int) -> list:
        terms = search_terms(query)
        if not terms:
            return []
        questions = site.holding_every_word(Question.objects.published(), terms).order_by(
            "-published_at"
        )
        return list(questions.values_list("pk", flat=True)[:limit])

    def ranked(self, query: str, keys: list, limit: int) -> list[Hit]:
        rank = site.folded_rank(query, exact_fields=["title", "public_text"])
        questions = Question.objects.filter(pk__in=keys)
        return site.ranked_hits(
            questions, rank, newest=("-published_at", "-pk"), date_field="published_at", limit=limit
        )

    def results(self, query: str, keys: list) -> list[SearchResult]:
        terms, exact = search_terms(query), exact_words(query)
        questions = Question.objects.filter(pk__in=keys).only(
            "title", "slug", "public_text", "answer", "published_at"
        )
        by_key = {question.pk: question for question in questions}
        results = []
        for key in keys:
            question = by_key.get(key)
            if question is None:
                continue
            # The public question when it holds a word of the query, else the answer.
            text = question.public_text
            if not any(as_word(term) in folded_words(text) for term in terms):
                text = html_text(question.answer)
            results.append(
                SearchResult(
                    kind=self.kind,
                    title=highlight(question.title, terms, length=400, exact=exact),
                    url=question.get_absolute_url(),
                    snippet=highlight(text, terms, exact=exact),
                    date=question.published_at,
                )
            )
        return results
