"""Admin for the portal-wide records."""

from django.contrib import admin
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from federation.models import DailyVisits, SiteProfile
from federation.text import EMPTY_MARK, format_date
from federation.validators import IMAGE_FORM_FIELD_OVERRIDES

admin.site.site_header = _("Portal administration")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Content and records")
# The one mark of a missing value, in the admin as on every page.
admin.site.empty_value_display = EMPTY_MARK


class SingleRowAdmin(admin.ModelAdmin):
    """A model with exactly one row (pk 1): the list page opens it, nobody deletes it."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    # A row whose every field has a default is created on first opening instead.
    create_on_open = False

    def changelist_view(self, request, extra_context=None):
        opts = self.model._meta
        if self.create_on_open:
            self.model.objects.get_or_create(pk=1)
        elif not self.model.objects.filter(pk=1).exists():
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[1]))


@admin.register(SiteProfile)
class SiteProfileAdmin(SingleRowAdmin):
    formfield_overrides = {
        **IMAGE_FORM_FIELD_OVERRIDES,
        models.URLField: {"assume_scheme": "https"},
    }

    fieldsets = (
        (_("Names"), {"fields": ("full_name", "short_name", "logo")}),
        (_("Contact"), {"fields": ("address", "phone", "email", "map_url")}),
        (_("Introduction"), {"fields": ("intro",)}),
    )


@admin.register(DailyVisits)
class DailyVisitsAdmin(admin.ModelAdmin):
    """The history of finished days, read-only: visitors raise these, nobody edits them."""

    list_display = ("day_display", "views", "visitors", "bot_views", "bots")
    date_hierarchy = "day"

    @admin.display(description=_("day"), ordering="day")
    def day_display(self, obj):
        return format_date(obj.day)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
