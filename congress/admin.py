"""The congress secretary's desk: congresses with their programme, documents, guests,
subcommittees and targets; tasks that are late; the grassroots seasons.

A congress is saved through congress.services.save_congress; the rules that read other
rows (ordinal, terms, format) are checked while the form is validated, so a refusal shows
beside its field and nothing is saved.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

# The delegates', elections' and season's admin pages live in their own modules.
from congress import admin_delegates, admin_elections, admin_season, services  # noqa: F401
from congress.models import (
    Congress,
    CongressDocument,
    Guest,
    Season,
    Session,
    Stage,
    Subcommittee,
    SubcommitteeTask,
    Target,
    TargetProgress,
)
from congress.services import delegates
from congress.services.core import stage_condition
from congress.services.targets import targets_progress
from federation.text import format_date, search_terms
from federation.validators import IMAGE_FORM_FIELD_OVERRIDES
from members.models import UnitKind

# ---------------------------------------------------------------------------------------
# Filters


class LevelFilter(admin.SimpleListFilter):
    """The level of the organising unit (its kind: province, ward, grassroots…)."""

    title = gettext_lazy("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [(str(kind.pk), kind.name) for kind in UnitKind.objects.all()]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(unit__kind_id=int(value))
        return queryset


class TermFilter(admin.SimpleListFilter):
    title = gettext_lazy("term")
    parameter_name = "term"

    def lookups(self, request, model_admin):
        terms = (
            Congress.objects.order_by("-term_start", "-term_end")
            .values_list("term_start", "term_end")
            .distinct()
        )
        return [(f"{start}-{end}", f"{start}–{end}") for start, end in terms]

    def queryset(self, request, queryset):
        start, _dash, end = (self.value() or "").partition("-")
        if start.isdigit() and end.isdigit():
            return queryset.filter(term_start=int(start), term_end=int(end))
        return queryset


class StageFilter(admin.SimpleListFilter):
    """Planned, preparing, in session, held, results recognised: derived from the dates."""

    title = gettext_lazy("stage")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return Stage.choices

    def queryset(self, request, queryset):
        if self.value() in Stage.values:
            return queryset.filter(stage_condition(Stage(self.value())))
        return queryset


class LateFilter(admin.SimpleListFilter):
    """Tasks past their deadline and not done."""

    title = gettext_lazy("deadline")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return [("yes", _("Late")), ("no", _("Not late"))]

    def queryset(self, request, queryset):
        late = Q(done_on__isnull=True, deadline__lt=timezone.localdate())
        if self.value() == "yes":
            return queryset.filter(late)
        if self.value() == "no":
            return queryset.exclude(late)
        return queryset


def late_tasks_url(**filters) -> str:
    query = "&".join(f"{name}={value}" for name, value in {"late": "yes", **filters}.items())
    return reverse("admin:congress_subcommitteetask_changelist") + "?" + query


# ---------------------------------------------------------------------------------------
# The congress


# How Django names a unique constraint's refusal (one field, or several together).
UNIQUE_CODES = ("unique", "unique_together")


class CongressAdminForm(forms.ModelForm):
    class Meta:
        model = Congress
        fields = (
            "unit",
            "season",
            "ordinal",
            "term_start",
            "term_end",
            "custom_title",
            "slug",
            "motto",
            "summary",
            "is_public",
            "starts_on",
            "ends_on",
            "venue",
            "format",
            "format_reason",
            "official_delegates",
            "members_represented",
            "delegate_cap_reason",
            "cover",
            "cover_alt",
            "results",
            "recognised_on",
            "return_reason",
        )

    def _post_clean(self):
        """After the row's own checks, the rules that read the unit's other congresses
        (check_congress), each beside its field. The database's note that the unit and
        ordinal are taken says less than the rule's, and is left out then."""
        super()._post_clean()
        field_errors = set(self._errors) - {NON_FIELD_ERRORS}
        if self.instance.unit_id is None or field_errors:
            return
        try:
            services.check_congress(self.instance)
        except ValidationError as error:
            if NON_FIELD_ERRORS in self._errors:
                kept = [
                    e
                    for e in self._errors[NON_FIELD_ERRORS].as_data()
                    if e.code not in UNIQUE_CODES
                ]
                del self._errors[NON_FIELD_ERRORS]
                if kept:
                    self.add_error(None, kept)
            self._update_errors(error)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1
    fields = ("day", "starts_at", "ends_at", "kind", "title", "presenter")


class CongressDocumentInline(admin.TabularInline):
    model = CongressDocument
    extra = 1
    autocomplete_fields = ("document",)
    fields = ("order", "role", "document")


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 1
    fields = ("order", "full_name", "position")


class SubcommitteeInline(admin.TabularInline):
    """The subcommittees at a glance; their members and tasks on their own page."""

    model = Subcommittee
    extra = 0
    fields = ("order", "kind", "name", "head")
    show_change_link = True


