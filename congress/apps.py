from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Congresses")
    url_prefix = ""  # its URLs spell out /dai-hoi/… and the officer area's /co-so/dai-hoi/…

    def ready(self):
        from congress.roles import GRANTS
        from federation import roles

        roles.grant_roles(GRANTS)
