"""Staff's register: units as a tree, members, officers, reporting periods and reports."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from federation.admin import RecordAdmin
from federation.forms import error_text
from federation.validators import IMAGE_FORM_FIELD_OVERRIDES
from members import services, spreadsheets
from members.models import (
    DuplicateAttempt,
    Leader,
    Member,
    MembershipEvent,
    Officer,
    PersonalDataExport,
    PreparedExport,
    Report,
    ReportPeriod,
    Unit,
    UnitKind,
    UnitMove,
    in_subtree,
)


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ("name", "is_grassroots", "order")
    list_editable = ("order",)


class UpperUnitFilter(admin.SimpleListFilter):
    """Units anywhere below a chosen upper-level unit (the tree, not only direct children)."""

    title = gettext_lazy("under the unit")
    parameter_name = "under"

    def lookups(self, request, model_admin):
        upper = Unit.objects.filter(kind__is_grassroots=False).only("name", "path")
        return [(unit.pk, "— " * (unit.depth - 1) + unit.name) for unit in upper]

    def queryset(self, request, queryset):
        if not self.value() or not self.value().isdigit():
            return queryset
        unit = Unit.objects.filter(pk=self.value()).first()
        if unit is None:
            return queryset.none()
        if queryset.model is Report:
            return queryset.in_subtree(unit)  # where each unit stood when it reported
        return queryset.filter(in_subtree(unit, "" if queryset.model is Unit else "unit"))


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("tree_name", "kind", "sector", "employees", "dissolved_on")
    list_filter = ("kind", "sector", UpperUnitFilter)
    list_select_related = ("kind",)
    search_fields = ("name", "short_name", "employer")
    autocomplete_fields = ("parent", "merged_into")
    ordering = ("path",)
    readonly_fields = ("register_links",)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "parent", "sector", "register_links")}),
        (
            gettext_lazy("Where it sits"),
            {"fields": ("employer", "employees", "province", "commune", "address")},
        ),
        (gettext_lazy("Contact"), {"fields": ("chairperson", "phone", "email")}),
        (gettext_lazy("Life"), {"fields": ("founded_on", "dissolved_on", "merged_into")}),
    )

    @admin.display(description=gettext_lazy("unit"), ordering="path")
    def tree_name(self, obj):
        return format_html(
            '<span class="tree-depth-{}">{}{}</span>', obj.depth, "— " * (obj.depth - 1), obj.name
        )

    @admin.display(description=gettext_lazy("member register"))
    def register_links(self, obj):
        """Import and export go through the officer area's pages, the same code for both."""
        if obj is None or obj.pk is None:
            return "—"
        links = [
            (reverse("members:unit", args=[obj.pk]), _("Open in the officer area")),
            (reverse("members:member_export", args=[obj.pk]), _("Export to Excel")),
        ]
        if obj.kind.is_grassroots:
            links.append((reverse("members:member_import", args=[obj.pk]), _("Import members")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def save_model(self, request, obj, form, change):
        services.save_unit(unit=obj, user=request.user)


@admin.register(UnitMove)
class UnitMoveAdmin(RecordAdmin):
    list_display = ("unit", "old_parent", "new_parent", "moved_on", "moved_by")
    list_select_related = ("unit", "old_parent", "new_parent", "moved_by")


class EventInline(admin.TabularInline):
    model = MembershipEvent
    fk_name = "member"
    extra = 0
    fields = ("happened_on", "kind", "unit", "other_unit", "note", "recorded_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = (
        "full_name",
        "gender",
        "unit",
        "card_number",
        "masked_id",
        "admitted_on",
        "status",
    )
    list_filter = ("status", "gender", "unit__sector", UpperUnitFilter)
    list_select_related = ("unit",)
    search_fields = ("full_name", "card_number", "national_id")
    search_help_text = gettext_lazy(
        "Name (accents optional), union card number, or the last digits of the ID number."
    )
    autocomplete_fields = ("unit",)
    inlines = [EventInline]
    readonly_fields = ("status", "left_on")
    actions = ["export_to_excel"]

    @admin.action(description=gettext_lazy("Export the selected members to Excel"))
    def export_to_excel(self, request, queryset):
        """The officer area's export, with the same record of who took personal data."""
        content, count = spreadsheets.export_workbook(queryset)
        services.log_export(
            user=request.user,
            unit=None,
            description=_("Members selected in the admin (Excel)"),
            rows=count,
        )
        response = HttpResponse(content, content_type=spreadsheets.XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="doan-vien-{timezone.localdate():%Y%m%d}.xlsx"'
        )
        response["Cache-Control"] = "no-store"
        return response

    @admin.display(description=gettext_lazy("national ID number"))
    def masked_id(self, obj):
        return obj.masked_national_id

    def get_search_results(self, request, queryset, search_term):
        return queryset.matching(search_term, id_digits=True), False

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "unit"] if obj is not None else fields

    def save_model(self, request, obj, form, change):
        if change:
            services.update_member(member=obj, user=request.user)
        else:
            services.admit_member(member=obj, user=request.user)


@admin.register(Officer)
class OfficerAdmin(SimpleHistoryAdmin):
    list_display = ("user", "unit", "role")
    list_filter = ("role", UpperUnitFilter)
    list_select_related = ("user", "unit")
    autocomplete_fields = ("user", "unit")
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__name")


@admin.register(ReportPeriod)
class ReportPeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "starts_on", "ends_on", "deadline", "is_open")
    list_filter = ("kind", "is_open")

    def save_model(self, request, obj, form, change):
        created = services.open_period(period=obj)
        if created:
            messages.info(
                request,
                ngettext(
                    "%(count)d grassroots union now has a draft report for this period.",
                    "%(count)d grassroots unions now have a draft report for this period.",
                    created,
                )
                % {"count": created},
            )


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = (
        "unit",
        "period",
        "status",
        "total_members",
        "female_members",
        "submitted_at",
        "review_link",
    )
    list_filter = ("period", "status", UpperUnitFilter)
    list_select_related = ("unit", "period")
    search_fields = ("unit__name",)
    readonly_fields = (
        "period",
        "unit",
        "status",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
        "return_reason",
    )
    actions = ["accept", "return_to_unit"]

    @admin.display(description=gettext_lazy("review"))
    def review_link(self, obj):
        """The officer area's page, where a reviewer reads the report and writes a reason."""
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Open"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Staff review reports; the figures are the unit's, changed in the officer area.
        return super().has_change_permission(request, obj) and obj is None

    @admin.action(description=gettext_lazy("Accept the selected reports"))
    def accept(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda report: services.accept_report(report=report, user=request.user),
        )

    @admin.action(
        description=gettext_lazy("Return the selected reports to their units (standard reason)")
    )
    def return_to_unit(self, request, queryset):
        reason = request.POST.get("return_reason", "").strip() or _(
            "Please check the figures and submit again."
        )
        self._each(
            request,
            queryset,
            lambda report: services.return_report(report=report, user=request.user, reason=reason),
        )

    def _each(self, request, queryset, action):
        done = 0
        for report in queryset.select_related("unit", "period"):
            try:
                action(report)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, f"{report.unit}: {error_text(error)}")
        if done:
            messages.success(
                request,
                ngettext("%(count)d report done.", "%(count)d reports done.", done)
                % {"count": done},
            )


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(RecordAdmin):
    list_display = ("exported_at", "user", "unit", "description", "rows")
    list_filter = ("exported_at",)
    list_select_related = ("user", "unit")


