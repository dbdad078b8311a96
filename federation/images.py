"""Resized renditions of uploaded images, so a phone never downloads a camera original.

Renditions are WebP (every browser that visits reads it, and it is a third smaller than
a JPEG of the same quality) unless a rendition asks for JPEG, as link previews of some
social networks still want. Each comes with its pixel size, which pages write into the
<img> so the browser keeps the room before the picture arrives.
"""

import io
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg"}


@dataclass(frozen=True)
class Rendition:
    """A target size: a width to fit, or a width and height to crop to."""

    name: str
    width: int
    height: int | None = None
    quality: int = 80
    format: str = "WEBP"
    pad: bool = False  # fit inside width × height on a transparent canvas (a logo)


@dataclass(frozen=True)
class Rendered:
    file: ContentFile
    width: int
    height: int


def render(source, rendition: Rendition) -> Rendered:
    """The source image at the rendition's size (never enlarged), in its format."""
    source.open("rb")
    source.seek(0)
    with Image.open(source) as original:
        image = ImageOps.exif_transpose(original)
        if rendition.pad:
            return _padded(image, rendition)
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, (255, 255, 255))
            converted = image.convert("RGBA")
            background.paste(converted, mask=converted.getchannel("A"))
            image = background
        if rendition.height:
            image = ImageOps.fit(
                image, (rendition.width, rendition.height), Image.Resampling.LANCZOS
            )
        elif image.width > rendition.width:
            height = round(image.height * rendition.width / image.width)
            image = image.resize((rendition.width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image = image.convert("RGB")
        if rendition.format == "WEBP":
            image.save(buffer, "WEBP", quality=rendition.quality, method=4)
        else:
            image.save(buffer, "JPEG", quality=rendition.quality, optimize=True, progressive=True)
        width, height = image.size
    extension = EXTENSIONS[rendition.format]
    name = f"{uuid.uuid4().hex}-{rendition.name}.{extension}"
    return Rendered(ContentFile(buffer.getvalue(), name=name), width, height)


def _padded(image, rendition: Rendition) -> Rendered:
    size = (rendition.width, rendition.height)
    fitted = ImageOps.contain(image.convert("RGBA"), size, Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", size, (0, 0, 0, 0))
    canvas.paste(fitted, ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2))
    buffer = io.BytesIO()
    canvas.save(buffer, "WEBP", quality=rendition.quality, method=4)
    name = f"{uuid.uuid4().hex}-{rendition.name}.webp"
    return Rendered(ContentFile(buffer.getvalue(), name=name), *size)


@dataclass(frozen=True)
class Picture:
    """The renditions of one image, narrowest first, as an <img> offers them."""

    sources: tuple[tuple[str, int, int], ...]  # (url, width, height)

    @classmethod
    def of(cls, *renditions) -> "Picture | None":
        """From (file, width, height) triples; None when there is nothing to show."""
        sources = {}
        for file, width, height in renditions:
            if file and width and height:
                sources.setdefault(width, (file.url, width, height))
        if not sources:
            return None
        return cls(tuple(sources[width] for width in sorted(sources)))

    @property
    def src(self) -> str:
        return self.sources[-1][0]

    @property
    def width(self) -> int:
        return self.sources[-1][1]

    @property
    def height(self) -> int:
        return self.sources[-1][2]

    @property
    def srcset(self) -> str:
        if len(self.sources) < 2:
            return ""
        return ", ".join(f"{url} {width}w" for url, width, _height in self.sources)


def refresh_renditions(instance, source, renditions: dict[str, Rendition]) -> None:
    """Draw the renditions of `source` again, with their sizes, replacing the files they had.

    `renditions` maps an image field of `instance` to its Rendition; a field
    `<field>_width`/`<field>_height` beside it, where the model has one, gets the size.
    Written with an UPDATE of those columns only: a rendition is not an edit of the row,
    so it adds nothing to the row's history. Kept pages are made stale.
    """
    from federation import pagecache

    values = {}
    for field, rendition in renditions.items():
        old = getattr(instance, field)
        if old:
            old.delete(save=False)
        rendered = render(source, rendition)
        getattr(instance, field).save(rendered.file.name, rendered.file, save=False)
        values[field] = getattr(instance, field).name
        for dimension in ("width", "height"):
            column = f"{field}_{dimension}"
            if hasattr(instance, column):
                setattr(instance, column, getattr(rendered, dimension))
                values[column] = getattr(rendered, dimension)
    type(instance)._default_manager.filter(pk=instance.pk).update(**values)
    pagecache.invalidate()


def drop_renditions(instance, renditions: dict[str, Rendition]) -> None:
    """Remove the renditions of an image that was taken away, files and sizes."""
    from federation import pagecache

    values = {}
    for field in renditions:
        getattr(instance, field).delete(save=False)
        values[field] = ""
        for dimension in ("width", "height"):
            column = f"{field}_{dimension}"
            if hasattr(instance, column):
                setattr(instance, column, None)
                values[column] = None
    type(instance)._default_manager.filter(pk=instance.pk).update(**values)
    pagecache.invalidate()


def delete_image_files(rows, fields=("image", "small", "large")) -> None:
    """Remove the files of rows whose saving failed: the original and its renditions, so a
    refused or broken upload leaves nothing on the disk (the transaction drops the rows)."""
    for row in rows:
        for field in fields:
            if getattr(row, field):
                getattr(row, field).delete(save=False)


def follow_source(instance, source, renditions: dict[str, Rendition], *, changed: bool) -> None:
    """After a save: renditions drawn for a new (or never drawn) image, dropped with it.

    The one rule for every model with a picture and its renditions (news covers and
    photos, congress covers): call it after the row is saved, saying whether the
    source image changed.
    """
    first = next(iter(renditions))
    if source and (changed or not getattr(instance, first)):
        refresh_renditions(instance, source, renditions)
    elif not source and any(getattr(instance, field) for field in renditions):
        drop_renditions(instance, renditions)
