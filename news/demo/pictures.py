"""The demo news pictures: calm illustrations in the portal's colours, drawn with Pillow.

Shapes are drawn at twice the size and reduced, so they have smooth edges. Each scene is
drawn from a fixed seed, so the same story gets the same picture on every run.
"""

import functools
import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

COVER_SIZE = (1600, 900)
PHOTO_SIZE = (1200, 800)
SUPERSAMPLE = 2
BLUE_900, BLUE_700, BLUE_050 = (6, 42, 99), (20, 80, 180), (238, 243, 251)
RED_700, GOLD_400, WHITE = (176, 18, 31), (244, 196, 48), (255, 255, 255)
GREEN_700 = (30, 107, 52)

# (top colour, bottom colour, glow) behind the scene of each category, by its slug.
PALETTES = {
    "hoat-dong-cong-doan": ((11, 61, 145), (20, 80, 180), (120, 165, 235)),
    "hoat-dong-co-so": ((6, 42, 99), (31, 96, 170), (130, 180, 230)),
    "chinh-sach-phap-luat": ((28, 52, 92), (64, 100, 150), (200, 215, 235)),
    "guong-dien-hinh": ((150, 20, 32), (210, 80, 50), (244, 196, 48)),
    "nu-cong": ((176, 40, 90), (235, 140, 150), (255, 220, 200)),
    "cham-lo-doan-vien": ((176, 18, 31), (226, 96, 60), (248, 210, 110)),
}

SCENE_ALT = {
    "gift": "hộp quà buộc nơ",
    "crowd": "hàng người đứng trước sân khấu có băng rôn đỏ",
    "book": "chồng sách, cuốn sách mở và mũ tốt nghiệp",
    "ball": "quả bóng trên sân cỏ trước khung thành",
    "drop": "giọt máu lớn có dấu chữ thập trắng",
    "mountains": "những dãy núi nối nhau dưới mặt trời",
    "document": "tập văn bản có con dấu đỏ và cây bút",
    "helmet": "mũ bảo hộ trước khung cần cẩu",
    "factory": "nhà xưởng có ống khói và bánh răng",
    "house": "ngôi nhà mái đỏ giữa núi",
    "old-house": "căn nhà gỗ cũ mái tôn chắp vá",
    "flower": "những bông hoa nhiều cánh",
}

_FONT_FILES = (
    "DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _font(size: int):
    """A font with Vietnamese letters, or None: then the picture goes without words."""
    for name in _FONT_FILES:
        if "/" in name and not Path(name).exists():
            continue
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def _with_alpha(colour, alpha: int):
    return (*colour[:3], alpha)


def _mix(a, b, share: float):
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=False))


