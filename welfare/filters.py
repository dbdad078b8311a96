"""The filters of the public welfare pages (django-filter); every choice is kept in the URL.

A value that is not one of the choices (a kind that does not exist, a year typed by hand,
a field or an area no partner has) makes the filter invalid: the page answers 400 with a
Vietnamese message beside the choice, never a guessed list and never an error page.
"""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.forms import CHOICE_ERRORS
from welfare.models import Partner, Programme, ProgrammeKind


def _years() -> list[tuple[str, str]]:
    """The years public programmes have, newest first."""
    years = Programme.objects.public().order_by("-year").values_list("year", flat=True).distinct()
    return [(str(year), str(year)) for year in years]


class ProgrammeFilter(django_filters.FilterSet):
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind of programme"),
        queryset=ProgrammeKind.objects.all(),
        to_field_name="slug",
        empty_label=_("All kinds"),
        error_messages=CHOICE_ERRORS,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        method="filter_year",
        empty_label=_("All years"),
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )

    class Meta:
        model = Programme
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _years()

    def filter_year(self, queryset, name, value):
        return queryset.filter(year=int(value))


def _areas(field: str, day) -> list[tuple[str, str]]:
    """The provinces (or communes) of the offers shown today, in alphabetical order."""
    values = (
        Partner.objects.public(day)
        .exclude(**{field: ""})
        .order_by(field)
        .values_list(field, flat=True)
        .distinct()
    )
    return [(value, value) for value in values]


class PartnerFilter(django_filters.FilterSet):
    field = django_filters.ChoiceFilter(
        label=_("Field"),
        choices=Partner.Field.choices,
        empty_label=_("All fields"),
        error_messages=CHOICE_ERRORS,
    )
    province = django_filters.ChoiceFilter(
        label=_("Province"),
        empty_label=_("All provinces"),
        error_messages={"invalid_choice": _("Choose a province from the list.")},
    )
    commune = django_filters.ChoiceFilter(
        label=_("Commune or ward"),
        empty_label=_("All communes and wards"),
        error_messages={"invalid_choice": _("Choose a commune or ward from the list.")},
    )

    class Meta:
        model = Partner
        fields = []

    def __init__(self, *args, day=None, **kwargs):
        super().__init__(*args, **kwargs)
        day = day or timezone.localdate()
        self.filters["province"].extra["choices"] = _areas("province", day)
        self.filters["commune"].extra["choices"] = _areas("commune", day)
