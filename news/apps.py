from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    url_prefix = "tin-tuc/"

    def ready(self):
        from federation import demo, home, menu, pagecache, roles, search, sitemaps
        from news import blocks
        from news.models import Article, Category, Comment, Photo, Tag
        from news.roles import GRANTS
        from news.search import NewsSearch
        from news.sitemaps import ArticleSitemap, CategorySitemap

        roles.grant_roles(GRANTS)
        menu.register_menu_item(menu.MenuItem(_("News"), "news:index", order=10))
        for block in blocks.HOME_BLOCKS:
            home.register_home_block(block)
        search.register_search_provider("news", NewsSearch())
        sitemaps.register_sitemap("news", ArticleSitemap)
        sitemaps.register_sitemap("news-categories", CategorySitemap)
        pagecache.invalidate_on_change(Article, Category, Tag, Photo, Comment)
        demo.watch_for_real_content(Article)
        demo.watch_for_real_content(Category)
        # After the register (40): a story that states a union's size reads it from there.
        demo.register_demo_step(demo.DemoStep(name="news", run=_seed_news, order=50))


def _seed_news(stdout, **options):
    from news.seed import seed_news

    seed_news(stdout, **options)
