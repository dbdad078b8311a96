"""Where uploaded files go: generated names, so a visitor never chooses a path on disk."""

import uuid
from pathlib import PurePosixPath

from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class UploadTo:
    """`upload_to` for file fields: `<prefix>/<year>/<month>/<random>.<ext>`.

    Only the extension of the original name is kept, lower-cased, and only when it is
    one we expect; the original name itself is never part of the stored path.
    """

    def __init__(self, prefix: str, extensions: tuple[str, ...] = ()):
        self.prefix = prefix.strip("/")
        self.extensions = tuple(extensions)

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower().lstrip(".")
        if self.extensions and suffix not in self.extensions:
            suffix = self.extensions[0]
        now = timezone.localtime()
        name = uuid.uuid4().hex + (f".{suffix}" if suffix else "")
        return f"{self.prefix}/{now:%Y}/{now:%m}/{name}"

    def __eq__(self, other):
        return (
            isinstance(other, UploadTo)
            and self.prefix == other.prefix
            and self.extensions == other.extensions
        )
