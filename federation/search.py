"""Site search across apps. Each app registers a provider for its own content."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

MAX_QUERY_LENGTH = 200
MIN_QUERY_LENGTH = 2


@dataclass(frozen=True)
class SearchResult:
    """One hit, saying what kind of thing it is ("Tin tức", "Văn bản")."""

    kind: str
    title: str
    url: str
    snippet: str = ""
    date: datetime | None = None
    score: float = 0.0


# A provider takes the raw query and a limit and returns its best results.
Provider = Callable[[str, int], list[SearchResult]]

_PROVIDERS: dict[str, Provider] = {}


def register_search_provider(name: str, provider: Provider) -> None:
    _PROVIDERS[name] = provider


def search(query: str, limit: int = 50) -> list[SearchResult]:
    """Results of every provider, best first, newest first among equals."""
    results = []
    for provider in _PROVIDERS.values():
        results.extend(provider(query, limit))
    results.sort(key=lambda r: (-r.score, -(r.date.timestamp() if r.date else 0)))
    return results[:limit]
