"""The main menu: one list, in the order visitors see it.

An entry shows once its app has registered the page, so the menu grows as apps land.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str


MAIN_MENU = (
    MenuItem(_("Home"), "home"),
    MenuItem(_("News"), "news:index"),
    MenuItem(_("Documents"), "documents:index"),
    MenuItem(_("Congresses"), "congress:index"),
    MenuItem(_("Welfare"), "welfare:index"),
    MenuItem(_("Figures"), "members:figures"),
)


def main_menu(current_path: str) -> list[dict]:
    """The menu entries whose pages exist, marking the one the visitor is in."""
    entries = []
    for item in MAIN_MENU:
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
