"""Staff's welfare desk: programmes with their sources and quotas, grants and their review,
houses, loans with repayments and arrears, loan terms, partners, and the accounting export.

Every change that carries a rule goes through welfare.services; a refusal is shown on the
form or as a message, never as an error page. Members and units are picked by number
(raw id fields): the welfare officer holds no permission of the register.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from federation.forms import add_errors, error_text
from federation.spreadsheets import XLSX
from federation.text import format_money
from federation.validators import IMAGE_FORM_FIELD_OVERRIDES
from members.services import log_export
from news.models import Category
from welfare import services, spreadsheets
from welfare.models import (
    IN_ARREARS,
    FundingSource,
    Grant,
    GrantFile,
    HousingAid,
    HousingPhoto,
    Loan,
    LoanStatus,
    LoanTerms,
    Partner,
    Programme,
    ProgrammeKind,
    Quota,
    Receipt,
    Repayment,
    ScheduledPayment,
    Scholarship,
    StandardAmount,
)

# ---------------------------------------------------------------------------------------
# Programmes


@admin.register(ProgrammeKind)
class ProgrammeKindAdmin(SimpleHistoryAdmin):
    list_display = ("name", "behaviour", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name",)}


class StandardAmountInline(admin.TabularInline):
    model = StandardAmount
    extra = 0
    fields = ("label", "amount", "order")


class FundingSourceInline(admin.TabularInline):
    model = FundingSource
    extra = 0
    fields = ("kind", "sponsor", "pledged", "given", "note")


class QuotaFormSet(forms.BaseInlineFormSet):
    """Quotas are checked together, as the programme would hold them after the save."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        changed, removed = [], []
        for form in self.forms:
            if not form.cleaned_data or not form.cleaned_data.get("unit"):
                continue
            if form.cleaned_data.get("DELETE"):
                if form.instance.pk:
                    removed.append(form.instance.unit)
                continue
            if form.has_changed():
                changed.append(
                    services.QuotaRow(
                        form.cleaned_data["unit"],
                        form.cleaned_data.get("places"),
                        form.cleaned_data.get("amount"),
                    )
                )
        try:
            services.check_quotas(self.instance, changed, removed)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        self.quota_change = (changed, removed)


class QuotaInline(admin.TabularInline):
    model = Quota
    formset = QuotaFormSet
    extra = 0
    fields = ("unit", "places", "amount", "parent", "handed_by")
    readonly_fields = ("parent", "handed_by")
    raw_id_fields = ("unit",)


