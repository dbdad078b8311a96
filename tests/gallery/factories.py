"""Albums and videos as staff make them, through the library's services."""

from django.core.files.base import ContentFile

from gallery import services
from gallery.models import Album, Video
from tests.files import jpeg_bytes, upload

# Small photos keep the renditions quick; the sizes still differ, so srcset has two.
PHOTO_SIZE = (1400, 1050)
COLOURS = [(11, 61, 145), (176, 18, 31), (30, 107, 52), (244, 196, 48), (90, 40, 120)]

# The start of a real MP4 (what a phone or an editing program writes): an "ftyp" box.
MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nĐoàn viên tham gia hiến máu.\n".encode()


def photo_upload(name: str, colour=(11, 61, 145), size=PHOTO_SIZE):
    return upload(name, jpeg_bytes(size=size, colour=colour))


def make_album(title: str, *, photos: int = 3, published: bool = True, **fields) -> Album:
    album = services.save_album(Album(title=title, published=published, **fields))
    if photos:
        services.add_photos(
            album,
            [
                photo_upload(f"IMG_{number:04d}.jpg", COLOURS[number % len(COLOURS)])
                for number in range(1, photos + 1)
            ],
        )
    return album


def mp4_bytes() -> bytes:
    return MP4_HEAD + b"\x00\x00\x00\x08free" + b"\x00" * 64


def make_video(title: str, *, published: bool = True, **fields) -> Video:
    if "external_url" not in fields:
        fields.setdefault("file", ContentFile(mp4_bytes(), name="phong-su.mp4"))
        fields.setdefault("captions", ContentFile(VTT, name="phu-de.vtt"))
    fields.setdefault("poster", ContentFile(jpeg_bytes(size=(1600, 900)), name="poster.jpg"))
    return services.save_video(Video(title=title, published=published, **fields))