def _background(size, palette, rng: random.Random) -> Image.Image:
    top, bottom, glow = palette
    width = size[0]
    base = Image.composite(
        Image.new("RGB", size, bottom),
        Image.new("RGB", size, top),
        # A column of the gradient, widened: a vertical gradient is the same across.
        Image.linear_gradient("L").resize((1, size[1])).resize(size, Image.Resampling.NEAREST),
    )
    # A soft light in the upper part. The radial gradient reaches white only in its
    # corners, so it is stretched to be white from its edges on.
    radius = int(width * rng.uniform(0.55, 0.8))
    light = Image.radial_gradient("L").point(lambda value: min(255, value * 181 // 128))
    mask = Image.new("L", size, 255)
    mask.paste(
        light.resize((radius * 2, radius * 2), Image.Resampling.BILINEAR),
        (int(width * rng.uniform(0.45, 0.85)) - radius, -radius // 2),
    )
    mask = mask.point(lambda value: (255 - value) * 55 // 100)
    base.paste(Image.new("RGB", size, glow), (0, 0), mask)
    return base.convert("RGBA")


def _star(cx, cy, outer, inner=None, rotation=-math.pi / 2):
    inner = inner or outer * 0.4
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = rotation + index * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _mountains(draw, w, h, rng, colours, base=0.72):
    for layer, colour in enumerate(colours):
        floor = h * (base + layer * 0.08)
        points = [(0, h), (0, floor)]
        x = 0.0
        while x < w:
            x += w * rng.uniform(0.08, 0.16)
            peak = floor - h * rng.uniform(0.12, 0.3) / (1 + layer * 0.6)
            points.append((x - w * 0.05, peak))
            points.append((x, floor - h * rng.uniform(0.0, 0.06)))
        points.append((w, h))
        draw.polygon(points, fill=colour)


def _sun(draw, w, h, rng, colour=GOLD_400):
    r = h * rng.uniform(0.08, 0.12)
    cx, cy = w * rng.uniform(0.62, 0.85), h * rng.uniform(0.18, 0.3)
    draw.ellipse((cx - r * 1.6, cy - r * 1.6, cx + r * 1.6, cy + r * 1.6), fill=(*colour, 50))
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*colour, 230))


def _person(draw, cx, ground, scale, colour):
    head = 0.16 * scale
    draw.ellipse(
        (cx - head, ground - scale * 0.95, cx + head, ground - scale * 0.95 + 2 * head), fill=colour
    )
    draw.rounded_rectangle(
        (cx - 0.3 * scale, ground - scale * 0.6, cx + 0.3 * scale, ground + scale * 0.2),
        radius=int(0.22 * scale),
        fill=colour,
    )


def _scene_crowd(draw, w, h, rng):
    draw.rounded_rectangle(
        (w * 0.16, h * 0.12, w * 0.84, h * 0.42), radius=int(h * 0.02), fill=(*RED_700, 235)
    )
    for cx in (w * 0.3, w * 0.7):
        draw.polygon(_star(cx, h * 0.27, h * 0.08), fill=GOLD_400)
    draw.rectangle((w * 0.4, h * 0.24, w * 0.6, h * 0.26), fill=(*GOLD_400, 220))
    draw.rectangle((w * 0.36, h * 0.29, w * 0.64, h * 0.305), fill=(*GOLD_400, 160))
    rows = (
        (0.74, 0.16, (*BLUE_050, 150)),
        (0.86, 0.2, (*BLUE_050, 200)),
        (1.0, 0.24, (*WHITE, 235)),
    )
    for ground, size, colour in rows:
        scale = h * size
        x = -scale * rng.uniform(0, 0.6)
        while x < w + scale:
            _person(draw, x, h * ground, scale, colour)
            x += scale * rng.uniform(0.7, 0.95)


def _scene_gift(draw, w, h, rng):
    boxes = ((0.2, 0.28), (0.45, 0.22), (0.68, 0.26))
    colours = (RED_700, GOLD_400, (20, 80, 180))
    ribbons = (GOLD_400, RED_700, GOLD_400)
    for (x, size), fill, ribbon in zip(boxes, colours, ribbons, strict=True):
        side = h * size * rng.uniform(0.95, 1.1)
        left, bottom = w * x, h * 0.9
        top = bottom - side
        draw.rectangle((left, top, left + side * 1.1, bottom), fill=(*fill, 255))
        draw.rectangle(
            (left - side * 0.06, top - side * 0.16, left + side * 1.16, top),
            fill=(*_mix(fill, WHITE, 0.15), 255),
        )
        mid = left + side * 0.55
        draw.rectangle(
            (mid - side * 0.07, top - side * 0.16, mid + side * 0.07, bottom), fill=ribbon
        )
        bow = side * 0.22
        draw.ellipse(
            (mid - bow * 1.9, top - side * 0.16 - bow, mid, top - side * 0.16 + bow * 0.2),
            fill=ribbon,
        )
        draw.ellipse(
            (mid, top - side * 0.16 - bow, mid + bow * 1.9, top - side * 0.16 + bow * 0.2),
            fill=ribbon,
        )
    for _ in range(14):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.5), h * rng.uniform(0.01, 0.025)
        draw.polygon(_star(x, y, r), fill=(*GOLD_400, 200))


def _scene_book(draw, w, h, rng):
    colours = (RED_700, (20, 80, 180), GOLD_400, GREEN_700, (11, 61, 145))
    bottom = h * 0.9
    for index in range(5):
        width = w * rng.uniform(0.26, 0.32)
        left = w * 0.12 + rng.uniform(-1, 1) * w * 0.02
        thick = h * 0.07
        top = bottom - thick
        draw.rounded_rectangle(
            (left, top, left + width, bottom), radius=int(thick * 0.2), fill=colours[index]
        )
        draw.rectangle(
            (left + width * 0.08, top + thick * 0.3, left + width * 0.92, top + thick * 0.42),
            fill=(*WHITE, 140),
        )
        bottom = top
    # An open book on the right.
    cx, cy = w * 0.68, h * 0.72
    page_w, page_h = w * 0.17, h * 0.3
    draw.polygon(
        [
            (cx, cy),
            (cx - page_w, cy - page_h * 0.1),
            (cx - page_w, cy + page_h * 0.6),
            (cx, cy + page_h * 0.7),
        ],
        fill=(*WHITE, 245),
    )
    draw.polygon(
        [
            (cx, cy),
            (cx + page_w, cy - page_h * 0.1),
            (cx + page_w, cy + page_h * 0.6),
            (cx, cy + page_h * 0.7),
        ],
        fill=(*BLUE_050, 245),
    )
    for line in range(5):
        y = cy + page_h * (0.08 + line * 0.1)
        draw.line(
            (cx - page_w * 0.85, y - page_h * 0.06, cx - page_w * 0.12, y),
            fill=(*BLUE_700, 120),
            width=max(2, int(h * 0.006)),
        )
        draw.line(
            (cx + page_w * 0.12, y, cx + page_w * 0.85, y - page_h * 0.06),
            fill=(*BLUE_700, 120),
            width=max(2, int(h * 0.006)),
        )
    # A graduation cap above the stack.
    capx, capy, cap = w * 0.27, bottom - h * 0.1, w * 0.1
    draw.polygon(
        [
            (capx - cap, capy),
            (capx, capy - cap * 0.35),
            (capx + cap, capy),
            (capx, capy + cap * 0.35),
        ],
        fill=BLUE_900,
    )
    draw.rectangle(
        (capx - cap * 0.5, capy + cap * 0.1, capx + cap * 0.5, capy + cap * 0.45), fill=BLUE_900
    )
    draw.line(
        (capx + cap * 0.7, capy + cap * 0.05, capx + cap * 0.7, capy + cap * 0.6),
        fill=GOLD_400,
        width=max(3, int(h * 0.01)),
    )


def _scene_ball(draw, w, h, rng):
    for index in range(8):
        top = h * 0.55 + index * h * 0.06
        shade = GREEN_700 if index % 2 else _mix(GREEN_700, WHITE, 0.15)
        draw.rectangle((0, top, w, top + h * 0.06), fill=(*shade, 255))
    line = max(3, int(h * 0.008))
    draw.line((0, h * 0.7, w, h * 0.7), fill=(*WHITE, 200), width=line)
    gx, gy, gw, gh = w * 0.3, h * 0.3, w * 0.4, h * 0.3
    draw.rectangle((gx, gy, gx + gw, gy + gh), outline=WHITE, width=line * 3)
    for step in range(1, 10):
        x = gx + gw * step / 10
        draw.line((x, gy, x, gy + gh), fill=(*WHITE, 90), width=line)
    for step in range(1, 5):
        y = gy + gh * step / 5
        draw.line((gx, y, gx + gw, y), fill=(*WHITE, 90), width=line)
    r = h * 0.11
    bx, by = w * rng.uniform(0.55, 0.7), h * 0.8
    draw.ellipse((bx - r * 1.1, by + r * 0.7, bx + r * 1.1, by + r * 1.05), fill=(0, 0, 0, 70))
    draw.ellipse((bx - r, by - r, bx + r, by + r), fill=WHITE)
    draw.polygon(_star(bx, by, r * 0.38, r * 0.3, rotation=-math.pi / 2)[::2], fill=BLUE_900)
    for angle in range(5):
        a = -math.pi / 2 + angle * 2 * math.pi / 5
        px, py = bx + r * 0.82 * math.cos(a), by + r * 0.82 * math.sin(a)
        draw.ellipse((px - r * 0.16, py - r * 0.16, px + r * 0.16, py + r * 0.16), fill=BLUE_900)


def _scene_drop(draw, w, h, rng):
    for _ in range(9):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), h * rng.uniform(0.02, 0.05)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*WHITE, 60))
    cx, cy, r = w * 0.5, h * 0.6, h * 0.22
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=RED_700)
    draw.polygon(
        [(cx, cy - r * 2.3), (cx - r * 0.93, cy - r * 0.37), (cx + r * 0.93, cy - r * 0.37)],
        fill=RED_700,
    )
    arm, thick = r * 0.45, r * 0.15
    draw.rectangle((cx - arm, cy - thick, cx + arm, cy + thick), fill=WHITE)
    draw.rectangle((cx - thick, cy - arm, cx + thick, cy + arm), fill=WHITE)
    draw.ellipse((cx - r * 0.75, cy - r * 0.9, cx - r * 0.45, cy - r * 0.4), fill=(*WHITE, 90))


