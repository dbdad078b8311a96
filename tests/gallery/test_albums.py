"""Photo albums: uploaded in bulk by the news desk, shown as a grid and a photo viewer."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from gallery import services
from gallery.models import Album, AlbumPhoto
from tests.files import html_bytes, jpeg_bytes, upload
from tests.gallery.factories import make_album, photo_upload
from tests.helpers import files_under, section, shows, text_of, vi
from tests.news.factories import make_article, make_category

ADD_URL = reverse("admin:gallery_album_add")
TITLE = "Giải bóng đá công nhân viên chức lao động tỉnh"


def change_url(album) -> str:
    return reverse("admin:gallery_album_change", args=[album.pk])


def album_form(photos=(), *, total=0, initial=0, **changes) -> dict:
    data = {
        "title": TITLE,
        "slug": "",
        "date": "2026-11-15",
        "published": "on",
        "description": "Mười sáu đội bóng tranh tài trong năm ngày.",
        "cover": "",
        "new_photos": list(photos),
        "photos-TOTAL_FORMS": str(total),
        "photos-INITIAL_FORMS": str(initial),
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def inline_rows(album) -> dict:
    """The inline rows of the album's photos as the change form posts them back."""
    rows = {}
    for index, photo in enumerate(album.photos.all()):
        prefix = f"photos-{index}-"
        rows.update(
            {
                prefix + "id": str(photo.pk),
                prefix + "album": str(album.pk),
                prefix + "order": str(photo.order),
                prefix + "alt": photo.alt,
                prefix + "caption": photo.caption,
                prefix + "credit": photo.credit,
            }
        )
    return rows


