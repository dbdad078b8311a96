"""The album form of the admin: its fields, and several photos uploaded at once."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gallery import services
from gallery.models import Album, AlbumPhoto


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's "Uploading multiple files"); [] when none."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class AlbumForm(forms.ModelForm):
    new_photos = MultipleFileField(
        label=_("Add photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "Choose several photos at once (JPEG, PNG or WebP, at most 30 a time). They are "
            "added after the album's photos, in the order chosen, each described as "
            "“[album title] – ảnh N”: make each description say what the photo shows below."
        ),
    )

    class Meta:
        model = Album
        fields = ("title", "slug", "date", "published", "description", "cover")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if "cover" in self.fields:
            photos = AlbumPhoto.objects.filter(album_id=self.instance.pk)
            self.fields["cover"].queryset = photos if self.instance.pk else photos.none()

    def clean_new_photos(self):
        uploads = self.cleaned_data.get("new_photos") or []
        if uploads:
            services.check_photo_uploads(uploads)
        return uploads
