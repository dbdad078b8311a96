from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    name = "about"
    verbose_name = _("About the federation")
    url_prefix = ""  # its URLs spell out /gioi-thieu/…, /lien-he/ and /lich-cong-tac/

    def ready(self):
        from about import blocks
        from about.models import Banner, Department, Link, Page, ScheduleItem, ScheduleWeek
        from about.roles import GRANTS
        from about.search import AboutSearch
        from about.services import menu_children
        from about.sitemaps import AboutPagesSitemap, AboutSitemap
        from federation import demo, home, menu, pagecache, roles, search, sitemaps
        from members.models import Leader

        roles.grant_roles(GRANTS)
        # First after the home page (0), before the news (10).
        menu.register_menu_item(
            menu.MenuItem(_("About us"), "about:index", order=5, children=menu_children)
        )
        menu.register_menu_item(menu.MenuItem(_("Contact"), "about:contact", order=90))
        for block in blocks.HOME_BLOCKS:
            home.register_home_block(block)
        search.register_search_provider("about", AboutSearch())
        sitemaps.register_sitemap("about", AboutSitemap)
        sitemaps.register_sitemap("about-pages", AboutPagesSitemap)
        # The leadership page shows Leader rows; install_leadership writes them in bulk
        # (no signal), so a new committee shows within PAGE_CACHE_SECONDS.
        pagecache.invalidate_on_change(
            Page, Department, ScheduleWeek, ScheduleItem, Link, Banner, Leader
        )
        demo.watch_for_real_content(Page)
        demo.watch_for_real_content(ScheduleWeek)
        # After the register (40), the news (50) and the congresses: the leadership the
        # congress demo installs only gets its portraits here.
        demo.register_demo_step(demo.DemoStep(name="about", run=_seed_about, order=70))


def _seed_about(stdout, **options):
    from about.seed import seed_about

    seed_about(stdout, **options)
