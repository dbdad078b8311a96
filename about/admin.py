"""Staff's side of "Giới thiệu": pages, departments, the contact inbox, the weekly
schedule, links and banners. (The leaders and their portraits are members.Leader, in the
members admin.)"""

from datetime import timedelta

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from about import services
from about.models import (
    Banner,
    ContactMessage,
    Department,
    Link,
    Page,
    ScheduleItem,
    ScheduleWeek,
)
from federation.admin_media import RichTextAdminMixin
from federation.validators import IMAGE_FORM_FIELD_OVERRIDES

URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "parent", "status", "order", "menu_order", "updated_at")
    list_editable = ("order", "menu_order")
    list_filter = ("status",)
    list_select_related = ("parent",)
    search_fields = ("title", "summary")
    fields = ("title", "slug", "parent", "order", "menu_order", "status", "summary", "body")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["slug"].required = False
        return form

    def save_model(self, request, obj, form, change):
        services.save_page(obj)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "head", "phone", "email", "order")
    list_editable = ("order",)
    search_fields = ("name", "head")


class InboxStatusFilter(admin.SimpleListFilter):
    """Opens on the messages waiting for an answer: new and in progress."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("open", _("Waiting for an answer")),
            *ContactMessage.Status.choices,
            ("all", _("All")),
        ]

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "open") == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "open"
        if value == "open":
            return queryset.filter(
                status__in=[ContactMessage.Status.NEW, ContactMessage.Status.IN_PROGRESS]
            )
        if value in ContactMessage.Status.values:
            return queryset.filter(status=value)
        return queryset


@admin.register(ContactMessage)
class ContactMessageAdmin(SimpleHistoryAdmin):
    list_display = ("received_at", "subject", "name", "email", "phone", "status", "handled_by")
    list_display_links = ("received_at", "subject")
    list_filter = (InboxStatusFilter,)
    list_select_related = ("handled_by",)
    search_fields = ("subject", "name", "email", "phone", "message")
    date_hierarchy = "received_at"
    readonly_fields = ("received_at", "name", "email", "phone", "subject", "message")
    fieldsets = (
        (
            gettext_lazy("The message"),
            {"fields": ("received_at", "name", "email", "phone", "subject", "message")},
        ),
        (gettext_lazy("Handling"), {"fields": ("status", "handled_by", "notes")}),
    )
    actions = ["take_over", "close"]

    def has_add_permission(self, request):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "handled_by":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description=gettext_lazy("Handle the selected messages myself"))
    def take_over(self, request, queryset):
        changed = 0
        for message in queryset.exclude(status=ContactMessage.Status.CLOSED):
            message.status = ContactMessage.Status.IN_PROGRESS
            message.handled_by = request.user
            message.save()  # one by one, so each change is in the history
            changed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d message is now handled by you.",
                "%(count)d messages are now handled by you.",
                changed,
            )
            % {"count": changed},
        )

    @admin.action(description=gettext_lazy("Close the selected messages"))
    def close(self, request, queryset):
        changed = 0
        for message in queryset.exclude(status=ContactMessage.Status.CLOSED):
            message.status = ContactMessage.Status.CLOSED
            message.save()
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d message closed.", "%(count)d messages closed.", changed)
            % {"count": changed},
        )


class ScheduleItemInline(admin.TabularInline):
    model = ScheduleItem
    extra = 3
    fields = ("day", "time", "what", "attendees", "place", "order")


@admin.register(ScheduleWeek)
class ScheduleWeekAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "published", "items")
    list_filter = ("published",)
    date_hierarchy = "monday"
    inlines = [ScheduleItemInline]
    actions = ["publish"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description=gettext_lazy("items"), ordering="item_count")
    def items(self, obj):
        return obj.item_count

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        today = timezone.localdate()
        initial.setdefault("monday", services.monday_of(today) + timedelta(days=7))
        return initial

    @admin.action(description=gettext_lazy("Publish the selected weeks"))
    def publish(self, request, queryset):
        changed = 0
        for week in queryset.filter(published=False):
            week.published = True
            week.save()
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d week published.", "%(count)d weeks published.", changed)
            % {"count": changed},
        )


class ShownNowFilter(admin.SimpleListFilter):
    title = gettext_lazy("shown")
    parameter_name = "shown"

    def lookups(self, request, model_admin):
        return [("now", _("Shown today")), ("not", _("Not shown today"))]

    def queryset(self, request, queryset):
        shown = queryset.model.objects.shown_on().values("pk")
        if self.value() == "now":
            return queryset.filter(pk__in=shown)
        if self.value() == "not":
            return queryset.exclude(pk__in=shown)
        return queryset


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    formfield_overrides = URL_OVERRIDES
    list_display = ("title", "url", "order", "starts_on", "ends_on")
    list_editable = ("order",)
    list_filter = (ShownNowFilter,)
    search_fields = ("title", "url")


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    formfield_overrides = {**IMAGE_FORM_FIELD_OVERRIDES, **URL_OVERRIDES}
    list_display = ("thumbnail", "title", "order", "starts_on", "ends_on")
    list_display_links = ("title",)
    list_editable = ("order",)
    list_filter = (ShownNowFilter,)
    search_fields = ("title", "alt")
    fields = ("title", "image", "alt", "url", "starts_on", "ends_on", "order")

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description=gettext_lazy("preview"))
    def thumbnail(self, obj):
        if obj.image_small:
            return format_html('<img src="{}" alt="" class="admin-thumb">', obj.image_small.url)
        return "—"
