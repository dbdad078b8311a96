"""What every template knows: the federation's profile and the main menu."""

from django.conf import settings
from django.utils.translation import get_language

from federation.menu import language_choices, main_menu
from federation.models import SiteProfile


def portal(request):
    return {
        "federation": SiteProfile.current(),
        "main_menu": main_menu(request.path),
        "language_choices": language_choices(get_language()),
        "admin_url": "/" + settings.ADMIN_URL,
    }
