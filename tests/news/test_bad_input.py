"""Bad input, each refused with a clear Vietnamese message or a 404, and nothing saved."""

import html
import re
import struct

import pytest
from django.urls import reverse
from PIL import Image

from news.models import Article, Comment, ErrorReport, Photo, Rating
from tests.factories import PROFILE, browser
from tests.files import bomb_png_bytes, executable_bytes, jpeg_bytes, jpeg_upload, png_bytes, upload
from tests.helpers import files_under, section, shows, text_of, vi
from tests.news.factories import article_form, make_article, management_form

ADD_URL = reverse("admin:news_article_add")


@pytest.fixture
def article(categories, approver):
    """One plain published article: all the reader-facing refusals need."""
    return make_article(
        "Công đoàn tỉnh trao 1.250 suất quà Tết Sum vầy cho đoàn viên",
        categories["union"],
        by=approver,
    )


def field_errors(response, field: str) -> str:
    """The error list the admin shows beside a field (empty when there is none)."""
    page = text_of(response)
    marker = f'<div class="form-row errors field-{field}'
    if marker not in page:
        return ""
    start = page.index(marker)
    return html.unescape(page[start : page.index("</ul>", start)])


def assert_nothing_stored(media_root) -> None:
    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert files_under(media_root) == []


# ---------------------------------------------------------------------------------------
# Images


# Django's image field reads every upload with Pillow first and says this; the portal's own
# validator says the second when a file reaches it some other way.
NOT_AN_IMAGE = [
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image.",
    "The file is not a valid image (PNG, JPEG or WebP).",
]


def text_file() -> bytes:
    return "Báo cáo tổng kết công tác công đoàn năm 2025.\n".encode() * 20


def thirty_megabytes() -> bytes:
    """A real JPEG followed by 30 MB of padding: only its size is wrong."""
    return jpeg_bytes(size=(320, 240)) + b"\0" * (30 * 1024 * 1024)


BAD_COVERS = {
    "text file": ("bao-cao.jpg", text_file, NOT_AN_IMAGE),
    "executable": ("anh-dep.jpg", executable_bytes, NOT_AN_IMAGE),
    "decompression bomb": (
        "bom.png",
        bomb_png_bytes,
        [
            "The image is too large to process.",
            "The image is too large (%(width)s × %(height)s pixels).",
        ],
    ),
    "30 MB": (
        "anh-goc-30mb.jpg",
        thirty_megabytes,
        ["The image is %(size)s; the limit is %(limit)s."],
    ),
}


def vietnamese_beginning(message: str) -> str:
    """The translated message up to its first placeholder, to find it whatever the figures."""
    translated = vi(message)
    return translated.split("%(")[0]


class TestBadImages:
    @pytest.mark.parametrize("case", list(BAD_COVERS))
    def test_a_bad_cover_is_refused(self, editor_client, categories, media_root, case):
        name, content, messages = BAD_COVERS[case]
        form = article_form(
            categories["union"],
            cover=upload(name, content()),
            cover_alt="Ảnh minh họa",
            _save="1",
        )
        response = editor_client.post(ADD_URL, form)
        assert response.status_code == 200  # the form comes back with the error
        errors = field_errors(response, "cover")
        assert any(vietnamese_beginning(message) in errors for message in messages), errors
        assert_nothing_stored(media_root)

    @pytest.mark.parametrize("case", ["text file", "executable", "decompression bomb"])
    def test_a_bad_photo_is_refused(self, editor_client, categories, media_root, case):
        name, content, messages = BAD_COVERS[case]
        form = article_form(
            categories["union"],
            **management_form(total=1),
            **{
                "photos-0-order": "1",
                "photos-0-image": upload(name, content()),
                "photos-0-alt": "Ảnh hoạt động",
                "photos-0-caption": "",
                "photos-0-id": "",
                "photos-0-article": "",
            },
        )
        response = editor_client.post(ADD_URL, form)
        assert response.status_code == 200
        assert any(vietnamese_beginning(m) in html.unescape(text_of(response)) for m in messages)
        assert_nothing_stored(media_root)

    def test_the_size_message_gives_both_sizes(self, editor_client, categories, media_root):
        form = article_form(
            categories["union"], cover=upload("lon.jpg", thirty_megabytes()), cover_alt="Ảnh"
        )
        errors = field_errors(editor_client.post(ADD_URL, form), "cover")
        assert "30,0" in errors
        assert "10,0" in errors

    def test_a_cover_without_description_is_refused(self, editor_client, categories, media_root):
        form = article_form(categories["union"], cover=jpeg_upload(), cover_alt="")
        response = editor_client.post(ADD_URL, form)
        assert response.status_code == 200
        assert vi("Describe the cover image for readers who cannot see it.") in field_errors(
            response, "cover_alt"
        )
        assert_nothing_stored(media_root)

    def test_a_valid_jpeg_is_stored_under_a_generated_name_with_its_renditions(
        self, editor_client, categories, media_root
    ):
        form = article_form(
            categories["union"],
            cover=jpeg_upload("Ảnh Đại hội (bản gốc).jpg", size=(1600, 900)),
            cover_alt="Quang cảnh Đại hội",
        )
        assert editor_client.post(ADD_URL, form).status_code == 302
        article = Article.objects.get()
        stored = sorted(path.replace(str(media_root), "") for path in files_under(media_root))
        assert len(stored) == 4  # the upload and its three renditions
        assert not any("Đại hội" in path or "ban-goc" in path for path in stored)
        expected = {
            article.cover: (1600, 900),
            article.cover_small: (480, 270),
            article.cover_large: (1024, 576),
            article.cover_social: (1200, 630),
        }
        for file, size in expected.items():
            with Image.open(file.path) as image:
                assert image.size == size

    def test_a_png_with_a_jpg_name_is_kept_as_what_it_is(self, editor_client, categories):
        form = article_form(
            categories["union"],
            cover=upload("logo.jpg", png_bytes(size=(600, 400))),
            cover_alt="Biểu trưng Công đoàn",
        )
        assert editor_client.post(ADD_URL, form).status_code == 302
        article = Article.objects.get()
        with Image.open(article.cover_small.path) as small:
            assert small.format == "WEBP"
            assert small.size == (480, 320)


