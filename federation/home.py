"""Blocks of the home page. Each app registers its own in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeBlock:
    """A template shown on the home page, with the function that fills its context."""

    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


_BLOCKS: dict[str, HomeBlock] = {}


def register_home_block(block: HomeBlock) -> None:
    _BLOCKS[block.name] = block


def home_blocks(request: HttpRequest) -> list[dict]:
    """The blocks with something to show, in order. A block returning None is left out."""
    rendered = []
    for block in sorted(_BLOCKS.values(), key=lambda b: (b.order, b.name)):
        context = block.context(request)
        if context is not None:
            rendered.append({"name": block.name, "template": block.template, "context": context})
    return rendered
