"""The season's part of the admin: the reminders sent (read only) and an action the
season's admin (congress/admin.py) attaches to send reminders from the organising unit."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.models import SeasonReminder
from congress.services import season as services
from federation.forms import error_text


@admin.action(description=gettext_lazy("Email a reminder to the unions behind"))
def send_reminders(modeladmin, request, queryset):
    """For SeasonAdmin.actions: remind the unions behind in each chosen season, from its
    organising unit (at most once a day, as in the officer area)."""
    for season in queryset.select_related("unit"):
        try:
            sent = services.remind_behind(season=season, unit=season.unit, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            modeladmin.message_user(request, f"{season}: {error_text(error)}", messages.ERROR)
        else:
            modeladmin.message_user(
                request,
                _("%(season)s: reminders sent to %(count)d unions.")
                % {"season": season, "count": sent},
                messages.SUCCESS,
            )


@admin.register(SeasonReminder)
class SeasonReminderAdmin(admin.ModelAdmin):
    list_display = ("season", "unit", "sent_at", "sent_by", "recipients")
    list_filter = ("season",)
    date_hierarchy = "sent_at"
    list_select_related = ("season", "unit", "sent_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
