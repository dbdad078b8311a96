from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "qa"
    verbose_name = _("Legal Q&A")
    url_prefix = "hoi-dap/"

    def ready(self):
        from federation import demo, home, menu, pagecache, roles, search, sitemaps
        from qa import blocks
        from qa.models import Question, Topic
        from qa.roles import GRANTS
        from qa.search import QaSearch
        from qa.sitemaps import QaPagesSitemap, QuestionSitemap

        roles.grant_roles(GRANTS)
        # After the welfare programmes (40), before the figures (50).
        menu.register_menu_item(menu.MenuItem(_("Legal Q&A"), "qa:index", order=45))
        for block in blocks.HOME_BLOCKS:
            home.register_home_block(block)
        search.register_search_provider("qa", QaSearch())
        sitemaps.register_sitemap("qa", QuestionSitemap)
        sitemaps.register_sitemap("qa-pages", QaPagesSitemap)
        # Views are counted with update(), which sends no signal: a counter never empties
        # the page cache; ratings show to their voter at once (the voter's cookie). A question
        # counts once it has been published (withdrawing it changes pages too); one just asked
        # changes no public page, so visitors asking do not empty the cache.
        pagecache.invalidate_on_change(Topic)
        post_save.connect(_public_change, sender=Question, dispatch_uid="qa-page-cache")
        post_delete.connect(_public_change, sender=Question, dispatch_uid="qa-page-cache-del")
        demo.watch_for_real_content(Question)
        # After the documents (30) it cites and the about pages (70).
        demo.register_demo_step(demo.DemoStep(name="qa", run=_seed_qa, order=75))


def _public_change(sender, instance, **kwargs):
    from federation import pagecache

    if instance.published_at is not None:
        pagecache.invalidate()


def _seed_qa(stdout, **options):
    from qa.seed import seed_qa

    seed_qa(stdout, **options)
