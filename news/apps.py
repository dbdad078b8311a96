from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from federation import demo, home, pagecache, search, sitemaps
        from news import blocks
        from news.models import Article, Category, Comment, Photo, Tag
        from news.search import NewsSearch
        from news.sitemaps import ArticleSitemap, CategorySitemap

        for block in blocks.HOME_BLOCKS:
            home.register_home_block(block)
        search.register_search_provider("news", NewsSearch())
        sitemaps.register_sitemap("news", ArticleSitemap)
        sitemaps.register_sitemap("news-categories", CategorySitemap)
        pagecache.invalidate_on_change(Article, Category, Tag, Photo, Comment)
        demo.watch_for_real_content(Article)
        demo.watch_for_real_content(Category)
        demo.register_demo_step(demo.DemoStep(name="news", run=_seed_news, order=20))


def _seed_news(stdout, **options):
    from news.seed import seed_news

    seed_news(stdout, **options)
