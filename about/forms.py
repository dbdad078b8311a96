"""The contact form: the fields a visitor fills in; the rules are in
about.services.send_contact_message (email or phone, lengths, links, the rate limit), the
honeypot in federation.antispam.HoneypotForm (shared with the legal questions)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from federation.antispam import HoneypotForm
from federation.text import format_number


class ContactForm(HoneypotForm):
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
    # The honeypot `website` comes from HoneypotForm; templates/about/contact.html hides it
    # from people and from screen readers.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = _(
            "At most %(limit)s characters and %(links)s web addresses."
        ) % {
            "limit": format_number(settings.CONTACT_MESSAGE_MAX_LENGTH),
            "links": settings.CONTACT_MAX_LINKS,
        }
