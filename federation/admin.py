"""Admin for the portal-wide records."""

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from federation import home, mail
from federation.models import DailyVisits, HomeBlockPlacement, OutgoingMail, SiteProfile
from federation.text import EMPTY_MARK, format_date
from federation.validators import IMAGE_FORM_FIELD_OVERRIDES

admin.site.site_header = _("Portal administration")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Content and records")
# The one mark of a missing value, in the admin as on every page.
admin.site.empty_value_display = EMPTY_MARK


class RecordAdmin(admin.ModelAdmin):
    """A record the portal writes itself (visits, mail, exports, moves): staff with the
    view permission read it; nobody adds, changes or deletes one by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SingleRowAdmin(admin.ModelAdmin):
    """A model with exactly one row (pk 1): the list page opens it, nobody deletes it."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    # A row whose every field has a default is created on first opening instead.
    create_on_open = False

    def changelist_view(self, request, extra_context=None):
        # Permissions first: staff who may not see the row get a 403 and nothing is created.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        exists = self.model.objects.filter(pk=1).exists()
        if not exists and self.create_on_open and self.has_change_permission(request):
            self.model.objects.get_or_create(pk=1)
        elif not exists and not self.create_on_open:
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
        (
            _("Contact"),
            {"fields": ("address", "phone", "hotline", "email", "working_hours", "map_url")},
        ),
        (_("Introduction"), {"fields": ("intro",)}),
    )


@admin.register(HomeBlockPlacement)
class HomeBlockPlacementAdmin(admin.ModelAdmin):
    """The home page's blocks in one list: staff set each one's column, order and whether
    it is shown, and save them all at once. The blocks are the apps' own; nobody adds or
    deletes one here, and "back to the defaults" gives each the place its app chose."""

    list_display = ("block", "region", "order", "shown")
    list_editable = ("region", "order", "shown")
    list_display_links = None
    list_filter = ("region", "shown")
    actions = ["restore_defaults"]

    def get_queryset(self, request):
        # Blocks of an app taken out of the project keep their row but are not listed.
        registered = [block.name for block in home.registered_blocks()]
        return super().get_queryset(request).filter(name__in=registered)

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and self.has_change_permission(request):
            home.add_missing_placements()
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("block"), ordering="name")
    def block(self, obj):
        return home.label_of(obj.name)

    @admin.action(description=_("Put the selected blocks back where their app placed them"))
    def restore_defaults(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        defaults = {block.name: block for block in home.registered_blocks()}
        for placement in queryset:
            block = defaults[placement.name]
            placement.region, placement.order, placement.shown = block.region, block.order, True
            placement.save()
        self.message_user(
            request,
            ngettext(
                "%(count)d block is back in its default place.",
                "%(count)d blocks are back in their default places.",
                queryset.count(),
            )
            % {"count": queryset.count()},
            messages.SUCCESS,
        )


@admin.register(DailyVisits)
class DailyVisitsAdmin(RecordAdmin):
    """The history of finished days, read-only: visitors raise these, nobody edits them."""

    list_display = (
        "day_display",
        "views",
        "visitors",
        "search_engine_views",
        "search_engines",
        "robot_views",
        "robots",
    )
    date_hierarchy = "day"

    @admin.display(description=_("day"), ordering="day")
    def day_display(self, obj):
        return format_date(obj.day)


@admin.register(OutgoingMail)
class OutgoingMailAdmin(RecordAdmin):
    """Every message the portal sent or is sending, read-only; failed ones can be sent again."""

    list_display = ("subject", "status", "attempts", "recipient_list", "created_at")
    list_filter = ("status",)
    search_fields = ("subject", "recipients")
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = (
        "subject",
        "recipient_list",
        "from_email",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "body",
    )
    readonly_fields = fields

    @admin.display(description=_("recipients"))
    def recipient_list(self, obj):
        return ", ".join(obj.recipients)

    @admin.action(description=_("Send the selected failed mail again"), permissions=["retry"])
    def send_again(self, request, queryset):
        count = mail.retry(queryset)
        if count:
            self.message_user(
                request,
                ngettext(
                    "%d message queued to be sent again.",
                    "%d messages queued to be sent again.",
                    count,
                )
                % count,
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("Only mail that failed, or has waited over an hour, can be sent again."),
                messages.WARNING,
            )

    def has_retry_permission(self, request):
        return request.user.has_perm("federation.retry_outgoingmail")


# Permissions are stored with Django's English names ("Can add article"); the user and
# group pages show them in Vietnamese, built from the model's translated name.
_PERMISSION_ACTIONS = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}


def permission_label(permission: Permission) -> str:
    """ "Tin tức | bài viết | Được thêm bài viết", whatever language Django stored it in."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    action, _sep, model_name = permission.codename.partition("_")
    if model_name == model._meta.model_name and action in _PERMISSION_ACTIONS:
        name = _PERMISSION_ACTIONS[action] % {"name": model._meta.verbose_name}
    else:
        name = gettext(permission.name)  # a permission the app declared, in the catalogue
    app = apps.get_app_config(model._meta.app_label).verbose_name
    return f"{app} | {model._meta.verbose_name} | {name}"


class VietnamesePermissionsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name in ("permissions", "user_permissions"):
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class PortalUserAdmin(VietnamesePermissionsMixin, UserAdmin):
    pass


@admin.register(Group)
class PortalGroupAdmin(VietnamesePermissionsMixin, GroupAdmin):
    pass
