"""Pictures of the about demo, drawn with Pillow: portraits (a calm silhouette, never a
real face) and campaign banners whose words are also in their alt text."""

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PORTRAIT_SIZE = (600, 800)
BANNER_SIZE = (1600, 480)
SUPERSAMPLE = 2
BACKGROUNDS = [
    (11, 61, 145),
    (20, 80, 180),
    (6, 42, 99),
    (30, 107, 52),
    (64, 100, 150),
    (150, 20, 32),
    (28, 52, 92),
    (176, 40, 90),
    (90, 70, 40),
]
SKIN, SHIRT, HAIR = (236, 200, 170), (245, 245, 245), (40, 30, 25)
FONTS = (
    "DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _font(size: int):
    """A font with Vietnamese letters, or None: then the banner goes without words (the
    words are in its alt text anyway)."""
    for name in FONTS:
        if "/" in name and not Path(name).exists():
            continue
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def _fitting_font(draw, text: str, size: int, room: int):
    """The largest font up to `size` in which `text` fits `room` pixels, or None."""
    while size > 12:
        font = _font(size)
        if font is None:
            return None
        if draw.textlength(text, font=font) <= room:
            return font
        size = size * 9 // 10
    return None


def _png(image: Image.Image, size) -> bytes:
    buffer = io.BytesIO()
    image.resize(size, Image.Resampling.LANCZOS).save(buffer, "PNG")
    return buffer.getvalue()


def draw_portrait(colour: int, hair: str) -> bytes:
    """A head-and-shoulders silhouette on a plain background, in a suit and tie."""
    width, height = (side * SUPERSAMPLE for side in PORTRAIT_SIZE)
    background = BACKGROUNDS[colour % len(BACKGROUNDS)]
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    lighter = tuple(min(255, part + 40) for part in background)
    draw.ellipse((-width // 2, height // 3, width * 3 // 2, height * 2), fill=lighter)
    cx = width // 2
    # Shoulders and jacket, then the shirt and tie.
    draw.ellipse(
        (cx - 260 * SUPERSAMPLE, 560 * SUPERSAMPLE, cx + 260 * SUPERSAMPLE, 1100 * SUPERSAMPLE),
        fill=(35, 40, 55),
    )
    draw.polygon(
        [
            (cx - 70 * SUPERSAMPLE, 560 * SUPERSAMPLE),
            (cx + 70 * SUPERSAMPLE, 560 * SUPERSAMPLE),
            (cx, 760 * SUPERSAMPLE),
        ],
        fill=SHIRT,
    )
    draw.polygon(
        [
            (cx - 18 * SUPERSAMPLE, 590 * SUPERSAMPLE),
            (cx + 18 * SUPERSAMPLE, 590 * SUPERSAMPLE),
            (cx, 720 * SUPERSAMPLE),
        ],
        fill=(176, 18, 31),
    )
    # Neck and head.
    draw.rectangle(
        (cx - 50 * SUPERSAMPLE, 470 * SUPERSAMPLE, cx + 50 * SUPERSAMPLE, 580 * SUPERSAMPLE),
        fill=SKIN,
    )
    draw.ellipse(
        (cx - 120 * SUPERSAMPLE, 230 * SUPERSAMPLE, cx + 120 * SUPERSAMPLE, 530 * SUPERSAMPLE),
        fill=SKIN,
    )
    if hair == "long":
        draw.ellipse(
            (cx - 140 * SUPERSAMPLE, 200 * SUPERSAMPLE, cx + 140 * SUPERSAMPLE, 380 * SUPERSAMPLE),
            fill=HAIR,
        )
        draw.rectangle(
            (cx - 140 * SUPERSAMPLE, 290 * SUPERSAMPLE, cx - 95 * SUPERSAMPLE, 600 * SUPERSAMPLE),
            fill=HAIR,
        )
        draw.rectangle(
            (cx + 95 * SUPERSAMPLE, 290 * SUPERSAMPLE, cx + 140 * SUPERSAMPLE, 600 * SUPERSAMPLE),
            fill=HAIR,
        )
        draw.ellipse(
            (cx - 105 * SUPERSAMPLE, 270 * SUPERSAMPLE, cx + 105 * SUPERSAMPLE, 530 * SUPERSAMPLE),
            fill=SKIN,
        )
    else:
        draw.chord(
            (cx - 125 * SUPERSAMPLE, 215 * SUPERSAMPLE, cx + 125 * SUPERSAMPLE, 420 * SUPERSAMPLE),
            180,
            360,
            fill=HAIR,
        )
    return _png(image, PORTRAIT_SIZE)


def draw_banner(heading: str, line: str, palette) -> bytes:
    """A wide banner: a gradient, a gear and a star on the left, the words on the right."""
    width, height = (side * SUPERSAMPLE for side in BANNER_SIZE)
    start, end = (tuple(colour) for colour in palette)
    image = Image.new("RGB", (width, height), start)
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 4):
        share = x / width
        colour = tuple(round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
        draw.rectangle((x, 0, x + 4, height), fill=colour)
    # A gear: a ring of teeth around a disc, in gold.
    gold = (244, 196, 48)
    cx, cy, radius = height // 2 + 40, height // 2, height // 3
    for step in range(12):
        angle = step * math.pi / 6
        tx, ty = cx + math.cos(angle) * radius, cy + math.sin(angle) * radius
        draw.ellipse((tx - 40, ty - 40, tx + 40, ty + 40), fill=gold)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=gold)
    draw.ellipse(
        (cx - radius // 2, cy - radius // 2, cx + radius // 2, cy + radius // 2), fill=start
    )
    left = cx + radius + 120
    room = width - left - 80
    heading_font = _fitting_font(draw, heading, 64 * SUPERSAMPLE, room)
    line_font = _fitting_font(draw, line, 34 * SUPERSAMPLE, room)
    if heading_font is not None and line_font is not None:
        draw.text(
            (left, height // 2 - 90 * SUPERSAMPLE), heading, font=heading_font, fill=(255, 255, 255)
        )
        draw.text((left, height // 2 + 20 * SUPERSAMPLE), line, font=line_font, fill=gold)
    return _png(image, BANNER_SIZE)
