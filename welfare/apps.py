from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = _("Welfare programmes")
    url_prefix = ""  # its URLs spell out /phuc-loi/… and the officer area's /co-so/phuc-loi/…

    def ready(self):
        from federation import roles
        from welfare.roles import GRANTS

        roles.grant_roles(GRANTS)

        # The welfare figures of a union's periodic report come from approved grants.
        from members.services.figures import register_report_source
        from welfare.reports import WELFARE_SOURCE

        register_report_source(WELFARE_SOURCE)
