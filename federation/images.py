"""Resized renditions of uploaded images, so a phone never downloads a camera original."""

import io
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps


@dataclass(frozen=True)
class Rendition:
    """A target size: a width to fit, or a width and height to crop to."""

    name: str
    width: int
    height: int | None = None
    quality: int = 82


def render(source, rendition: Rendition) -> ContentFile:
    """A JPEG of the source image at the rendition's size (never enlarged)."""
    source.open("rb")
    source.seek(0)
    with Image.open(source) as original:
        image = ImageOps.exif_transpose(original)
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
        image.convert("RGB").save(
            buffer, "JPEG", quality=rendition.quality, optimize=True, progressive=True
        )
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}-{rendition.name}.jpg")
