"""The filters of the question archive (django-filter): topic and order, kept in the URL."""

import django_filters
from django.utils.translation import gettext_lazy as _

from federation.forms import CHOICE_ERRORS
from qa.models import Question, Topic

SORTS = {
    "moi-nhat": (_("Newest"), ("-published_at", "-pk")),
    "xem-nhieu": (_("Most read"), ("-views", "-published_at", "-pk")),
}
DEFAULT_SORT = "moi-nhat"


class QuestionFilter(django_filters.FilterSet):
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
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
        model = Question
        fields = []

    def __init__(self, *args, topic=None, **kwargs):
        super().__init__(*args, **kwargs)
        if topic is not None:
            # On a topic's own page the topic is in the address, not a choice.
            del self.filters["topic"]
        self.form.fields["sort"].required = False

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS[value or DEFAULT_SORT][1])

    @property
    def qs(self):
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            queryset = queryset.order_by(*SORTS[DEFAULT_SORT][1])
        return queryset