# ---------------------------------------------------------------------------------------
# Ratings


class TestBadRatings:
    @pytest.mark.parametrize("score", ["0", "6", "abc", "-1", "4.5", "", None, "1 OR 1=1"])
    def test_refused_with_a_message(self, article, score):
        data = {} if score is None else {"score": score}
        response = browser().post(f"/tin-tuc/{article.slug}/danh-gia/", data)
        assert response.status_code == 400
        errors = section(response, r'<section class="rating".*?</section>')
        assert html.escape(vi("Choose from 1 to 5 stars.")) in errors
        assert not Rating.objects.exists()

    @pytest.mark.parametrize("score", ["0", "6", "abc"])
    def test_refused_in_json(self, article, score):
        response = browser().post(
            f"/tin-tuc/{article.slug}/danh-gia/",
            {"score": score},
            headers={"accept": "application/json"},
        )
        assert response.status_code == 400
        assert response.json() == {"errors": [vi("Choose from 1 to 5 stars.")]}
        assert not Rating.objects.exists()

    def test_rating_by_get_is_not_allowed(self, article):
        assert browser().get(f"/tin-tuc/{article.slug}/danh-gia/?score=5").status_code == 405
        assert not Rating.objects.exists()


# ---------------------------------------------------------------------------------------
# Comments and error reports


PLAIN_TEXT_ONLY = "Please write plain text: HTML tags and script links are not allowed."

COMMENT = {
    "name": "Lò Văn Hùng",
    "email": "hung.lo@example.vn",
    "text": "Cảm ơn Công đoàn tỉnh.",
}


def post_comment(article, **changes):
    return browser().post(f"/tin-tuc/{article.slug}/y-kien/", {**COMMENT, **changes})


class TestBadComments:
    @pytest.mark.parametrize("text", ["", "   \n  "])
    def test_empty_text(self, article, text):
        response = post_comment(article, text=text)
        assert response.status_code == 400
        assert shows(response, vi("Please write your comment."))
        assert not Comment.objects.exists()

    def test_ten_thousand_characters(self, article):
        response = post_comment(article, text="Rất dài. " * 1111 + "a")
        assert response.status_code == 400
        assert shows(
            response,
            vi(
                "Your comment is too long: at most %(limit_value)d characters "
                "(it has %(show_value)d).",
                limit_value=3000,
                show_value=10000,
            ),
        )
        assert not Comment.objects.exists()

    @pytest.mark.parametrize(
        "text",
        [
            "Bài hay <script>alert('xss')</script>",
            '<img src=x onerror="alert(1)"> xem ảnh',
            "Xem thêm tại javascript:alert(document.cookie)",
            "Đẹp lắm onerror = alert(1)",
            "<a href='https://re-thuoc.example.com'>mua thuốc</a>",
            "JavaScript : void(0)",
        ],
    )
    def test_markup_and_script_links_are_refused(self, article, text):
        response = post_comment(article, text=text)
        assert response.status_code == 400
        assert shows(response, vi(PLAIN_TEXT_ONLY))
        assert not Comment.objects.exists()
        # The refused text is given back escaped, never run.
        assert "<script>alert" not in text_of(response)
        assert "<img src=x" not in text_of(response)

    def test_markup_in_the_name_is_refused(self, article):
        response = post_comment(article, name="<b>Quản trị viên</b>")
        assert response.status_code == 400
        assert shows(response, vi(PLAIN_TEXT_ONLY))
        assert not Comment.objects.exists()

    def test_a_wrong_email_or_missing_name(self, article):
        response = post_comment(article, email="khong-phai-email", name="")
        assert response.status_code == 400
        assert shows(response, vi("This email address does not look right."))
        assert shows(response, vi("Please give your name."))
        assert not Comment.objects.exists()

    def test_ordinary_punctuation_is_fine(self, article):
        text = "Lương tối thiểu vùng I là 4.960.000 đ/tháng (tăng 6%) — hợp lý! 3 < 5 & 7 > 2"
        assert post_comment(article, text=text).status_code == 302
        assert Comment.objects.get().text == text

    def test_markup_in_an_error_report_is_refused(self, article):
        response = browser().post(
            f"/tin-tuc/{article.slug}/bao-loi/",
            {"description": "<script>alert(1)</script> sai số liệu"},
        )
        assert response.status_code == 400
        assert shows(response, vi(PLAIN_TEXT_ONLY))
        assert not ErrorReport.objects.exists()


