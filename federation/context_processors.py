"""What every template knows: the federation's profile and the main menu."""

from django.conf import settings

from federation.menu import main_menu
from federation.models import SiteProfile


def portal(request):
    return {
        "site": SiteProfile.current(),
        "main_menu": main_menu(request.path),
        "admin_url": "/" + settings.ADMIN_URL,
    }
