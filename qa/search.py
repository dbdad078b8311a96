"""The published answers in the site search (federation/search.py): folded words, ranked.

Only what the public reads is searched (the public question and the answer, never the
question as asked). The folded column is scanned with LIKE '% word %' on every database,
as for the about pages; the ranking is the news's scale.
"""

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from federation import search as site
from federation.search import Hit, SearchResult, exact_form_in
from federation.text import (
    as_word,
    exact_words,
    folded_words,
    highlight,
    html_text,
    search_terms,
)
from qa.models import Question


def holding_every_word(questions, terms):
    for term in terms:
        questions = questions.filter(search_text__contains=as_word(term))
    return questions


class QaSearch:
    @property
    def kind(self) -> str:
        return _("Legal Q&A")

    def matches(self, query: str, limit: int) -> list:
        terms = search_terms(query)
        if not terms:
            return []
        questions = holding_every_word(Question.objects.published(), terms).order_by(
            "-published_at"
        )
        return list(questions.values_list("pk", flat=True)[:limit])

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
        exact = exact_form_in(["title", "public_text"], query)
        if exact is not None:
            rank = rank + Case(
                When(exact, then=Value(site.EXACT_FORM)),
                default=Value(0),
                output_field=IntegerField(),
            )
        rows = (
            Question.objects.filter(pk__in=keys)
            .annotate(rank=Coalesce(rank, 0))
            .order_by("-rank", "-published_at", "-pk")
            .values_list("pk", "rank", "published_at")[:limit]
        )
        return [Hit(key=pk, score=float(score), date=published) for pk, score, published in rows]

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
