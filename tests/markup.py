"""Reading rendered pages the way a validator does: headings, <time> values, images, meta."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# HTML's "valid date string" and "valid global/local date and time string" (seconds may carry
# at most three decimals); https://html.spec.whatwg.org/#dates-and-times
_DATE = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_TIME = r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?"
_ZONE = r"(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)"
HTML_DATETIME = re.compile(rf"{_DATE}|{_DATE}[T ]{_TIME}{_ZONE}?")


@dataclass
class Page:
    headings: list[tuple[int, str]] = field(default_factory=list)
    datetimes: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        elif tag == "time":
            self.page.datetimes.append(attributes.get("datetime"))
        elif tag == "img":
            self.page.images.append(attributes)
        elif tag == "meta" and "name" in attributes:
            self.page.meta[attributes["name"]] = attributes.get("content", "")

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.page.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None


def read(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def skipped_levels(headings: list[tuple[int, str]]) -> list[str]:
    """Each heading that goes more than one level deeper than the one before it."""
    skips, previous = [], 0
    for level, text in headings:
        if level > previous + 1:
            skips.append(f"h{previous} → h{level} {text!r}")
        previous = level
    return skips


def invalid_datetimes(datetimes: list[str | None]) -> list[str | None]:
    return [value for value in datetimes if value is None or not HTML_DATETIME.fullmatch(value)]
