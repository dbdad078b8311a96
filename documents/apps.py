from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Document library")
    url_prefix = "van-ban/"

    def ready(self):
        from documents import blocks
        from documents.models import Document, DocumentFile, DocumentType, Field, Issuer, Signer
        from documents.roles import GRANTS
        from documents.search import DocumentSearch
        from documents.sitemaps import DocumentSitemap
        from federation import demo, home, menu, pagecache, roles, search, sitemaps

        roles.grant_roles(GRANTS)
        menu.register_menu_item(menu.MenuItem(_("Documents"), "documents:index", order=20))
        for block in blocks.HOME_BLOCKS:
            home.register_home_block(block)
        search.register_search_provider("documents", DocumentSearch())
        sitemaps.register_sitemap("documents", DocumentSitemap)
        pagecache.invalidate_on_change(Document, DocumentFile, DocumentType, Issuer, Field, Signer)
        demo.watch_for_real_content(Document)
        demo.register_demo_step(demo.DemoStep(name="documents", run=_seed_documents, order=30))


def _seed_documents(stdout, **options):
    from documents.seed import seed_documents

    seed_documents(stdout, **options)
