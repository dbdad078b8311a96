"""Pictures on the public pages: WebP renditions at the size shown, each <img> sized.

An <img> without width and height gets its room only when the file arrives, and the
text below it jumps (layout shift). Every picture the pages render must say its size,
and that size must be the size of the file it names.
"""

import re
from io import StringIO
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from federation.images import Rendition, render
from news import services
from news.models import Article, Photo
from tests.factories import browser
from tests.files import jpeg_bytes
from tests.helpers import text_of
from tests.markup import read


def served_file(url: str) -> Path:
    url = unquote(url)
    if url.startswith(settings.MEDIA_URL):
        return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)
    assert url.startswith(settings.STATIC_URL), url
    found = finders.find(
        re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", url.removeprefix(settings.STATIC_URL))
    )
    assert found, url
    return Path(found)


def size_and_format(path: Path) -> tuple[int, int, str]:
    if path.suffix == ".svg":
        box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', path.read_text()).groups()
        return round(float(box[0])), round(float(box[1])), "SVG"
    with Image.open(path) as image:
        return image.width, image.height, image.format


def check_images(html: str) -> list[dict]:
    """Assert every <img> is sized as its file is, and every photo is WebP; returns them."""
    images = read(html).images
    for img in images:
        assert img.get("width"), img
        assert img.get("height"), img
        width, height, kind = size_and_format(served_file(img["src"]))
        assert (int(img["width"]), int(img["height"])) == (width, height), img
        assert kind in ("WEBP", "SVG"), img
        for candidate in filter(None, (img.get("srcset") or "").split(",")):
            url, descriptor = candidate.split()
            w, h, kind = size_and_format(served_file(url))
            assert kind == "WEBP", img
            assert descriptor == f"{w}w", img
            # Every candidate has the shape the width and height attributes promise.
            assert abs(w / h - width / height) < 0.01, img
    return images


@pytest.fixture
def photos(article):
    """Two photos: one placed in the body with [ảnh 1], one in the gallery."""
    Article.objects.filter(pk=article.pk).update(
        body=article.body + "<p>[ảnh 1]</p>", featured=True
    )
    made = []
    for order, size in ((1, (1400, 1000)), (2, (400, 600))):
        photo = Photo(article=article, alt=f"Ảnh số {order} của buổi trao quà", order=order)
        photo.image = ContentFile(jpeg_bytes(size=size), name=f"anh-{order}.jpg")
        made.append(services.save_photo(photo=photo))
    return made


@pytest.mark.django_db
def test_every_picture_of_the_article_page_is_sized_webp(article, photos):
    html = text_of(browser().get(article.get_absolute_url()))

    images = check_images(html)
    # The logo, the cover and the two photos.
    assert len(images) == 4
    cover = images[1]
    assert cover["alt"] == article.cover_alt
    assert (cover["width"], cover["height"]) == ("1024", "577")  # 1100 × 620, fitted to 1024
    assert "480w" in cover["srcset"]
    assert cover["sizes"]
    portrait = next(img for img in images if img["alt"] == "Ảnh số 2 của buổi trao quà")
    # Narrower than the small rendition: one file, its own size, no srcset to choose from.
    assert (portrait["width"], portrait["height"]) == ("400", "600")
    assert "srcset" not in portrait


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "list", "category", "tag"])
def test_every_picture_of_the_lists_and_the_home_page_is_sized_webp(articles, page):
    article = articles["published"]
    Article.objects.filter(pk=article.pk).update(featured=True)
    url = {
        "home": "/",
        "list": "/tin-tuc/",
        "category": article.category.get_absolute_url(),
        "tag": articles["tag"].get_absolute_url(),
    }[page]

    images = check_images(text_of(browser().get(url)))

    assert any(img["src"].endswith(".webp") for img in images)


@pytest.mark.django_db
def test_the_document_pages_size_their_pictures(db):
    check_images(text_of(browser().get("/van-ban/")))


@pytest.mark.django_db
def test_stored_jpeg_renditions_are_redrawn_as_webp_with_their_sizes(article, photos):
    """Articles saved before WebP: the command (and the data migration) redraw them."""
    jpeg = Rendition("small", 480, format="JPEG")
    old = render(article.cover, jpeg)
    article.cover_small.save(old.file.name, old.file, save=False)
    Article.objects.filter(pk=article.pk).update(
        cover_small=article.cover_small.name, cover_small_width=None, cover_large_width=None
    )
    Photo.objects.filter(pk=photos[0].pk).update(large_width=None)
    with Image.open(article.cover_small.path) as before:
        assert before.format == "JPEG"

    call_command("refresh_renditions", stdout=StringIO())

    article.refresh_from_db()
    for field in ("cover_small", "cover_large"):
        with Image.open(getattr(article, field).path) as image:
            assert image.format == "WEBP"
            assert image.size == (
                getattr(article, f"{field}_width"),
                getattr(article, f"{field}_height"),
            )
    with Image.open(article.cover_social.path) as social:
        assert (social.format, social.size) == ("JPEG", (1200, 630))
    photo = Photo.objects.get(pk=photos[0].pk)
    with Image.open(photo.large.path) as large:
        assert (large.format, large.size) == ("WEBP", (photo.large_width, photo.large_height))
    check_images(text_of(browser().get(article.get_absolute_url())))


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_redraws_what_was_stored_before(article):
    old = render(article.cover, Rendition("large", 1024, format="JPEG"))
    article.cover_large.save(old.file.name, old.file, save=False)
    Article.objects.filter(pk=article.pk).update(
        cover_large=article.cover_large.name, cover_large_width=None, cover_large_height=None
    )
    call_command("migrate", "news", "0005", verbosity=0)

    # Every app: migrating news back also unapplied the apps whose migrations depend on
    # the later news migrations (congress links articles, welfare links them too).
    call_command("migrate", verbosity=0)

    article.refresh_from_db()
    with Image.open(article.cover_large.path) as large:
        assert large.format == "WEBP"
        assert large.size == (article.cover_large_width, article.cover_large_height)
