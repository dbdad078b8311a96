"""Welfare in the site search: public programmes and the partners' offers shown today,
found without diacritics ("mai am cong doan" finds "Mái ấm Công đoàn").

A programme's or an offer's words are its headline: every word found scores as a word of
an article's title (federation/search.py has the shared scale); the words standing
together add the phrase's score, the query's own diacritics in the name the exact form's.
Newest first among equals.
"""

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from federation import search as site
from federation.search import Hit, SearchResult
from federation.text import exact_words, highlight, search_terms
from welfare.models import Partner, Programme


def _moment(day) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time())) if day else None


class _FoldedSearch:
    """Rows whose folded words (`search_text`) hold every word of the query."""

    exact_fields: tuple[str, ...] = ("name",)
    newest: tuple[str, ...] = ("-pk",)
    date_field = ""

    def rows(self):
        raise NotImplementedError

    def matches(self, query: str, limit: int) -> list:
        terms = search_terms(query)
        if not terms:
            return []
        found = site.holding_every_word(self.rows(), terms).order_by(*self.newest)
        return list(found.values_list("pk", flat=True)[:limit])

    def ranked(self, query: str, keys: list, limit: int) -> list[Hit]:
        rank = site.folded_rank(query, exact_fields=list(self.exact_fields), headline=None)
        rows = (
            self.rows()
            .model.objects.filter(pk__in=keys)
            .annotate(rank=rank)
            .order_by("-rank", *self.newest)
            .values_list("pk", "rank", self.date_field)[:limit]
        )
        return [Hit(key=pk, score=float(score), date=_moment(day)) for pk, score, day in rows]


class ProgrammeSearch(_FoldedSearch):
    exact_fields = ("name", "kind__name")
    newest = ("-starts_on", "-pk")
    date_field = "starts_on"

    @property
    def kind(self) -> str:
        return _("Welfare programme")

    def rows(self):
        return Programme.objects.public()

    def results(self, query: str, keys: list) -> list[SearchResult]:
        terms, exact = search_terms(query), exact_words(query)
        programmes = Programme.objects.filter(pk__in=keys).select_related("kind")
        by_key = {programme.pk: programme for programme in programmes}
        results = []
        for key in keys:
            programme = by_key[key]
            text = " · ".join(
                part
                for part in (programme.kind.name, programme.description, programme.eligibility)
                if part
            )
            results.append(
                SearchResult(
                    kind=self.kind,
                    title=highlight(programme.name, terms, length=400, exact=exact),
                    url=programme.get_absolute_url(),
                    snippet=highlight(text, terms, exact=exact),
                    date=programme.starts_on,
                )
            )
        return results


class PartnerSearch(_FoldedSearch):
    exact_fields = ("name", "offer")
    newest = ("-valid_from", "-pk")
    date_field = "valid_from"

    @property
    def kind(self) -> str:
        return _("Partner offer")

    def rows(self):
        return Partner.objects.public(timezone.localdate())

    def results(self, query: str, keys: list) -> list[SearchResult]:
        terms, exact = search_terms(query), exact_words(query)
        by_key = {partner.pk: partner for partner in Partner.objects.filter(pk__in=keys)}
        listing = reverse("welfare:partners")
        results = []
        for key in keys:
            partner = by_key[key]
            text = " · ".join(
                part for part in (partner.offer, partner.address, partner.conditions) if part
            )
            url = f"{listing}?{urlencode({'field': partner.field})}#doi-tac-{partner.slug}"
            results.append(
                SearchResult(
                    kind=self.kind,
                    title=highlight(partner.name, terms, length=400, exact=exact),
                    url=url,
                    snippet=highlight(text, terms, exact=exact),
                )
            )
        return results
