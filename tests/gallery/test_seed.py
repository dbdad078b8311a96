"""The library's demo: four albums drawn by the demo, two shipped clips with captions."""

import io

from federation import demo
from gallery.models import Album, AlbumPhoto, Video
from gallery.seed import seed_gallery


def test_the_demo_loads_once_and_again_without_duplicates(db, visitor):
    seed_gallery(io.StringIO())
    seed_gallery(io.StringIO())
    assert Album.objects.published().count() == 4
    assert AlbumPhoto.objects.count() == 22
    # Every photo says what it shows, not the default "<album> – ảnh N".
    assert not AlbumPhoto.objects.filter(alt__contains=" – ảnh ").exists()
    assert all(photo.large.name.endswith(".webp") for photo in AlbumPhoto.objects.all())
    videos = list(Video.objects.published())
    assert len(videos) == 2
    for video in videos:
        assert video.file.open("rb").read(8)[4:8] == b"ftyp"
        assert video.captions.open("rb").read(6) == b"WEBVTT"
        assert video.poster_large
    assert demo.real_content() == []
    page = visitor.get("/video/an-toan-khi-lam-viec-tren-cao/")
    assert "Kiểm tra giàn giáo" not in page.content.decode()  # captions live in the .vtt
    assert page.status_code == 200
