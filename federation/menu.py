"""The main menu. Each app registers its own entry in its AppConfig.ready().

An entry shows once its page exists (its URL name reverses), in the order given.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuItem:
    label: str  # a lazy translation
    url_name: str
    order: int = 100


_ITEMS: dict[str, MenuItem] = {}


def register_menu_item(item: MenuItem) -> None:
    _ITEMS[item.url_name] = item


def menu_items() -> list[MenuItem]:
    return sorted(_ITEMS.values(), key=lambda item: (item.order, item.url_name))


def main_menu(current_path: str) -> list[dict]:
    """The menu entries whose pages exist, marking the one the visitor is in."""
    entries = []
    for item in menu_items():
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        entries.append({"label": item.label, "url": url, "active": active})
    return entries


# Each language names itself in the switch, so these are not translated.
LANGUAGE_ENDONYMS = {"vi": "Tiếng Việt", "en": "English"}


def language_choices(current: str) -> list[dict]:
    return [
        {"code": code, "name": LANGUAGE_ENDONYMS.get(code, code), "active": code == current}
        for code, _name in settings.LANGUAGES
    ]