def _scene_mountains(draw, w, h, rng):
    _sun(draw, w, h, rng)
    _mountains(draw, w, h, rng, ((*BLUE_050, 90), (30, 107, 52, 200), (20, 70, 40, 255)), base=0.6)
    # Terraced fields on the nearest slope.
    for index in range(4):
        y = h * (0.86 + index * 0.035)
        draw.line((0, y, w, y - h * 0.03), fill=(*GOLD_400, 110), width=max(3, int(h * 0.006)))


def _scene_document(draw, w, h, rng):
    for index, tilt in enumerate((-0.04, 0.02, 0.0)):
        left = w * (0.24 + index * 0.04)
        top = h * (0.16 + index * 0.03)
        sheet_w, sheet_h = w * 0.36, h * 0.74
        fill = (*WHITE, 200 + index * 25)
        draw.polygon(
            [
                (left, top),
                (left + sheet_w, top + sheet_h * tilt),
                (left + sheet_w, top + sheet_h * (1 + tilt)),
                (left, top + sheet_h),
            ],
            fill=fill,
        )
    left, top = w * 0.32, h * 0.26
    draw.rectangle((left, top, left + w * 0.2, top + h * 0.03), fill=(*BLUE_900, 220))
    for line in range(8):
        y = top + h * (0.08 + line * 0.055)
        length = w * (0.26 if line % 3 else 0.2)
        draw.rectangle((left, y, left + length, y + h * 0.014), fill=(*BLUE_700, 110))
    cx, cy, r = w * 0.55, h * 0.74, h * 0.085
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(*RED_700, 230), width=int(r * 0.14))
    draw.polygon(_star(cx, cy, r * 0.55), fill=(*RED_700, 230))
    # A pen lying across the corner.
    px, py, length = w * 0.66, h * 0.3, w * 0.22
    angle = math.radians(rng.uniform(55, 65))
    dx, dy = math.cos(angle) * length, math.sin(angle) * length
    nx, ny = -math.sin(angle) * h * 0.018, math.cos(angle) * h * 0.018
    draw.polygon(
        [
            (px + nx, py + ny),
            (px + dx + nx, py + dy + ny),
            (px + dx * 1.1, py + dy * 1.1),
            (px + dx - nx, py + dy - ny),
            (px - nx, py - ny),
        ],
        fill=GOLD_400,
    )


