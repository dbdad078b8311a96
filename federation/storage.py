"""Where files that only a checking view may serve are kept (settings.PROTECTED_MEDIA_ROOT)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible
class ProtectedStorage(FileSystemStorage):
    """Outside MEDIA_ROOT: no URL reaches these files; a view checks, then sends them."""

    def __init__(self):
        super().__init__()

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PROTECTED_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return None

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PROTECTED_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def __eq__(self, other):
        return isinstance(other, ProtectedStorage)


protected_storage = ProtectedStorage()
