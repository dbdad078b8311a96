"""The demo documents' files: a one-page PDF drawn with Pillow (a bilevel scan, a few
kilobytes) and a Word file (a minimal Office Open XML package zipped by hand)."""

import functools
import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont


@dataclass(frozen=True)
class Page:
    """Everything a demo file shows, resolved from the specs (hashable, for the cache)."""

    header: tuple[str, ...]
    right: tuple[str, ...]
    number: str
    dated: str
    heading: str  # "CHỈ THỊ", or "" for a letter (the summary goes under the number)
    summary: str
    body: tuple[str, ...]
    capacity: tuple[str, ...]
    signer: str
    appendix: str = ""  # the title of an appendix or form; "" for the document itself


APPENDIX_COLUMNS = ("STT", "Đơn vị / Họ và tên", "Nội dung", "Số lượng", "Ghi chú")

A4 = (827, 1169)  # pixels at 100 dpi
MARGIN = 72

_FONT_FILES = {
    "regular": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "DejaVuSerif.ttf",
    ),
    "bold": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
        "DejaVuSerif-Bold.ttf",
    ),
    "italic": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
        "/usr/share/fonts/dejavu/DejaVuSerif-Italic.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Oblique.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf",
        "DejaVuSerif-Italic.ttf",
    ),
}


@functools.lru_cache(maxsize=32)
def _font(style: str, size: int):
    """A TrueType font with Vietnamese letters; Pillow's own font when none is installed."""
    for name in _FONT_FILES[style]:
        if "/" in name and not Path(name).exists():
            continue
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _centred(draw, text: str, centre: float, y: float, font) -> float:
    """Draw one line centred on `centre`; return its width."""
    width = draw.textlength(text, font=font)
    draw.text((centre - width / 2, y), text, font=font, fill=0)
    return width


@functools.lru_cache(maxsize=128)
def pdf_bytes(page: Page) -> bytes:
    """A one-page A4 PDF of the page, drawn as a bilevel scan (a few kilobytes).

    Kept in memory: loading the demo again in the same process (the test suite does)
    does not draw the files again.
    """
    buffer = io.BytesIO()
    draw_page(page).save(buffer, "PDF", resolution=100, title=page.appendix or page.number)
    return buffer.getvalue()


def draw_page(page: Page) -> Image.Image:
    """The page as a black-and-white A4 image at 100 dpi, like a clerk's scan."""
    image = Image.new("1", A4, 1)
    draw = ImageDraw.Draw(image)
    regular, bold, italic = _font("regular", 15), _font("bold", 15), _font("italic", 15)
    small_bold = _font("bold", 14)
    width = A4[0]
    left_centre, right_centre = MARGIN + 150, width - MARGIN - 190

    # The heading: the issuing body on the left, the motto (or the Party) on the right.
    y = 56
    _centred(draw, page.header[0], left_centre, y, regular)
    line = _centred(draw, page.header[1], left_centre, y + 22, small_bold)
    draw.line((left_centre - line / 3, y + 44, left_centre + line / 3, y + 44), fill=0)
    for index, text in enumerate(page.right):
        line = _centred(draw, text, right_centre, y + 22 * index, small_bold)
    under = y + 22 * len(page.right) + 1
    draw.line((right_centre - line / 2, under, right_centre + line / 2, under), fill=0)
    y = 128
    _centred(draw, f"Số: {page.number}", left_centre, y, regular)
    _centred(draw, page.dated, right_centre, y, italic)
    y += 34

    if page.heading:
        y += 16
        for text in _wrap(draw, page.heading, _font("bold", 19), width - 2 * MARGIN):
            _centred(draw, text, width / 2, y, _font("bold", 19))
            y += 28
        for text in _wrap(draw, page.summary, bold, width - 2 * MARGIN - 80):
            _centred(draw, text, width / 2, y, bold if not page.appendix else italic)
            y += 23
        y += 26
    else:
        # A letter: the summary ("V/v …") sits under its number, in small type.
        for text in _wrap(draw, page.summary, _font("regular", 13), 300):
            _centred(draw, text, left_centre, y, _font("regular", 13))
            y += 19
        y += 30

    for paragraph in page.body:
        for index, text in enumerate(_wrap(draw, paragraph, regular, width - 2 * MARGIN - 30)):
            draw.text((MARGIN + (30 if index == 0 else 0), y), text, font=regular, fill=0)
            y += 23
        y += 8

    if page.appendix:
        _table(draw, y, regular, bold)
    else:
        y = max(y + 30, 760)
        draw.text((MARGIN, y), "Nơi nhận:", font=_font("bold", 13), fill=0)
        for index, text in enumerate(("- Như trên;", "- Thường trực;", "- Lưu: VT.")):
            draw.text((MARGIN, y + 22 + 19 * index), text, font=_font("regular", 13), fill=0)
        for index, text in enumerate(page.capacity):
            _centred(draw, text, right_centre, y + 22 * index, small_bold)
        _centred(draw, page.signer, right_centre, y + 22 * len(page.capacity) + 110, bold)
    return image


