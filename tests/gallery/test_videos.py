"""Videos: an MP4 of ours played by the browser with captions, or a link to one elsewhere."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gallery.models import Video
from tests.files import html_bytes, jpeg_bytes, upload
from tests.gallery.factories import VTT, make_video, mp4_bytes
from tests.helpers import files_under, section, shows, text_of, vi

ADD_URL = reverse("admin:gallery_video_add")


def video_form(**changes) -> dict:
    data = {
        "title": "Tháng Công nhân 2025: Vì việc làm bền vững",
        "slug": "",
        "date": "2026-05-01",
        "published": "on",
        "description": "Các hoạt động chăm lo cho đoàn viên trong Tháng Công nhân.",
        "external_url": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def poster():
    return upload("anh-dai-dien.jpg", jpeg_bytes(size=(1600, 900)))


class TestUploads:
    def test_staff_upload_an_mp4_with_its_captions_and_poster(self, editor_client):
        response = editor_client.post(
            ADD_URL,
            video_form(
                file=upload("thang-cong-nhan.mp4", mp4_bytes()),
                captions=upload("phu-de.vtt", VTT),
                poster=poster(),
            ),
        )
        assert response.status_code == 302
        video = Video.objects.get()
        assert video.slug == "thang-cong-nhan-2025-vi-viec-lam-ben-vung"
        assert video.file.name.startswith("videos/")
        assert video.poster_large.name.endswith(".webp")

    def test_a_fake_mp4_is_refused_naming_it(self, editor_client, media_root):
        response = editor_client.post(
            ADD_URL,
            video_form(file=upload("phong-su.mp4", html_bytes()), poster=poster()),
        )
        assert response.status_code == 200
        assert shows(
            response,
            vi(
                "“%(name)s” is not an MP4 video: choose a file exported as MP4 (H.264).",
                name="phong-su.mp4",
            ),
        )
        assert not Video.objects.exists()
        assert files_under(media_root) == []

    def test_a_video_above_the_limit_is_refused(self, editor_client, settings):
        settings.VIDEO_MAX_BYTES = 64
        response = editor_client.post(ADD_URL, video_form(file=upload("dai.mp4", mp4_bytes())))
        assert response.status_code == 200
        assert "“dai.mp4”" in text_of(response)
        assert not Video.objects.exists()

    def test_fake_captions_are_refused(self, editor_client):
        subtitles = "1\n00:00:00,000 --> 00:00:02,000\nPhụ đề SRT, không phải WebVTT\n".encode()
        response = editor_client.post(
            ADD_URL,
            video_form(
                file=upload("phong-su.mp4", mp4_bytes()), captions=upload("phu-de.vtt", subtitles)
            ),
        )
        assert response.status_code == 200
        assert shows(
            response,
            vi(
                "“%(name)s” is not a WebVTT captions file (its first line must be WEBVTT).",
                name="phu-de.vtt",
            ),
        )
        assert not Video.objects.exists()

    def test_a_link_must_be_https_and_have_a_poster(self, editor_client):
        response = editor_client.post(
            ADD_URL, video_form(external_url="http://video.example.vn/thang-cong-nhan")
        )
        assert response.status_code == 200
        assert shows(response, vi("The link must start with https://."))
        assert shows(response, vi("A linked video needs a poster image: it is the link's picture."))
        assert not Video.objects.exists()

    def test_a_file_or_a_link_but_not_both_nor_neither(self, editor_client):
        both = editor_client.post(
            ADD_URL,
            video_form(
                file=upload("phong-su.mp4", mp4_bytes()),
                external_url="https://video.example.vn/thang-cong-nhan",
                poster=poster(),
            ),
        )
        assert shows(both, vi("Give a video file or a link, not both."))
        neither = editor_client.post(ADD_URL, video_form())
        assert shows(neither, vi("Upload an MP4 file or give a link to the video."))
        assert not Video.objects.exists()


class TestPages:
    def test_the_browser_plays_our_file_with_vietnamese_captions(self, visitor, db):
        video = make_video("An toàn khi làm việc trên cao")
        response = visitor.get(video.get_absolute_url())
        player = section(response, r"<video .*?</video>")
        assert "controls" in player
        assert f'<source src="{video.file.url}" type="video/mp4">' in player
        track = rf'<track kind="captions" src="{video.captions.url}" srclang="vi" label="[^"]+"'
        assert re.search(track + " default>", player)
        assert f'poster="{video.poster_large.url}"' in player

    def test_a_video_elsewhere_is_a_link_with_its_picture_never_a_frame(self, visitor, db):
        video = make_video(
            "Phóng sự Đại hội Công đoàn tỉnh", external_url="https://video.example.vn/dai-hoi"
        )
        response = visitor.get(video.get_absolute_url())
        html = text_of(response)
        link = section(response, r'<a class="video-external".*?</a>')
        assert 'href="https://video.example.vn/dai-hoi"' in link
        assert "<img" in link
        assert vi("Watch the video on %(host)s", host="video.example.vn") in link
        assert "<iframe" not in html
        assert "<video" not in html
        assert "video.example.vn" not in response["Content-Security-Policy"]

    def test_an_unpublished_video_is_not_found_but_staff_preview_it(self, visitor, editor_client):
        draft = make_video("Bản nháp video", published=False)
        assert visitor.get(draft.get_absolute_url()).status_code == 404
        assert editor_client.get(draft.get_absolute_url()).status_code == 200
        assert "Bản nháp video" not in text_of(visitor.get("/video/"))

    def test_the_list_names_where_a_linked_video_is(self, visitor, db):
        make_video("Phóng sự Đại hội", external_url="https://video.example.vn/dai-hoi")
        make_video("An toàn lao động")
        html = text_of(visitor.get("/video/"))
        assert "Phóng sự Đại hội" in html
        assert "An toàn lao động" in html
        assert vi("on %(host)s", host="video.example.vn") in html

    def test_the_search_and_the_sitemap_find_videos(self, visitor, db):
        video = make_video("Hướng dẫn an toàn lao động trên cao")
        html = text_of(visitor.get("/tim-kiem/", {"q": "an toan lao dong"}))
        assert f'href="{video.get_absolute_url()}"' in html
        assert f"{video.get_absolute_url()}</loc>" in text_of(visitor.get("/sitemap.xml"))

    def test_the_list_costs_the_same_whatever_the_number_of_videos(self, visitor, db, settings):
        settings.PAGE_CACHE_SECONDS = 0
        make_video("Video một")

        def count():
            visitor.get("/video/")
            with CaptureQueriesContext(connection) as captured:
                assert visitor.get("/video/").status_code == 200
            return len(captured)

        few = count()
        for number in range(4):
            make_video(f"Video thêm {number}")
        assert count() == few
