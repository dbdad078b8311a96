"""Checks on uploaded files, shared by every app that accepts them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image

# Pillow refuses images above this many pixels: a guard against decompression bombs.
MAX_IMAGE_PIXELS = 40_000_000


@deconstructible
class ImageUploadValidator:
    """A real image (read by Pillow, not judged by its name), within size and pixel limits."""

    def __init__(self, max_bytes: int = 10 * 1024 * 1024, max_pixels: int = MAX_IMAGE_PIXELS):
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels

    def __call__(self, upload):
        if upload.size > self.max_bytes:
            raise ValidationError(
                _("The image is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(self.max_bytes),
                },
            )
        position = upload.tell() if hasattr(upload, "tell") else 0
        try:
            upload.seek(0)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > self.max_pixels:
                    raise ValidationError(
                        _("The image is too large (%(width)s × %(height)s pixels)."),
                        code="too_many_pixels",
                        params={"width": width, "height": height},
                    )
                image.verify()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                _("The image is too large to process."), code="too_many_pixels"
            ) from error
        except Exception as error:
            raise ValidationError(
                _("The file is not a valid image (PNG, JPEG or WebP)."), code="not_an_image"
            ) from error
        finally:
            upload.seek(position)

    def __eq__(self, other):
        return (
            isinstance(other, ImageUploadValidator)
            and self.max_bytes == other.max_bytes
            and self.max_pixels == other.max_pixels
        )


class ImageFormField(forms.ImageField):
    """Django's image form field, except that a decompression bomb is "too large", not "corrupt".

    Django opens every upload with Pillow before the model's validators run, and reports
    Pillow's refusal of an image with too many pixels as "not an image or a corrupted image".
    """

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError as error:
            if isinstance(error.__cause__, Image.DecompressionBombError):
                raise ValidationError(
                    _("The image is too large to process."), code="too_many_pixels"
                ) from error
            raise


# For ModelAdmin.formfield_overrides: every image upload in the admin uses ImageFormField.
IMAGE_FORM_FIELD_OVERRIDES = {models.ImageField: {"form_class": ImageFormField}}