class TargetInline(admin.TabularInline):
    """The targets; staff record the yearly progress of the others on the target's page."""

    model = Target
    extra = 1
    fields = ("order", "group", "text", "value", "unit_of_measure", "measure")
    show_change_link = True


@admin.register(Congress)
class CongressAdmin(SimpleHistoryAdmin):
    form = CongressAdminForm
    formfield_overrides = IMAGE_FORM_FIELD_OVERRIDES
    inlines = [SessionInline, SubcommitteeInline, CongressDocumentInline, TargetInline, GuestInline]
    list_display = (
        "title",
        "unit",
        "term",
        "stage_label",
        "starts_on",
        "review",
        "is_public",
        "late_task_count",
    )
    list_filter = (LevelFilter, TermFilter, StageFilter, "review", "is_public", "season")
    list_select_related = ("unit__kind",)
    search_fields = ("slug",)  # get_search_results reads the folded words
    search_help_text = gettext_lazy("Unit, ordinal, term, motto or venue; accents are optional.")
    autocomplete_fields = ("unit", "season")
    readonly_fields = (
        "stage_label",
        "late_tasks",
        "review",
        "submitted_at",
        "reviewed_at",
        "delegate_cap",
    )
    fieldsets = (
        (
            None,
            {"fields": ("unit", "season", "ordinal", "term_start", "term_end", "stage_label")},
        ),
        (
            gettext_lazy("Title and address"),
            {"fields": ("custom_title", "slug", "motto", "summary", "is_public")},
        ),
        (
            gettext_lazy("Dates and venue"),
            {"fields": ("starts_on", "ends_on", "venue")},
        ),
        (
            gettext_lazy("Format and delegates"),
            {
                "fields": (
                    "format",
                    "format_reason",
                    "official_delegates",
                    "members_represented",
                    "delegate_cap",
                    "delegate_cap_reason",
                )
            },
        ),
        (gettext_lazy("Cover picture"), {"fields": ("cover", "cover_alt")}),
        (
            gettext_lazy("Results and recognition"),
            {
                "fields": (
                    "results",
                    "review",
                    "submitted_at",
                    "reviewed_at",
                    "recognised_on",
                    "return_reason",
                )
            },
        ),
        (gettext_lazy("Subcommittee tasks that are late"), {"fields": ("late_tasks",)}),
    )

    def get_queryset(self, request):
        today = timezone.localdate()
        return (
            super()
            .get_queryset(request)
            .annotate(
                late=Count(
                    "subcommittees__tasks",
                    filter=Q(
                        subcommittees__tasks__done_on__isnull=True,
                        subcommittees__tasks__deadline__lt=today,
                    ),
                ),
                subcommittee_count=Count("subcommittees", distinct=True),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        terms = search_terms(search_term)
        if not terms:
            return queryset, False
        for term in terms:
            queryset = queryset.filter(search_text__contains=f" {term} ")
        return queryset, False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields["slug"].help_text = _(
                "Made from the unit and the term when left empty."
            )
        return form

    @admin.display(description=gettext_lazy("term"), ordering="term_start")
    def term(self, obj):
        return obj.term

    @admin.display(description=gettext_lazy("stage"))
    def stage_label(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if hasattr(obj, "subcommittee_count"):  # the list's annotation: no query per row
            obj.has_subcommittees = obj.subcommittee_count > 0
        stage = services.stage_of(obj)
        return format_html('<span class="status stage-{}">{}</span>', stage.value, stage.label)

    @admin.display(description=gettext_lazy("late tasks"), ordering="late")
    def late_task_count(self, obj):
        if not obj.late:
            return "0"
        url = late_tasks_url(subcommittee__congress__id__exact=obj.pk)
        return format_html('<a href="{}">{}</a>', url, obj.late)

    @admin.display(description=gettext_lazy("late tasks"))
    @admin.display(description=gettext_lazy("delegate cap"))
    def delegate_cap(self, obj):
        """The rule that caps this congress's delegates, with a warning when the list
        exceeds it (congress.services.delegates)."""
        if obj is None or obj.pk is None or obj.unit_id is None:
            return "—"
        cap = delegates.applicable_cap(obj)
        if cap is None:
            return _("No cap applies to this level on the congress's date.")
        return delegates.check_delegate_cap(obj, cap=cap) or delegates.cap_text(cap)

    def late_tasks(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        today = timezone.localdate()
        tasks = (
            SubcommitteeTask.objects.filter(
                subcommittee__congress=obj, done_on__isnull=True, deadline__lt=today
            )
            .select_related("subcommittee")
            .order_by("deadline", "pk")
        )
        if not tasks:
            return _("No task is late.")
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({}): {}</li>',
            (
                (
                    reverse("admin:congress_subcommitteetask_change", args=[task.pk]),
                    task.title,
                    task.subcommittee.name,
                    _("due %(day)s") % {"day": format_date(task.deadline)},
                )
                for task in tasks
            ),
        )
        return format_html("<ul>{}</ul>", rows)

    def save_model(self, request, obj, form, change):
        services.save_congress(obj)


# ---------------------------------------------------------------------------------------
# Subcommittees and their tasks


class SubcommitteeTaskInline(admin.TabularInline):
    model = SubcommitteeTask
    extra = 1
    fields = ("title", "deadline", "done_on", "late_mark")
    readonly_fields = ("late_mark",)

    @admin.display(description=gettext_lazy("late"))
    def late_mark(self, obj):
        if obj.pk and obj.is_late(timezone.localdate()):
            return format_html('<strong class="status status-returned">{}</strong>', _("Late"))
        return "—"


@admin.register(Subcommittee)
class SubcommitteeAdmin(SimpleHistoryAdmin):
    inlines = [SubcommitteeTaskInline]
    list_display = ("name", "congress", "kind", "head", "task_count", "late_count")
    list_filter = ("kind", ("congress", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("congress__unit",)
    search_fields = ("name", "head")
    autocomplete_fields = ("congress",)
    fields = ("congress", "kind", "name", "order", "head", "members", "public_description")

    def get_queryset(self, request):
        today = timezone.localdate()
        return (
            super()
            .get_queryset(request)
            .annotate(
                tasks_total=Count("tasks"),
                tasks_late=Count(
                    "tasks", filter=Q(tasks__done_on__isnull=True, tasks__deadline__lt=today)
                ),
            )
        )

    @admin.display(description=gettext_lazy("tasks"), ordering="tasks_total")
    def task_count(self, obj):
        return obj.tasks_total

    @admin.display(description=gettext_lazy("late tasks"), ordering="tasks_late")
    def late_count(self, obj):
        if not obj.tasks_late:
            return "0"
        url = late_tasks_url(subcommittee__id__exact=obj.pk)
        return format_html('<a href="{}">{}</a>', url, obj.tasks_late)


@admin.register(SubcommitteeTask)
class SubcommitteeTaskAdmin(SimpleHistoryAdmin):
    """Opened with ?late=yes from a congress: what is past its deadline and not done."""

    list_display = ("title", "subcommittee", "congress", "deadline", "done_on", "late_mark")
    list_filter = (LateFilter, ("subcommittee__congress", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("subcommittee__congress__unit",)
    list_editable = ("done_on",)
    search_fields = ("title", "subcommittee__name")
    autocomplete_fields = ("subcommittee",)
    date_hierarchy = "deadline"

    @admin.display(description=gettext_lazy("congress"))
    def congress(self, obj):
        return obj.subcommittee.congress

    @admin.display(description=gettext_lazy("late"))
    def late_mark(self, obj):
        if obj.is_late(timezone.localdate()):
            return format_html('<strong class="status status-returned">{}</strong>', _("Late"))
        return "—"


# ---------------------------------------------------------------------------------------
# Targets and their progress


class TargetProgressInline(admin.TabularInline):
    model = TargetProgress
    extra = 1
    fields = ("year", "value", "note")


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    """A target; staff record the yearly figures of one the records cannot measure."""

    inlines = [TargetProgressInline]
    list_display = ("text", "congress", "group", "value", "unit_of_measure", "measure")
    list_filter = ("group", "measure", ("congress", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("congress__unit",)
    search_fields = ("text",)
    autocomplete_fields = ("congress",)
    readonly_fields = ("computed",)
    fields = (
        "congress",
        "group",
        "order",
        "text",
        "value",
        "unit_of_measure",
        "measure",
        "computed",
    )

    def get_inlines(self, request, obj):
        # A measured target's figures come from the records; nothing to type.
        return [] if obj is not None and obj.measure else self.inlines

    @admin.display(description=gettext_lazy("progress"))
    def computed(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        status = targets_progress(obj.congress, [obj])[0]
        if not status.years:
            return _("No figures yet. Source: %(source)s") % {"source": status.source}
        years = format_html_join(" · ", "{}: {}", ((y.year, y.text) for y in status.years))
        return format_html(
            "{} — {} %. {}: {}",
            years,
            status.percent,
            _("Source"),
            status.source,
        )


# ---------------------------------------------------------------------------------------
# Grassroots congress seasons (kept minimal here: the season part of the app extends it)


@admin.register(Season)
class SeasonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "unit", "term", "starts_on", "deadline", "is_public")
    list_filter = ("is_public", "term_start")
    list_select_related = ("unit",)
    search_fields = ("name",)
    autocomplete_fields = ("unit",)
    filter_horizontal = ("pilots",)
    actions = [admin_season.send_reminders]
    fields = (
        "name",
        "unit",
        "term_start",
        "term_end",
        "starts_on",
        "deadline",
        "pilots",
        "is_public",
    )

    @admin.display(description=gettext_lazy("term"), ordering="term_start")
    def term(self, obj):
        return obj.term