def _table(draw, top: int, regular, bold) -> None:
    """An empty form: the columns of a list units fill in."""
    widths = (50, 250, 200, 80, 103)
    rows, height = 12, 30
    x = MARGIN
    for column, cell in zip(APPENDIX_COLUMNS, widths, strict=True):
        draw.rectangle((x, top, x + cell, top + height * (rows + 1)), outline=0)
        draw.text((x + 6, top + 6), column, font=_font("bold", 13), fill=0)
        x += cell
    for row in range(1, rows + 1):
        y = top + height * row
        draw.line((MARGIN, y, x, y), fill=0)
        draw.text((MARGIN + 14, y + 7), str(row), font=_font("regular", 13), fill=0)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
)
_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/>'
    '<Relationship Id="rId2" Target="docProps/core.xml" Type="http://schemas.openxmlformats.org/'
    'package/2006/relationships/metadata/core-properties"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text: str, *, bold=False, italic=False, centre=False, size: int = 26) -> str:
    properties = "".join(
        (
            "<w:b/>" if bold else "",
            "<w:i/>" if italic else "",
            f'<w:sz w:val="{size}"/>',
        )
    )
    alignment = '<w:pPr><w:jc w:val="center"/></w:pPr>' if centre else ""
    return (
        f"<w:p>{alignment}<w:r><w:rPr>{properties}</w:rPr>"
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )


def _word_table() -> str:
    widths = (700, 2800, 2600, 1200, 1500)
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)

    def row(cells, bold=False):
        return (
            "<w:tr>"
            + "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                + _paragraph(cell, bold=bold, size=24)
                + "</w:tc>"
                for cell, width in zip(cells, widths, strict=True)
            )
            + "</w:tr>"
        )

    rows = [row(APPENDIX_COLUMNS, bold=True)]
    rows += [row((str(number), "", "", "", "")) for number in range(1, 6)]
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}'
        f"</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


@functools.lru_cache(maxsize=64)
def docx_bytes(page: Page, issued: date) -> bytes:
    """A Word file of the page: a minimal Office Open XML package, the same bytes each time."""
    parts = [
        _paragraph(page.header[0], centre=True),
        _paragraph(page.header[1], bold=True, centre=True),
        *(_paragraph(text, bold=True, centre=True) for text in page.right),
        _paragraph(f"Số: {page.number}"),
        _paragraph(page.dated, italic=True),
    ]
    if page.heading:
        parts.append(_paragraph(page.heading, bold=True, centre=True, size=30))
        appendix = bool(page.appendix)
        parts.append(_paragraph(page.summary, bold=not appendix, italic=appendix, centre=True))
    else:
        parts.append(_paragraph(page.summary, size=24))
    parts += [_paragraph(text) for text in page.body]
    if page.appendix:
        parts.append(_word_table())
        parts.append(_paragraph(""))
    else:
        parts.append(_paragraph("Nơi nhận: Như trên; Lưu: VT.", size=22))
        parts += [_paragraph(text, bold=True, centre=True) for text in page.capacity]
        parts.append(_paragraph(page.signer, bold=True, centre=True))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
        f'<w:body>{"".join(parts)}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" '
        'w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    moment = f"{issued:%Y-%m-%d}T08:00:00Z"
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(page.appendix or page.number)}</dc:title>"
        f"<dc:creator>Văn phòng</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        "</cp:coreProperties>"
    )
    buffer = io.BytesIO()
    stamp = (issued.year, issued.month, issued.day, 8, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _RELATIONSHIPS),
            ("word/document.xml", document),
            ("docProps/core.xml", core),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text)
    return buffer.getvalue()
