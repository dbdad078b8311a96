"""The portal-wide pages: home, site profile, search, language, machine endpoints, errors."""

import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from federation import search as site_search
from federation.models import SiteProfile
from federation.search import Hit, SearchResult
from federation.text import fold
from tests.factories import PROFILE, browser, make_site_profile, make_user
from tests.markup import read

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def vietnamese(message: str, **params) -> str:
    """The Vietnamese text of a source string, checked to be really translated."""
    with translation.override("vi"):
        translated = gettext(message)
    assert translated != message, f"no Vietnamese translation for {message!r}"
    return translated % params if params else translated


def page_text(response) -> str:
    return response.content.decode()


def title_of(response) -> str:
    match = re.search(r"<title>(.*?)</title>", page_text(response), re.S)
    assert match, "the page has no <title>"
    return match.group(1)


def header_of(response) -> str:
    match = re.search(r'<header class="site-header">(.*?)</header>', page_text(response), re.S)
    assert match, "the page has no site header"
    return match.group(1)


def assert_styled_page(response, site_name: str) -> None:
    """The portal's layout: language, header with the federation's name, link home, footer."""
    text = page_text(response)
    assert '<html lang="vi">' in text
    assert site_name in header_of(response)
    assert site_name in title_of(response)
    assert 'href="/"' in text
    assert 'class="site-footer"' in text
    assert "/static/css/portal." in text


def png_upload(name: str = "logo.png", size=(64, 64), mode: str = "RGB") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new(mode, size, color=0).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class TestHealthz:
    def test_ok_when_the_database_answers(self, client, db):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}
        assert "no-store" in response["Cache-Control"]

    def test_unreachable_database_gives_503_and_an_error_page_for_visitors(self):
        """A real process with a database address nothing listens on."""
        script = (
            "import json, django\n"
            "django.setup()\n"
            "from django.test import Client\n"
            "client = Client(raise_request_exception=False)\n"
            "health = client.get('/healthz')\n"
            "home = client.get('/')\n"
            "print(json.dumps([health.status_code, health.json(), home.status_code,"
            " home.content.decode()]))\n"
        )
        env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
        env.update(
            DJANGO_SETTINGS_MODULE="federation.settings",
            DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere",
            SECRET_KEY="k" * 20 + "-health-check-test-key-0123456789-abcdefgh",
            DEBUG="false",
            ALLOWED_HOSTS="testserver",
            SECURE_SSL_REDIRECT="false",
        )
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        status, body, home_status, home_page = json.loads(result.stdout.strip().splitlines()[-1])
        assert status == 503
        assert body == {"status": "error", "database": "unreachable"}
        # Visitors get the portal's own error page, not a bare traceback or a blank page.
        assert home_status == 500
        assert "<html lang=" in home_page
        assert 'href="/"' in home_page


class TestRobotsAndSitemap:
    def test_robots_txt(self, client, db, settings):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        lines = response.content.decode().splitlines()
        assert f"Disallow: /{settings.ADMIN_URL}" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines

    def test_sitemap_is_valid_xml_with_the_home_page(self, client, db):
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        assert root.tag == f"{namespace}urlset"
        locations = [loc.text for loc in root.iter(f"{namespace}loc")]
        assert "http://testserver/" in locations


class TestErrorPages:
    def test_unknown_address_gets_the_styled_404(self, client, site_profile):
        response = client.get("/khong-co-trang-nay/")
        assert response.status_code == 404
        assert_styled_page(response, PROFILE["full_name"])
        assert vietnamese("Page not found") in title_of(response)

    @pytest.mark.urls("tests.federation.error_urls")
    @pytest.mark.parametrize(
        ("path", "status", "title"),
        [
            ("/thu-loi/400/", 400, "Bad request"),
            ("/thu-loi/403/", 403, "Access denied"),
            ("/thu-loi/500/", 500, "Server error"),
        ],
    )
    def test_failing_views_get_styled_error_pages(self, client, site_profile, path, status, title):
        client.raise_request_exception = False
        response = client.get(path)
        assert response.status_code == status
        assert_styled_page(response, PROFILE["full_name"])
        assert vietnamese(title) in title_of(response)
        assert f'<p class="error-code">{status}</p>' in page_text(response)

    @pytest.mark.urls("tests.federation.error_urls")
    def test_error_pages_do_not_leak_the_exception(self, client, site_profile):
        client.raise_request_exception = False
        text = page_text(client.get("/thu-loi/500/"))
        assert "Lỗi thử nghiệm" not in text
        assert "Traceback" not in text


