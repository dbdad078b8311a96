"""Demo content of the library: four photo albums and two short videos with captions.

The content is data beside this loader (gallery/demo/*.yaml); photos and posters are drawn
by news/demo/pictures.py, the clips and their WebVTT captions are shipped small files.
Rows go through the services (the same checks as staff's uploads) and are remembered as
demo content; they are looked up by slug, so running the step again adds nothing.
"""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from federation.demo import (
    DemoDataError,
    build_spec,
    demo_list,
    entry_name,
    read_demo_data,
    remember,
    shown_path,
)
from gallery import services
from gallery.models import Album, Video
from news.demo.pictures import COVER_SIZE, PALETTES, PHOTO_SIZE, SCENES, draw_picture

DATA = Path(__file__).resolve().parent / "demo"


@dataclass(frozen=True)
class PhotoSpec:
    scene: str
    alt: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class AlbumSpec:
    title: str
    slug: str
    days_ago: int
    palette: str
    photos: tuple
    description: str = ""


@dataclass(frozen=True)
class VideoSpec:
    title: str
    slug: str
    days_ago: int
    file: str
    captions: str
    poster_scene: str
    palette: str
    description: str = ""


def _specs(spec_class, path: Path, key: str) -> list:
    entries = demo_list(read_demo_data(path), key, path)
    return [
        build_spec(spec_class, entry, f"{shown_path(path)}, {key} {entry_name(n, entry, 'title')}")
        for n, entry in enumerate(entries, start=1)
    ]


def _check_picture(where: str, scene: str, palette: str) -> None:
    if scene not in SCENES:
        raise DemoDataError(f"{where}: unknown scene {scene} (one of {', '.join(SCENES)}).")
    if palette not in PALETTES:
        raise DemoDataError(f"{where}: unknown palette {palette} (one of {', '.join(PALETTES)}).")


def seed_gallery(stdout, **options) -> None:
    albums, photos = _seed_albums()
    videos = _seed_videos()
    stdout.write(f"Library: {albums} albums with {photos} photos, {videos} videos with captions.")


def _seed_albums() -> tuple[int, int]:
    path = DATA / "albums.yaml"
    specs = _specs(AlbumSpec, path, "albums")
    today = timezone.localdate()
    count = 0
    for spec in specs:
        where = f"{shown_path(path)}, album “{spec.title}”"
        photos = [
            build_spec(PhotoSpec, entry, f"{where}, photo {number}")
            for number, entry in enumerate(spec.photos, start=1)
        ]
        for number, photo in enumerate(photos, start=1):
            _check_picture(f"{where}, photo {number}", photo.scene, spec.palette)
        album = Album.objects.filter(slug=spec.slug).first()
        if album is None:
            album = services.save_album(
                Album(
                    title=spec.title,
                    slug=spec.slug,
                    date=today - timedelta(days=spec.days_ago),
                    description=" ".join(spec.description.split()),
                    published=True,
                )
            )
        remember(album)
        if not album.photos.exists():
            uploads = [
                ContentFile(
                    draw_picture(
                        photo.scene,
                        PALETTES[spec.palette],
                        seed=f"{spec.slug}-{number}",
                        size=PHOTO_SIZE,
                    ),
                    name=f"{spec.slug}-{number}.jpg",
                )
                for number, photo in enumerate(photos, start=1)
            ]
            try:
                added = services.add_photos(album, uploads)
            except ValidationError as error:
                raise DemoDataError(f"{where}: {' '.join(error.messages)}") from error
            for photo, row in zip(photos, added, strict=True):
                row.alt, row.caption, row.credit = photo.alt, photo.caption, photo.credit
                services.save_photo(row)
        count += album.photos.count()
    return len(specs), count


def _seed_videos() -> int:
    path = DATA / "videos.yaml"
    specs = _specs(VideoSpec, path, "videos")
    today = timezone.localdate()
    for spec in specs:
        where = f"{shown_path(path)}, video “{spec.title}”"
        _check_picture(where, spec.poster_scene, spec.palette)
        if Video.objects.filter(slug=spec.slug).exists():
            remember(Video.objects.get(slug=spec.slug))
            continue
        try:
            clip = (DATA / spec.file).read_bytes()
            captions = (DATA / spec.captions).read_bytes()
        except OSError as error:
            raise DemoDataError(f"{where}: cannot read {error.filename}.") from error
        poster = draw_picture(
            spec.poster_scene,
            PALETTES[spec.palette],
            seed=f"video-{spec.slug}",
            size=COVER_SIZE,
        )
        video = Video(
            title=spec.title,
            slug=spec.slug,
            date=today - timedelta(days=spec.days_ago),
            description=" ".join(spec.description.split()),
            published=True,
            file=ContentFile(clip, name=spec.file),
            captions=ContentFile(captions, name=spec.captions),
            poster=ContentFile(poster, name=f"{spec.slug}.jpg"),
        )
        try:
            remember(services.save_video(video))
        except ValidationError as error:
            raise DemoDataError(f"{where}: {' '.join(error.messages)}") from error
    return len(specs)