def _each(request, queryset, action, describe=str) -> int:
    """Run a service on each row; refusals become messages naming the row."""
    done = 0
    for row in queryset:
        try:
            action(row)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, f"{describe(row)}: {error_text(error)}")
    return done


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "year", "unit", "status", "is_public", "budget")
    list_filter = ("kind", "year", "status", ("unit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("kind", "unit")
    search_fields = ("name",)
    # Documents and news by their number: the welfare officer holds no view permission of
    # the library or the newsroom, which their autocompletes would need.
    raw_id_fields = ("unit", "documents", "articles")
    inlines = [StandardAmountInline, FundingSourceInline, QuotaInline]
    actions = ["export_accounting"]
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "unit", "year", "starts_on", "ends_on")}),
        (gettext_lazy("Status"), {"fields": ("status", "is_public")}),
        (
            gettext_lazy("For the public"),
            {"fields": ("description", "eligibility", "housing_repeat_years")},
        ),
        (gettext_lazy("Linked documents and news"), {"fields": ("documents", "articles")}),
    )

    @admin.display(description=gettext_lazy("budget"))
    def budget(self, obj):
        return format_money(services.budget_of(obj))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["slug"].required = False
        form.base_fields["slug"].help_text = _("Made from the name when left empty.")
        return form

    def save_model(self, request, obj, form, change):
        services.save_programme(programme=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Quota:
            return super().save_formset(request, form, formset, change)
        # New programme: its quotas were not checked against it yet; check them now.
        changed, removed = getattr(formset, "quota_change", (None, None))
        if changed is None:
            changed = [
                services.QuotaRow(
                    f.cleaned_data["unit"],
                    f.cleaned_data.get("places"),
                    f.cleaned_data.get("amount"),
                )
                for f in formset.forms
                if f.cleaned_data.get("unit") and not f.cleaned_data.get("DELETE")
            ]
            removed = []
        # The admin's change message reads these; the service saved the quotas itself.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        try:
            services.save_quotas(
                programme=form.instance, changed=changed, removed=removed, user=request.user
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _("Quotas not saved: %(why)s") % {"why": error_text(error)})

    @admin.action(description=gettext_lazy("Export the accounting workbook (Excel)"))
    def export_accounting(self, request, queryset):
        programmes = list(queryset.select_related("unit").order_by("-year", "name"))
        content, rows = spreadsheets.accounting_workbook(programmes)
        log_export(
            user=request.user,
            unit=None,
            description=(
                _("Welfare accounting: %(names)s")
                % {"names": ", ".join(programme.name for programme in programmes)}
            )[:255],
            rows=rows,
        )
        response = HttpResponse(content, content_type=XLSX)
        name = programmes[0].slug if len(programmes) == 1 else "phuc-loi"
        response["Content-Disposition"] = (
            f'attachment; filename="ke-toan-{name}-{timezone.localdate():%Y%m%d}.xlsx"'
        )
        response["Cache-Control"] = "no-store"
        return response


# ---------------------------------------------------------------------------------------
# Grants


class GrantFileInline(admin.TabularInline):
    model = GrantFile
    extra = 0
    fields = ("purpose", "original_name", "size", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason, for the unit that proposed"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    """Proposals come from the officer area; staff review them here with the actions."""

    list_display = (
        "beneficiary_name",
        "programme",
        "unit",
        "value_shown",
        "places",
        "status",
        "flagged_duplicate",
    )
    list_filter = (
        "status",
        "programme__kind",
        "programme",
        "flagged_duplicate",
        ("unit", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("programme", "unit", "member")
    search_fields = ("person_name", "member__full_name", "unit__name")
    raw_id_fields = ("member", "for_member", "unit", "standard", "receipt")
    inlines = [GrantFileInline]
    actions = ["approve", "return_to_unit", "reject"]
    readonly_fields = (
        "status",
        "proposed_by",
        "proposed_at",
        "reviewed_by",
        "reviewed_at",
        "reason",
        "flagged_duplicate",
        "handed_over_on",
        "receipt",
    )

    @admin.display(
        description=gettext_lazy("value"), ordering=F("cash_amount") + F("in_kind_value")
    )
    def value_shown(self, obj):
        return format_money(obj.value)

    def has_add_permission(self, request):
        return False  # proposals are made in the officer area, through the services

    def get_readonly_fields(self, request, obj=None):
        # The proposal is the unit's: staff read it, and act on it with the actions.
        return [field.name for field in Grant._meta.fields if field.name != "id"]

    @admin.action(description=gettext_lazy("Approve the selected proposals"))
    def approve(self, request, queryset):
        done = _each(
            request,
            queryset.select_related("unit", "member"),
            lambda grant: services.approve_grant(grant=grant, user=request.user),
            describe=lambda grant: grant.beneficiary_name,
        )
        if done:
            messages.success(
                request,
                ngettext("%(count)d proposal approved.", "%(count)d proposals approved.", done)
                % {"count": done},
            )

    @admin.action(description=gettext_lazy("Return the selected proposals, with a reason"))
    def return_to_unit(self, request, queryset):
        return self._with_reason(request, queryset, "return_to_unit", services.return_grant)

    @admin.action(description=gettext_lazy("Reject the selected proposals, with a reason"))
    def reject(self, request, queryset):
        return self._with_reason(request, queryset, "reject", services.reject_grant)

    def _with_reason(self, request, queryset, action, service):
        """Ask for the reason on a page of its own, then apply it to every proposal."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            done = _each(
                request,
                queryset.select_related("unit", "member"),
                lambda grant: service(grant=grant, user=request.user, reason=reason),
                describe=lambda grant: grant.beneficiary_name,
            )
            if done:
                messages.success(
                    request,
                    ngettext("%(count)d proposal done.", "%(count)d proposals done.", done)
                    % {"count": done},
                )
            return HttpResponseRedirect(request.get_full_path())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Return proposals") if action == "return_to_unit" else _("Reject proposals"),
            "grants": queryset.select_related("unit", "member"),
            "form": form,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/welfare/grant/reason.html", context)


@admin.register(Receipt)
class ReceiptAdmin(SimpleHistoryAdmin):
    list_display = ("original_name", "programme", "unit", "handed_over_on", "recorded_by")
    list_filter = ("programme",)
    list_select_related = ("programme", "unit", "recorded_by")
    fields = ("programme", "unit", "handed_over_on", "recorded_by", "original_name", "size")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class HousingPhotoInline(admin.TabularInline):
    model = HousingPhoto
    formfield_overrides = IMAGE_FORM_FIELD_OVERRIDES
    extra = 1
    fields = ("stage", "image", "alt", "caption")


class HousingForm(forms.ModelForm):
    class Meta:
        model = HousingAid
        fields = (
            "work",
            "address",
            "own_contribution",
            "other_support",
            "other_support_from",
            "total_cost",
            "surveyed_on",
            "work_started_on",
            "handed_over_on",
            "article",
        )

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the form's values
        if self.instance.grant_id and not self.errors:
            try:
                services.check_housing(self.instance)
            except ValidationError as error:
                add_errors(self, error)


class HandoverNewsForm(forms.Form):
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category of the article"),
        queryset=Category.objects.order_by("order", "name"),
        error_messages={"required": gettext_lazy("Choose the category of the article.")},
    )


