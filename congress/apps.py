from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Congresses")
    url_prefix = ""  # its URLs spell out /dai-hoi/… and the officer area's /co-so/dai-hoi/…

    def ready(self):
        from congress.models import Congress
        from congress.roles import GRANTS
        from federation import demo, roles

        roles.grant_roles(GRANTS)
        demo.watch_for_real_content(Congress)
        # After the documents (30), the register (40) and the news (50): the congresses
        # draw their delegates from the register and link those documents and stories.
        demo.register_demo_step(demo.DemoStep(name="congress", run=_seed_congress, order=60))


def _seed_congress(stdout, **options):
    from congress.seed import seed_congress

    seed_congress(stdout, **options)
