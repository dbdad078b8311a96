from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Document library")

    def ready(self):
        from documents import blocks
        from documents.models import Document, DocumentFile, DocumentType, Field, Issuer, Signer
        from documents.search import DocumentSearch
        from documents.sitemaps import DocumentSitemap
        from federation import demo, home, pagecache, search, sitemaps

        for block in blocks.HOME_BLOCKS:
            home.register_home_block(block)
        search.register_search_provider("documents", DocumentSearch())
        sitemaps.register_sitemap("documents", DocumentSitemap)
        pagecache.invalidate_on_change(Document, DocumentFile, DocumentType, Issuer, Field, Signer)
        post_delete.connect(_forget_file, sender=DocumentFile, dispatch_uid="documents-forget-file")
        demo.watch_for_real_content(Document)
        demo.register_demo_step(demo.DemoStep(name="documents", run=_seed_documents, order=30))


def _forget_file(sender, instance, **kwargs):
    from documents.services import forget_stored_file

    forget_stored_file(instance.file.name)


def _seed_documents(stdout, **options):
    from documents.seed import seed_documents

    seed_documents(stdout, **options)