def last_handover_category():
    """The category of the last handover article, offered first the next time."""
    return (
        HousingAid.objects.filter(article__isnull=False)
        .order_by("-article__created_at")
        .values_list("article__category", flat=True)
        .first()
    )


@admin.register(HousingAid)
class HousingAidAdmin(SimpleHistoryAdmin):
    form = HousingForm
    list_display = (
        "grant",
        "work",
        "address",
        "surveyed_on",
        "work_started_on",
        "handed_over_on",
        "article",
    )
    list_filter = ("work", "grant__programme")
    list_select_related = ("grant__programme", "grant__member", "article")
    raw_id_fields = ("grant", "article")
    inlines = [HousingPhotoInline]
    actions = ["write_handover_news"]

    def has_write_news_permission(self, request):
        """Writing the news of a handover takes both desks: the houses and the newsroom."""
        return self.has_change_permission(request) and request.user.has_perm("news.add_article")

    @admin.action(
        description=gettext_lazy("Write the handover news"),
        permissions=["write_news"],
    )
    def write_handover_news(self, request, queryset):
        """Ask for the category, then write one draft article for each house handed over
        (a house that has one already keeps it)."""
        houses = queryset.select_related(
            "grant__unit", "grant__member", "grant__programme", "article"
        )
        form = HandoverNewsForm(
            request.POST if "apply" in request.POST else None,
            initial={"category": last_handover_category()},
        )
        if form.is_bound and form.is_valid():
            for house in houses:
                try:
                    article, created = services.handover_article(
                        housing=house, user=request.user, category=form.cleaned_data["category"]
                    )
                except (ValidationError, PermissionDenied) as error:
                    messages.error(request, f"{house.grant}: {error_text(error)}")
                    continue
                link = format_html(
                    '<a href="{}">{}</a>',
                    reverse("admin:news_article_change", args=[article.pk]),
                    article.title,
                )
                if created:
                    messages.success(
                        request,
                        format_html(
                            "{} {}",
                            _("Draft written, for an editor to complete and submit:"),
                            link,
                        ),
                    )
                else:
                    messages.info(
                        request, format_html("{} {}", _("This house already has its news:"), link)
                    )
            return HttpResponseRedirect(request.get_full_path())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Write the handover news"),
            "houses": houses,
            "form": form,
            "action": "write_handover_news",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/welfare/housingaid/handover_news.html", context)

    def has_add_permission(self, request):
        return False  # a house comes with its proposal

    def get_readonly_fields(self, request, obj=None):
        return ("grant",)

    def save_model(self, request, obj, form, change):
        services.save_housing(housing=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not HousingPhoto:
            return super().save_formset(request, form, formset, change)
        for photo in formset.save(commit=False):
            services.save_housing_photo(photo=photo, user=request.user)
        for photo in formset.deleted_objects:
            photo.delete()
        return None


@admin.register(Scholarship)
class ScholarshipAdmin(SimpleHistoryAdmin):
    list_display = ("grant", "school", "level", "school_year", "results")
    list_filter = ("level", "grant__programme")
    list_select_related = ("grant__programme",)
    raw_id_fields = ("grant",)

    def has_add_permission(self, request):
        return False  # a scholarship comes with its proposal

    def get_readonly_fields(self, request, obj=None):
        return ("grant",)


# ---------------------------------------------------------------------------------------
# Loans


@admin.register(LoanTerms)
class LoanTermsAdmin(SimpleHistoryAdmin):
    list_display = ("valid_from", "valid_until", "ceiling_shown", "monthly_rate", "max_term_months")

    @admin.display(description=gettext_lazy("ceiling per borrower"), ordering="ceiling")
    def ceiling_shown(self, obj):
        return format_money(obj.ceiling)


class LoanStatusFilter(admin.SimpleListFilter):
    """Current, overdue (today), repaid or written off: derived by the database."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return LoanStatus.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == LoanStatus.OVERDUE:
            return queryset.open().filter(IN_ARREARS)
        if value == LoanStatus.CURRENT:
            return queryset.open().filter(~IN_ARREARS)
        if value == LoanStatus.REPAID:
            return queryset.filter(repaid_on__isnull=False)
        if value == LoanStatus.WRITTEN_OFF:
            return queryset.filter(written_off_on__isnull=False)
        return queryset


class ScheduleInline(admin.TabularInline):
    model = ScheduledPayment
    extra = 0
    fields = ("number", "due_on", "principal_due", "interest_due")
    readonly_fields = fields
    can_delete = False
    classes = ("collapse",)

    def has_add_permission(self, request, obj=None):
        return False


class RepaymentFormSet(forms.BaseInlineFormSet):
    """New repayments are checked one after another against what is outstanding."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        pending = (0, 0)
        for form in self.forms:
            if form.instance.pk or not form.has_changed() or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            try:
                services.check_repayment(
                    self.instance,
                    paid_on=data.get("paid_on"),
                    principal=data.get("principal") or 0,
                    interest=data.get("interest") or 0,
                    pending=pending,
                )
            except ValidationError as error:
                raise ValidationError(error.messages) from error
            pending = (
                pending[0] + (data.get("principal") or 0),
                pending[1] + (data.get("interest") or 0),
            )


class RepaymentInline(admin.TabularInline):
    model = Repayment
    formset = RepaymentFormSet
    extra = 1
    fields = ("paid_on", "principal", "interest", "recorded_by")
    readonly_fields = ("recorded_by",)
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False  # a recorded repayment stays as it was recorded


class LoanForm(forms.ModelForm):
    class Meta:
        model = Loan
        fields = (
            "programme",
            "borrower",
            "unit",
            "purpose",
            "jobs_created",
            "principal",
            "term_months",
            "disbursed_on",
        )

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the form's values
        if self.instance.pk is None and not self.errors:
            try:
                services.check_loan(self.instance)
            except ValidationError as error:
                add_errors(self, error)


@admin.register(Loan)
class LoanAdmin(SimpleHistoryAdmin):
    form = LoanForm
    list_display = (
        "borrower",
        "unit",
        "principal_shown",
        "disbursed_on",
        "matures_on",
        "balance_shown",
        "overdue_shown",
        "status_shown",
    )
    list_filter = (LoanStatusFilter, "programme", ("unit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("borrower", "unit")
    search_fields = ("borrower__full_name", "purpose")
    raw_id_fields = ("borrower", "unit")
    inlines = [RepaymentInline, ScheduleInline]
    readonly_fields = (
        "monthly_rate",
        "matures_on",
        "repaid_on",
        "written_off_on",
        "written_off_reason",
        "recorded_by",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_position()

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # The schedule was written from these: a loan is not re-written, only repaid.
        return (
            "programme",
            "borrower",
            "unit",
            "principal",
            "term_months",
            "disbursed_on",
            *self.readonly_fields,
        )

    @admin.display(description=gettext_lazy("principal"), ordering="principal")
    def principal_shown(self, obj):
        return format_money(obj.principal)

    @admin.display(description=gettext_lazy("balance"), ordering="balance")
    def balance_shown(self, obj):
        return format_money(obj.balance)

    @admin.display(description=gettext_lazy("overdue"), ordering="overdue_amount")
    def overdue_shown(self, obj):
        if not obj.overdue_since or obj.repaid_on or obj.written_off_on:
            return "—"
        return _("%(amount)s, %(days)d days") % {
            "amount": format_money(obj.overdue_amount),
            "days": obj.overdue_days(),
        }

    @admin.display(description=gettext_lazy("status"))
    def status_shown(self, obj):
        return LoanStatus(obj.status_on()).label

    def save_model(self, request, obj, form, change):
        if not change:
            services.create_loan(loan=obj, user=request.user)
        else:
            obj.save()

    def save_formset(self, request, form, formset, change):
        if formset.model is not Repayment:
            return super().save_formset(request, form, formset, change)
        for repayment in formset.save(commit=False):
            if repayment.pk is None:
                services.record_repayment(
                    loan=form.instance,
                    paid_on=repayment.paid_on,
                    principal=repayment.principal,
                    interest=repayment.interest,
                    user=request.user,
                )
        return None


# ---------------------------------------------------------------------------------------
# Partners


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    formfield_overrides = {
        **IMAGE_FORM_FIELD_OVERRIDES,
        models.URLField: {"assume_scheme": "https"},
    }
    list_display = ("name", "field", "offer", "commune", "valid_until", "is_public")
    list_filter = ("field", "is_public", "province")
    search_fields = ("name", "offer", "commune")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["slug"].required = False
        form.base_fields["slug"].help_text = _("Made from the name when left empty.")
        return form

    def save_model(self, request, obj, form, change):
        services.save_partner(partner=obj, user=request.user)
