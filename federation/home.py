"""Blocks of the home page. Each app registers its own in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language

from federation import pagecache


@dataclass(frozen=True)
class HomeBlock:
    """A template shown on the home page, with the function that fills its context."""

    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100
    region: str = "main"  # "main" column, or "aside" beside it on wide screens
    # Seconds the block's context may be reused; staff edits show within this time.
    cache_seconds: int = 0

    def context_for(self, request: HttpRequest, generation: str = "0") -> dict | None:
        if not self.cache_seconds:
            return self.context(request)
        # A saved change starts a new page-cache generation, and the block is read afresh.
        key = f"home-block:{generation}:{self.name}:{get_language()}"
        cached = cache.get(key)
        if cached is None:
            # False stands for "nothing to show", which is worth remembering too.
            cached = self.context(request) or False
            cache.set(key, cached, self.cache_seconds)
        return cached or None


_BLOCKS: dict[str, HomeBlock] = {}


def register_home_block(block: HomeBlock) -> None:
    _BLOCKS[block.name] = block


def home_blocks(request: HttpRequest) -> dict[str, list[dict]]:
    """The blocks with something to show, by region, in order. None means "leave me out"."""
    regions = {"main": [], "aside": []}
    current = pagecache.generation()
    for block in sorted(_BLOCKS.values(), key=lambda b: (b.order, b.name)):
        context = block.context_for(request, current)
        if context is not None:
            regions[block.region].append(
                {"name": block.name, "template": block.template, "context": context}
            )
    return regions
