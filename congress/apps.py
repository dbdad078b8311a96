from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Congresses")
    url_prefix = ""  # its URLs spell out /dai-hoi/… and the officer area's /co-so/dai-hoi/…

    def ready(self):
        from congress import blocks
        from congress.models import (
            Ballot,
            Candidate,
            Congress,
            CongressDocument,
            Delegate,
            Position,
            Season,
            Session,
            Subcommittee,
            Target,
            TargetProgress,
        )
        from congress.roles import GRANTS
        from congress.search import CongressSearch
        from congress.sitemaps import CongressSitemap
        from federation import demo, home, menu, pagecache, roles, search, sitemaps

        roles.grant_roles(GRANTS)
        # Between the documents (20) and the figures (50).
        menu.register_menu_item(menu.MenuItem(_("Congresses"), "congress:index", order=30))
        for block in blocks.HOME_BLOCKS:
            home.register_home_block(block)
        search.register_search_provider("congress", CongressSearch())
        sitemaps.register_sitemap("congress", CongressSitemap)
        # What the public pages show: a congress and its parts, the season's progress.
        pagecache.invalidate_on_change(
            Congress,
            Session,
            Subcommittee,
            CongressDocument,
            Target,
            TargetProgress,
            Delegate,
            Ballot,
            Candidate,
            Position,
            Season,
        )
        demo.watch_for_real_content(Congress)
        # After the documents (30), the register (40) and the news (50): the congresses
        # draw their delegates from the register and link those documents and stories.
        demo.register_demo_step(demo.DemoStep(name="congress", run=_seed_congress, order=60))


def _seed_congress(stdout, **options):
    from congress.seed import seed_congress

    seed_congress(stdout, **options)
