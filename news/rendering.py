"""How an article's body is shown: photos placed where the editor wrote [ảnh N], and
what other apps place in it (the photo library's "[album slug]", gallery/embeds.py)."""

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from news.models import Article

# A paragraph holding only "[ảnh 2]" (or "[anh 2]", "[photo 2]") places photo number 2.
PHOTO_TOKEN = re.compile(r"<p>\s*\[\s*(?:ảnh|anh|photo)\s*(\d{1,3})\s*\]\s*</p>", re.IGNORECASE)

# Functions of other apps that take the sanitised body's HTML and return it with their own
# markers replaced; registered in their AppConfig.ready(), so the news names no other app.
_BODY_EMBEDS: list = []


def register_body_embed(embed) -> None:
    if embed not in _BODY_EMBEDS:
        _BODY_EMBEDS.append(embed)


def place_photos(body: str, photos) -> tuple[str, list]:
    """The body with its placed photos as figures, and the photos left for the gallery."""
    # Sanitised on save already; cleaning again on the way out costs little and
    # protects readers from a row written by any other path.
    body = Article._meta.get_field("body").sanitize(body or "")
    by_number = {photo.order: photo for photo in photos}
    placed = set()

    def figure(match):
        photo = by_number.get(int(match.group(1)))
        if photo is None:
            return ""
        placed.add(photo.pk)
        return render_to_string("news/includes/photo_figure.html", {"photo": photo})

    html = PHOTO_TOKEN.sub(figure, body)
    for embed in _BODY_EMBEDS:
        html = embed(html)
    gallery = [photo for photo in photos if photo.pk not in placed]
    return mark_safe(html), gallery


def json_ld(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> block, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)


def article_json_ld(article, *, url: str, image: str | None, publisher: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.summary,
        "mainEntityOfPage": url,
        "url": url,
        "datePublished": article.published_at,
        "dateModified": article.updated_at,
        "articleSection": article.category.name,
        "inLanguage": "vi",
        "author": {"@type": "Organization", "name": article.byline or publisher},
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if image:
        data["image"] = [image]
    return json_ld(data)