def truncated_jpeg() -> bytes:
    """A JPEG cut off half-way: its header reads as an image, its pixels do not."""
    whole = jpeg_bytes(size=(1200, 900), colour=(40, 120, 200))
    return whole[: len(whole) // 2]


# ---------------------------------------------------------------------------------------
# Bulk upload in the admin


class TestBulkUpload:
    def test_photos_are_added_in_the_order_chosen_with_a_description_to_edit(
        self, editor_client, media_root
    ):
        files = [
            photo_upload("khai-mac.jpg", (11, 61, 145)),
            photo_upload("tran-dau.jpg", (176, 18, 31)),
            photo_upload("trao-giai.jpg", (30, 107, 52)),
        ]
        response = editor_client.post(ADD_URL, album_form(files))
        assert response.status_code == 302
        album = Album.objects.get()
        assert album.slug == "giai-bong-da-cong-nhan-vien-chuc-lao-dong-tinh"
        photos = list(album.photos.all())
        assert [photo.order for photo in photos] == [1, 2, 3]
        assert [photo.alt for photo in photos] == [f"{TITLE} – ảnh {n}" for n in (1, 2, 3)]
        # In the order chosen: the colours of the three files, one by one.
        colours = []
        for photo in photos:
            with Image.open(photo.image.path) as image:
                colours.append(image.convert("RGB").getpixel((10, 10)))
        assert colours[0][2] > 120
        assert colours[1][0] > 150
        assert colours[2][1] > 90
        # Staff then make each description precise in the inline rows.
        rows = inline_rows(album)
        rows["photos-1-alt"] = "Cầu thủ hai đội bắt tay trước trận đấu"
        rows["photos-1-caption"] = "Trận khai mạc."
        response = editor_client.post(
            change_url(album),
            album_form(total=3, initial=3, slug=album.slug, **rows),
        )
        assert response.status_code == 302
        second = AlbumPhoto.objects.get(album=album, order=2)
        assert second.alt == "Cầu thủ hai đội bắt tay trước trận đấu"
        assert second.caption == "Trận khai mạc."

    def test_more_photos_go_after_the_last(self, editor_client, album):
        rows = inline_rows(album)
        files = [photo_upload("them-1.jpg"), photo_upload("them-2.jpg")]
        response = editor_client.post(
            change_url(album),
            album_form(files, total=4, initial=4, title=album.title, slug=album.slug, **rows),
        )
        assert response.status_code == 302
        orders = list(album.photos.values_list("order", flat=True))
        assert orders == [1, 2, 3, 4, 5, 6]
        assert album.photos.get(order=6).alt == f"{album.title} – ảnh 6"

    def test_a_fake_image_among_them_refuses_the_whole_batch_naming_it(
        self, editor_client, album, media_root
    ):
        before = sorted(files_under(media_root))
        rows = inline_rows(album)
        files = [
            photo_upload("that-1.jpg"),
            upload("anh-gia.jpg", html_bytes()),
            photo_upload("that-2.jpg"),
        ]
        response = editor_client.post(
            change_url(album),
            album_form(files, total=4, initial=4, title="Tên mới", slug=album.slug, **rows),
        )
        assert response.status_code == 200
        assert shows(
            response, vi("No photo was added. Remove or replace these files and upload again:")
        )
        problem = vi("The file is not a valid image (PNG, JPEG or WebP).")
        assert shows(response, f"“anh-gia.jpg”: {problem}")
        assert "that-1.jpg" not in text_of(response)
        album.refresh_from_db()
        assert album.photos.count() == 4
        assert album.title != "Tên mới"
        assert sorted(files_under(media_root)) == before

    def test_an_oversized_photo_is_refused_with_the_limit(
        self, editor_client, album, settings, media_root
    ):
        settings.GALLERY_IMAGE_MAX_BYTES = 20_000
        before = sorted(files_under(media_root))
        big = upload(
            "toan-canh.jpg", jpeg_bytes(size=(2400, 1600), colour=(1, 2, 3)) + b"\0" * 30_000
        )
        rows = inline_rows(album)
        response = editor_client.post(
            change_url(album),
            album_form([big], total=4, initial=4, title=album.title, slug=album.slug, **rows),
        )
        assert response.status_code == 200
        assert "“toan-canh.jpg”" in text_of(response)
        with translation.override("vi"):
            limit = filesizeformat(20_000)
        assert f"giới hạn {limit}" in text_of(response)
        assert album.photos.count() == 4
        assert sorted(files_under(media_root)) == before

    def test_a_photo_that_fails_while_stored_takes_the_batch_and_its_files_with_it(
        self, album, media_root
    ):
        before = sorted(files_under(media_root))
        batch = [photo_upload("tot.jpg"), upload("hong.jpg", truncated_jpeg())]
        with pytest.raises(OSError, match="truncated"):
            services.add_photos(album, batch)
        assert album.photos.count() == 4
        assert sorted(files_under(media_root)) == before

    def test_a_photo_needs_its_description(self, editor_client, album):
        rows = inline_rows(album)
        rows["photos-0-alt"] = "   "
        response = editor_client.post(
            change_url(album),
            album_form(total=4, initial=4, title=album.title, slug=album.slug, **rows),
        )
        assert response.status_code == 200
        assert album.photos.filter(alt__startswith=album.title).count() == 4

    def test_the_cover_is_one_of_the_albums_own_photos(self, editor_client, album):
        other = make_album("Lễ kỷ niệm 95 năm", photos=1)
        foreign = other.photos.get()
        rows = inline_rows(album)
        response = editor_client.post(
            change_url(album),
            album_form(
                total=4,
                initial=4,
                title=album.title,
                slug=album.slug,
                cover=str(foreign.pk),
                **rows,
            ),
        )
        assert response.status_code == 200
        album.refresh_from_db()
        assert album.cover_id is None

    def test_the_slug_rss_belongs_to_the_feed(self, editor_client):
        response = editor_client.post(ADD_URL, album_form([photo_upload("a.jpg")], slug="rss"))
        assert response.status_code == 200
        assert shows(response, vi("This address belongs to another page; choose another slug."))
        assert not Album.objects.exists()


# ---------------------------------------------------------------------------------------
# Public pages


class TestAlbumPages:
    def test_photos_are_served_as_webp_at_a_phone_and_a_desktop_width(self, album):
        photo = album.photos.first()
        assert photo.small.name.endswith(".webp")
        assert photo.large.name.endswith(".webp")
        assert (photo.small_width, photo.large_width) == (480, 1280)
        with Image.open(photo.large.path) as image:
            assert image.format == "WEBP"
            assert image.size == (1280, 960)

    def test_the_grid_offers_both_sizes_and_links_each_photo_to_its_page(self, visitor, album):
        response = visitor.get(album.get_absolute_url())
        grid = section(response, r'<ol class="photo-grid".*?</ol>')
        links = re.findall(r'<a class="photo-link" id="anh-(\d)" href="([^"]+)">', grid)
        assert links == [(str(n), f"/thu-vien-anh/{album.slug}/{n}/") for n in range(1, 5)]
        assert grid.count("srcset=") == 4
        assert " 480w" in grid
        assert f'alt="{album.title} – ảnh 1"' in grid

    def test_a_photo_page_leads_to_its_neighbours_and_back_to_its_thumbnail(self, visitor, album):
        first = text_of(visitor.get(f"/thu-vien-anh/{album.slug}/1/"))
        assert 'rel="prev"' not in first
        assert f'href="/thu-vien-anh/{album.slug}/2/" rel="next"' in first
        assert f'href="/thu-vien-anh/{album.slug}/#anh-1" data-key="Escape"' in first
        assert "Ảnh 1/4" in first
        third = text_of(visitor.get(f"/thu-vien-anh/{album.slug}/3/"))
        assert f'href="/thu-vien-anh/{album.slug}/2/" rel="prev" data-key="ArrowLeft"' in third
        assert f'href="/thu-vien-anh/{album.slug}/4/" rel="next" data-key="ArrowRight"' in third
        assert "srcset=" in third
        assert "js/gallery" in third
        last = text_of(visitor.get(f"/thu-vien-anh/{album.slug}/4/"))
        assert 'rel="next"' not in last
        assert visitor.get(f"/thu-vien-anh/{album.slug}/5/").status_code == 404
        assert visitor.get(f"/thu-vien-anh/{album.slug}/0/").status_code == 404

    def test_an_unpublished_album_is_not_found_but_staff_preview_it(self, visitor, editor_client):
        draft = make_album("Hội thao chưa công bố", photos=2, published=False)
        for path in (draft.get_absolute_url(), f"{draft.get_absolute_url()}1/"):
            assert visitor.get(path).status_code == 404
            assert editor_client.get(path).status_code == 200
        assert "Hội thao chưa công bố" not in text_of(visitor.get("/thu-vien-anh/"))
        assert shows(
            editor_client.get(draft.get_absolute_url()),
            vi("Preview for staff: this album is not published."),
        )

    def test_the_list_shows_the_chosen_cover_or_the_first_photo(self, visitor, album):
        other = make_album("Trao Mái ấm Công đoàn", photos=2, date=timezone.localdate())
        chosen = album.photos.get(order=3)
        album.cover = chosen
        services.save_album(album)
        html = text_of(visitor.get("/thu-vien-anh/"))
        assert chosen.small.url in html
        assert other.photos.get(order=1).small.url in html
        assert html.index("Trao Mái ấm Công đoàn") < html.index("Ngày hội hiến máu")
        assert vi("%(count)s photo", "%(count)s photos", 4) % {"count": 4} in html

    def test_a_page_number_that_is_not_a_page_is_not_found(self, visitor, album):
        assert visitor.get("/thu-vien-anh/", {"page": "9"}).status_code == 404

    def test_the_rss_feed_lists_published_albums(self, visitor, album):
        make_album("Bản nháp", photos=1, published=False)
        make_album("Chưa có ảnh", photos=0)
        response = visitor.get("/thu-vien-anh/rss/")
        assert response["Content-Type"].startswith("application/rss+xml")
        xml = text_of(response)
        assert f"<link>http://testserver{album.get_absolute_url()}</link>" in xml
        assert "Bản nháp" not in xml
        assert "Chưa có ảnh" not in xml
        assert "4 ảnh" in xml

    def test_the_sitemap_lists_the_library_and_published_albums(self, visitor, album):
        draft = make_album("Bản nháp", photos=1, published=False)
        xml = text_of(visitor.get("/sitemap.xml"))
        for path in ("/thu-vien-anh/", "/video/", album.get_absolute_url()):
            assert f"http://testserver{path}</loc>" in xml
        assert draft.slug not in xml

    def test_the_search_finds_an_album_by_a_caption_without_accents(self, visitor, album):
        photo = album.photos.get(order=2)
        photo.caption = "Bác sĩ Bệnh viện Đa khoa tỉnh kiểm tra sức khỏe người hiến"
        services.save_photo(photo)
        draft = make_album("Khám sức khỏe bản nháp", photos=0, published=False)
        services.refresh_album_search(draft)
        html = text_of(visitor.get("/tim-kiem/", {"q": "benh vien da khoa"}))
        assert f'href="{album.get_absolute_url()}"' in html
        assert vi("Photo library") in html
        assert draft.get_absolute_url() not in text_of(
            visitor.get("/tim-kiem/", {"q": "kham suc khoe"})
        )

    def test_the_menu_holds_the_library_with_photos_and_videos(self, visitor, album):
        nav = section(visitor.get("/thu-vien-anh/"), r'<nav class="main-nav".*?</nav>')
        entry = section(
            visitor.get("/thu-vien-anh/"),
            r'<li class="has-submenu">\s*<a href="/thu-vien-anh/".*?</ul>',
        )
        assert f">{vi('Media library')}</a>" in entry
        children = re.findall(r"<li><a [^>]*>(.*?)</a></li>", entry)
        assert children == ["Thư viện ảnh", "Video"]
        assert '<a href="/thu-vien-anh/" aria-current="page">Thư viện ảnh</a>' in nav

    def test_the_home_page_shows_the_latest_published_album(self, visitor, album):
        make_album("Album cũ", photos=1, date=timezone.localdate() - timedelta(days=300))
        make_album("Album mới chưa công bố", photos=1, published=False)
        block = section(visitor.get("/"), r'<section class="panel latest-album".*?</section>')
        assert album.title in block
        assert "Album cũ" not in block
        assert "chưa công bố" not in block
        assert album.photos.get(order=1).large.url in block


# ---------------------------------------------------------------------------------------
# An album in an article


def test_an_article_places_an_album_where_the_editor_wrote_its_marker(visitor, album):
    from tests.factories import make_editor

    draft = make_album("Album chưa công bố", photos=1, published=False)
    article = make_article(
        "Hơn 300 đoàn viên hiến máu",
        make_category("Hoạt động công đoàn"),
        by=make_editor("bien.tap"),
        body=(
            "<p>Sáng nay, ngày hội diễn ra.</p>"
            f"<p>[album {album.slug}]</p>"
            f"<p>[album {draft.slug}]</p>"
            "<p>[album khong-co-album-nay]</p>"
            "<p>Kết thúc ngày hội.</p>"
        ),
    )
    html = text_of(visitor.get(article.get_absolute_url()))
    embed = section(
        visitor.get(article.get_absolute_url()), r'<figure class="album-embed">.*?</figure>'
    )
    assert html.index("Sáng nay") < html.index('class="album-embed"') < html.index("Kết thúc")
    assert f'href="{album.get_absolute_url()}"' in embed
    assert f'href="/thu-vien-anh/{album.slug}/1/"' in embed
    assert embed.count("<img") == 4
    assert html.count('class="album-embed"') == 1
    assert "[album" not in html


# ---------------------------------------------------------------------------------------
# Queries


def _queries(client, path) -> int:
    client.get(path)  # warm: the sub-menu is cached per page-cache generation
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/thu-vien-anh/", "ALBUM", "PHOTO", "/"])
def test_pages_cost_the_same_whatever_the_number_of_albums_and_photos(path, settings, db):
    settings.PAGE_CACHE_SECONDS = 0
    from tests.factories import browser

    small = make_album("Album nhỏ", photos=2)
    resolved = {"ALBUM": small.get_absolute_url(), "PHOTO": f"{small.get_absolute_url()}2/"}
    few = _queries(browser(), resolved.get(path, path))
    for number in range(4):
        make_album(f"Album thêm {number}", photos=1)
    for upload_number in range(3):
        services.add_photos(small, [photo_upload(f"them-{upload_number}.jpg")])
    many = _queries(browser(), resolved.get(path, path))
    assert many == few
    assert few <= 12


def test_an_album_page_stays_within_its_query_budget(visitor, album, settings):
    settings.PAGE_CACHE_SECONDS = 0
    # The visit, the site profile, the album with its photo count, its photos.
    assert _queries(visitor, album.get_absolute_url()) <= 8
