"""The photo and video library in a browser: paging through an album by keyboard, and a
video played by the browser's own player with its Vietnamese captions."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from federation.models import SiteProfile
from gallery import services
from gallery.models import Album, Video
from tests.e2e.harness import WIDTHS
from tests.files import jpeg_bytes, upload

pytestmark = pytest.mark.e2e

DEMO = Path(__file__).resolve().parents[2] / "gallery" / "demo"
COLOURS = [(11, 61, 145), (176, 18, 31), (30, 107, 52), (244, 196, 48), (90, 40, 120)]


@pytest.fixture
def federation(transactional_db):
    SiteProfile.objects.create(
        full_name="Liên đoàn Lao động tỉnh Điện Biên",
        short_name="LĐLĐ tỉnh Điện Biên",
        address="Số 12, đường Võ Nguyên Giáp, phường Điện Biên Phủ",
        phone="0215 3825 168",
        email="vanphong@ldld-dienbien.example.vn",
    )


@pytest.fixture
def album(federation):
    album = services.save_album(
        Album(
            title="Ngày hội hiến máu “Giọt hồng Điện Biên”",
            description="Hơn 300 đoàn viên tham gia hiến máu tình nguyện.",
            published=True,
        )
    )
    uploads = [
        upload(f"IMG_{number}.jpg", jpeg_bytes(size=(1400, 1050), colour=colour))
        for number, colour in enumerate(COLOURS, start=1)
    ]
    for photo, caption in zip(
        services.add_photos(album, uploads),
        ["Đăng ký hiến máu", "Khám sức khỏe", "Hiến máu", "Nhận quà", "Vinh danh"],
        strict=True,
    ):
        photo.caption = caption
        photo.credit = "Ảnh: Cà Thị Lan"
        services.save_photo(photo)
    return album


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


@pytest.mark.parametrize("width", WIDTHS)
def test_paging_through_an_album_by_keyboard(page, open_page, check_page, album, width):
    open_page(page, "/thu-vien-anh/")
    page.get_by_role("link", name=album.title).first.click()
    page.wait_for_url(f"**{album.get_absolute_url()}")
    check_page(page, "album")

    page.focus("#anh-1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/thu-vien-anh/{album.slug}/1/")
    check_page(page, "photo-1")
    # The viewer holds the focus, so the keys work at once.
    assert page.evaluate("document.activeElement.hasAttribute('data-photo-viewer')")

    for number in (2, 3):
        with page.expect_navigation():
            page.keyboard.press("ArrowRight")
        assert page.url.endswith(f"/thu-vien-anh/{album.slug}/{number}/")
    assert page.get_by_text("Ảnh 3/5").is_visible()
    assert page.get_by_text("Hiến máu", exact=False).first.is_visible()
    image = page.locator(".viewer-photo img")
    assert image.evaluate("image => image.complete && image.naturalWidth > 0")
    assert "1280w" in image.get_attribute("srcset")
    check_page(page, "photo-3")

    with page.expect_navigation():
        page.keyboard.press("ArrowLeft")
    assert page.url.endswith("/2/")
    with page.expect_navigation():
        page.keyboard.press("ArrowRight")

    with page.expect_navigation():
        page.keyboard.press("Escape")
    assert page.url.endswith(f"{album.get_absolute_url()}#anh-3")
    page.wait_for_function("document.activeElement.id === 'anh-3'")
    assert focused(page) == "anh-3"
    check_page(page, "album-back-from-photo-3")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_video_page_plays(page, open_page, check_page, federation, width):
    video = services.save_video(
        Video(
            title="An toàn khi làm việc trên cao",
            description="Ba việc cần nhớ khi làm việc trên cao.",
            published=True,
            file=ContentFile((DEMO / "clip-an-toan-lao-dong.mp4").read_bytes(), name="clip.mp4"),
            captions=ContentFile((DEMO / "clip-an-toan-lao-dong.vtt").read_bytes(), name="vi.vtt"),
            poster=ContentFile(jpeg_bytes(size=(1600, 900)), name="poster.jpg"),
        )
    )
    open_page(page, "/video/")
    page.get_by_role("link", name=video.title).click()
    page.wait_for_url(f"**{video.get_absolute_url()}")
    player = page.locator("video")
    assert player.locator("source").get_attribute("type") == "video/mp4"
    track = player.locator("track")
    assert track.get_attribute("kind") == "captions"
    assert track.get_attribute("srclang") == "vi"
    played = player.evaluate(
        """async (video) => {
            video.muted = true;
            await video.play();
            await new Promise((resolve) => setTimeout(resolve, 700));
            video.pause();
            return [video.currentTime, video.duration, video.textTracks[0].mode];
        }"""
    )
    assert played[0] > 0.2
    assert 5 < played[1] < 7
    assert played[2] == "showing"
    check_page(page, "video")
