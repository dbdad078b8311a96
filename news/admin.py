"""Staff's news desk: articles through their workflow, categories, comments, error reports."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from federation.admin import SingleRowAdmin
from federation.admin_media import RichTextAdminMixin
from federation.forms import error_text
from federation.text import search_terms, slugify_vi
from federation.validators import IMAGE_FORM_FIELD_OVERRIDES
from news import reports, services
from news.forms import PostingReportForm, ReturnArticleForm
from news.models import (
    Article,
    Category,
    Comment,
    ErrorReport,
    NewsPreferences,
    Photo,
    Tag,
)
from news.search import holding_every_word


class PhotoInline(admin.TabularInline):
    model = Photo
    formfield_overrides = IMAGE_FORM_FIELD_OVERRIDES
    extra = 1
    fields = ("order", "image", "alt", "caption", "thumbnail")
    readonly_fields = ("thumbnail",)

    @admin.display(description=gettext_lazy("preview"))
    def thumbnail(self, obj):
        if obj.small:
            return format_html('<img src="{}" alt="" class="admin-thumb">', obj.small.url)
        return "—"


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("__str__", "slug", "order", "show_in_menu", "show_on_home")
    list_editable = ("order", "show_in_menu", "show_on_home")
    list_filter = ("show_in_menu", "show_on_home", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "slug")
    list_select_related = ("parent",)

    def save_model(self, request, obj, form, change):
        obj.slug = obj.slug or slugify_vi(obj.name)
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["slug"].required = False
        form.base_fields["slug"].help_text = _("Made from the name when left empty.")
        return form


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["slug"].required = False
        return form

    def save_model(self, request, obj, form, change):
        obj.slug = obj.slug or slugify_vi(obj.name)
        super().save_model(request, obj, form, change)


class StatusFilter(admin.SimpleListFilter):
    """Opens on the articles that need someone: submitted for review."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Article.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Article.Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(RichTextAdminMixin, SimpleHistoryAdmin):
    change_form_template = "admin/news/article/change_form.html"
    change_list_template = "admin/news/article/change_list.html"
    formfield_overrides = IMAGE_FORM_FIELD_OVERRIDES

    class Media:
        css = {"all": ["css/admin.css"]}

    list_display = (
        "thumbnail",
        "title",
        "status_badge",
        "category",
        "featured",
        "published_at",
        "views",
        "comments_waiting",
    )
    list_display_links = ("title",)
    list_filter = (StatusFilter, "category", "featured", "published_at")
    date_hierarchy = "published_at"
    search_fields = ("title",)
    search_help_text = gettext_lazy("Title, summary or body; accents are optional.")
    list_select_related = ("category__parent",)
    list_per_page = 50
    autocomplete_fields = ("tags", "congress")
    filter_horizontal = ("extra_categories",)
    inlines = [PhotoInline]
    readonly_fields = ("status", "return_reason", "author", "views", "created_at", "updated_at")
    actions = ["submit_selected", "publish_selected", "return_selected", "feature", "unfeature"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (
            gettext_lazy("Cover image"),
            {"fields": ("cover", "cover_alt", "cover_caption")},
        ),
        (
            gettext_lazy("Classification"),
            {"fields": ("category", "extra_categories", "tags", "congress")},
        ),
        (
            gettext_lazy("Credits"),
            {"fields": ("byline", "source", "author")},
        ),
        (
            gettext_lazy("Publication"),
            {
                "fields": (
                    "status",
                    "return_reason",
                    "published_at",
                    "expires_at",
                    "featured",
                    "allow_comments",
                    "views",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(waiting=Count("comments", filter=Q(comments__status=Comment.Status.PENDING)))
        )

    def get_search_results(self, request, queryset, search_term):
        """The site search's own word matching, so "cong doan" finds "Công đoàn"."""
        terms = search_terms(search_term)
        if not terms:
            return queryset, False
        return holding_every_word(queryset, terms), False

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not services.can_publish(request.user):
            fields += ["featured", "published_at", "expires_at"]
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            fields.append("slug")
        return fields

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status != Article.Status.PUBLISHED)

    @admin.display(description=gettext_lazy("cover"))
    def thumbnail(self, obj):
        if obj.cover_small:
            return format_html('<img src="{}" alt="" class="admin-thumb">', obj.cover_small.url)
        return "—"

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, obj):
        label = obj.get_status_display()
        if obj.status == Article.Status.PUBLISHED and not obj.is_public:
            scheduled = obj.published_at and obj.published_at > timezone.now()
            label = _("Scheduled") if scheduled else _("Not shown")
        return format_html('<span class="status status-{}">{}</span>', obj.status, label)

    @admin.display(description=gettext_lazy("comments waiting"), ordering="waiting")
    def comments_waiting(self, obj):
        if not obj.waiting:
            return "0"
        url = (
            reverse("admin:news_comment_changelist")
            + f"?article__id__exact={obj.pk}&status=pending"
        )
        return format_html('<a href="{}">{}</a>', url, obj.waiting)

    def save_model(self, request, obj, form, change):
        try:
            services.save_article(article=obj, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            # The form already ran the model checks; what is left are workflow rules.
            raise PermissionDenied(error_text(error)) from error

    def save_formset(self, request, form, formset, change):
        if formset.model is not Photo:
            return super().save_formset(request, form, formset, change)
        for photo in formset.save(commit=False):
            services.save_photo(photo=photo)
        for photo in formset.deleted_objects:
            photo.delete()
        formset.save_m2m()

    def response_change(self, request, obj):
        for button, action in (
            ("_submit", self._submit_one),
            ("_publish", self._publish_one),
        ):
            if button in request.POST:
                action(request, obj)
                return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit" in request.POST:
            self._submit_one(request, obj)
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))
        if "_publish" in request.POST:
            self._publish_one(request, obj)
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def _submit_one(self, request, obj):
        try:
            services.submit_article(article=obj, user=request.user)
            self.message_user(request, _("Submitted for review."), messages.SUCCESS)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, error_text(error), messages.ERROR)

    def _publish_one(self, request, obj):
        try:
            services.publish_article(article=obj, user=request.user)
            self.message_user(request, _("Published."), messages.SUCCESS)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, error_text(error), messages.ERROR)

    def _run(self, request, queryset, operation, done_message):
        done, failed = 0, []
        for article in queryset:
            try:
                operation(article)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                failed.append(f"“{article.title}”: {error_text(error)}")
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        for failure in failed:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description=gettext_lazy("Submit selected articles for review"))
    def submit_selected(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda a: services.submit_article(article=a, user=request.user),
            lambda n: ngettext("%d article submitted.", "%d articles submitted.", n) % n,
        )

    @admin.action(description=gettext_lazy("Publish selected articles"))
    def publish_selected(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda a: services.publish_article(article=a, user=request.user),
            lambda n: ngettext("%d article published.", "%d articles published.", n) % n,
        )

    @admin.action(description=gettext_lazy("Return selected articles to their authors"))
    def return_selected(self, request, queryset):
        if not services.can_publish(request.user):
            self.message_user(request, _("Only an approver may return articles."), messages.ERROR)
            return None
        if "apply" in request.POST:
            form = ReturnArticleForm(request.POST)
            if form.is_valid():
                reason = form.cleaned_data["return_reason"]
                self._run(
                    request,
                    queryset,
                    lambda a: services.return_article(article=a, user=request.user, reason=reason),
                    lambda n: ngettext("%d article returned.", "%d articles returned.", n) % n,
                )
                return None
        else:
            form = ReturnArticleForm()
        return render(
            request,
            "admin/news/article/return.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Return articles to their authors"),
                "articles": queryset,
                "form": form,
                "opts": self.model._meta,
                "action": "return_selected",
            },
        )

    @admin.action(description=gettext_lazy("Feature selected articles"))
    def feature(self, request, queryset):
        self._set_featured(request, queryset, True)

    @admin.action(description=gettext_lazy("Stop featuring selected articles"))
    def unfeature(self, request, queryset):
        self._set_featured(request, queryset, False)

    def _set_featured(self, request, queryset, featured):
        try:
            count = services.set_featured(articles=queryset, user=request.user, featured=featured)
        except PermissionDenied as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%d article changed.", "%d articles changed.", count) % count,
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/tra-lai/",
                self.admin_site.admin_view(self.return_view),
                name="news_article_return",
            ),
            path(
                "bao-cao/",
                self.admin_site.admin_view(self.report_view),
                name="news_article_report",
            ),
            *super().get_urls(),
        ]

    def return_view(self, request, object_id):
        """Return one article with a reason, from its change page."""
        article = get_object_or_404(Article, pk=object_id)
        form = ReturnArticleForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.return_article(
                    article=article, user=request.user, reason=form.cleaned_data["return_reason"]
                )
            except PermissionDenied as error:
                raise PermissionDenied(error_text(error)) from error
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("Returned to the author."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:news_article_change", args=[article.pk]))
        if not services.can_publish(request.user):
            raise PermissionDenied(_("Only an approver may return articles."))
        return render(
            request,
            "admin/news/article/return.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Return “%(title)s” to its author") % {"title": article.title},
                "articles": [article],
                "form": form,
                "opts": self.model._meta,
                "original": article,
            },
        )

    def report_view(self, request):
        """Posting activity for a date range, by author and by category, with an Excel export."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = PostingReportForm(request.GET or None)
        report = None
        if form.is_valid():
            report = reports.posting_activity(form.cleaned_data["start"], form.cleaned_data["end"])
            if request.GET.get("format") == "xlsx":
                return reports.posting_activity_xlsx(report)
        return TemplateResponse(
            request,
            "admin/news/article/report.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Posting activity"),
                "form": form,
                "report": report,
                "opts": self.model._meta,
            },
        )


class CommentStatusFilter(admin.SimpleListFilter):
    """Opens on the comments waiting for a decision."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, ("all", _("All"))]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or Comment.Status.PENDING) == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("short_text", "name", "email", "article", "created_at", "status")
    list_filter = (CommentStatusFilter, "created_at")
    list_select_related = ("article",)
    search_fields = ("name", "email", "text")
    readonly_fields = (
        "article",
        "name",
        "email",
        "text",
        "created_at",
        "moderated_at",
        "moderated_by",
    )
    fields = (*readonly_fields, "status")
    actions = ["approve", "reject", "mark_spam"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("comment"))
    def short_text(self, obj):
        return obj.text[:80]

    def _moderate(self, request, queryset, status):
        try:
            count = services.moderate_comments(comments=queryset, user=request.user, status=status)
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%d comment updated.", "%d comments updated.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Approve selected comments"))
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED)

    @admin.action(description=gettext_lazy("Reject selected comments"))
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED)

    @admin.action(description=gettext_lazy("Mark selected comments as spam"))
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM)


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ("description", "article", "contact", "created_at", "resolved")
    list_filter = ("resolved", "created_at")
    list_select_related = ("article",)
    readonly_fields = ("article", "description", "contact", "created_at")
    fields = (*readonly_fields, "resolved")
    actions = ["mark_resolved"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=gettext_lazy("Mark selected reports as resolved"))
    def mark_resolved(self, request, queryset):
        count = queryset.update(resolved=True)
        self.message_user(
            request,
            ngettext("%d report resolved.", "%d reports resolved.", count) % count,
            messages.SUCCESS,
        )


@admin.register(NewsPreferences)
class NewsPreferencesAdmin(SingleRowAdmin):
    create_on_open = True