def _scene_helmet(draw, w, h, rng):
    line = max(4, int(h * 0.012))
    mast = w * 0.7
    draw.line((mast, h, mast, h * 0.12), fill=(*GOLD_400, 200), width=line * 2)
    draw.line((w * 0.3, h * 0.14, w * 0.95, h * 0.14), fill=(*GOLD_400, 200), width=line * 2)
    for step in range(10):
        x = w * 0.3 + step * w * 0.065
        draw.line((x, h * 0.14, x + w * 0.032, h * 0.2), fill=(*GOLD_400, 150), width=line)
    draw.line((w * 0.42, h * 0.14, w * 0.42, h * 0.45), fill=(*WHITE, 180), width=line // 2)
    for row in range(4):
        y = h * (0.5 + row * 0.1)
        draw.line((w * 0.05, y, w * 0.4, y), fill=(*BLUE_050, 110), width=line)
    for col in range(5):
        x = w * (0.05 + col * 0.0875)
        draw.line((x, h * 0.5, x, h), fill=(*BLUE_050, 110), width=line)
    cx, cy, r = w * 0.48, h * 0.78, h * 0.2
    draw.pieslice((cx - r * 1.2, cy - r, cx + r * 1.2, cy + r), 180, 360, fill=GOLD_400)
    draw.rounded_rectangle(
        (cx - r * 1.55, cy - r * 0.05, cx + r * 1.55, cy + r * 0.16),
        radius=int(r * 0.08),
        fill=_mix(GOLD_400, (0, 0, 0), 0.12),
    )
    draw.rectangle(
        (cx - r * 0.12, cy - r * 1.02, cx + r * 0.12, cy), fill=_mix(GOLD_400, WHITE, 0.3)
    )
    del rng


def _gear(draw, cx, cy, r, colour):
    teeth = 10
    points = []
    for index in range(teeth * 4):
        angle = index * 2 * math.pi / (teeth * 4)
        radius = r if (index // 2) % 2 == 0 else r * 0.8
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=colour)
    draw.ellipse((cx - r * 0.35, cy - r * 0.35, cx + r * 0.35, cy + r * 0.35), fill=(0, 0, 0, 0))


def _scene_factory(draw, w, h, rng):
    floor = h * 0.92
    x = w * 0.05
    for _ in range(4):
        bay = w * 0.14
        draw.polygon(
            [
                (x, floor),
                (x, floor - h * 0.3),
                (x + bay * 0.7, floor - h * 0.42),
                (x + bay, floor - h * 0.3),
                (x + bay, floor),
            ],
            fill=(*BLUE_050, 230),
        )
        for row in range(2):
            for col in range(3):
                wx = x + bay * (0.12 + col * 0.28)
                wy = floor - h * (0.24 - row * 0.1)
                draw.rectangle((wx, wy, wx + bay * 0.18, wy + h * 0.06), fill=(*GOLD_400, 220))
        x += bay
    chimney = w * 0.12
    draw.rectangle(
        (chimney, floor - h * 0.72, chimney + w * 0.035, floor - h * 0.38), fill=(*BLUE_050, 230)
    )
    draw.rectangle(
        (chimney, floor - h * 0.7, chimney + w * 0.035, floor - h * 0.67), fill=(*RED_700, 255)
    )
    for index in range(4):
        r = h * (0.035 + index * 0.012)
        sx = chimney + w * 0.02 + index * w * 0.035
        sy = floor - h * (0.78 + index * 0.04)
        draw.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(*WHITE, 120 - index * 20))
    _gear(draw, w * 0.78, h * 0.45, h * 0.22, (*GOLD_400, 235))
    _gear(draw, w * 0.9, h * 0.72, h * 0.12, (*WHITE, 200))
    del rng


