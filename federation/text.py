"""Vietnamese text helpers shared by every app: slugs, search folding, money, dates, ordinals."""

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from html import unescape

from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

# "đ" has no decomposition in Unicode, so NFKD alone would drop it.
_D_TABLE = str.maketrans({"đ": "d", "Đ": "D"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII form for search: "Công Đoàn" and "cong doan" fold alike."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def plain_text(text: str) -> str:
    """One line of typed text: control characters dropped, runs of spaces made one."""
    text = unicodedata.normalize("NFC", text or "")
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cc").split())


def slugify_vi(text: str, max_length: int = 200) -> str:
    """A URL slug that keeps the Vietnamese letters readable in ASCII ("Đại hội" → "dai-hoi")."""
    slug = _NON_WORD.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-")


def _group_thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def format_number(value: int | None) -> str:
    """A count the Vietnamese way: 43512 → "43.512"."""
    if value is None or value == "":
        return ""
    return _group_thousands(int(value))


def format_money(amount: int | None) -> str:
    """Whole đồng the Vietnamese way: 705000000 → "705.000.000 đồng"."""
    if amount is None:
        return ""
    return f"{_group_thousands(int(amount))} đồng"


# Smallest first; each unit is a thousand of the one before.
_SHORT_UNITS = ((10**6, "triệu"), (10**9, "tỷ"))


def format_money_short(amount: int | None) -> str:
    """Large sums as Vietnamese say them: 2870000000 → "2,87 tỷ đồng".

    293500000 → "293,5 triệu đồng"; sums under a million are written in full.
    """
    if amount is None:
        return ""
    amount = int(amount)
    shown = None
    for size, unit in _SHORT_UNITS:
        value = (Decimal(amount) / size).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        # A sum that rounds up to 1.000 of a unit is said in the next: "1 tỷ", not "1.000 triệu".
        if abs(amount) >= size or (shown is not None and abs(shown[0]) >= 1000):
            shown = (value, unit)
    if shown is None:
        return format_money(amount)
    value, unit = shown
    whole, _, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    number = _group_thousands(int(whole)) + (f",{fraction}" if fraction else "")
    return f"{number} {unit} đồng"


# What a page shows where a value is missing: one mark everywhere (templates use `or_dash`).
EMPTY_MARK = "—"


def or_empty_mark(value) -> str:
    """The value, or EMPTY_MARK when there is none (None, "", blank text); 0 is a value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return EMPTY_MARK
    return value


def weekday_name(day: date) -> str:
    """The weekday as printed in Vietnamese news: "Thứ hai" … "Chủ nhật"."""
    names = (
        pgettext("weekday", "Monday"),
        pgettext("weekday", "Tuesday"),
        pgettext("weekday", "Wednesday"),
        pgettext("weekday", "Thursday"),
        pgettext("weekday", "Friday"),
        pgettext("weekday", "Saturday"),
        pgettext("weekday", "Sunday"),
    )
    return names[day.weekday()]


def format_date(value: date | datetime | None, *, with_weekday: bool = True) -> str:
    """ "Thứ ba, 10/10/2023" for a date, "Thứ ba, 10/10/2023 06:49" for a moment (local time)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        text = value.strftime("%d/%m/%Y %H:%M")
    else:
        text = value.strftime("%d/%m/%Y")
    return f"{weekday_name(value)}, {text}" if with_weekday else text


def machine_date(value: date | datetime | None) -> str:
    """The value as HTML's <time datetime> wants it: "2023-10-10", "2023-10-10T06:49:00+07:00".

    Whole seconds only: HTML allows no more than three decimals, and readers need none.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat(timespec="seconds")
    return value.isoformat()


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    """Roman ordinal of a congress: 12 → "XII"."""
    number = int(number)
    if not 0 < number < 4000:
        raise ValueError(f"Roman numerals cover 1–3999, not {number}")
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


_WORD = re.compile(r"[a-z0-9]+")


def search_words(text: str) -> list[str]:
    """The folded words of a text, in order: "92/CT-UBND" → ["92", "ct", "ubnd"]."""
    return _WORD.findall(fold(text))


def search_document(*parts: str) -> str:
    """The folded words of `parts` between spaces, stored for diacritic-free search.

    The spaces at both ends let a query match whole words with a plain
    LIKE '% cong %' (see as_word), which a trigram index on PostgreSQL can answer.
    """
    return " " + " ".join(search_words(" ".join(part for part in parts if part))) + " "


def as_word(term: str) -> str:
    """The form of a folded term to look for in a search document: a whole word."""
    return f" {term} "


def search_terms(query: str, limit: int = 8) -> list[str]:
    """The distinct folded words of a search, in the order typed, at most `limit` of them."""
    return list(dict.fromkeys(search_words(query)))[:limit]


def _order_letters(word: str) -> str:
    """A word spelled for ordering: two characters a letter, "a0" … "z0", and "d1" for "đ".

    Diacritics fold away ("Ánh" sits by "Anh") except that "Đ" comes after every "D", as in
    the Vietnamese alphabet. Only ASCII letters and digits are used, which every database
    collation orders alike (a collation that skips spaces or punctuation cannot reorder it).
    """
    letters = []
    for char in unicodedata.normalize("NFC", word):
        if char in "đĐ":
            letters.append("d1")
        else:
            letters.extend(f"{letter}0" for letter in fold(char) if "a" <= letter <= "z")
    return "".join(letters)


def name_sort_key(full_name: str) -> str:
    """How a Vietnamese list orders people: given name, then family name, then middle name.

    "Nguyễn Văn An" is ordered as An · Nguyễn · Văn, so it comes before "Bùi Thị Bình".
    Words are joined by "00", which sorts before any letter: "An" before "Anh".
    """
    words = [word for word in (_order_letters(part) for part in (full_name or "").split()) if word]
    if not words:
        return ""
    given, family, middle = words[-1], words[0] if len(words) > 1 else "", words[1:-1]
    return "00".join([given, family, *middle])[:255]


def _build_fold_table() -> dict[int, str]:
    """Each Latin letter with diacritics, and each capital, to its lower-case ASCII letter."""
    table = {}
    for codepoint in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        folded = fold(chr(codepoint))
        if len(folded) == 1:
            table[codepoint] = folded
    return table


_FOLD_TABLE = _build_fold_table()


def _fold_same_length(text: str) -> str:
    """Fold without changing the length, so a match in the result is a match in `text`."""
    return text.translate(_FOLD_TABLE)


# Where one block of an HTML text ends and the next begins: a paragraph, a heading, a list
# item, a table cell, a line break.
_BLOCK_BOUNDARY = re.compile(
    r"<br\s*/?>|</?(?:p|div|h[1-6]|li|ul|ol|tr|td|th|table|blockquote|figure|figcaption|"
    r"section|article|header|footer|pre|dd|dt|dl)(?:\s[^>]*)?>",
    re.I,
)
_ENDS_A_SENTENCE = re.compile(r"[.!?:;…»”\")]$")


def html_text(html: str) -> str:
    """The text of an HTML fragment on one line, its blocks kept apart.

    strip_tags alone runs paragraphs together ("lao động nữ.</p><p>Nhiệm kỳ" gives
    "nữ.Nhiệm"): each block is ended with a space, after a "·" when it does not end a
    sentence itself (a heading, a list item).
    """
    blocks = unescape(strip_tags(_BLOCK_BOUNDARY.sub("\n", html or ""))).split("\n")
    lines = [" ".join(block.split()) for block in blocks]
    lines = [line for line in lines if line]
    joined = []
    for number, line in enumerate(lines):
        last = number == len(lines) - 1
        joined.append(line if last or _ENDS_A_SENTENCE.search(line) else f"{line} ·")
    return " ".join(joined)


_TYPED_WORD = re.compile(r"\w+")


def exact_words(query: str) -> list[str]:
    """The words of a query as typed, lower-case, when it has diacritics; else none.

    "Cổng thông tin" → ["cổng", "thông", "tin"]: the reader chose these letters, so this
    form ranks and is marked before the others that fold alike ("công", "cộng").
    """
    typed = unicodedata.normalize("NFC", query or "").lower()
    if fold(typed) == " ".join(typed.split()):
        return []
    return list(dict.fromkeys(_TYPED_WORD.findall(typed)))


def _phrase_spans(text: str, words: list[str], letter: str) -> list[tuple[int, int]]:
    """Each word of each place where `words` stand together in `text`, as spans.

    `letter` is the class of the characters words are made of; anything else between two
    words (spaces, punctuation) still has them standing together.
    """
    pattern = rf"(?<!{letter})" + rf"(?:(?!{letter}).){{1,3}}".join(map(re.escape, words))
    pattern += rf"(?!{letter})"
    spans = []
    for match in re.finditer(pattern, text):
        for word in re.finditer(rf"{letter}+", match.group(0)):
            spans.append((match.start() + word.start(), match.start() + word.end()))
    return spans


def _word_spans(text: str, words: list[str], letter: str) -> list[tuple[int, int]]:
    """Every place of each word, or none unless every word is there.

    A text holding one word of "công đoàn" ("Công văn", "đoàn viên") shows a different
    word that happens to fold alike: marking it would point at the wrong thing.
    """
    spans = []
    for word in words:
        pattern = rf"(?<!{letter}){re.escape(word)}(?!{letter})"
        found = [match.span() for match in re.finditer(pattern, text)]
        if not found:
            return []
        spans.extend(found)
    return spans


def folded_words(text: str) -> str:
    """search_document(text) for a check made while a page is built, on a long text.

    The same words for Vietnamese text, by the letter table rather than by decomposing
    every character: a tenth of the time on an article's body.
    """
    folded = _fold_same_length(unicodedata.normalize("NFC", text or ""))
    return " " + " ".join(_WORD.findall(folded)) + " "


def highlight(text: str, terms: list[str], *, length: int = 240, exact: list[str] = ()):
    """A snippet of `text` around the first match, with the matched words in <mark>.

    Matching ignores diacritics ("cong doan" marks "Công đoàn"); the snippet keeps
    the original letters. The closest matches only are marked: the words as typed
    with their diacritics (`exact`, from exact_words), standing together, then the
    folded words together ("cong doan" marks "công đoàn", not "thi công" or "cổng" elsewhere
    in the text), then the words as typed apart, then the folded words apart; words apart
    only when the text holds every one of them. Returns safe HTML.
    """
    text = unicodedata.normalize("NFC", _SPACES.sub(" ", text or "").strip())
    folded = _fold_same_length(text)
    lowered = text.lower()
    exact = list(exact) if len(lowered) == len(text) else []
    tiers = []
    if len(exact) > 1:
        tiers.append(lambda: _phrase_spans(lowered, exact, r"\w"))
    if len(terms) > 1:
        tiers.append(lambda: _phrase_spans(folded, terms, r"[a-z0-9]"))
    if exact:
        tiers.append(lambda: _word_spans(lowered, exact, r"\w"))
    tiers.append(lambda: _word_spans(folded, terms, r"[a-z0-9]"))
    spans = []
    for tier in tiers:
        spans = tier()
        if spans:
            break
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))

    first = merged[0][0] if merged else 0
    window_start = max(0, first - length // 3)
    if window_start:
        space = text.find(" ", window_start)
        window_start = space + 1 if 0 <= space < first else window_start
    window_end = min(len(text), window_start + length)
    if window_end < len(text):
        space = text.rfind(" ", window_start, window_end)
        window_end = space if space > first else window_end

    pieces, cursor = [], window_start
    for start, end in merged:
        if end <= window_start or start >= window_end:
            continue
        start, end = max(start, window_start), min(end, window_end)
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(escape(text[cursor:window_end]))
    prefix = "… " if window_start > 0 else ""
    suffix = " …" if window_end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)


def describe_error(error: Exception) -> str:
    """An exception as staff read it in the admin: its kind and message, bounded."""
    return f"{type(error).__name__}: {error}"[:2000]
