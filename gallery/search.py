"""Albums and videos in the site search (federation/search.py): folded words, ranked.

An album is found by its title, its description and its photos' captions and alt texts
(folded into `search_text` by services.refresh_album_search); a video by its title and
description. The library holds hundreds of rows at most, so the folded column is
scanned with LIKE '% word %' on every database, as the about pages are.
"""

from django.utils.translation import gettext as _

from federation import search as site
from federation.search import Hit, SearchResult
from federation.text import exact_words, highlight, search_terms
from gallery.models import Album, AlbumPhoto, Video


class LibrarySearch:
    """The search of one model of the library; `kind` names its results."""

    model = None

    def matches(self, query: str, limit: int) -> list:
        terms = search_terms(query)
        if not terms:
            return []
        rows = site.holding_every_word(self.model.objects.published(), terms)
        return list(rows.order_by("-date", "-pk").values_list("pk", flat=True)[:limit])

    def ranked(self, query: str, keys: list, limit: int) -> list[Hit]:
        rank = site.folded_rank(query, exact_fields=["title", "description"])
        rows = self.model.objects.filter(pk__in=keys)
        return site.ranked_hits(
            rows, rank, newest=("-date", "-pk"), date_field="created_at", limit=limit
        )

    def texts(self, keys: list) -> dict:
        """More text of each row to show a snippet from, beside its description."""
        return {}

    def results(self, query: str, keys: list) -> list[SearchResult]:
        terms, exact = search_terms(query), exact_words(query)
        rows = self.model.objects.filter(pk__in=keys).only("title", "slug", "date", "description")
        by_key = {row.pk: row for row in rows}
        more = self.texts(keys)
        results = []
        for key in keys:
            row = by_key.get(key)
            if row is None:
                continue
            text = " · ".join(part for part in (row.description, *more.get(key, ())) if part)
            results.append(
                SearchResult(
                    kind=self.kind,
                    title=highlight(row.title, terms, length=400, exact=exact),
                    url=row.get_absolute_url(),
                    snippet=highlight(text, terms, exact=exact),
                )
            )
        return results


class AlbumSearch(LibrarySearch):
    model = Album

    @property
    def kind(self) -> str:
        return _("Photo library")

    def texts(self, keys: list) -> dict:
        captions = {}
        photos = AlbumPhoto.objects.filter(album_id__in=keys).exclude(caption="")
        for album_id, caption in photos.values_list("album_id", "caption"):
            captions.setdefault(album_id, []).append(caption)
        return captions


class VideoSearch(LibrarySearch):
    model = Video

    @property
    def kind(self) -> str:
        return _("Videos")