class TestHomePage:
    def test_shows_the_federation_profile(self, visitor, site_profile):
        response = visitor.get("/")
        assert response.status_code == 200
        assert PROFILE["full_name"] in header_of(response)
        assert title_of(response) == f"{vietnamese('Home')} – {PROFILE['full_name']}"
        text = page_text(response)
        footer = text[text.index('<footer class="site-footer">') :]
        assert PROFILE["address"] in footer
        assert PROFILE["phone"] in footer
        assert 'href="tel:02133876251"' in footer
        assert f'href="mailto:{PROFILE["email"]}"' in footer
        assert PROFILE["intro"] in text

    def test_the_footer_gives_the_hotline_on_every_page(self, visitor, db):
        make_site_profile(hotline="1900 6868")
        for path in ("/", "/khong-co-trang-nay/"):
            text = page_text(visitor.get(path))
            footer = text[text.index('<footer class="site-footer">') :]
            assert 'href="tel:19006868">1900 6868</a>' in footer

    def test_renders_before_staff_fill_in_the_profile(self, visitor, db):
        assert not SiteProfile.objects.exists()
        response = visitor.get("/")
        assert response.status_code == 200
        assert vietnamese("Provincial Labour Federation") in header_of(response)

    def test_default_name_follows_each_visitors_language(self, db):
        """An English visitor filling the cache leaves no English name for Vietnamese visitors."""
        english = browser(address="27.72.100.5")
        english.cookies["django_language"] = "en"
        assert "Provincial Labour Federation" in header_of(english.get("/"))

        response = browser().get("/")
        assert vietnamese("Provincial Labour Federation") in header_of(response)

    def test_without_an_introduction_the_intro_block_is_left_out(self, visitor, db):
        SiteProfile(full_name="Liên đoàn Lao động tỉnh Sơn La", short_name="LĐLĐ Sơn La").save()
        response = visitor.get("/")
        assert 'class="panel panel-intro"' not in page_text(response)
        assert "Liên đoàn Lao động tỉnh Sơn La" in header_of(response)


