from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = _("Welfare programmes")
    url_prefix = ""  # its URLs spell out /phuc-loi/… and the officer area's /co-so/phuc-loi/…

    def ready(self):
        from django.db.models.signals import m2m_changed

        from federation import demo, home, menu, pagecache, roles, search, sitemaps
        from welfare import blocks
        from welfare.models import (
            FundingSource,
            HousingAid,
            HousingPhoto,
            Partner,
            Programme,
            ProgrammeKind,
            StandardAmount,
        )
        from welfare.roles import GRANTS
        from welfare.search import PartnerSearch, ProgrammeSearch
        from welfare.sitemaps import ProgrammeSitemap, WelfarePagesSitemap

        roles.grant_roles(GRANTS)
        # Between the congresses (30) and the figures (50).
        menu.register_menu_item(menu.MenuItem(_("Welfare"), "welfare:index", order=40))
        for block in blocks.HOME_BLOCKS:
            home.register_home_block(block)
        search.register_search_provider("welfare", ProgrammeSearch())
        search.register_search_provider("welfare-partners", PartnerSearch())
        sitemaps.register_sitemap("welfare", ProgrammeSitemap)
        sitemaps.register_sitemap("welfare-pages", WelfarePagesSitemap)
        # What the public pages show of a programme and the partners. The grants are not
        # here: approvals come in bursts, and the totals may lag by a kept page's lifetime.
        pagecache.invalidate_on_change(
            ProgrammeKind,
            Programme,
            StandardAmount,
            FundingSource,
            HousingAid,
            HousingPhoto,
            Partner,
        )
        for through in (Programme.documents.through, Programme.articles.through):
            m2m_changed.connect(
                pagecache.invalidate, sender=through, dispatch_uid=f"page-cache-{through._meta}"
            )
        demo.watch_for_real_content(Programme)
        # After the register (40), the news (50) and the documents (30) it links, and the
        # congresses (60): the grants name the register's members.
        demo.register_demo_step(demo.DemoStep(name="welfare", run=_seed_welfare, order=65))

        # The welfare figures of a union's periodic report come from approved grants.
        from members.services.figures import register_report_source
        from welfare.reports import WELFARE_SOURCE

        register_report_source(WELFARE_SOURCE)


def _seed_welfare(stdout, **options):
    from welfare.seed import seed_welfare

    seed_welfare(stdout, **options)
