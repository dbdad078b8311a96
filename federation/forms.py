"""Portal-wide forms."""

from django import forms
from django.core.exceptions import ValidationError
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


# For choice filters and fields whose value arrives in a URL: a clear word, in Vietnamese.
CHOICE_ERRORS = {"invalid_choice": _("There is no such choice; pick one from the list.")}


def error_text(error) -> str:
    """The messages of a refusal as one line, for a flash message or an admin notice."""
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def add_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: beside its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def filtered(filterset):
    """The filtered rows and the status: a malformed query gets no guessed rows and a 400."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none(), 400
    return filterset.qs, 200
