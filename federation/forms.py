"""Portal-wide forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from federation.search import MAX_QUERY_LENGTH, MIN_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        min_length=MIN_QUERY_LENGTH,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Type a word or a document number to search for."),
            "min_length": _("Type at least %(limit_value)d characters."),
            "max_length": _("The search is too long: at most %(limit_value)d characters."),
        },
    )