class TestSiteProfileAdmin:
    CHANGE_URL = "/quan-tri/federation/siteprofile/1/change/"

    def form_data(self, **changes):
        return {**PROFILE, "map_url": "", **changes, "_save": "Lưu"}

    def test_staff_edit_the_profile_and_every_page_shows_it_at_once(
        self, admin_client, site_profile, visitor
    ):
        assert PROFILE["full_name"] in header_of(visitor.get("/"))  # cached from now on

        response = admin_client.post(
            self.CHANGE_URL,
            self.form_data(
                full_name="Liên đoàn Lao động tỉnh Điện Biên",
                short_name="LĐLĐ tỉnh Điện Biên",
                address="Số 12, đường Võ Nguyên Giáp, phường Điện Biên Phủ",
            ),
        )
        assert response.status_code == 302

        page = visitor.get("/")
        assert "Liên đoàn Lao động tỉnh Điện Biên" in header_of(page)
        assert "Số 12, đường Võ Nguyên Giáp, phường Điện Biên Phủ" in page_text(page)
        assert PROFILE["full_name"] not in header_of(page)
        assert PROFILE["full_name"] not in title_of(page)

    def test_one_row_no_add_and_no_delete(self, admin_client, site_profile):
        response = admin_client.get("/quan-tri/federation/siteprofile/")
        assert response.status_code == 302
        assert response["Location"] == self.CHANGE_URL

        assert admin_client.get("/quan-tri/federation/siteprofile/add/").status_code == 403
        assert admin_client.get("/quan-tri/federation/siteprofile/1/delete/").status_code == 403
        change_page = page_text(admin_client.get(self.CHANGE_URL))
        assert "/siteprofile/1/delete/" not in change_page
        assert "_addanother" not in change_page

    def test_staff_without_the_permission_are_refused_before_anything(self, db):
        staff = browser()
        staff.force_login(make_user("dinh.thi.lan"))  # staff, no permission on the profile
        response = staff.get("/quan-tri/federation/siteprofile/")
        assert response.status_code == 403
        assert not SiteProfile.objects.exists()

    def test_before_the_profile_exists_the_admin_opens_the_add_form(self, admin_client):
        response = admin_client.get("/quan-tri/federation/siteprofile/")
        assert response["Location"] == "/quan-tri/federation/siteprofile/add/"
        response = admin_client.post(
            "/quan-tri/federation/siteprofile/add/",
            self.form_data(full_name="Liên đoàn Lao động tỉnh Hà Giang"),
        )
        assert response.status_code == 302
        assert SiteProfile.objects.get().full_name == "Liên đoàn Lao động tỉnh Hà Giang"

    def test_a_real_png_logo_is_accepted_and_shown(self, admin_client, site_profile, media_root):
        response = admin_client.post(
            self.CHANGE_URL, {**self.form_data(), "logo": png_upload("bieu-trung.png")}
        )
        assert response.status_code == 302
        profile = SiteProfile.objects.get()
        assert Path(profile.logo.path).is_file()
        assert Path(profile.logo.path).is_relative_to(media_root)
        # The header shows a WebP rendition of the upload, sized as its file is.
        (logo,) = read(header_of(Client().get("/"))).images
        assert logo["src"] == profile.logo_large.url
        assert logo["srcset"] == f"{profile.logo_small.url} 64w, {profile.logo_large.url} 128w"
        with Image.open(profile.logo_large.path) as served:
            assert served.format == "WEBP"
            assert served.size == (int(logo["width"]), int(logo["height"])) == (128, 128)

    def test_a_wide_logo_keeps_its_shape_inside_the_square(self, admin_client, site_profile):
        buffer = io.BytesIO()
        Image.new("RGBA", (300, 100), (176, 18, 31, 255)).save(buffer, format="PNG")
        upload = SimpleUploadedFile("bieu-trung-ngang.png", buffer.getvalue(), "image/png")
        admin_client.post(self.CHANGE_URL, {**self.form_data(), "logo": upload})
        profile = SiteProfile.objects.get()
        with Image.open(profile.logo_small.path) as small:
            assert small.size == (64, 64)
            # Transparent above and below the logo, which fills the width.
            assert small.getpixel((32, 2))[3] == 0
            assert small.getpixel((32, 32))[3] == 255

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile("logo.png", "Không phải ảnh".encode(), content_type="image/png"),
            SimpleUploadedFile(
                "logo.png", b"\x89PNG" + b"\0" * (2 * 1024 * 1024), content_type="image/png"
            ),
        ],
        ids=["text-named-png", "over-2-mb"],
    )
    def test_files_that_are_not_small_images_are_refused(self, admin_client, site_profile, upload):
        response = admin_client.post(self.CHANGE_URL, {**self.form_data(), "logo": upload})
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["logo"]
        assert not SiteProfile.objects.get().logo

    def test_an_image_with_too_many_pixels_is_refused(self, admin_client, site_profile):
        """A decompression bomb: a small file that would take gigabytes to open."""
        bomb = png_upload(size=(8000, 6000), mode="1")
        assert bomb.size < 100_000
        response = admin_client.post(self.CHANGE_URL, {**self.form_data(), "logo": bomb})
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["logo"]
        assert not SiteProfile.objects.get().logo

    def test_a_bomb_too_large_for_pillow_is_called_too_large_not_corrupt(
        self, admin_client, site_profile
    ):
        bomb = png_upload(size=(20000, 20000), mode="1")
        with translation.override("vi"):
            response = admin_client.post(self.CHANGE_URL, {**self.form_data(), "logo": bomb})
            expected = gettext("The image is too large to process.")
        assert response.context["adminform"].form.errors["logo"] == [expected]
        assert not SiteProfile.objects.get().logo


