"""Guards of the forms anyone may send without an account (the contact form of `about`,
a legal question of `qa`): written once here, used by each app's form and service.

- a honeypot field that people never see (`HoneypotForm`); a robot that fills every
  field it finds fills it too and is refused, with a message that lets a person whose
  browser filled it in send again;
- a length limit per field (`length_errors`);
- at most a few web addresses (`links_error`), to keep advertising out;
- a reply address that works: an email address or a phone number (`reply_address_errors`);
- a rate limit per client address (`check_rate`, counted in the cache through
  `federation.services.address_within_limit`; the address comes from
  `federation.net.client_ip`).

No external CAPTCHA service. Refusals are Vietnamese messages; the caller raises them as
a `ValidationError`, so a form shows them beside its fields with everything typed kept.
"""

import re
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from federation.services import address_within_limit
from federation.text import format_number

_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9 .()-]{8,20}$")

# The name of the field people never see (templates hide it from eyes and screen readers).
HONEYPOT_FIELD = "website"


class HoneypotForm(forms.Form):
    """A form with the hidden field a robot fills in; refused with a message if it is."""

    website = forms.CharField(label=gettext_lazy("Leave this field empty"), required=False)

    def clean(self):
        data = super().clean()
        if data.get(HONEYPOT_FIELD):
            raise ValidationError(
                _(
                    "Your message was taken for an automatic one and was not sent: a field "
                    "meant to stay empty was filled in (some browsers fill it in by "
                    "themselves). Please send it again; what you typed is kept."
                )
            )
        return data


def count_links(text: str) -> int:
    """Addresses in a text: what starts with http://, https:// or www."""
    return len(_LINK.findall(text or ""))


def length_errors(limits: dict[str, tuple[str, int]]) -> dict[str, str]:
    """{field: message} for each `field: (value, limit)` whose value is longer than its limit."""
    errors = {}
    for key, (value, limit) in limits.items():
        if len(value) > limit:
            errors[key] = _(
                "Too long: at most %(limit)s characters (it has %(length)s). "
                "Please shorten it; what you typed is kept below."
            ) % {
                "limit": format_number(limit),
                "length": format_number(len(value)),
            }
    return errors


def links_error(texts, limit: int) -> str | None:
    """The refusal for texts holding more than `limit` web addresses, or None."""
    links = count_links(" ".join(texts))
    if links <= limit:
        return None
    return ngettext(
        "Your message holds %(count)s web addresses; at most %(limit)s is allowed, "
        "to keep advertising out. Please remove some.",
        "Your message holds %(count)s web addresses; at most %(limit)s are allowed, "
        "to keep advertising out. Please remove some.",
        limit,
    ) % {"count": links, "limit": limit}


def reply_address_errors(email: str, phone: str) -> dict[str, str]:
    """An email address or a phone number, or both, each well formed."""
    errors = {}
    if not email and not phone:
        errors["email"] = _("Give an email address or a phone number, so that we can answer you.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("This email address does not look right.")
    if phone and (not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 8):
        errors["phone"] = _(
            "This phone number does not look right: write its digits, e.g. 0215 3825 168."
        )
    return errors


def check_rate(address: str, scope: str, *, limit: int, window: timedelta) -> None:
    """Count one more sending from `address` in `scope`; refused once it passes `limit`."""
    if not address_within_limit(address, scope, limit=limit, window=window):
        raise ValidationError(
            _(
                "Several messages have been sent from your connection in a short time. "
                "Please wait an hour and send it again, or call us."
            )
        )
