"""Accounts of staff and officers: how a person is named, password change and reset.

Users are named the Vietnamese way: the family and middle names are kept as first_name
("Lò Văn"), the given name as last_name ("Thắng"), so the full name reads first + last.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from federation.models import SiteProfile
from federation.net import client_ip
from federation.services import address_within_limit


def full_name(user) -> str:
    """ "Lò Văn Thắng": family, middle and given name; the username when none is stored."""
    name = " ".join(part for part in (user.first_name.strip(), user.last_name.strip()) if part)
    return name or user.get_username()


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by email, at most PASSWORD_RESETS_PER_ADDRESS requests per address.

    The answer is the same whether an account has the address or not; a refusal for too
    many requests comes before the address is looked up, so it tells nothing either.
    """

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def get_extra_email_context(self):
        return {"federation_name": SiteProfile.current().full_name}

    def dispatch(self, request, *args, **kwargs):
        self.extra_email_context = self.get_extra_email_context()
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if not address_within_limit(
            client_ip(self.request),
            "password-reset",
            limit=settings.PASSWORD_RESETS_PER_ADDRESS,
            window=settings.PASSWORD_RESET_WINDOW,
        ):
            form.add_error(
                None,
                _("Several password resets were asked from this address. Please wait a while."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