def _scene_house(draw, w, h, rng):
    _sun(draw, w, h, rng)
    _mountains(draw, w, h, rng, ((*BLUE_050, 80), (30, 107, 52, 170)), base=0.62)
    draw.rectangle((0, h * 0.86, w, h), fill=(30, 107, 52, 255))
    left, right, top, floor = w * 0.32, w * 0.68, h * 0.5, h * 0.88
    draw.rectangle((left, top, right, floor), fill=(*WHITE, 250))
    draw.polygon(
        [
            (left - w * 0.04, top + h * 0.01),
            (w * 0.5, h * 0.24),
            (right + w * 0.04, top + h * 0.01),
        ],
        fill=RED_700,
    )
    draw.rectangle((w * 0.46, h * 0.66, w * 0.54, floor), fill=BLUE_900)
    for wx in (w * 0.36, w * 0.58):
        draw.rectangle((wx, h * 0.6, wx + w * 0.06, h * 0.72), fill=GOLD_400)
        draw.line(
            (wx + w * 0.03, h * 0.6, wx + w * 0.03, h * 0.72),
            fill=WHITE,
            width=max(3, int(h * 0.006)),
        )
    draw.polygon(_star(w * 0.5, h * 0.37, h * 0.045), fill=GOLD_400)


def _scene_old_house(draw, w, h, rng):
    """A house before the work: grey planks, a sagging roof of patched sheets, a prop."""
    _mountains(draw, w, h, rng, ((*BLUE_050, 70), (70, 96, 70, 170)), base=0.62)
    draw.rectangle((0, h * 0.86, w, h), fill=(92, 84, 60, 255))
    left, right, top, floor = w * 0.3, w * 0.7, h * 0.52, h * 0.88
    wood, dark = (138, 112, 84, 255), (84, 66, 50, 255)
    draw.rectangle((left, top, right, floor), fill=wood)
    for x in range(int(left), int(right), max(8, int(w * 0.035))):
        draw.line((x, top, x + rng.uniform(-3, 3), floor), fill=dark, width=max(3, int(h * 0.005)))
    sag = h * rng.uniform(0.02, 0.04)
    draw.polygon(
        [
            (left - w * 0.05, top + h * 0.02),
            (w * 0.42, h * 0.32 + sag),
            (w * 0.58, h * 0.3),
            (right + w * 0.05, top + h * 0.03),
        ],
        fill=(150, 150, 146, 255),
    )
    for _ in range(4):  # patches of other sheets and rust
        x, y = w * rng.uniform(0.34, 0.62), h * rng.uniform(0.36, 0.48)
        colour = rng.choice(((120, 72, 50, 255), (176, 176, 170, 255), (104, 100, 96, 255)))
        draw.rectangle((x, y, x + w * rng.uniform(0.04, 0.08), y + h * 0.035), fill=colour)
    draw.rectangle((w * 0.46, h * 0.66, w * 0.54, floor), fill=dark)
    draw.rectangle((w * 0.35, h * 0.61, w * 0.41, h * 0.7), fill=(40, 36, 32, 255))
    prop = (right + w * 0.02, floor, right - w * 0.03, top + h * 0.04)
    draw.line(prop, fill=dark, width=int(h * 0.012))


