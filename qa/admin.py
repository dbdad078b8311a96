"""The legal advisers' side: the questions' inbox, answering, publishing; the topics."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from federation.admin_media import RichTextAdminMixin
from federation.forms import error_text
from qa import services
from qa.models import Question, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order", "published")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                published_count=Count(
                    "questions", filter=Q(questions__status=Question.Status.PUBLISHED)
                )
            )
        )

    @admin.display(description=gettext_lazy("published answers"), ordering="published_count")
    def published(self, obj):
        return obj.published_count


class OpenStatusFilter(admin.SimpleListFilter):
    """Opens on the questions waiting for an adviser: new, assigned and answered."""

    title = gettext_lazy("status")
    parameter_name = "status"

    OPEN = (Question.Status.NEW, Question.Status.ASSIGNED, Question.Status.ANSWERED)

    def lookups(self, request, model_admin):
        return [("open", _("Waiting")), *Question.Status.choices, ("all", _("All"))]

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
            return queryset.filter(status__in=self.OPEN)
        if value in Question.Status.values:
            return queryset.filter(status=value)
        return queryset


@admin.register(Question)
class QuestionAdmin(RichTextAdminMixin, SimpleHistoryAdmin):
    change_form_template = "admin/qa/question/change_form.html"
    list_display = (
        "asked_at",
        "short_question",
        "topic",
        "status_badge",
        "assigned_to",
        "answered_by",
        "published_at",
        "views",
    )
    list_display_links = ("asked_at", "short_question")
    list_filter = (OpenStatusFilter, "topic")
    list_select_related = ("topic", "assigned_to", "answered_by")
    search_fields = ("title", "public_text", "asked_text", "asker_name", "email", "phone")
    date_hierarchy = "asked_at"
    autocomplete_fields = ("documents",)
    readonly_fields = (
        "asked_at",
        "asked_text",
        "asker_name",
        "publish_name",
        "email",
        "phone",
        "status",
        "answered_by",
        "answered_at",
        "published_at",
        "views",
    )
    fieldsets = (
        (
            gettext_lazy("The question as asked (never published)"),
            {
                "fields": (
                    "asked_at",
                    "asked_text",
                    "asker_name",
                    "publish_name",
                    "email",
                    "phone",
                )
            },
        ),
        (
            gettext_lazy("For publication"),
            {"fields": ("topic", "title", "slug", "public_text")},
        ),
        (gettext_lazy("Answer"), {"fields": ("answer", "documents", "laws")}),
        (
            gettext_lazy("Workflow"),
            {
                "fields": (
                    "status",
                    "assigned_to",
                    "answered_by",
                    "answered_at",
                    "published_at",
                    "views",
                    "staff_notes",
                )
            },
        ),
    )
    actions = ["take_over", "publish_selected", "reject_selected"]

    class Media:
        css = {"all": ["css/admin.css"]}

    def has_add_permission(self, request):
        # Questions come from visitors, through /hoi-dap/gui-cau-hoi/.
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("question"))
    def short_question(self, obj):
        # A plain string: the admin escapes it, so a question holding markup stays text.
        return obj.title or Truncator(" ".join(obj.asked_text.split())).chars(90)

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="status status-{}">{}</span>', obj.status, obj.get_status_display()
        )

    def save_model(self, request, obj, form, change):
        try:
            services.save_question(obj, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            # The form ran the model checks; what is left are workflow rules.
            raise PermissionDenied(error_text(error)) from error

    def response_change(self, request, obj):
        for button, operation in (
            ("_take", self._take_one),
            ("_publish", self._publish_one),
            ("_reject", self._reject_one),
            ("_withdraw", self._withdraw_one),
        ):
            if button in request.POST:
                self._report(request, operation, obj)
                return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def _report(self, request, operation, obj):
        try:
            message = operation(request, obj)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, error_text(error), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)

    def _site_url(self, request) -> str:
        return request.build_absolute_uri("/").rstrip("/")

    def _take_one(self, request, obj):
        services.assign_question(obj, adviser=request.user, user=request.user)
        return _("The question is assigned to you.")

    def _publish_one(self, request, obj):
        services.publish_question(obj, user=request.user, site_url=self._site_url(request))
        return _("Published; the asker is sent the answer.")

    def _reject_one(self, request, obj):
        services.reject_question(obj, user=request.user)
        return _("The question is rejected and will not be published.")

    def _withdraw_one(self, request, obj):
        services.withdraw_question(obj, user=request.user)
        return _("The answer is withdrawn from the site.")

    def _run(self, request, queryset, operation, done_message):
        done, failed = 0, []
        for question in queryset:
            try:
                operation(question)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                failed.append(f"“{question}”: {error_text(error)}")
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        for failure in failed:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description=gettext_lazy("Assign the selected questions to me"))
    def take_over(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda question: services.assign_question(
                question, adviser=request.user, user=request.user
            ),
            lambda count: (
                ngettext(
                    "%(count)d question assigned to you.",
                    "%(count)d questions assigned to you.",
                    count,
                )
                % {"count": count}
            ),
        )

    @admin.action(description=gettext_lazy("Publish the selected answers"))
    def publish_selected(self, request, queryset):
        site_url = self._site_url(request)
        self._run(
            request,
            queryset,
            lambda question: services.publish_question(
                question, user=request.user, site_url=site_url
            ),
            lambda count: (
                ngettext("%(count)d answer published.", "%(count)d answers published.", count)
                % {"count": count}
            ),
        )

    @admin.action(description=gettext_lazy("Reject the selected questions"))
    def reject_selected(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda question: services.reject_question(question, user=request.user),
            lambda count: (
                ngettext("%(count)d question rejected.", "%(count)d questions rejected.", count)
                % {"count": count}
            ),
        )
