"""The question form and the rating form; the rules are in qa.services.ask_question
(lengths, links, a reply address, the rate limit), the honeypot in
federation.antispam.HoneypotForm (shared with the contact form)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from federation.antispam import HoneypotForm
from federation.forms import CHOICE_ERRORS
from federation.text import format_number
from qa.models import Topic


class QuestionForm(HoneypotForm):
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        empty_label=_("Choose a topic"),
        error_messages={"required": _("Choose the topic your question is about."), **CHOICE_ERRORS},
    )
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 9}),
        error_messages={"required": _("Please write your question.")},
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    publish_name = forms.BooleanField(label=_("Show my name with the question"), required=False)
    email = forms.CharField(
        label=_("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    # The honeypot `website` comes from HoneypotForm; templates/qa/ask.html hides it from
    # people and from screen readers.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "Tell what happened and what you want to know: your work, your contract, the dates. "
            "At most %(limit)s characters and %(links)s web addresses. Staff remove names and "
            "other personal details before an answer is published."
        ) % {
            "limit": format_number(settings.QA_QUESTION_MAX_LENGTH),
            "links": settings.QA_MAX_LINKS,
        }
        self.fields["name"].help_text = _("Optional. Shown only if you tick the box below.")
        self.fields["email"].help_text = _(
            "Where we send the answer. Never published; an email address or a phone is needed."
        )


class RatingForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Was this answer useful?"),
        choices=[("1", _("Useful")), ("0", _("Not useful"))],
        coerce=lambda value: value == "1",
        error_messages={
            "required": _("Choose “Useful” or “Not useful”."),
            "invalid_choice": _("Choose “Useful” or “Not useful”."),
        },
    )
