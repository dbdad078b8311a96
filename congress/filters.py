"""The filters of the public congress list (django-filter); every choice is kept in the URL."""

import django_filters
from django.utils.translation import gettext_lazy as _

from congress.models import Congress
from federation.forms import CHOICE_ERRORS
from members.models import UnitKind


def _terms() -> list[tuple[str, str]]:
    """The terms public congresses have, newest first: ("2023-2028", "2023–2028")."""
    terms = (
        Congress.objects.public()
        .order_by("-term_start", "-term_end")
        .values_list("term_start", "term_end")
        .distinct()
    )
    return [(f"{start}-{end}", f"{start}–{end}") for start, end in terms]


class CongressFilter(django_filters.FilterSet):
    level = django_filters.ModelChoiceFilter(
        label=_("Level"),
        field_name="unit__kind",
        queryset=UnitKind.objects.filter(unit__congresses__is_public=True).distinct(),
        empty_label=_("All levels"),
        error_messages=CHOICE_ERRORS,
    )
    term = django_filters.ChoiceFilter(
        label=_("Term"),
        method="filter_term",
        empty_label=_("All terms"),
        error_messages={"invalid_choice": _("Choose a term from the list.")},
    )

    class Meta:
        model = Congress
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["term"].extra["choices"] = _terms()

    def filter_term(self, queryset, name, value):
        start, _dash, end = value.partition("-")
        return queryset.filter(term_start=int(start), term_end=int(end))