def _petal_flower(draw, cx, cy, r, colour, centre, petals=6, turn=0.0):
    for index in range(petals):
        angle = turn + index * 2 * math.pi / petals
        # An ellipse along the petal's direction, from the centre outwards.
        mx, my = cx + r * 0.5 * math.cos(angle), cy + r * 0.5 * math.sin(angle)
        points = []
        for step in range(32):
            t = step * 2 * math.pi / 32
            u, v = r * 0.5 * math.cos(t), r * 0.2 * math.sin(t)
            points.append(
                (
                    mx + u * math.cos(angle) - v * math.sin(angle),
                    my + u * math.sin(angle) + v * math.cos(angle),
                )
            )
        draw.polygon(points, fill=colour)
    draw.ellipse((cx - r * 0.18, cy - r * 0.18, cx + r * 0.18, cy + r * 0.18), fill=centre)


def _scene_flower(draw, w, h, rng):
    for _ in range(7):
        cx, cy = w * rng.uniform(0.05, 0.95), h * rng.uniform(0.35, 0.95)
        r = h * rng.uniform(0.1, 0.22)
        draw.line(
            (cx, cy, cx + rng.uniform(-1, 1) * w * 0.03, h),
            fill=(30, 107, 52, 200),
            width=max(4, int(h * 0.01)),
        )
        _petal_flower(draw, cx, cy, r, (*WHITE, 215), GOLD_400, turn=rng.uniform(0, math.pi))
    for _ in range(12):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.4), h * rng.uniform(0.006, 0.016)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*WHITE, 150))


SCENES = {
    "crowd": _scene_crowd,
    "gift": _scene_gift,
    "book": _scene_book,
    "ball": _scene_ball,
    "drop": _scene_drop,
    "mountains": _scene_mountains,
    "document": _scene_document,
    "helmet": _scene_helmet,
    "factory": _scene_factory,
    "house": _scene_house,
    "old-house": _scene_old_house,
    "flower": _scene_flower,
}


@functools.lru_cache(maxsize=64)
def draw_picture(scene: str, palette, *, seed: str, size=COVER_SIZE, label: str = "") -> bytes:
    """A JPEG illustration of `scene`: the same bytes for the same seed (and font).

    Kept in memory, so loading the demo again in the same process (the test suite
    does) does not draw the pictures again.
    """
    rng = random.Random(seed)
    picture = _background(size, palette, rng)
    # Shapes are drawn at twice the size and reduced, premultiplied so edges stay clean.
    layer = Image.new("RGBA", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), (0, 0, 0, 0))
    SCENES[scene](ImageDraw.Draw(layer), *layer.size, rng)
    picture.alpha_composite(layer.convert("RGBa").reduce(SUPERSAMPLE).convert("RGBA"))
    if label:
        _label(picture, label)
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def _label(picture: Image.Image, label: str) -> None:
    """The federation's name at the top and the section at the bottom, over soft bands."""
    width, height = picture.size
    small, large = _font(int(height * 0.032)), _font(int(height * 0.06))
    if small is None or large is None:
        return
    band = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    margin = int(width * 0.04)
    draw.rectangle(
        (margin, int(height * 0.06), margin + int(height * 0.012), int(height * 0.11)),
        fill=GOLD_400,
    )
    draw.text(
        (margin + int(height * 0.03), int(height * 0.062)),
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐIỆN BIÊN",
        font=small,
        fill=(*WHITE, 235),
    )
    box = draw.textbbox((0, 0), label, font=large)
    text_w, text_h = box[2] - box[0], box[3] - box[1]
    pad = int(height * 0.025)
    top = height - margin - text_h - 2 * pad
    draw.rounded_rectangle(
        (margin, top, margin + text_w + 2 * pad, height - margin), radius=pad, fill=(*BLUE_900, 200)
    )
    draw.text((margin + pad - box[0], top + pad - box[1]), label, font=large, fill=WHITE)
    picture.alpha_composite(band)
