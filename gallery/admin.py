"""Staff's side of the library: albums with their photos (several uploaded at once), videos."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from federation.validators import IMAGE_FORM_FIELD_OVERRIDES
from gallery import services
from gallery.forms import AlbumForm
from gallery.models import Album, AlbumPhoto, Video


def _thumbnail(file):
    if file:
        return format_html('<img src="{}" alt="" class="admin-thumb">', file.url)
    return "—"


class AlbumPhotoInline(admin.TabularInline):
    model = AlbumPhoto
    formfield_overrides = IMAGE_FORM_FIELD_OVERRIDES
    extra = 0
    fields = ("order", "thumbnail", "image", "alt", "caption", "credit")
    readonly_fields = ("thumbnail",)

    @admin.display(description=gettext_lazy("preview"))
    def thumbnail(self, obj):
        return _thumbnail(obj.small)


@admin.register(Album)
class AlbumAdmin(SimpleHistoryAdmin):
    form = AlbumForm
    inlines = [AlbumPhotoInline]
    list_display = ("title", "date", "published", "photos_shown")
    list_filter = ("published",)
    search_fields = ("title", "description")
    date_hierarchy = "date"
    fields = (
        "title",
        "slug",
        "date",
        "published",
        "description",
        "cover",
        "new_photos",
        "embed_code",
    )
    readonly_fields = ("embed_code",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photos_count=Count("photos"))

    @admin.display(description=gettext_lazy("photos"), ordering="photos_count")
    def photos_shown(self, obj):
        return obj.photos_count

    @admin.display(description=gettext_lazy("place it in an article"))
    def embed_code(self, obj):
        if not obj.slug:
            return "—"
        return format_html(
            "<code>[album {}]</code><br>{}",
            obj.slug,
            gettext_lazy("Write this on a line of its own in an article's body."),
        )

    def save_model(self, request, obj, form, change):
        services.save_album(obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not AlbumPhoto:
            return super().save_formset(request, form, formset, change)
        for photo in formset.save(commit=False):
            services.save_photo(photo)
        for photo in formset.deleted_objects:
            services.delete_photo(photo)
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        # The inline edits first, then the new photos after the album's last.
        super().save_related(request, form, formsets, change)
        uploads = form.cleaned_data.get("new_photos")
        if uploads:
            services.add_photos(form.instance, uploads)


@admin.register(Video)
class VideoAdmin(SimpleHistoryAdmin):
    formfield_overrides = {
        **IMAGE_FORM_FIELD_OVERRIDES,
        models.URLField: {"assume_scheme": "https"},
    }
    list_display = ("title", "date", "published", "kind")
    list_filter = ("published",)
    search_fields = ("title", "description")
    date_hierarchy = "date"
    fieldsets = (
        (None, {"fields": ("title", "slug", "date", "published", "description", "poster")}),
        (
            gettext_lazy("A video file of ours"),
            {"fields": ("file", "captions")},
        ),
        (
            gettext_lazy("Or a video hosted elsewhere"),
            {"fields": ("external_url",)},
        ),
    )

    @admin.display(description=gettext_lazy("kind"))
    def kind(self, obj):
        return obj.external_host if obj.is_external else "MP4"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["slug"].required = False
        return form

    def save_model(self, request, obj, form, change):
        services.save_video(obj)
