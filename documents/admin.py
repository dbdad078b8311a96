"""The documents clerk's desk: documents with their files, and the lists they are filed under."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from documents import services
from documents.forms import DocumentFileForm, DocumentFileFormSet, DocumentForm
from documents.models import Document, DocumentFile, DocumentType, Field, Issuer, Signer, Status
from federation.templatetags.portal import number


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    form = DocumentFileForm
    formset = DocumentFileFormSet
    extra = 1
    fields = ("order", "file", "original_name", "kind_and_size", "downloads")
    readonly_fields = ("original_name", "kind_and_size", "downloads")

    @admin.display(description=_("type and size"))
    def kind_and_size(self, obj):
        if not obj.pk:
            return "—"
        from django.template.defaultfilters import filesizeformat

        return f"{obj.label}, {filesizeformat(obj.size)}"


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.with_status_in(self.value())
        return queryset


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    form = DocumentForm
    inlines = [DocumentFileInline]
    list_display = (
        "number",
        "short_summary",
        "type",
        "issuer",
        "issued_on",
        "status_label",
        "is_public",
        "view_count",
        "download_count",
    )
    list_display_links = ("number", "short_summary")
    list_filter = (
        StatusFilter,
        "type",
        "issuer",
        "fields",
        ("signer", admin.RelatedOnlyFieldListFilter),
        "is_public",
    )
    list_select_related = ("type", "issuer")
    date_hierarchy = "issued_on"
    search_fields = ("number", "summary")
    search_help_text = _("Number or words of the summary; accents are optional.")
    autocomplete_fields = ("replaces", "related", "signer")
    filter_horizontal = ("fields",)
    readonly_fields = ("status_label", "views", "downloads", "created_by", "updated_at")
    fieldsets = (
        (None, {"fields": ("number", "type", "issuer", "summary", "fields", "signer")}),
        (_("Dates"), {"fields": ("issued_on", "effective_on", "expires_on", "status_label")}),
        (_("Links to other documents"), {"fields": ("replaces", "related")}),
        (_("Publication"), {"fields": ("is_public", "posted_at")}),
        (_("Full text"), {"fields": ("full_text",), "classes": ("collapse",)}),
        (_("Counters"), {"fields": ("views", "downloads", "created_by", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    def get_search_results(self, request, queryset, search_term):
        """The public list's own matching: "92/ct" finds "92/CT-UBND", accents optional."""
        if not search_term.strip():
            return queryset, False
        return queryset.matching(search_term), False

    @admin.display(description=_("summary"))
    def short_summary(self, obj):
        return obj.summary if len(obj.summary) <= 90 else obj.summary[:88].rstrip() + "…"

    @admin.display(description=_("status"))
    def status_label(self, obj):
        if obj.pk is None:
            return "—"
        status = obj.status_on()  # the list's annotation: no query per row
        return format_html('<span class="status status-{}">{}</span>', status.value, status.label)

    @admin.display(description=_("views"), ordering="views")
    def view_count(self, obj):
        return number(obj.views)

    @admin.display(description=_("downloads"), ordering="downloads")
    def download_count(self, obj):
        return number(obj.downloads)

    def save_model(self, request, obj, form, change):
        services.save_document(document=obj, user=request.user)


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "order")
    list_editable = ("order",)
    search_fields = ("name", "abbreviation")


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "order")
    list_editable = ("order",)
    search_fields = ("name", "abbreviation")


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    search_fields = ("name",)


@admin.register(Signer)
class SignerAdmin(admin.ModelAdmin):
    list_display = ("name", "position")
    search_fields = ("name", "position")