@pytest.fixture
def search_provider(monkeypatch):
    """Content to find, registered the way the news and documents apps register theirs."""
    results = [
        SearchResult(
            kind="Tin tức",
            title=f"Công đoàn cơ sở số {number} tổ chức Đại hội",
            url=f"/tin-tuc/cong-doan-co-so-so-{number}/",
        )
        for number in range(1, 46)
    ]

    class Provider:
        kind = "Tin tức"

        def matches(self, query, limit):
            return list(range(len(results)))[:limit] if "cong doan" in fold(query) else []

        def ranked(self, query, keys, limit):
            return [Hit(key=key, score=-key, date=None) for key in keys[:limit]]

        def results(self, query, keys):
            return [results[key] for key in keys]

    monkeypatch.setattr(site_search, "_PROVIDERS", {"thu-nghiem": Provider()})
    return results


class TestSearchPage:
    def error_of(self, response) -> str:
        match = re.search(
            r'<p id="search-q-error" class="field-error">(.*?)</p>', page_text(response)
        )
        return match.group(1) if match else ""

    def test_without_a_query_the_form_is_shown_without_errors(self, visitor):
        response = visitor.get("/tim-kiem/")
        assert response.status_code == 200
        assert 'id="search-q"' in page_text(response)
        assert self.error_of(response) == ""

    def test_an_empty_query_asks_for_words(self, visitor):
        response = visitor.get("/tim-kiem/", {"q": ""})
        assert response.status_code == 200
        assert self.error_of(response) == vietnamese(
            "Type a word or a document number to search for."
        )

    def test_a_one_letter_query_gets_a_vietnamese_message(self, visitor):
        response = visitor.get("/tim-kiem/", {"q": "a"})
        assert response.status_code == 200
        assert self.error_of(response) == vietnamese(
            "Type at least %(limit_value)d characters.", limit_value=2
        )

    def test_a_2000_character_query_gets_a_vietnamese_message(self, visitor):
        response = visitor.get("/tim-kiem/", {"q": "công đoàn " * 200})
        assert response.status_code == 200
        assert self.error_of(response) == vietnamese(
            "The search is too long: at most %(limit_value)d characters.", limit_value=200
        )

    def test_results_are_paged_and_the_query_is_kept(self, visitor, search_provider):
        response = visitor.get("/tim-kiem/", {"q": "công đoàn"})
        assert response.status_code == 200
        text = page_text(response)
        assert text.count('class="search-result"') == 20
        assert "Công đoàn cơ sở số 1 tổ chức Đại hội" in text
        assert 'href="?q=c%C3%B4ng+%C4%91o%C3%A0n&amp;page=2"' in text

    @pytest.mark.parametrize(("page", "shown"), [("abc", 1), ("99999", 41), ("-1", 41), ("", 1)])
    def test_odd_page_numbers_never_fail(self, visitor, search_provider, page, shown):
        response = visitor.get("/tim-kiem/", {"q": "công đoàn", "page": page})
        assert response.status_code == 200
        assert f"Công đoàn cơ sở số {shown} tổ chức Đại hội<" in page_text(response)

    def test_a_query_without_results_says_so(self, visitor, search_provider):
        response = visitor.get("/tim-kiem/", {"q": "Quỹ quốc gia giải quyết việc làm"})
        assert response.status_code == 200
        assert 'class="search-result"' not in page_text(response)
        assert 'class="result-count"' in page_text(response)


class TestLanguage:
    def test_switching_to_english_sets_the_cookie_and_the_page_language(self, visitor):
        response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/tim-kiem/"})
        assert response.status_code == 302
        assert response["Location"] == "/tim-kiem/"
        assert response.cookies["django_language"].value == "en"

        page = visitor.get("/")
        assert '<html lang="en">' in page_text(page)
        assert "Home – " in title_of(page)

    def test_switching_back_to_vietnamese(self, visitor):
        visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
        visitor.post("/i18n/setlang/", {"language": "vi", "next": "/"})
        assert '<html lang="vi">' in page_text(visitor.get("/"))

    def test_an_english_browser_still_gets_vietnamese_by_default(self, db):
        reader = browser(headers={"accept-language": "en-US,en;q=0.9"})
        response = reader.get("/")
        assert '<html lang="vi">' in page_text(response)
        assert response["Content-Language"] == "vi"

    def test_an_unknown_language_cookie_falls_back_to_vietnamese(self, visitor):
        visitor.cookies["django_language"] = "fr"
        assert '<html lang="vi">' in page_text(visitor.get("/"))
