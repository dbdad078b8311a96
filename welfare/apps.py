from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = _("Welfare programmes")

    def ready(self):
        from federation import roles
        from welfare.roles import GRANTS

        roles.grant_roles(GRANTS)