# ---------------------------------------------------------------------------------------
# Addresses and query strings


def assert_styled_404(response) -> None:
    assert response.status_code == 404
    page = text_of(response)
    assert '<p class="error-code">404</p>' in page
    assert html.escape(vi("We cannot find this page")) in page
    assert '<html lang="vi">' in page
    assert "Traceback" not in page


class TestAddresses:
    @pytest.mark.parametrize(
        "path", ["/tin-tuc/", "/tin-tuc/chuyen-muc/tin-tuc-su-kien/", "/tin-tuc/the/tet-sum-vay/"]
    )
    def test_a_page_number_that_is_not_a_page(self, visitor, articles, site_profile, path):
        for page in ("abc", "99999", "0", "-1", "1.5", "' OR 1=1 --"):
            response = visitor.get(path, {"page": page})
            assert_styled_404(response)
            assert PROFILE["full_name"] in text_of(response), page

    def test_page_one_and_an_empty_page_parameter_are_fine(self, visitor, articles):
        assert visitor.get("/tin-tuc/", {"page": "1"}).status_code == 200
        assert visitor.get("/tin-tuc/?page=").status_code == 200

    @pytest.mark.parametrize(
        "path",
        [
            "/tin-tuc/bai-khong-ton-tai/",
            "/tin-tuc/bai-khong-ton-tai/ban-in/",
            "/tin-tuc/chuyen-muc/khong-co/",
            "/tin-tuc/the/khong-co/",
            "/tin-tuc/chuyen-muc/khong-co/rss/",
        ],
    )
    def test_unknown_addresses(self, visitor, categories, path):
        assert_styled_404(visitor.get(path))

    @pytest.mark.parametrize("key", ["draft", "submitted", "scheduled", "expired"])
    def test_unpublished_articles_are_not_found_by_visitors(self, visitor, articles, key):
        hidden = articles[key]
        assert_styled_404(visitor.get(hidden.get_absolute_url()))
        assert_styled_404(visitor.get(f"/tin-tuc/{hidden.slug}/ban-in/"))
        assert browser().post(f"/tin-tuc/{hidden.slug}/danh-gia/", {"score": 5}).status_code == 404
        assert post_comment(hidden).status_code == 404
        assert (
            browser().post(f"/tin-tuc/{hidden.slug}/bao-loi/", {"description": "Sai"}).status_code
            == 404
        )
        assert not Rating.objects.exists()
        assert not Comment.objects.exists()
        assert not ErrorReport.objects.exists()

    def test_quotes_in_an_address(self, visitor, articles):
        response = visitor.get("/tin-tuc/%27%20OR%201%3D1%20--/")
        assert response.status_code == 404


class TestBadSearches:
    def test_two_thousand_characters(self, visitor, articles):
        response = visitor.get("/tim-kiem/", {"q": "công đoàn " * 200})
        assert response.status_code == 200
        assert shows(
            response,
            vi("The search is too long: at most %(limit_value)d characters.", limit_value=200),
        )
        assert 'class="search-result"' not in text_of(response)

    def test_quotes_and_wildcards_are_just_text(self, visitor, articles):
        for query in (
            "' OR 1=1 --",
            '"; DROP TABLE news_article; --',
            "%_%",
            "\\",
            "<script>alert(1)</script>",
        ):
            response = visitor.get("/tim-kiem/", {"q": query})
            assert response.status_code == 200, query
            assert "<script>alert(1)</script>" not in text_of(response)
            if query in ("%_%", "\\"):  # LIKE's wildcards are not wildcards here
                assert 'class="result-title"' not in text_of(response)
        assert Article.objects.count() == 7

    def test_quotes_around_real_words_still_find_them(self, visitor, articles):
        response = visitor.get("/tim-kiem/", {"q": "'luật công đoàn' --"})
        assert response.status_code == 200
        assert articles["policy"].get_absolute_url() in text_of(response)

    def test_a_bad_page_of_results_falls_back(self, visitor, articles):
        response = visitor.get("/tim-kiem/", {"q": "công đoàn", "page": "abc"})
        assert response.status_code == 200
        assert articles["published"].title in re.sub(r"</?mark>", "", text_of(response))


def test_upload_helpers_build_real_files():
    """The bad files are what they claim to be (so the refusals above mean something)."""
    bomb = bomb_png_bytes()
    assert bomb.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", bomb[16:24]) == (20_000, 20_000)  # what its header claims
    assert len(bomb) < 200_000
    assert executable_bytes().startswith(b"MZ")
    assert len(thirty_megabytes()) > 30 * 1024 * 1024
