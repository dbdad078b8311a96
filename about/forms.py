"""The contact form: the fields a visitor fills in; the rules are in
about.services.send_contact_message (email or phone, lengths, links, the rate limit)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from federation.text import format_number


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please give your name.")},
    )
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
    subject = forms.CharField(
        label=_("Subject"), error_messages={"required": _("Please give a subject.")}
    )
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Please write your message.")},
    )
    # Hidden from people and from screen readers (templates/about/contact.html); a robot
    # that fills every field it finds fills this one too.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = _(
            "At most %(limit)s characters and %(links)s web addresses."
        ) % {
            "limit": format_number(settings.CONTACT_MESSAGE_MAX_LENGTH),
            "links": settings.CONTACT_MAX_LINKS,
        }

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(
                _(
                    "Your message was taken for an automatic one and was not sent: a field "
                    "meant to stay empty was filled in (some browsers fill it in by "
                    "themselves). Please send it again; what you typed is kept."
                )
            )
        return data