@admin.register(PreparedExport)
class PreparedExportAdmin(RecordAdmin):
    """Large member exports prepared by a task: what was asked, and why one failed.

    The file itself is not offered here: only the officer who asked downloads it.
    """

    list_display = ("requested_at", "user", "unit", "status", "rows", "expires_at")
    list_filter = ("status", "requested_at")
    list_select_related = ("user", "unit")
    fields = (
        "requested_at",
        "user",
        "unit",
        "status",
        "rows",
        "finished_at",
        "expires_at",
        "original_name",
        "size",
        "error",
    )


@admin.register(DuplicateAttempt)
class DuplicateAttemptAdmin(RecordAdmin):
    """Numbers officers typed that a member outside their units holds: staff settle them.

    Read-only: the record is what happened. The officer was told only that staff will
    contact them.
    """

    list_display = (
        "happened_at",
        "user",
        "unit",
        "action",
        "field",
        "member_link",
        "member_unit",
    )
    list_filter = ("field", "action", "happened_at")
    list_select_related = ("user", "unit", "member", "member_unit")
    search_fields = ("user__username", "unit__name", "member__full_name", "member_unit__name")
    date_hierarchy = "happened_at"

    @admin.display(description=gettext_lazy("member who holds the number"))
    def member_link(self, obj):
        if obj.member is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:members_member_change", args=[obj.member_id]),
            obj.member.full_name,
        )


class TenureFilter(admin.SimpleListFilter):
    """Opens on the leaders in office today."""

    title = gettext_lazy("tenure")
    parameter_name = "tenure"

    def lookups(self, request, model_admin):
        return [("current", _("In office today")), ("past", _("Former")), ("all", _("All"))]

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "current") == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "current"
        current = Leader.objects.current().values("pk")
        if value == "current":
            return queryset.filter(pk__in=current)
        if value == "past":
            return queryset.exclude(pk__in=current)
        return queryset


@admin.register(Leader)
class LeaderAdmin(SimpleHistoryAdmin):
    """The register's leaders: the congress installs them; staff add portraits and
    responsibilities, and enter a leadership by hand until a congress records one."""

    formfield_overrides = IMAGE_FORM_FIELD_OVERRIDES
    list_display = ("thumbnail", "full_name", "role", "unit", "started_on", "ended_on", "source")
    list_display_links = ("full_name",)
    list_filter = (TenureFilter, "role", UpperUnitFilter)
    list_select_related = ("unit",)
    search_fields = ("full_name", "unit__name", "source")
    autocomplete_fields = ("unit",)
    raw_id_fields = ("member",)
    fieldsets = (
        (None, {"fields": ("unit", "full_name", "member", "role", "order")}),
        (gettext_lazy("Term"), {"fields": ("started_on", "ended_on", "source")}),
        (gettext_lazy("Leadership page"), {"fields": ("photo", "responsibilities")}),
    )

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description=gettext_lazy("portrait"))
    def thumbnail(self, obj):
        if obj.photo_small:
            return format_html('<img src="{}" alt="" class="admin-thumb">', obj.photo_small.url)
        return "—"
