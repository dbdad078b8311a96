"""Staff's pages for delegates, guests and the caps on their number.

Registered by the import at the end of congress/admin.py. Saving goes through
congress.services.delegates, so the admin refuses what the import refuses (a refused
credential without its reason, a list above the cap without a recorded reason).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from congress.models import Delegate, DelegateCap, Guest
from congress.services import delegates as service
from federation.text import slugify_vi


class DelegateForm(forms.ModelForm):
    class Meta:
        model = Delegate
        fields = (
            "congress",
            "number",
            "full_name",
            "kind",
            "unit",
            "unit_name",
            "position",
            "sector",
            "gender",
            "ethnicity",
            "birth_year",
            "education",
            "party_member",
            "credentials",
            "credentials_reason",
        )

    def _post_clean(self):
        super()._post_clean()  # the model's own checks (a refused credential's reason)
        if self.errors or not self.instance.congress_id:
            return
        try:
            service.check_cap_for(self.instance)
        except ValidationError as error:
            self.add_error(None, error)


@admin.register(Delegate)
class DelegateAdmin(SimpleHistoryAdmin):
    form = DelegateForm
    list_display = (
        "number",
        "full_name",
        "congress",
        "kind",
        "gender",
        "birth_year",
        "party_member",
        "credentials",
    )
    list_display_links = ("number", "full_name")
    list_filter = ("congress", "kind", "credentials", "gender", "party_member")
    list_select_related = ("congress__unit",)
    list_per_page = 300
    search_fields = ("full_name", "unit_name")
    raw_id_fields = ("congress",)
    autocomplete_fields = ("unit",)
    readonly_fields = ("list_links",)
    actions = ("export_congress_list",)
    fieldsets = (
        (None, {"fields": ("congress", "list_links", "number", "full_name", "kind")}),
        (
            gettext_lazy("Unit and position"),
            {"fields": ("unit", "unit_name", "position", "sector")},
        ),
        (
            gettext_lazy("Composition"),
            {"fields": ("gender", "ethnicity", "birth_year", "education", "party_member")},
        ),
        (gettext_lazy("Credentials"), {"fields": ("credentials", "credentials_reason")}),
    )

    @admin.display(description=gettext_lazy("the congress's list"))
    def list_links(self, obj):
        """Import and export go through the officer area's pages, the same code for both."""
        if obj is None or not obj.congress_id:
            return "—"
        return congress_links(obj.congress_id)

    def save_model(self, request, obj, form, change):
        service.save_delegate(obj)

    @admin.action(description=gettext_lazy("Export the list of the selected delegates' congress"))
    def export_congress_list(self, request, queryset):
        congresses = {delegate.congress for delegate in queryset.select_related("congress__unit")}
        if len(congresses) != 1:
            self.message_user(
                request, _("Choose delegates of one congress to export."), messages.ERROR
            )
            return None
        congress = congresses.pop()
        content, _count = service.export_workbook(congress)
        response = HttpResponse(content, content_type=service.sheets.XLSX)
        name = slugify_vi(f"dai bieu {congress.unit.short_name or congress.unit.name}")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response


def congress_links(congress_id: int):
    links = [
        (reverse("congress:delegates", args=[congress_id]), _("List and composition")),
        (reverse("congress:delegate_import", args=[congress_id]), _("Import delegates")),
        (reverse("congress:delegate_export", args=[congress_id]), _("Export to Excel")),
    ]
    return format_html_join(" · ", '<a href="{}">{}</a>', links)


@admin.register(Guest)
class GuestAdmin(admin.ModelAdmin):
    list_display = ("full_name", "position", "congress", "order")
    list_filter = ("congress",)
    list_select_related = ("congress__unit",)
    search_fields = ("full_name", "position")
    raw_id_fields = ("congress",)


@admin.register(DelegateCap)
class DelegateCapAdmin(SimpleHistoryAdmin):
    list_display = (
        "rule",
        "kind",
        "members_from",
        "members_to",
        "max_delegates",
        "valid_from",
        "valid_until",
    )
    list_filter = ("kind",)
    list_select_related = ("kind",)
    search_fields = ("rule",)
