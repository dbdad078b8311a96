"""Blocks of the home page. Each app registers its own in its AppConfig.ready(); staff
choose their column, order and whether they are shown (`HomeBlockPlacement` rows, edited
in the admin), and a block without a row keeps the place its app gave it."""

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
    # What staff read in the admin's list of blocks ("Tin nổi bật").
    label: str = ""

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


def registered_blocks() -> list[HomeBlock]:
    """Every registered block, in the place its app gave it."""
    return sorted(_BLOCKS.values(), key=lambda b: (b.region, b.order, b.name))


def label_of(name: str) -> str:
    block = _BLOCKS.get(name)
    return (block.label or block.name) if block else name


def add_missing_placements() -> None:
    """A row for every registered block that has none, at the place its app gave it, so
    staff see the whole list and move blocks relative to one another."""
    from federation.models import HomeBlockPlacement

    HomeBlockPlacement.objects.bulk_create(
        [HomeBlockPlacement(name=b.name, region=b.region, order=b.order) for b in _BLOCKS.values()],
        ignore_conflicts=True,
    )


def _placements(generation: str) -> dict[str, tuple[str, int, bool]]:
    """Staff's placements, read once per page-cache generation (saving one starts a new)."""
    from federation.models import HomeBlockPlacement

    key = f"home-layout:{generation}"
    layout = cache.get(key)
    if layout is None:
        layout = {
            name: (region, order, shown)
            for name, region, order, shown in HomeBlockPlacement.objects.values_list(
                "name", "region", "order", "shown"
            )
        }
        cache.set(key, layout, 24 * 3600)
    return layout


def home_blocks(request: HttpRequest) -> dict[str, list[dict]]:
    """The blocks with something to show, by region, in order. None means "leave me out"."""
    regions = {"main": [], "aside": []}
    current = pagecache.generation()
    layout = _placements(current)
    placed = []
    for block in _BLOCKS.values():
        region, order, shown = layout.get(block.name, (block.region, block.order, True))
        if shown and region in regions:
            placed.append((order, block.name, region, block))
    for _order, _name, region, block in sorted(placed, key=lambda p: p[:2]):
        context = block.context_for(request, current)
        if context is not None:
            regions[region].append(
                {"name": block.name, "template": block.template, "context": context}
            )
    return regions
