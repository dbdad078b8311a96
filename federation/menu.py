"""The main menu. Each app registers its own entry in its AppConfig.ready().

An entry shows once its page exists (its URL name reverses), in the order given. An entry
may have a sub-menu: `children` returns [{"label": …, "url": …}]; it is asked once per
page-cache generation and language (a saved change of a watched model starts a new one),
so a page pays one cache read for it, not a query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from federation import pagecache

CHILDREN_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class MenuItem:
    label: str  # a lazy translation
    url_name: str
    order: int = 100
    children: Callable[[], list[dict]] | None = None


_ITEMS: dict[str, MenuItem] = {}


def register_menu_item(item: MenuItem) -> None:
    _ITEMS[item.url_name] = item


def menu_items() -> list[MenuItem]:
    return sorted(_ITEMS.values(), key=lambda item: (item.order, item.url_name))


def main_menu(current_path: str) -> list[dict]:
    """The menu entries whose pages exist, marking the one the visitor is in."""
    entries = []
    generation = None
    for item in menu_items():
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        children = []
        if item.children is not None:
            generation = generation or pagecache.generation()
            children = [
                {**child, "active": current_path == child["url"]}
                for child in _children(item, generation)
            ]
        entries.append({"label": item.label, "url": url, "active": active, "children": children})
    return entries


def _children(item: MenuItem, generation: str) -> list[dict]:
    key = f"menu-children:{generation}:{get_language()}:{item.url_name}"
    children = cache.get(key)
    if children is None:
        children = [
            {"label": str(child["label"]), "url": str(child["url"])} for child in item.children()
        ]
        cache.set(key, children, CHILDREN_CACHE_SECONDS)
    return children


# Each language names itself in the switch, so these are not translated.
LANGUAGE_ENDONYMS = {"vi": "Tiếng Việt", "en": "English"}


def language_choices(current: str) -> list[dict]:
    return [
        {"code": code, "name": LANGUAGE_ENDONYMS.get(code, code), "active": code == current}
        for code, _name in settings.LANGUAGES
    ]
