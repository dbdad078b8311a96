"""Checks on the library's uploads: a video is an MP4 by its bytes, captions are WebVTT.

Photos are checked by federation.validators.ImageUploadValidator, as every image is.
Each refusal names the file, so staff uploading several know which one to fix.
"""

import re
import struct

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Captions of a long video are a few dozen KB; a megabyte is far more than any needs.
CAPTIONS_MAX_BYTES = 1024 * 1024

# The first box of an MP4 (ISO base media file) is "ftyp", and its brand is four letters
# or digits: "isom", "mp42", "avc1"… (ISO/IEC 14496-12, 4.3).
_BRAND = re.compile(rb"[A-Za-z0-9 ]{4}")
_WEBVTT = re.compile(rb"\A(?:\xef\xbb\xbf)?WEBVTT(?:[ \t\r\n]|\Z)")


def _name(upload) -> str:
    return getattr(upload, "name", "") or ""


def _head(upload, length: int) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        return upload.read(length)
    finally:
        upload.seek(position)


def _too_large(upload, limit: int):
    return ValidationError(
        _("“%(name)s” is %(size)s; the limit is %(limit)s."),
        code="too_large",
        params={
            "name": _name(upload),
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(limit),
        },
    )


@deconstructible
class MP4Validator:
    """An MP4 video by its content (its first box is "ftyp"), within VIDEO_MAX_BYTES."""

    def __call__(self, upload):
        limit = settings.VIDEO_MAX_BYTES
        if upload.size > limit:
            raise _too_large(upload, limit)
        head = _head(upload, 12)
        size = struct.unpack(">I", head[:4])[0] if len(head) >= 4 else 0
        if not (
            len(head) == 12
            and head[4:8] == b"ftyp"
            and (size == 1 or 16 <= size <= 4096)
            and _BRAND.fullmatch(head[8:12])
        ):
            raise ValidationError(
                _("“%(name)s” is not an MP4 video: choose a file exported as MP4 (H.264)."),
                code="not_mp4",
                params={"name": _name(upload)},
            )

    def __eq__(self, other):
        return isinstance(other, MP4Validator)


@deconstructible
class WebVTTValidator:
    """Captions in WebVTT: UTF-8 text whose first line is "WEBVTT", at most 1 MB."""

    def __call__(self, upload):
        if upload.size > CAPTIONS_MAX_BYTES:
            raise _too_large(upload, CAPTIONS_MAX_BYTES)
        content = _head(upload, CAPTIONS_MAX_BYTES + 1)
        try:
            content.decode("utf-8")
            valid = bool(_WEBVTT.match(content))
        except UnicodeDecodeError:
            valid = False
        if not valid:
            raise ValidationError(
                _("“%(name)s” is not a WebVTT captions file (its first line must be WEBVTT)."),
                code="not_webvtt",
                params={"name": _name(upload)},
            )

    def __eq__(self, other):
        return isinstance(other, WebVTTValidator)
