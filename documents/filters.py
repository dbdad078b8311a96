"""The filters of the document list (django-filter); every choice is kept in the URL."""

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Document, DocumentType, Field, Issuer, Signer, Status
from federation.forms import CHOICE_ERRORS
from federation.search import MAX_QUERY_LENGTH

SORTS = {
    "moi-dang": (_("Newest posted"), ("-posted_at", "-id")),
    "ngay-ban-hanh": (_("Issue date"), ("-issued_on", "-id")),
    "xem-nhieu": (_("Most viewed"), ("-views", "-id")),
    "tai-nhieu": (_("Most downloaded"), ("-downloads", "-id")),
}
DEFAULT_SORT = "moi-dang"
YEARS_CACHE_KEY = "documents:first-year"


def first_year() -> int:
    """The year of the oldest document, so the year list offers only years that can match."""
    year = cache.get(YEARS_CACHE_KEY)
    if year is None:
        oldest = Document.objects.filter(issued_year__gt=0).aggregate(Min("issued_year"))
        year = oldest["issued_year__min"] or timezone.localdate().year
        cache.set(YEARS_CACHE_KEY, year, 3600)
    return year


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Number or summary"),
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. 92/CT-UBND")}),
        error_messages={
            "max_length": _("The search text is too long (at most %(limit_value)d characters).")
        },
    )
    type = django_filters.ModelChoiceFilter(
        label=_("Type"),
        queryset=DocumentType.objects.all(),
        empty_label=_("All types"),
        error_messages=CHOICE_ERRORS,
    )
    issuer = django_filters.ModelChoiceFilter(
        label=_("Issuing body"),
        queryset=Issuer.objects.all(),
        empty_label=_("All issuing bodies"),
        error_messages=CHOICE_ERRORS,
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field"),
        field_name="fields",
        queryset=Field.objects.all(),
        empty_label=_("All fields"),
        error_messages=CHOICE_ERRORS,
    )
    signer = django_filters.ModelChoiceFilter(
        label=_("Signer"),
        queryset=Signer.objects.all(),
        empty_label=_("All signers"),
        error_messages=CHOICE_ERRORS,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year issued"),
        method="filter_year",
        empty_label=_("All years"),
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        method="filter_status",
        empty_label=_("Any status"),
        error_messages=CHOICE_ERRORS,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        method="sort_by",
        empty_label=None,
        null_label=None,
        error_messages=CHOICE_ERRORS,
    )

    class Meta:
        model = Document
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.filters["year"].extra["choices"] = [
            (str(year), str(year)) for year in range(this_year + 1, first_year() - 1, -1)
        ]
        self.form.fields["sort"].required = False

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)

    def filter_year(self, queryset, name, value):
        # A date range, which the index on the issue date answers.
        return queryset.filter(issued_on__year=int(value))

    def filter_status(self, queryset, name, value):
        return queryset.with_status_in(value)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS[value or DEFAULT_SORT][1])

    @property
    def qs(self):
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            queryset = queryset.order_by(*SORTS[DEFAULT_SORT][1])
        return queryset
